package datasets

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/framelens/framelens"
)

// TestWordingTablesRoundTrip writes every wording table and reads the rows
// back, checking the conversions keep counts, spans, lists and NULLs.
func TestWordingTablesRoundTrip(t *testing.T) {
	dir := t.TempDir()
	t0 := time.Date(2018, 12, 4, 17, 36, 0, 0, time.UTC)
	write := func(name string, tb Table) string {
		t.Helper()
		p := filepath.Join(dir, name+".parquet")
		if err := WriteTable(p, testMeta("w1"), tb); err != nil {
			t.Fatalf("WriteTable(%s): %v", name, err)
		}
		return p
	}

	p := write("event_matches", EventMatches([]framelens.EventMatch{
		{ArticleID: "b", Outlet: "tass", EventID: "putin-reply", Score: 2.5, DaysAfter: 0, Evidence: []string{"date:+0", "actor:putin"}},
		{ArticleID: "a", Outlet: "reuters", EventID: "pompeo-ultimatum", Score: 4, DaysAfter: -1, Evidence: []string{"date:-1"}},
	}))
	ems, err := readRows[EventMatchRow](p, eventMatchesTable.def)
	if err != nil {
		t.Fatal(err)
	}
	if len(ems) != 2 || ems[0].ArticleID != "a" || ems[0].DaysAfter != -1 || !slices.Equal(ems[1].Evidence, []string{"date:+0", "actor:putin"}) {
		t.Errorf("event_matches rows = %+v", ems)
	}

	p = write("comparisons", Comparisons([]framelens.KeyTerm{
		{ComparisonID: "all/tass/rest", GroupA: "tass", GroupB: "rest", Term: "so-called", N: 1, TFA: 5, NA: 100, NB: 900,
			PriorAlpha: 0.5, PriorAlpha0: 1000, PriorSource: "pooled", Delta: 1.5, Var: 0.4, Zeta: 2.37, G2: 9.1, P: 0.002, Q: 0.01, LogRatio: 3, Rank: 1},
		{ComparisonID: "all/tass/rest", GroupA: "tass", GroupB: "rest", Term: "pull out", N: 2, Zeta: -3, Rank: -1},
	}))
	cs, err := readRows[ComparisonRow](p, comparisonsTable.def)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].Rank != -1 || cs[1].Term != "so-called" || cs[1].Zeta != 2.37 || cs[1].Q != 0.01 {
		t.Errorf("comparisons rows = %+v", cs)
	}

	p = write("reuse_pairs", ReusePairs([]framelens.ReusePair{{SrcID: "s", DstID: "d", SrcOutlet: "reuters", DstOutlet: "dw",
		Lag: 90 * time.Minute, Shared: 40, Spans: []framelens.ReuseSpan{{Src: framelens.Span{Start: 10, End: 50}, Dst: framelens.Span{Start: 0, End: 40}}},
		Class: framelens.ReuseWholly, Cluster: 1}}))
	rs, err := readRows[ReusePairRow](p, reusePairsTable.def)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].LagSeconds != 5400 || !slices.Equal(rs[0].SrcStarts, []int64{10}) || !slices.Equal(rs[0].DstEnds, []int64{40}) {
		t.Errorf("reuse_pairs rows = %+v", rs)
	}

	p = write("coverage_summary", CoverageSummary([]framelens.CoverageSummary{
		{Outlet: "tass", EventID: "", Articles: 3},
		{Outlet: "tass", EventID: "putin-reply", Articles: 2, FirstReport: t0, FirstLag: 2 * time.Hour,
			Attributions: 4, Voices: []framelens.SideShare{{Side: framelens.SideRussia, Count: 3, Share: 0.75}, {Side: framelens.SideUS, Count: 1, Share: 0.25}},
			TopTerms: []string{"mirror"}, Variants: []string{"withdrawal/destroy"}, VariantShares: []float64{0.6}},
	}))
	ss, err := readRows[CoverageSummaryRow](p, coverageSummaryTable.def)
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2 || ss[0].FirstReport != nil || ss[0].FirstLagSeconds != nil ||
		ss[1].FirstLagSeconds == nil || *ss[1].FirstLagSeconds != 7200 || !ss[1].FirstReport.Equal(t0) ||
		!slices.Equal(ss[1].VoiceSides, []string{"russia", "us"}) || !slices.Equal(ss[1].VoiceCounts, []int64{3, 1}) {
		t.Errorf("coverage_summary rows = %+v", ss)
	}

	for name, tb := range map[string]Table{
		"term_counts":    TermCounts([]framelens.TermCount{{Outlet: "tass", N: 2, Term: "pull out", TF: 3, DF: 2, Tokens: 100, Docs: 4}}),
		"variant_hits":   VariantHits([]framelens.LexicalHit{{ArticleID: "a", Outlet: "tass", Lexicon: "variable", Variable: "withdrawal", Variant: "destroy", Span: framelens.Span{Start: 3, End: 18}, Voice: framelens.VoiceQuoted, Side: framelens.SideRussia}}),
		"variant_table":  VariantTable([]framelens.VariantShare{{Outlet: "tass", Lexicon: "variable", Variable: "withdrawal", Variant: "destroy", Count: 8, Total: 10, Proportion: 0.8}}),
		"concordance":    Concordance([]framelens.ConcordanceLine{{ID: "variable:a:3-18", ArticleID: "a", Outlet: "tass", Source: "variable", Key: "withdrawal/destroy", Span: framelens.Span{Start: 3, End: 18}, Events: []string{"e"}}}),
		"reuse_clusters": ReuseClusters([]framelens.ReuseCluster{{ID: 1, Size: 2, Source: "s", Members: []string{"s", "d"}}}),
	} {
		if tb.Len() != 1 {
			t.Errorf("%s: %d rows, want 1", name, tb.Len())
		}
		write(name, tb)
	}
	hits, err := readRows[VariantHitRow](filepath.Join(dir, "variant_hits.parquet"), variantHitsTable.def)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].Start != 3 || hits[0].End != 18 || hits[0].Voice != "quoted" || hits[0].Side != "russia" {
		t.Errorf("variant_hits rows = %+v", hits)
	}
}
