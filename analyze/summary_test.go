package analyze

import (
	"slices"
	"testing"
)

// TestSummaryTraceable runs the wording analyzers on the sample and checks
// that every figure of the summary can be read back in the concordance.
func TestSummaryTraceable(t *testing.T) {
	study := mustStudy(t)
	arts, _ := mustWordingSample(t)
	if len(arts) == 0 {
		t.Fatal("no sample articles")
	}
	res, err := Run(study, arts, []*Analyzer{Summary, Concordance, Reuse})
	if err != nil {
		t.Fatal(err)
	}
	sum := res[Summary].(*SummaryResult)
	conc := res[Concordance].(*ConcordanceResult)
	al := res[Events].(*EventAlignment)
	if len(sum.Rows) == 0 {
		t.Fatal("empty summary")
	}
	for _, r := range sum.Rows {
		for _, term := range r.TopTerms {
			if len(conc.Select("term", term, r.Outlet, r.EventID)) == 0 {
				t.Errorf("%s/%s: top term %q has no concordance line", r.Outlet, r.EventID, term)
			}
		}
		for _, v := range r.Variants {
			if len(conc.Select(LexiconVariable, v, r.Outlet, r.EventID)) == 0 {
				t.Errorf("%s/%s: variant %q has no concordance line", r.Outlet, r.EventID, v)
			}
		}
		var n int
		var share float64
		for _, v := range r.Voices {
			n += v.Count
			share += v.Share
		}
		if n != r.Attributions || r.Attributions > 0 && !near(share, 1, 1e-9) {
			t.Errorf("%s/%s: voices %v do not add up to %d attributions", r.Outlet, r.EventID, r.Voices, r.Attributions)
		}
		// Article counts agree with the alignment.
		want := 0
		for i, a := range arts {
			if a.Outlet == r.Outlet && (r.EventID == "" || slices.Contains(al.EventIDs(i), r.EventID)) {
				want++
			}
		}
		if r.Articles != want {
			t.Errorf("%s/%s: %d articles, want %d", r.Outlet, r.EventID, r.Articles, want)
		}
		if r.EventID != "" && r.FirstReport.IsZero() {
			t.Errorf("%s/%s: no first report", r.Outlet, r.EventID)
		}
	}
}
