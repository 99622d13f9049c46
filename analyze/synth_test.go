package analyze

import (
	"flag"
	"fmt"
	"strings"
	"testing"
)

var synthLarge = flag.Bool("synth.large", false, "also run BenchmarkAnalyzeAll at 100000 synthetic articles")

func TestSynthesize(t *testing.T) {
	study := mustStudy(t)
	a := Synthesize(study, SynthConfig{N: 300, Seed: 7})
	b := Synthesize(study, SynthConfig{N: 300, Seed: 7})
	if len(a) != 300 {
		t.Fatalf("Synthesize gave %d articles, want 300", len(a))
	}
	outlets := map[string]bool{}
	for i := range a {
		if a[i].Text != b[i].Text || a[i].Published != b[i].Published {
			t.Fatalf("article %d differs between runs with the same seed", i)
		}
		if strings.ContainsAny(a[i].Text, "{}") {
			t.Fatalf("article %d has an unfilled slot: %q", i, a[i].Text)
		}
		outlets[a[i].Outlet] = true
	}
	if len(outlets) < 5 {
		t.Errorf("articles spread over %d outlets, want many", len(outlets))
	}
	res, err := Run(study, a, []*Analyzer{Events, Reuse, Lexical})
	if err != nil {
		t.Fatal(err)
	}
	al := res[Events].(*EventAlignment)
	aligned := 0
	for i := range a {
		if len(al.Of(i)) > 0 {
			aligned++
		}
	}
	if aligned < len(a)/2 {
		t.Errorf("%d of %d synthetic articles aligned to an event", aligned, len(a))
	}
	if len(res[Reuse].(*ReuseResult).Pairs) == 0 {
		t.Error("no reuse among synthetic articles")
	}
	if len(res[Lexical].(*LexicalResult).Hits) < len(a) {
		t.Error("too few lexical hits in synthetic articles")
	}
}

// BenchmarkAnalyzeAll runs the whole analyze stage (analyze.All) over
// synthetic articles. The 100k run is behind -synth.large; measure it once
// with /usr/bin/time -v on the test binary (see README of analyze).
func BenchmarkAnalyzeAll(b *testing.B) {
	study := mustStudy(b)
	sizes := []int{1000, 10000}
	if *synthLarge {
		sizes = append(sizes, 100000)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			arts := Synthesize(study, SynthConfig{N: n, Seed: 1})
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Run(study, arts, All); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWording runs each wording analyzer alone on 10k articles (its
// requirements included), to see where the time goes.
func BenchmarkWording(b *testing.B) {
	study := mustStudy(b)
	arts := Synthesize(study, SynthConfig{N: 10000, Seed: 1})
	for _, a := range []*Analyzer{Events, Terms, Keyness, Lexical, Concordance, Reuse, Summary} {
		b.Run(a.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Run(study, arts, []*Analyzer{a}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
