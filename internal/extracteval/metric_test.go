package extracteval

import (
	"math"
	"slices"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"Empty", "", nil},
		{"TypographicApostropheSplits", "don’t", []string{"don", "t"}},
		{"NumberPunctuationSplits", "1,000.5", []string{"1", "000", "5"}},
		{"UnderscoreIsWord", "snake_case x", []string{"snake_case", "x"}},
		{"SoftHyphenSplits", "extra\u00adordinary", []string{"extra", "ordinary"}},
		{"CombiningMarkSplits", "cafe\u0301 au", []string{"cafe", "au"}},
		{"CyrillicAndCJK", "Москва, 東京都庁", []string{"Москва", "東京都庁"}},
		{"CaseKept", "NATO nato", []string{"NATO", "nato"}},
		{"OnlyPunctuation", " -- … ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

func TestScorePage(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name        string
		truth, pred string
		tp, fp, fn  float64
		p, r        float64
		exact       bool
	}{
		// Truth a b c d e: shingles abcd, bcde. Pred a b c d: abcd.
		// TP 1, FP 0, FN 1 -> /2.
		{"PrefixPrediction", "a b c d e", "a b c d", 0.5, 0, 0.5, 1, 0.5, false},
		{"Identical", "a b c d e", "a, b. c d e!", 1, 0, 0, 1, 1, true},
		{"EmptyPrediction", "a b c d e", "", 0, 0, 1, nan, 0, false},
		{"OnlyPunctuationPrediction", "a b c d e", "—", 0, 0, 1, nan, 0, false},
		// 1-3 tokens make one short shingle: "a b" vs "a b" match.
		{"ShortTextsMatch", "a b", "a b", 1, 0, 0, 1, 1, true},
		// "a b" vs "a b c": shingles {ab} vs {abc}: TP 0, FP 1, FN 1.
		{"ShortTextsDiffer", "a b", "a b c", 0, 0.5, 0.5, 0, 0, false},
		// Repeats: truth shingle abcd once; pred a b c d a b c d has abcd x2,
		// bcda, cdab, dabc: TP 1, FP 4, FN 0 -> /5.
		{"RepeatsCount", "a b c d", "a b c d a b c d", 0.2, 0.8, 0, 0.2, 1, false},
		// Truth has abcd twice (a b c d x a b c d: abcd,bcdx,cdxa,dxab,xabc,abcd);
		// pred a b c d: TP 1, FN 5.
		{"RepeatedTruthShingle", "a b c d x a b c d", "a b c d", 1.0 / 6, 0, 5.0 / 6, 1, 1.0 / 6, false},
		{"SoftHyphenStrippedFromPrediction", "extraordinary idea", "extra\u00adordinary idea", 1, 0, 0, 1, 1, true},
		{"CaseMatters", "A b c d", "a b c d", 0, 0.5, 0.5, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ScorePage(tt.truth, tt.pred)
			if !near(got.TP, tt.tp) || !near(got.FP, tt.fp) || !near(got.FN, tt.fn) {
				t.Errorf("ScorePage(%q, %q) TP,FP,FN = %v,%v,%v, want %v,%v,%v", tt.truth, tt.pred, got.TP, got.FP, got.FN, tt.tp, tt.fp, tt.fn)
			}
			if !(near(got.Precision, tt.p) || math.IsNaN(got.Precision) && math.IsNaN(tt.p)) {
				t.Errorf("ScorePage(%q, %q).Precision = %v, want %v", tt.truth, tt.pred, got.Precision, tt.p)
			}
			if !near(got.Recall, tt.r) {
				t.Errorf("ScorePage(%q, %q).Recall = %v, want %v", tt.truth, tt.pred, got.Recall, tt.r)
			}
			if got.Exact != tt.exact {
				t.Errorf("ScorePage(%q, %q).Exact = %v, want %v", tt.truth, tt.pred, got.Exact, tt.exact)
			}
		})
	}
}

func TestAggregate(t *testing.T) {
	pages := []PageScore{
		ScorePage("a b c d e", "a b c d e"), // P 1, R 1, exact
		ScorePage("a b c d e", "a b c d"),   // P 1, R .5
		ScorePage("a b c d e", ""),          // P undefined, R 0
	}
	s := Aggregate(pages, 0)
	// Precision over the two non-empty predictions: (1+1)/2 = 1.
	// Recall over all three: (1+.5+0)/3 = .5. F1 = 2*1*.5/1.5 = 2/3.
	if !near(s.Precision, 1) || !near(s.Recall, 0.5) || !near(s.F1, 2.0/3) || !near(s.Accuracy, 1.0/3) {
		t.Errorf("Aggregate = P %v R %v F1 %v A %v, want 1, .5, .667, .333", s.Precision, s.Recall, s.F1, s.Accuracy)
	}
	b := Aggregate(pages, 200)
	if b.F1 != s.F1 || b.RecallSD <= 0 {
		t.Errorf("Aggregate bootstrap: F1 %v (want %v), recall sd %v (want > 0)", b.F1, s.F1, b.RecallSD)
	}
	if again := Aggregate(pages, 200); again.RecallSD != b.RecallSD {
		t.Errorf("Aggregate bootstrap not reproducible: %v then %v", b.RecallSD, again.RecallSD)
	}
}
