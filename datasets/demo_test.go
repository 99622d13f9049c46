package datasets

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/framelens/framelens"
)

var demoOut = flag.String("demo-out", "", "publish a synthetic snapshot to this data root (for running the notebooks)")

// TestWriteDemoSnapshot publishes synthetic articles and attributions to
// -demo-out, so the notebooks can be run before the real demo exists:
//
//	go test ./datasets -run TestWriteDemoSnapshot -demo-out /tmp/fl-demo
//	FRAMELENS_DATA=/tmp/fl-demo/current python notebooks/run.py
func TestWriteDemoSnapshot(t *testing.T) {
	if *demoOut == "" {
		t.Skip("no -demo-out")
	}
	rng := rand.New(rand.NewPCG(7, 7))
	outlets := []string{"tass", "ria", "sputnik", "state_dept", "reuters", "guardian", "nato"}
	sides := []framelens.Side{framelens.SideRussia, framelens.SideUS, framelens.SideNATO, framelens.SideEurope, framelens.SideUnknown}
	arts := sampleArticles(140)
	base := time.Date(2018, 10, 20, 0, 0, 0, 0, time.UTC)
	for i := range arts {
		arts[i].Outlet = outlets[rng.IntN(len(outlets))]
		arts[i].Published = base.Add(time.Duration(rng.IntN(300*24)) * time.Hour)
	}
	var atts []framelens.Attribution
	for _, a := range sampleAttributions(arts) {
		a.Side = sides[rng.IntN(len(sides))]
		a.CueClass = framelens.VerbClasses[rng.IntN(len(framelens.VerbClasses))]
		atts = append(atts, a)
	}
	var log []framelens.CrawlEntry
	for i, a := range arts {
		log = append(log, framelens.CrawlEntry{URL: a.URL, Outlet: a.Outlet, DiscoveredVia: "sitemap",
			Outcome: framelens.OutcomeArchived, Status: 200, Attempts: 1, Relevant: true, WARCFile: a.WARCFile,
			WARCOffset: a.WARCOffset, FetchedAt: base.Add(time.Duration(i) * time.Minute), Bytes: 5000})
	}
	meta := testMeta(fmt.Sprintf("demo-%d", time.Now().Unix()))
	meta.CreatedAt = time.Now()
	tables := []Table{Articles(arts), Attributions(atts, arts), Rejects(sampleRejects()), CrawlLog(log)}
	m, err := (&Publisher{Root: *demoOut, Logger: discard}).Publish(meta, append(tables, demoWording(rng, arts, outlets)...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("published %s to %s", m.RunID, *demoOut)
}

// demoWording returns synthetic tables of the wording analyzers, built with
// their constructors, so the wording and reuse notebooks have rows to show.
func demoWording(rng *rand.Rand, arts []framelens.Article, outlets []string) []Table {
	events := []string{"bolton-2018-10-22", "ultimatum-2018-12-04", "suspension-2019-02-01", "withdrawal-2019-08-02"}
	var matches []framelens.EventMatch
	var conc []framelens.ConcordanceLine
	var hits []framelens.LexicalHit
	variants := []string{"withdraw", "pull_out", "exit", "scrap"}
	for _, a := range arts {
		ev := events[rng.IntN(len(events))]
		matches = append(matches, framelens.EventMatch{ArticleID: a.ID, Outlet: a.Outlet, EventID: ev,
			Score: 1 + rng.Float64()*3, DaysAfter: rng.IntN(5), Evidence: []string{"date:+1"}})
		span := framelens.Span{Start: 0, End: 6}
		v := variants[rng.IntN(len(variants))]
		id := fmt.Sprintf("variable:%s:%d-%d", a.ID, span.Start, span.End)
		conc = append(conc, framelens.ConcordanceLine{ID: id, ArticleID: a.ID, Outlet: a.Outlet, Events: []string{ev},
			Source: "variable", Key: "withdrawal/" + v, Span: span, Left: "", Match: a.Text[:6], Right: a.Text[6:40]})
		hits = append(hits, framelens.LexicalHit{ArticleID: a.ID, Outlet: a.Outlet, Events: []string{ev}, Lexicon: "variable",
			Variable: "withdrawal", Variant: v, Pattern: v, Span: span, Text: a.Text[:6], Voice: framelens.VoiceAuthorial,
			ConcordanceID: id})
	}
	var keys []framelens.KeyTerm
	var shares []framelens.VariantShare
	terms := []string{"ultimatum", "aggressive", "violation", "9m729", "arms race", "deadline", "compliance", "europe", "missile", "bolton"}
	for _, o := range outlets {
		for r, t := range terms {
			keys = append(keys, framelens.KeyTerm{ComparisonID: "all/" + o + "/rest", GroupA: o, GroupB: "rest", Term: t, N: 1,
				TFA: 10 + rng.IntN(30), TFB: 5 + rng.IntN(30), Zeta: 4 - float64(r)*0.7 + rng.Float64(), Rank: r + 1})
		}
		total := 0
		counts := make([]int, len(variants))
		for i := range counts {
			counts[i] = rng.IntN(15)
			total += counts[i]
		}
		for i, v := range variants {
			p := float64(counts[i]) / float64(max(total, 1))
			shares = append(shares, framelens.VariantShare{Outlet: o, Lexicon: "variable", Variable: "withdrawal", Variant: v,
				Count: counts[i], Total: total, Proportion: p, Low: max(p-0.15, 0), High: min(p+0.15, 1)})
		}
	}
	var pairs []framelens.ReusePair
	var clusters []framelens.ReuseCluster
	for i := 0; i+1 < len(arts); i += 9 {
		src, dst := arts[i], arts[i+1]
		pairs = append(pairs, framelens.ReusePair{SrcID: src.ID, DstID: dst.ID, SrcOutlet: src.Outlet, DstOutlet: dst.Outlet,
			Lag: time.Duration(rng.IntN(48*60)) * time.Minute, Shared: 40, ContainmentDst: rng.Float64(), ContainmentSrc: 0.3,
			Jaccard: 0.2, Class: framelens.ReusePartially, Cluster: len(clusters) + 1, Coverage: 0.5})
		clusters = append(clusters, framelens.ReuseCluster{ID: len(clusters) + 1, Size: 2, Source: src.ID, Members: []string{src.ID, dst.ID}})
	}
	return []Table{EventMatches(matches), Comparisons(keys), VariantTable(shares), VariantHits(hits), Concordance(conc),
		ReusePairs(pairs), ReuseClusters(clusters)}
}
