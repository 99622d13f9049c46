package crawl

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/framelens/framelens"
)

// benchArticles is the size of the synthetic site of BenchmarkReplayCrawl:
// article pages listed 50 to a section page.
const benchArticles = 2000

// mustSyntheticWARC writes a WARC holding a synthetic site of n article
// pages (about 6 KB of HTML each) and n/50 section pages linking to them,
// and returns its path and the study that crawls it.
func mustSyntheticWARC(tb testing.TB, n int) (string, *framelens.Study) {
	tb.Helper()
	dir := tb.TempDir()
	w := newWARCWriter(dir, "bench", DefaultMaxWARCSize, time.Now, warcInfo{Software: "framelens/bench"})
	para := strings.Repeat("Officials met again to discuss the future of the treaty and the missiles it bans. ", 12)
	put := func(u, body string) {
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		resp := &http.Response{StatusCode: 200, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
			Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, ContentLength: int64(len(body))}
		q, r, err := buildPair(req, resp, []byte(body), false, "192.0.2.1", time.Now())
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.write(q, r); err != nil {
			tb.Fatal(err)
		}
	}
	sections := n / 50
	for s := 1; s <= sections; s++ {
		var b strings.Builder
		fmt.Fprintf(&b, "<html><head><title>List %d</title></head><body><ul>", s)
		for a := (s-1)*50 + 1; a <= s*50; a++ {
			fmt.Fprintf(&b, `<li><a class="item" href="/a/%d">Story %d</a></li>`, a, a)
		}
		b.WriteString("</ul>")
		if s < sections {
			fmt.Fprintf(&b, `<a rel="next" href="/list/%d">next</a>`, s+1)
		}
		b.WriteString("</body></html>")
		put(fmt.Sprintf("http://bench.example/list/%d", s), b.String())
	}
	for a := 1; a <= n; a++ {
		var b strings.Builder
		fmt.Fprintf(&b, `<html><head><title>Story %d on the INF Treaty</title><meta property="article:published_time" content="2019-02-01T10:00:00Z"></head><body><article>`, a)
		for range 6 {
			b.WriteString("<p>" + para + "</p>")
		}
		b.WriteString("</article></body></html>")
		put(fmt.Sprintf("http://bench.example/a/%d", a), b.String())
	}
	files := w.Files()
	if err := w.close(); err != nil {
		tb.Fatal(err)
	}
	study := &framelens.Study{
		ID: "bench", Window: framelens.Window{Start: "2018-10-01", End: "2019-08-31"}, Keywords: []string{"INF"},
		Outlets: []framelens.Outlet{{ID: "bench", Domains: []string{"bench.example"}, Discovery: framelens.Discovery{
			Sections:        []framelens.Section{{URL: "http://bench.example/list/1", Links: "a.item", MaxPages: sections}},
			ArticlePatterns: []string{`^http://bench\.example/a/\d+$`},
		}}},
	}
	return filepath.Join(dir, files[0]), study
}

// BenchmarkReplayCrawl crawls a synthetic site from a WARC through the
// whole path: colly, the decoder, the archive, politeness (no delay),
// retry and recorder layers, WARC writing, the relevance filter and the
// bbolt state. Rerun: go test -run='^$' -bench=ReplayCrawl -cpu=2 ./crawl
func BenchmarkReplayCrawl(b *testing.B) {
	warc, study := mustSyntheticWARC(b, benchArticles)
	rt, err := NewReplayTransport(warc)
	if err != nil {
		b.Fatal(err)
	}
	pages := benchArticles + benchArticles/50
	b.ReportAllocs()
	var total time.Duration
	for b.Loop() {
		dir, err := os.MkdirTemp(b.TempDir(), "run")
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		res, err := Run(context.Background(), Config{Study: study, Dir: dir, Transport: rt, Delay: -1,
			Logger: slog.New(slog.DiscardHandler), ToolVersion: "bench"})
		total += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		if res.Outlets[0].Kept != benchArticles {
			b.Fatalf("kept %d pages, want %d", res.Outlets[0].Kept, benchArticles)
		}
		os.RemoveAll(dir)
	}
	b.ReportMetric(float64(pages)*float64(b.N)/total.Seconds(), "pages/s")
}

// BenchmarkFrontier100k queues 100,000 URLs in the on-disk frontier and
// works through them as the crawler does, sampling the Go heap in use
// after GC; the peak is reported. The heap stays flat because the
// frontier and the seen set live in bbolt, not in maps.
// Rerun: go test -run='^$' -bench=Frontier100k ./crawl
func BenchmarkFrontier100k(b *testing.B) {
	const n = 100_000
	b.ReportAllocs()
	var peak uint64
	sample := func() {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapInuse)
	}
	for b.Loop() {
		st, err := openState(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < n; i += 1000 {
			err := st.db.Update(func(tx *bolt.Tx) error {
				for j := i; j < i+1000; j++ {
					u := fmt.Sprintf("https://www.outlet.example/world/2019/02/01/story-number-%07d-on-the-treaty", j)
					if _, err := enqueue(tx, item{URL: u, Outlet: "o", Kind: kindArticle, Via: "sitemap", From: "https://www.outlet.example/sitemap.xml"}); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			if i%20000 == 0 {
				sample()
			}
		}
		for i := 0; ; i++ {
			it, key, ok, err := st.next("o")
			if err != nil {
				b.Fatal(err)
			}
			if !ok {
				break
			}
			err = st.db.Update(func(tx *bolt.Tx) error { return finishItem(tx, it, key, false) })
			if err != nil {
				b.Fatal(err)
			}
			if i%20000 == 0 {
				sample()
			}
		}
		st.close()
	}
	b.ReportMetric(float64(peak)/(1<<20), "MiB-heap-peak")
}
