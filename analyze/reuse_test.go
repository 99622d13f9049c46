package analyze

import (
	"strings"
	"testing"
	"time"

	"github.com/framelens/framelens"
)

func TestReuse(t *testing.T) {
	t0 := time.Date(2019, 2, 2, 9, 0, 0, 0, time.UTC)
	wire := "Russia suspends treaty\n\nMOSCOW (Reuters) - President Vladimir Putin said on Saturday that Russia was suspending the treaty in a mirror response to the United States. " +
		"He told his ministers not to start talks on disarmament with Washington until it was ready for an equal dialogue.\n\n" +
		"Reporting by Anna Example; Editing by Ben Sample"
	copyText := "Putin orders mirror response\n\nPresident Vladimir Putin said on Saturday that Russia was suspending the treaty in a mirror response to the United States. " +
		"He told his ministers not to start talks on disarmament with Washington until it was ready for an equal dialogue. The paper added its own closing line here."
	partial := "Analysis of the week\n\nThe week began quietly in Brussels and ended with a flurry of statements from every capital in Europe about arms control. " +
		"President Vladimir Putin said on Saturday that Russia was suspending the treaty in a mirror response to the United States. " +
		"Diplomats in Geneva were left to wonder what would come next for the arms control regime built over decades of patient negotiation."
	arts := []framelens.Article{
		{ID: "copy", Outlet: "guardian", Text: copyText, Published: t0.Add(2 * time.Hour)},
		{ID: "wire", Outlet: "reuters", Text: wire, Published: t0},
		{ID: "same", Outlet: "reuters", Text: copyText, Published: t0.Add(time.Hour)},      // same outlet as wire
		{ID: "late", Outlet: "dw", Text: copyText, Published: t0.Add(40 * 24 * time.Hour)}, // beyond MaxLag
		{ID: "part", Outlet: "bbc", Text: partial, Published: t0.Add(3 * time.Hour)},
	}
	res := findReuse(arts, ReuseConfig{}.withDefaults())
	got := map[string]framelens.ReusePair{}
	for _, p := range res.Pairs {
		got[p.SrcID+">"+p.DstID] = p
		if p.SrcOutlet == p.DstOutlet {
			t.Errorf("same-outlet pair %s>%s", p.SrcID, p.DstID)
		}
	}
	p, ok := got["wire>copy"]
	if !ok {
		t.Fatalf("no wire>copy pair in %v", res.Pairs)
	}
	if p.Class != framelens.ReuseWholly || p.Lag != 2*time.Hour || p.Agency != "" {
		t.Errorf("wire>copy = class %s lag %v agency %q, want wholly, 2h, none", p.Class, p.Lag, p.Agency)
	}
	if len(p.Spans) != 1 {
		t.Fatalf("wire>copy spans = %v, want one passage", p.Spans)
	}
	sx, dx := framelens.NewRuneIndex(wire), framelens.NewRuneIndex(copyText)
	s, d := sx.Slice(p.Spans[0].Src), dx.Slice(p.Spans[0].Dst)
	if s != d || !strings.HasPrefix(d, "Putin orders mirror response") && !strings.HasPrefix(d, "President Vladimir Putin") || !strings.HasSuffix(d, "equal dialogue") {
		t.Errorf("aligned passage src %q dst %q", s, d)
	}
	if p.ContainmentSrc < 0.85 { // the credit and the reporting line are not compared
		t.Errorf("ContainmentSrc = %v, want >= 0.85 with credits removed", p.ContainmentSrc)
	}
	if q, ok := got["wire>part"]; !ok || q.Class != framelens.ReusePartially {
		t.Errorf("wire>part = %+v, want partially derived", q)
	}
	if _, ok := got["copy>late"]; ok {
		t.Error("pair beyond MaxLag reported")
	}
	if len(res.Clusters) != 1 || res.Clusters[0].Source != "wire" || res.Clusters[0].Size < 3 {
		t.Errorf("clusters = %+v, want one cluster with source wire", res.Clusters)
	}
	for _, p := range res.Pairs {
		if p.Cluster != 1 {
			t.Errorf("pair %s>%s cluster %d, want 1", p.SrcID, p.DstID, p.Cluster)
		}
	}
}

func TestReuseCredits(t *testing.T) {
	var d tokText
	var rd reuseDoc
	a := framelens.Article{Text: "T\n\nMOSCOW, January 25. /TASS/. The text goes on.\n\nReporting by X; editing by Y"}
	prepareReuse(&d, &a, 2, &rd)
	var words []string
	for _, w := range rd.words {
		words = append(words, a.Text[d.toks[w].Start:d.toks[w].End])
	}
	if got := strings.Join(words, " "); got != "T The text goes on" || rd.agency != "TASS" {
		t.Errorf("compared words %q agency %q, want %q TASS", got, rd.agency, "T The text goes on")
	}
}
