package crawl

import (
	"bytes"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/framelens/framelens"
)

func TestRunDiscovery(t *testing.T) {
	site := mustStartSite(t)
	cfg := testConfig(t, testStudy(site))
	var progress bytes.Buffer
	cfg.Progress = &progress
	res, err := Run(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if p := progress.String(); !strings.Contains(p, "fixture") || !strings.Contains(p, "kept      5") || !strings.HasSuffix(p, "\n") {
		t.Errorf("progress output %q, want a final line for the outlet with its counts", p)
	}
	log := byURL(res.Log)
	tests := []struct {
		path     string
		outcome  framelens.CrawlOutcome
		via      string
		relevant bool
	}{
		{"/world/", framelens.OutcomeArchived, "seed", false},
		{"/world/page2.html", framelens.OutcomeArchived, "section", false},
		{"/world/1001", framelens.OutcomeArchived, "section", true},
		{"/world/1002", framelens.OutcomeArchived, "section", true},
		{"/world/1003", framelens.OutcomeArchived, "section", false},
		{"/private/2001", framelens.OutcomeRobots, "section", false},
		{"/sitemap.xml", framelens.OutcomeArchived, "seed", false},
		{"/sitemap-news.xml", framelens.OutcomeArchived, "sitemap", false},
		{"/sitemap-2018.xml.gz", framelens.OutcomeArchived, "sitemap", false},
		{"/sitemap-2016.xml", framelens.OutcomeOutOfScope, "sitemap", false},
		{"/politics/", framelens.OutcomeArchived, "seed", false},
		// The next page matches the article pattern too; it is walked as
		// a section all the same.
		{"/politics/3000", framelens.OutcomeArchived, "section", false},
		{"/politics/2005", framelens.OutcomeArchived, "section", true},
		{"/politics/2002", framelens.OutcomeArchived, "section", true},
		{"/world/1005", framelens.OutcomeOutOfScope, "sitemap", false},
		{"/about", framelens.OutcomeOutOfScope, "sitemap", false},
		// Queued from the feed before the gzip sitemap (a child of the
		// index) was read: the frontier is first in, first out.
		{"/politics/2003", framelens.OutcomeArchived, "feed", false},
		{"/world/1006", framelens.OutcomeOutOfScope, "sitemap", false},
		{"/world/1007", framelens.OutcomeOutOfScope, "feed", false},
		{"/politics/2004", framelens.OutcomeArchived, "feed", true},
		{"/robots.txt", framelens.OutcomeArchived, "robots", false},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.path, "/", "_"), func(t *testing.T) {
			e, ok := log[site.URL+tt.path]
			if !ok {
				t.Fatalf("log has no entry for %s", tt.path)
			}
			if e.Outcome != tt.outcome || e.DiscoveredVia != tt.via || e.Relevant != tt.relevant {
				t.Errorf("entry %s = {%s via %s relevant %v}, want {%s via %s relevant %v} (error %q)",
					tt.path, e.Outcome, e.DiscoveredVia, e.Relevant, tt.outcome, tt.via, tt.relevant, e.Error)
			}
			if e.Outcome == framelens.OutcomeArchived && (e.WARCFile == "" || e.Status != http.StatusOK) {
				t.Errorf("entry %s: status %d, warc %q@%d; want 200 and a WARC location", tt.path, e.Status, e.WARCFile, e.WARCOffset)
			}
		})
	}
	for _, p := range []string{"/world/page3.html", "/world/1004", "/world/9999", "/private/2001"} {
		if n := site.Hits(p); n != 0 {
			t.Errorf("%s fetched %d times, want 0", p, n)
		}
	}
	if len(res.WARCFiles) != 1 {
		t.Errorf("WARCFiles = %v, want one file", res.WARCFiles)
	}
	if len(res.Outlets) != 1 || res.Outlets[0].Kept != 5 {
		t.Errorf("Outlets = %+v, want one outlet with 5 kept", res.Outlets)
	}
}

func TestRunRefusesBadConfig(t *testing.T) {
	site := mustStartSite(t)
	cfg := testConfig(t, testStudy(site))
	cfg.Outlets = []string{"fixture", "nosuch"}
	if _, err := Run(t.Context(), cfg); err == nil || !strings.Contains(err.Error(), `"nosuch"`) {
		t.Errorf("Run with an unknown outlet: error %v, want one naming it", err)
	}
	cfg.Outlets = nil
	st, err := openState(cfg.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	if _, err := Run(t.Context(), cfg); !errors.Is(err, framelens.ErrLocked) {
		t.Errorf("Run on a directory in use: error %v, want ErrLocked", err)
	}
}
