// Package extracteval scores article-body extraction with the metric of the
// Zyte (Scrapinghub) article-extraction benchmark, and runs an extractor over
// a benchmark folder laid out like shared/benchmarks/article-extraction.
//
// The metric is defined in that folder's README and in
// shared/notes/crawl.md §7; this package implements it once so every figure
// the project reports comes from the same code:
//
//  1. Tokens are maximal runs of Unicode letters (L*), numbers (N*) and '_'
//     (Python's \w), case kept, nothing normalised.
//  2. Shingles are the windows of 4 consecutive tokens, as a multiset; a text
//     of 1-3 tokens has one shorter shingle, an empty text none.
//  3. Per page, TP/FP/FN are summed over distinct shingles and divided by
//     their sum, so every page weighs the same.
//  4. Page precision is averaged over pages whose prediction has a token,
//     page recall over pages whose truth has one; F1 comes from the two
//     averages; accuracy is the share of pages with identical token lists.
//  5. Uncertainty is the sample sd over 1,000 bootstrap resamples.
package extracteval

import (
	"math"
	"math/rand/v2"
	"strings"
	"unicode"
)

// ShingleSize is the n of the benchmark's n-gram shingles.
const ShingleSize = 4

// Tokens splits s into the benchmark's word tokens: maximal runs of Unicode
// letters, numbers and '_'. Everything else, including combining marks and
// format characters such as U+00AD, separates tokens.
func Tokens(s string) []string {
	var toks []string
	start := -1
	for i, r := range s {
		if r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			toks = append(toks, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, s[start:])
	}
	return toks
}

// shingles returns the multiset of n-token windows of toks, each window
// joined by NUL (which no token contains).
func shingles(toks []string, n int) map[string]int {
	m := make(map[string]int)
	switch {
	case len(toks) == 0:
	case len(toks) < n:
		m[strings.Join(toks, "\x00")]++
	default:
		for i := 0; i+n <= len(toks); i++ {
			m[strings.Join(toks[i:i+n], "\x00")]++
		}
	}
	return m
}

// A PageScore is the score of one page.
type PageScore struct {
	ID string
	// TP, FP and FN are the shingle counts divided by their sum.
	TP, FP, FN float64
	// Precision is NaN when the prediction has no token; Recall is NaN when
	// the truth has none.
	Precision, Recall float64
	// Exact is set when the token lists are identical.
	Exact bool
}

// ScorePage scores one prediction against its ground truth. Soft hyphens
// (U+00AD) are removed from pred first, as the benchmark's runners do.
func ScorePage(truth, pred string) PageScore {
	pred = strings.ReplaceAll(pred, "\u00ad", "")
	tt, pt := Tokens(truth), Tokens(pred)
	ts, ps := shingles(tt, ShingleSize), shingles(pt, ShingleSize)
	var tp, fp, fn float64
	for s, t := range ts {
		p := ps[s]
		tp += float64(min(t, p))
		fn += float64(max(0, t-p))
	}
	for s, p := range ps {
		fp += float64(max(0, p-ts[s]))
	}
	if sum := tp + fp + fn; sum > 0 {
		tp, fp, fn = tp/sum, fp/sum, fn/sum
	}
	ps2 := PageScore{TP: tp, FP: fp, FN: fn, Precision: math.NaN(), Recall: math.NaN(), Exact: equal(tt, pt)}
	switch {
	case len(pt) > 0 && len(tt) > 0 && fp == 0 && fn == 0:
		ps2.Precision, ps2.Recall = 1, 1
	default:
		if len(pt) > 0 {
			ps2.Precision = tp / (tp + fp)
		}
		if len(tt) > 0 {
			ps2.Recall = tp / (tp + fn)
		}
	}
	return ps2
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Scores are the benchmark's four numbers with their bootstrap standard
// deviations, and the per-page scores they come from.
type Scores struct {
	F1, Precision, Recall, Accuracy         float64
	F1SD, PrecisionSD, RecallSD, AccuracySD float64
	Pages                                   []PageScore
}

// Aggregate computes the averages over pages and, when bootstrap > 0, the
// sample standard deviation over that many resamples of the pages. The
// resampling uses a fixed seed so a rerun prints the same figures.
func Aggregate(pages []PageScore, bootstrap int) Scores {
	s := Scores{Pages: pages}
	s.F1, s.Precision, s.Recall, s.Accuracy = average(pages)
	if bootstrap <= 1 || len(pages) == 0 {
		return s
	}
	rng := rand.New(rand.NewPCG(4, 1979))
	sample := make([]PageScore, len(pages))
	var f1, p, r, a []float64
	for range bootstrap {
		for i := range sample {
			sample[i] = pages[rng.IntN(len(pages))]
		}
		bf, bp, br, ba := average(sample)
		f1, p, r, a = append(f1, bf), append(p, bp), append(r, br), append(a, ba)
	}
	s.F1SD, s.PrecisionSD, s.RecallSD, s.AccuracySD = sd(f1), sd(p), sd(r), sd(a)
	return s
}

func average(pages []PageScore) (f1, precision, recall, accuracy float64) {
	var np, nr, exact int
	for _, pg := range pages {
		if !math.IsNaN(pg.Precision) {
			precision += pg.Precision
			np++
		}
		if !math.IsNaN(pg.Recall) {
			recall += pg.Recall
			nr++
		}
		if pg.Exact {
			exact++
		}
	}
	if np > 0 {
		precision /= float64(np)
	}
	if nr > 0 {
		recall /= float64(nr)
	}
	if precision+recall > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	if len(pages) > 0 {
		accuracy = float64(exact) / float64(len(pages))
	}
	return f1, precision, recall, accuracy
}

func sd(xs []float64) float64 {
	if len(xs) < 2 {
		return 0
	}
	var mean float64
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return math.Sqrt(ss / float64(len(xs)-1))
}
