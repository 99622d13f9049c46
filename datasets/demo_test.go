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
	m, err := (&Publisher{Root: *demoOut, Logger: discard}).Publish(meta,
		Articles(arts), Attributions(atts, arts), Rejects(sampleRejects()), CrawlLog(log))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("published %s to %s", m.RunID, *demoOut)
}
