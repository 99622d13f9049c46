package analyze

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/framelens/framelens"
	"github.com/framelens/framelens/internal/sample"
	"github.com/framelens/framelens/internal/studyfile"
)

// mustSampleAttributionGold converts the sample gold to AttributionGold,
// one entry per original article page (AMP and tracking variants skipped).
func mustSampleAttributionGold(tb testing.TB) []AttributionGold {
	tb.Helper()
	gold, err := sample.Gold()
	if err != nil {
		tb.Fatalf("sample.Gold: %v", err)
	}
	var out []AttributionGold
	for _, g := range gold {
		if !g.Article || g.Variant != "" || g.DuplicateOf != "" {
			continue
		}
		ag := AttributionGold{ArticleID: g.URL, Outlet: g.Outlet, Text: g.Text}
		for _, a := range g.Attributions {
			att, ok := a.Attribution(g.URL, g.Text)
			if !ok {
				tb.Fatalf("%s: gold content %q not in text", g.URL, a.Content)
			}
			ag.Attributions = append(ag.Attributions, att)
		}
		out = append(out, ag)
	}
	return out
}

// TestAttributionsSampleGold scores the extractor on the sample corpus gold
// (the analyzer alone: texts come from the gold, not from normalize). Set
// ATTR_ERRORS=1 to print every disagreement.
func TestAttributionsSampleGold(t *testing.T) {
	study, err := studyfile.Default()
	if err != nil {
		t.Fatal(err)
	}
	gold := mustSampleAttributionGold(t)
	x := NewAttributionExtractor(study)
	var pred []framelens.Attribution
	for _, g := range gold {
		pred = x.Extract(pred, g.ArticleID, g.Text)
	}
	sc := EvaluateAttributions(gold, pred)
	for _, s := range append(sc.Outlets, sc.Overall) {
		name := s.Outlet
		if name == "" {
			name = "ALL"
		}
		t.Logf("%-9s gold %3d pred %3d P %.3f R %.3f F1 %.3f  speaker %.3f side %.3f class %.3f kind %.3f",
			name, s.Gold, s.Predicted, s.Precision, s.Recall, s.F1, s.SpeakerAccuracy, s.SideAccuracy, s.ClassAccuracy, s.KindAccuracy)
	}
	// The targets on the sample gold.
	if o := sc.Overall; o.Precision < 0.9 || o.Recall < 0.85 || o.SideAccuracy < 0.9 {
		t.Errorf("sample gold: P %.3f R %.3f side %.3f, want P >= 0.9, R >= 0.85, side >= 0.9", o.Precision, o.Recall, o.SideAccuracy)
	}
	if os.Getenv("ATTR_ERRORS") != "" {
		for _, e := range sc.Errors {
			fmt.Printf("%s %s\n", e.Kind, e.ArticleID)
			if e.Gold != nil {
				fmt.Printf("   gold: %s/%s %q [%s|%s|%s] cue=%q %q\n", e.Gold.Kind, e.Gold.CueClass, e.Gold.SpeakerText, e.Gold.ActorID, e.Gold.Side, e.Gold.Via, e.Gold.CueText, trunc(e.Gold.ContentText))
			}
			if e.Predicted != nil {
				fmt.Printf("   pred: %s/%s %q [%s|%s|%s] cue=%q %q\n", e.Predicted.Kind, e.Predicted.CueClass, e.Predicted.SpeakerText, e.Predicted.ActorID, e.Predicted.Side, e.Predicted.Via, e.Predicted.CueText, trunc(e.Predicted.ContentText))
			}
		}
	}
}

func trunc(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if len(s) > 110 {
		return s[:110] + "…"
	}
	return s
}
