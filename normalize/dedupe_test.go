package normalize

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/framelens/framelens"
)

// syntheticArticles returns n articles with varied bodies of 150-400 words
// from a 5,000-word vocabulary; about one in ten is a copy of an earlier
// body with a few words changed, so some pairs are near duplicates.
func syntheticArticles(n int, seed uint64) []framelens.Article {
	r := rand.New(rand.NewPCG(seed, 1))
	vocab := make([]string, 5000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%x", i*7919)
	}
	arts := make([]framelens.Article, n)
	base := time.Date(2019, 2, 1, 0, 0, 0, 0, time.UTC)
	for i := range arts {
		var words []string
		if i > 10 && r.IntN(10) == 0 {
			words = strings.Fields(arts[r.IntN(i)].Paragraphs[0])
			for k := r.IntN(4); k > 0; k-- {
				words[r.IntN(len(words))] = vocab[r.IntN(len(vocab))]
			}
		} else {
			words = make([]string, 150+r.IntN(250))
			for j := range words {
				words[j] = vocab[r.IntN(len(vocab))]
			}
		}
		arts[i] = framelens.Article{ID: fmt.Sprintf("a%06d", i), URL: fmt.Sprintf("https://x.example/%d", i),
			CapturedAt: base.Add(time.Duration(i) * time.Minute), Paragraphs: []string{strings.Join(words, " ")}}
	}
	return arts
}

// dedupePairwise is the pairwise scan Dedupe replaced, kept as the reference
// its results must equal.
func dedupePairwise(arts []framelens.Article) []string {
	type seen struct {
		id  string
		set map[uint64]struct{}
	}
	var bodies []seen
	out := make([]string, len(arts))
	for i := range arts { // arts are in CapturedAt order with distinct URLs
		set := shingleSet(arts[i].Paragraphs)
		for _, b := range bodies {
			if b.id != arts[i].ID && jaccard(set, b.set) >= NearDuplicate {
				out[i] = b.id
				break
			}
		}
		if out[i] == "" && len(set) > 0 {
			bodies = append(bodies, seen{arts[i].ID, set})
		}
	}
	return out
}

func TestDedupeMatchesPairwise(t *testing.T) {
	arts := syntheticArticles(1500, 7)
	want := dedupePairwise(arts)
	Dedupe(arts)
	got := make([]string, len(arts))
	for i, a := range arts {
		got[i] = a.DuplicateOf
	}
	if !slices.Equal(got, want) {
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("Dedupe(%s).DuplicateOf = %q, pairwise scan says %q", arts[i].ID, got[i], want[i])
			}
		}
	}
	dups := 0
	for _, d := range got {
		if d != "" {
			dups++
		}
	}
	if dups == 0 {
		t.Fatal("synthetic set has no near duplicates; the test checks nothing")
	}
}

// BenchmarkDedupe links duplicates among synthetic articles; one op is the
// whole set.
func BenchmarkDedupe(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		arts := syntheticArticles(n, 7)
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Dedupe(arts)
			}
		})
	}
}
