package analyze

import (
	"strings"
	"testing"

	"github.com/framelens/framelens"
)

func TestConcordanceTracesFigures(t *testing.T) {
	study := mustStudy(t)
	arts := goldenArticles(t, "A", "B", "C")
	for i := range arts {
		arts[i].Text = "Headline " + arts[i].ID + "\n\n" + arts[i].Text
	}
	key := NewKeyness(KeynessConfig{MinCount: 1, MinDF: 1, Top: 5})
	conc := NewConcordance(ConcordanceConfig{Width: 20, TopTerms: 5})
	conc.Requires = []*Analyzer{Lexical, key}
	res, err := Run(study, arts, []*Analyzer{conc})
	if err != nil {
		t.Fatal(err)
	}
	cr := res[conc].(*ConcordanceResult)
	lex := res[Lexical].(*LexicalResult)
	tt := res[Terms].(*TermTable)
	ids := map[string]framelens.ConcordanceLine{}
	for _, l := range cr.Lines {
		if _, dup := ids[l.ID]; dup {
			t.Errorf("duplicate line ID %s", l.ID)
		}
		ids[l.ID] = l
		if len([]rune(l.Left)) > 20 || len([]rune(l.Right)) > 20 || strings.Contains(l.Left+l.Right, "\n") {
			t.Errorf("line %s: context %q | %q too wide or crosses a paragraph", l.ID, l.Left, l.Right)
		}
		if l.Source == "term" && Norm(strings.Join(strings.Fields(l.Match), " ")) != l.Key {
			t.Errorf("line %s: match %q is not term %q", l.ID, l.Match, l.Key)
		}
	}
	for _, h := range lex.Hits {
		l, ok := ids[h.ConcordanceID]
		if !ok || l.Match != h.Text {
			t.Errorf("hit %s %q has no concordance line", h.ConcordanceID, h.Text)
		}
	}
	if len(lex.Hits) == 0 {
		t.Fatal("no lexical hits in the golden texts")
	}
	// Every top term's TF is the number of its lines (no cap reached here).
	terms := 0
	for _, r := range res[key].(*KeynessResult).Rows {
		if r.GroupB != "rest" || r.Rank < 1 || r.Rank > 5 {
			continue
		}
		terms++
		tf, _, _, _ := tt.Count(r.GroupA, r.EventID, r.Term)
		if got := len(cr.Select("term", r.Term, r.GroupA, r.EventID)); got != tf || tf != r.TFA {
			t.Errorf("%s/%s: %d lines, TF %d, row TFA %d", r.GroupA, r.Term, got, tf, r.TFA)
		}
	}
	if terms == 0 {
		t.Fatal("no top terms")
	}
}
