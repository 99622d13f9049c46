package normalize

import (
	"bytes"
	"testing"

	"github.com/framelens/framelens/internal/extracteval"
	"golang.org/x/net/html"
)

// The speed target of issue 4 is a ratio: parse + extract over the
// benchmark pages must take at most 1.7x the time of html.Parse alone, in
// the same run. Compare BenchmarkParse and BenchmarkExtract:
//
//	go test -run '^$' -bench 'Parse|Extract' -benchmem -cpu 1 ./normalize

func mustBenchPages(b *testing.B) []extracteval.Page {
	b.Helper()
	pages, err := extracteval.Load(mustBenchDir(b))
	if err != nil {
		b.Fatal(err)
	}
	return pages
}

// BenchmarkParse parses every benchmark page with html.Parse; one op is the
// whole set of pages.
func BenchmarkParse(b *testing.B) {
	pages := mustBenchPages(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			if _, err := html.Parse(bytes.NewReader(p.HTML)); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages)), "ns/page")
}

// BenchmarkExtract runs BodyText (decode, parse, extract) on every benchmark
// page; one op is the whole set.
func BenchmarkExtract(b *testing.B) {
	pages := mustBenchPages(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			if _, err := BodyText(p.HTML, p.URL); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages)), "ns/page")
}
