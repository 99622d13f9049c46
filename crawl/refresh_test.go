package crawl

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"github.com/framelens/framelens"
)

// discoveryPaths are the test site's discovery sources a full crawl
// fetches: section pages (the world section's page 2 and the politics
// section's page 2 included), the sitemap index and the child sitemaps
// inside the window, and the feeds.
var discoveryPaths = []string{
	"/world/", "/world/page2.html", "/politics/", "/politics/3000",
	"/sitemap.xml", "/sitemap-news.xml", "/sitemap-2018.xml.gz",
	"/rss.xml", "/atom.xml",
}

// notModified are the discovery paths that send an ETag and that
// gainArticle leaves alone.
var notModified = map[string]bool{"/sitemap.xml": true, "/sitemap-news.xml": true, "/atom.xml": true}

// newArticle is the page the site gains between two runs.
const newArticle = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Washington starts the six-month withdrawal</title>
<meta property="article:published_time" content="2019-02-02T09:00:00Z">
</head>
<body>
<h1>Washington starts the six-month withdrawal</h1>
<p>WASHINGTON, February 2. The administration said it had begun the six-month process of leaving the INF
treaty, and invited Moscow to return to compliance before the period ends.</p>
</body>
</html>
`

// gainArticle adds /world/1010 to the site, listed on the world section's
// first page and in the RSS feed.
func gainArticle(t *testing.T, site *testSite) {
	t.Helper()
	world := site.file("world/index.html")
	link := []byte(`<ul class="news-list">`)
	world = bytes.Replace(world, link, append(link, `
  <li><a class="news-list__link" href="/world/1010">Washington starts the six-month withdrawal</a></li>`...), 1)
	rss := site.file("rss.xml")
	rss = bytes.Replace(rss, []byte("</channel>"), []byte(`  <item>
    <title>Washington starts the six-month withdrawal</title>
    <link>{{BASE}}/world/1010</link>
    <pubDate>Sat, 02 Feb 2019 09:00:00 GMT</pubDate>
  </item>
</channel>`), 1)
	if !bytes.Contains(world, []byte("/world/1010")) || !bytes.Contains(rss, []byte("/world/1010")) {
		t.Fatal("test site pages changed: cannot add /world/1010")
	}
	site.Put("/world/", world)
	site.Put("/rss.xml", rss)
	site.Put("/world/1010", []byte(newArticle))
}

func TestScheduledRun(t *testing.T) {
	t0 := time.Date(2025, 3, 1, 6, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		later   time.Duration // clock of the second run, after the first
		refresh time.Duration // Config.Refresh
		refetch bool
	}{
		{name: "DueAfterDefaultRefresh", later: 7 * time.Hour, refetch: true},
		{name: "NotDueBeforeDefaultRefresh", later: time.Hour},
		{name: "DueAfterShortRefresh", later: time.Hour, refresh: 30 * time.Minute, refetch: true},
		{name: "NeverWithNegativeRefresh", later: 30 * 24 * time.Hour, refresh: -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := mustStartSite(t)
			cfg := testConfig(t, testStudy(site))
			cfg.Refresh = tt.refresh
			cfg.Now = func() time.Time { return t0 }
			first, err := Run(t.Context(), cfg)
			if err != nil {
				t.Fatalf("Run 1: %v", err)
			}
			before := site.hitCounts()
			for _, p := range append(discoveryPaths, "/world/1001", "/politics/2003") {
				if before[p] != 1 {
					t.Fatalf("first run fetched %s %d times, want once", p, before[p])
				}
			}

			gainArticle(t, site)
			cfg.Now = func() time.Time { return t0.Add(tt.later) }
			second, err := Run(t.Context(), cfg)
			if err != nil {
				t.Fatalf("Run 2: %v", err)
			}
			after := site.hitCounts()

			// robots.txt is not carried over from a run: a run that
			// fetches anything reads it first; one that fetches nothing
			// need not.
			wantRobots := before["/robots.txt"]
			if tt.refetch {
				wantRobots++
			}
			if got := after["/robots.txt"]; got != wantRobots {
				t.Errorf("robots.txt fetched %d times in all, want %d", got, wantRobots)
			}
			isDiscovery := map[string]bool{}
			for _, p := range discoveryPaths {
				isDiscovery[p] = true
			}
			for p, n := range after {
				if p == "/robots.txt" || p == "/world/1010" {
					continue
				}
				want := before[p]
				if tt.refetch && isDiscovery[p] {
					want++
				}
				if n != want {
					t.Errorf("%s fetched %d times over both runs, want %d", p, n, want)
				}
			}
			wantNew := 0
			if tt.refetch {
				wantNew = 1
			}
			if got := after["/world/1010"]; got != wantNew {
				t.Errorf("new article /world/1010 fetched %d times, want %d", got, wantNew)
			}
			if got, want := second.Outlets[0].Refreshed, wantNew*len(discoveryPaths); got != want {
				t.Errorf("Outlets[0].Refreshed = %d, want %d", got, want)
			}
			if !tt.refetch && len(second.Log) != len(first.Log) {
				t.Errorf("second run added %d log entries, want none", len(second.Log)-len(first.Log))
			}
			wantLogAcrossRuns(t, site, first.Log, second.Log, tt.refetch, t0.Add(tt.later))
			mustScanClean(t, second.WARCFiles)
		})
	}
}

// wantLogAcrossRuns checks the log after a second run: it continues the
// first run's log; a refetched discovery source has a second entry,
// archived at the second run's time with its first entry's DiscoveredVia;
// an article has one entry over both runs; the new article, when found,
// ends archived and relevant.
func wantLogAcrossRuns(t *testing.T, site *testSite, first, all []framelens.CrawlEntry, refetch bool, at time.Time) {
	t.Helper()
	for i := range first {
		if all[i] != first[i] {
			t.Fatalf("log entry %d changed by the second run: %+v, was %+v", i, all[i], first[i])
		}
	}
	count := map[string]int{}
	for _, e := range all {
		count[e.URL]++
	}
	firstBy, allBy := byURL(first), byURL(all)
	for _, p := range discoveryPaths {
		u := site.URL + p
		want := 1
		if refetch {
			want = 2
		}
		if count[u] != want {
			t.Errorf("log has %d entries for %s, want %d", count[u], p, want)
		}
		e := allBy[u]
		// Sitemaps and feeds the site left alone answer the second
		// run's conditional request with 304 Not Modified.
		status := 200
		if refetch && notModified[p] {
			status = 304
		}
		if e.Outcome != framelens.OutcomeArchived || e.Status != status || e.Error != "" {
			t.Errorf("last log entry for %s = %+v, want archived %d", p, e, status)
		}
		if refetch && (!e.FetchedAt.Equal(at) || e.DiscoveredVia != firstBy[u].DiscoveredVia || e.WARCFile == firstBy[u].WARCFile) {
			t.Errorf("last log entry for %s = %+v, want fetched at %v, via %q, in the second run's WARC", p, e, at, firstBy[u].DiscoveredVia)
		}
	}
	for _, p := range []string{"/world/1001", "/world/1002", "/world/1003", "/politics/2002", "/politics/2003", "/politics/2004", "/private/2001"} {
		if n := count[site.URL+p]; n != 1 {
			t.Errorf("log has %d entries for %s, want 1 over both runs", n, p)
		}
	}
	e, ok := allBy[site.URL+"/world/1010"]
	switch {
	case refetch && (count[e.URL] != 1 || e.Outcome != framelens.OutcomeArchived || !e.Relevant):
		t.Errorf("log for the new article /world/1010 = %d entries, last %+v, want one, archived and relevant", count[e.URL], e)
	case !refetch && ok:
		t.Errorf("log has the new article /world/1010 (%+v), but no source was fetched again", e)
	}
	wantComplete(t, site, all)
}

// TestScheduledRunFailedSource: a feed whose fetch failed is queued again
// by the next run as a failed URL and, though also due for refresh, is
// fetched only once more (its attempts), not twice.
func TestScheduledRunFailedSource(t *testing.T) {
	t0 := time.Date(2025, 3, 1, 6, 0, 0, 0, time.UTC)
	site := mustStartSite(t)
	study := testStudy(site)
	study.Outlets[0].Discovery.Feeds = append(study.Outlets[0].Discovery.Feeds, site.URL+"/fault/503")
	cfg := testConfig(t, study)
	cfg.Now = func() time.Time { return t0 }
	if _, err := Run(t.Context(), cfg); err != nil {
		t.Fatalf("Run 1: %v", err)
	}
	attempts := site.Hits("/fault/503")
	if attempts != 1+cfg.Retries {
		t.Fatalf("first run fetched /fault/503 %d times, want %d", attempts, 1+cfg.Retries)
	}
	cfg.Now = func() time.Time { return t0.Add(7 * time.Hour) }
	res, err := Run(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Run 2: %v", err)
	}
	if got := site.Hits("/fault/503"); got != 2*attempts {
		t.Errorf("/fault/503 fetched %d times over both runs, want %d", got, 2*attempts)
	}
	if e := byURL(res.Log)[site.URL+"/fault/503"]; e.Outcome != framelens.OutcomeFailed || e.Status != 503 {
		t.Errorf("last log entry for /fault/503 = %+v, want failed 503", e)
	}
}

// TestScheduledRunNotModified: a sitemap index that answers 304 run after
// run still has its child sitemaps refreshed, from the body of its last
// full capture.
func TestScheduledRunNotModified(t *testing.T) {
	t0 := time.Date(2025, 3, 1, 6, 0, 0, 0, time.UTC)
	site := mustStartSite(t)
	cfg := testConfig(t, testStudy(site))
	var res *Result
	for run := range 3 {
		cfg.Now = func() time.Time { return t0.Add(time.Duration(run) * 7 * time.Hour) }
		var err error
		if res, err = Run(t.Context(), cfg); err != nil {
			t.Fatalf("Run %d: %v", run+1, err)
		}
	}
	for _, p := range []string{"/sitemap.xml", "/sitemap-news.xml", "/sitemap-2018.xml.gz", "/atom.xml"} {
		if got := site.Hits(p); got != 3 {
			t.Errorf("%s fetched %d times over three runs, want 3", p, got)
		}
	}
	var statuses []int
	for _, e := range res.Log {
		if e.URL == site.URL+"/sitemap.xml" {
			statuses = append(statuses, e.Status)
		}
	}
	if want := []int{200, 304, 304}; !slices.Equal(statuses, want) {
		t.Errorf("log statuses of /sitemap.xml = %v, want %v", statuses, want)
	}
	if got := site.Hits("/world/1001"); got != 1 {
		t.Errorf("/world/1001 fetched %d times over three runs, want 1", got)
	}
	mustScanClean(t, res.WARCFiles)
}
