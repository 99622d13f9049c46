package datasets

import (
	"strings"

	"fmt"
	"github.com/framelens/framelens"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// benchArticles returns n articles with bodies of about 600 words drawn
// from a 5,000-word synthetic vocabulary with a Zipf distribution, so the
// text compresses about as well as real news does.
func benchArticles(n int) []framelens.Article {
	rng := rand.New(rand.NewPCG(3, 4))
	syll := []string{"ka", "ro", "ve", "min", "tra", "so", "lu", "de", "pol", "ar", "ne", "ist", "ty", "ga", "mo", "re"}
	vocab := make([]string, 5000)
	for i := range vocab {
		var w strings.Builder
		for range 1 + rng.IntN(4) {
			w.WriteString(syll[rng.IntN(len(syll))])
		}
		vocab[i] = w.String()
	}
	zipf := rand.NewZipf(rng, 1.1, 1, uint64(len(vocab)-1))
	arts := sampleArticles(n)
	for i := range arts {
		paras := make([]string, 12)
		for j := range paras {
			words := make([]string, 50)
			for k := range words {
				words[k] = vocab[zipf.Uint64()]
			}
			paras[j] = strings.Join(words, " ") + "."
		}
		arts[i].Paragraphs = paras
		arts[i].Text = arts[i].Title + "\n\n" + strings.Join(paras, "\n\n")
		arts[i].Words = 600
	}
	return arts
}

func BenchmarkWriteArticles(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		arts := benchArticles(n)
		for _, profile := range []string{"compat", "v2delta"} {
			b.Run(fmt.Sprintf("rows=%d/profile=%s", n, profile), func(b *testing.B) {
				b.ReportAllocs()
				var size int64
				for b.Loop() {
					tbl := Articles(arts)
					cw := newCountingWriter(io.Discard)
					opts := writerOptions(tbl.def, testMeta("bench"))
					if profile == "v2delta" {
						// parquet-go's defaults: data pages V2 and
						// DELTA_LENGTH_BYTE_ARRAY strings.
						opts = append(opts, parquet.DataPageVersion(2),
							parquet.DefaultEncodingFor(parquet.ByteArray, &parquet.DeltaLengthByteArray))
					}
					if err := tbl.def.write(cw, tbl.rows, opts); err != nil {
						b.Fatal(err)
					}
					size = cw.n
				}
				b.ReportMetric(float64(size), "file-bytes")
				b.ReportMetric(float64(size)/float64(n), "bytes/row")
			})
		}
	}
}

func BenchmarkReadArticles(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "a.parquet")
			if err := WriteTable(path, testMeta("bench"), Articles(benchArticles(n))); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ReadArticles(path); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkPublishAndValidate(b *testing.B) {
	arts := benchArticles(10000)
	atts := sampleAttributions(arts)
	b.Run("rows=10000", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			root := b.TempDir()
			i++
			if _, err := (&Publisher{Root: root, Logger: discard}).Publish(testMeta(fmt.Sprint("r", i)),
				Articles(arts), Attributions(atts, arts)); err != nil {
				b.Fatal(err)
			}
			if err := Validate(root); err != nil {
				b.Fatal(err)
			}
			os.RemoveAll(root)
		}
	})
}
