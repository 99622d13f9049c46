package analyze

import (
	"testing"

	"github.com/framelens/framelens"
	"github.com/framelens/framelens/internal/sample"
	"github.com/framelens/framelens/internal/studyfile"
)

// BenchmarkAttributions runs sentence segmentation and attribution over the
// texts of the sample corpus; MB/s counts article text.
func BenchmarkAttributions(b *testing.B) {
	study, err := studyfile.Default()
	if err != nil {
		b.Fatal(err)
	}
	gold, err := sample.Gold()
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	size := 0
	for _, g := range gold {
		if g.Article && g.Variant == "" {
			texts = append(texts, g.Text)
			size += len(g.Text)
		}
	}
	x := NewAttributionExtractor(study)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var buf []framelens.Attribution
	for b.Loop() {
		buf = buf[:0]
		for _, t := range texts {
			buf = x.Extract(buf, "id", t)
		}
	}
}

// BenchmarkSentences measures the segmenter alone on the same texts.
func BenchmarkSentences(b *testing.B) {
	gold, err := sample.Gold()
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	size := 0
	for _, g := range gold {
		if g.Article && g.Variant == "" {
			texts = append(texts, g.Text)
			size += len(g.Text)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var buf []Sentence
	for b.Loop() {
		for _, t := range texts {
			buf = AppendSentences(buf[:0], t)
		}
	}
}
