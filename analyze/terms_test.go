package analyze

import (
	"strings"
	"testing"

	"github.com/framelens/framelens"
)

// goldenArticles makes one article per text of the §2.5 golden table.
func goldenArticles(tb testing.TB, outlets ...string) []framelens.Article {
	tb.Helper()
	g := mustVectors(tb).Golden
	var arts []framelens.Article
	for _, o := range outlets {
		for i, s := range g.Texts[o] {
			arts = append(arts, framelens.Article{ID: o + string(rune('0'+i)), Outlet: o, Text: s})
		}
	}
	return arts
}

func TestTermsCounts(t *testing.T) {
	tt := countTerms(goldenArticles(t, "A", "B", "C"), nil, TermsConfig{MinDF: 1}.withDefaults())
	for _, c := range []struct {
		outlet, term         string
		tf, df, tokens, docs int
	}{
		{"A", "the", 7, 4, 45, 4},
		{"B", "treaty", 3, 3, 46, 4},
		{"C", "pull out", 1, 1, 18, 2}, // bigrams: runs end at commas and full stops
		{"B", "pull out of", 1, 1, 36, 4},
		{"A", "so-called violations", 1, 1, 39, 4},
		{"A", "treaty the", 0, 0, 39, 4}, // never across a comma
	} {
		tf, df, tokens, docs := tt.Count(c.outlet, "", c.term)
		if tf != c.tf || df != c.df || tokens != c.tokens || docs != c.docs {
			t.Errorf("Count(%s, %q) = %d, %d, %d, %d, want %d, %d, %d, %d", c.outlet, c.term,
				tf, df, tokens, docs, c.tf, c.df, c.tokens, c.docs)
		}
	}
}

func TestKeynessReproducesGoldenTable(t *testing.T) {
	g := mustVectors(t).Golden
	study := &framelens.Study{}
	terms := NewTerms(TermsConfig{MinDF: 1})
	terms.Requires = nil
	key := NewKeyness(KeynessConfig{Alpha0: 10, MinCount: 1, MinDF: 1, Top: 1000})
	key.Requires = []*Analyzer{terms}
	res, err := Run(study, goldenArticles(t, "A", "B"), []*Analyzer{key})
	if err != nil {
		t.Fatal(err)
	}
	rows := res[key].(*KeynessResult).Rows
	want := map[string][2]float64{}
	for _, r := range g.Rows {
		for _, w := range r.Terms {
			want[w] = [2]float64{r.ZA10, r.G2}
		}
	}
	seen := 0
	for _, r := range rows {
		w, ok := want[r.Term]
		if !ok || r.ComparisonID != "all/A/rest" {
			continue
		}
		seen++
		if !near(r.Zeta, w[0], 5e-5) || !near(r.G2, w[1], 5e-5) {
			t.Errorf("%s: zeta, G2 = %.5f, %.5f, want %.4f, %.4f", r.Term, r.Zeta, r.G2, w[0], w[1])
		}
		if r.Q < r.P || r.Q > 1 {
			t.Errorf("%s: q = %v outside [p, 1]", r.Term, r.Q)
		}
		if r.MethodVersion == "" || r.PriorSource != "pooled" {
			t.Errorf("%s: row lacks method or prior source: %+v", r.Term, r)
		}
	}
	if seen != len(want) {
		t.Errorf("found %d golden terms in all/A/rest, want %d", seen, len(want))
	}
	// The pair comparison A/B sees the same counts as A/rest here.
	pair := 0
	for _, r := range rows {
		if r.ComparisonID == "all/A/B" && strings.Count(r.Term, " ") == 0 {
			pair++
		}
	}
	if pair != 55-1 { // |V(A∪B)| unigrams
		t.Errorf("all/A/B has %d unigram rows, want 54", pair)
	}
}
