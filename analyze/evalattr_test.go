package analyze

import (
	"testing"

	"github.com/framelens/framelens"
)

func TestEvaluateAttributions(t *testing.T) {
	g := func(s, e int, actor string, side framelens.Side) framelens.Attribution {
		return framelens.Attribution{ArticleID: "a", Content: framelens.Span{Start: s, End: e}, ActorID: actor, Side: side, CueClass: "neutral", Kind: "indirect"}
	}
	gold := []AttributionGold{
		{ArticleID: "a", Outlet: "o1", Attributions: []framelens.Attribution{g(0, 10, "x", "us"), g(20, 40, "y", "russia"), g(50, 60, "z", "nato")}},
		{ArticleID: "b", Outlet: "o2", Attributions: []framelens.Attribution{{ArticleID: "b", Content: framelens.Span{Start: 0, End: 5}}}},
	}
	pred := []framelens.Attribution{
		g(0, 12, "x", "us"),      // matches gold 0 (10 of 10 shared)
		g(25, 80, "q", "russia"), // matches gold 1 (15 of the shorter 20): wrong speaker
		g(55, 57, "z", "nato"),   // overlaps gold 2, 2 of 2: matches
		g(100, 120, "x", "us"),   // spurious
		{ArticleID: "zzz", Content: framelens.Span{Start: 0, End: 5}}, // article without gold: ignored
	}
	sc := EvaluateAttributions(gold, pred)
	o := sc.Overall
	if o.Gold != 4 || o.Predicted != 4 || o.Matched != 3 {
		t.Fatalf("Overall = %+v, want gold 4, predicted 4, matched 3", o)
	}
	if o.Precision != 0.75 || o.Recall != 0.75 || o.SpeakerCorrect != 2 || o.SideCorrect != 3 {
		t.Errorf("Overall = %+v", o)
	}
	if len(sc.Outlets) != 2 || sc.Outlets[0].Outlet != "o1" || sc.Outlets[0].Recall != 1 || sc.Outlets[1].Recall != 0 {
		t.Errorf("Outlets = %+v", sc.Outlets)
	}
	kinds := map[string]int{}
	for _, e := range sc.Errors {
		kinds[e.Kind]++
	}
	if kinds["missed"] != 1 || kinds["spurious"] != 1 || kinds["speaker"] != 1 {
		t.Errorf("Errors by kind = %v, want 1 missed, 1 spurious, 1 speaker", kinds)
	}
}

func TestEvaluateAttributionsOneToOne(t *testing.T) {
	// One prediction covering two gold spans matches only one of them; the
	// tie goes to the gold span it agrees with most.
	gold := []AttributionGold{{ArticleID: "a", Outlet: "o", Attributions: []framelens.Attribution{
		{ArticleID: "a", Content: framelens.Span{Start: 0, End: 10}},
		{ArticleID: "a", Content: framelens.Span{Start: 0, End: 30}},
	}}}
	pred := []framelens.Attribution{{ArticleID: "a", Content: framelens.Span{Start: 0, End: 30}}}
	sc := EvaluateAttributions(gold, pred)
	if sc.Overall.Matched != 1 || sc.Errors[0].Kind != "missed" || sc.Errors[0].Gold.Content.End != 10 {
		t.Errorf("EvaluateAttributions = %+v, want the 0-30 gold matched and 0-10 missed", sc)
	}
}
