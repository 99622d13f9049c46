package analyze

import (
	"math"
	"testing"

	"github.com/framelens/framelens"
)

func TestVoice(t *testing.T) {
	arts := []framelens.Article{{ID: "a", Outlet: "o1"}, {ID: "b", Outlet: "o1"}, {ID: "c", Outlet: "o2"}, {ID: "d", Outlet: "o1", DuplicateOf: "a"}}
	attrs := []framelens.Attribution{
		{ArticleID: "a", Side: "russia", CueClass: "neutral", Kind: "direct", ContentText: "one two three"},
		{ArticleID: "a", Side: "us", CueClass: "distancing", ContentText: "one"},
		{ArticleID: "b", Side: "russia", CueClass: "emphatic", ContentText: "one two"},
		{ArticleID: "c", Side: "", CueClass: "neutral", ContentText: "x"},
		{ArticleID: "d", Side: "us", CueClass: "neutral", ContentText: "duplicate, not counted"},
	}
	rows := Voice(arts, attrs, nil)
	find := func(outlet string, side framelens.Side, class framelens.VerbClass) framelens.VoiceShare {
		for _, r := range rows {
			if r.Outlet == outlet && r.Side == side && r.CueClass == class && r.Event == "" {
				return r
			}
		}
		t.Fatalf("Voice: no row %s/%s/%s in %+v", outlet, side, class, rows)
		return framelens.VoiceShare{}
	}
	ru := find("o1", "russia", "")
	if ru.Attributions != 2 || ru.Direct != 1 || ru.ContentWords != 5 || ru.Total != 3 || ru.TotalWords != 6 {
		t.Errorf("Voice o1/russia = %+v, want 2 attributions (1 direct), 5 of 6 words, total 3", ru)
	}
	if math.Abs(ru.Share-2.0/3) > 1e-9 || !(ru.ShareLow < ru.Share && ru.Share < ru.ShareHigh) {
		t.Errorf("Voice o1/russia share %v [%v, %v]", ru.Share, ru.ShareLow, ru.ShareHigh)
	}
	if us := find("o1", "us", "distancing"); us.Attributions != 1 || us.Total != 3 {
		t.Errorf("Voice o1/us/distancing = %+v", us)
	}
	if un := find("o2", "unknown", ""); un.Attributions != 1 || un.Share != 1 {
		t.Errorf("Voice o2/unknown = %+v", un)
	}
}
