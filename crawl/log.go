package crawl

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/framelens/framelens"
)

// entries turns what happened to one frontier item into crawl-log entries.
// entries[0] is the item itself; then come the redirect hops in order, one
// entry per URL with its last capture (retries leave several), and
// entries[final] is the one the request ended on. extra holds the
// robots.txt fetches made on the way; fresh the captures to index (those
// not served from the archive).
func (cr *crawler) entries(it item, p *page, err error, caps []capture, attempts map[string]int) (entries []framelens.CrawlEntry, final int, extra []framelens.CrawlEntry, fresh []capture) {
	now := cr.now()
	var order []string
	last := map[string]capture{}
	var lastURL string
	for _, c := range caps {
		if !c.Archived {
			fresh = append(fresh, c)
		}
		if urlPath(c.URL) == "/robots.txt" && urlPath(it.URL) != "/robots.txt" {
			if !c.Archived {
				extra = append(extra, cr.entry(c, it.Outlet, "robots", it.URL, framelens.OutcomeArchived, "", attempts, now))
			}
			continue
		}
		if _, ok := last[c.URL]; !ok {
			order = append(order, c.URL)
		}
		last[c.URL] = c
		lastURL = c.URL
	}
	// A redirect into a path robots.txt disallows: the redirecting
	// response is archived; the target ends as robots_disallowed.
	var blocked string
	if errors.Is(err, colly.ErrRobotsTxtBlocked) && len(order) > 0 {
		if c := last[lastURL]; c.Location != "" {
			if base, perr := url.Parse(c.URL); perr == nil {
				if loc, perr := base.Parse(c.Location); perr == nil {
					blocked, err = loc.String(), nil
				}
			}
		}
	}
	defer func() {
		if blocked == "" {
			return
		}
		entries = append(entries, framelens.CrawlEntry{URL: blocked, Outlet: it.Outlet, DiscoveredVia: "redirect", From: lastURL,
			Outcome: framelens.OutcomeRobots, Error: framelens.ErrRobotsDisallowed.Error(), FetchedAt: now})
		final = len(entries) - 1
	}()
	if len(order) == 0 {
		out, msg := outcomeOf(err, capture{}, false)
		e := framelens.CrawlEntry{URL: it.URL, Outlet: it.Outlet, DiscoveredVia: it.Via, From: it.From,
			Outcome: out, Error: msg, Attempts: attempts[it.URL], FetchedAt: now}
		if e.Attempts == 0 && out == framelens.OutcomeFailed {
			e.Attempts = maxAttempts(attempts)
		}
		return []framelens.CrawlEntry{e}, 0, extra, fresh
	}
	for i, u := range order {
		c := last[u]
		via, from := it.Via, it.From
		if i > 0 {
			via, from = "redirect", order[i-1]
		}
		if u != lastURL {
			out := framelens.OutcomeArchived
			if c.Archived {
				out = framelens.OutcomeDuplicate
			}
			entries = append(entries, cr.entry(c, it.Outlet, via, from, out, "", attempts, now))
			continue
		}
		out, msg := outcomeOf(err, c, true)
		if blocked != "" {
			out = framelens.OutcomeArchived
		}
		if msg == "" && err != nil {
			msg = err.Error()
		}
		e := cr.entry(c, it.Outlet, via, from, out, msg, attempts, now)
		switch out {
		case framelens.OutcomeArchived, framelens.OutcomeDuplicate, framelens.OutcomeTruncated:
			e.Relevant = p.relevant
		}
		final = len(entries)
		entries = append(entries, e)
	}
	return entries, final, extra, fresh
}

func (cr *crawler) entry(c capture, outlet, via, from string, out framelens.CrawlOutcome, msg string, attempts map[string]int, now time.Time) framelens.CrawlEntry {
	at := c.Date.UTC()
	if at.IsZero() {
		at = now
	}
	n := attempts[c.URL]
	if c.Archived {
		n = 0
	}
	return framelens.CrawlEntry{
		URL: c.URL, Outlet: outlet, DiscoveredVia: via, From: from, Outcome: out, Status: c.Status,
		Attempts: n, Error: msg, WARCFile: c.File, WARCOffset: c.Offset, FetchedAt: at, Bytes: c.Bytes,
	}
}

func maxAttempts(m map[string]int) int {
	n := 0
	for _, v := range m {
		n = max(n, v)
	}
	return n
}

func urlPath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Path
}

// waybackMetadata writes, next to a Wayback capture just fetched, a
// metadata record that names the original URL, the memento time and the
// CDX digest: what normalize needs to cite the page as published.
func (cr *crawler) waybackMetadata(it item, caps []capture) error {
	if it.Memento == "" {
		return nil
	}
	for _, c := range caps {
		// A capture served from the WARCs has its record already, unless
		// a kill came between the two.
		if (c.Archived && !cr.unreferred[c.RecordID]) || c.Status != 200 {
			continue
		}
		fields := [][2]string{{"via", "wayback"}, {"original-url", it.Original}}
		if t, err := time.Parse("20060102150405", it.Memento); err == nil {
			fields = append(fields, [2]string{"memento-datetime", t.UTC().Format(time.RFC3339)})
		}
		if it.CDXDigest != "" {
			fields = append(fields, [2]string{"cdx-digest", "sha1:" + it.CDXDigest})
		}
		if it.From != "" {
			fields = append(fields, [2]string{"cdx-query", it.From})
		}
		rec, err := buildMetadata(c.URL, c.RecordID, cr.now(), fields)
		if err != nil {
			return err
		}
		if _, err := cr.w.write(rec); err != nil {
			return fmt.Errorf("crawl: %w", err)
		}
		delete(cr.unreferred, c.RecordID)
		return nil
	}
	return nil
}

// finish closes the WARC writer, writes the index and assembles the result.
func (cr *crawler) finish() (*Result, error) {
	var errs []error
	if err := cr.w.close(); err != nil {
		errs = append(errs, fmt.Errorf("crawl: close warc: %w", err))
	}
	res := &Result{}
	idx, err := cr.st.writeIndex(cr.cfg.Dir)
	if err != nil {
		errs = append(errs, fmt.Errorf("crawl: write index: %w", err))
	}
	res.Index = idx
	res.Log, err = cr.st.readLog()
	if err != nil {
		errs = append(errs, fmt.Errorf("crawl: read log: %w", err))
	}
	files, err := listWARCs(cr.cfg.Dir)
	if err != nil {
		errs = append(errs, err)
	}
	for _, f := range files {
		if filepath.Ext(f) == ".gz" {
			res.WARCFiles = append(res.WARCFiles, f)
		}
	}
	var total OutletStats
	for _, o := range cr.cfg.Study.Outlets {
		if s, ok := cr.stats[o.ID]; ok {
			res.Outlets = append(res.Outlets, *s)
			total.Discovered += s.Discovered
			total.Fetched += s.Fetched
			total.Kept += s.Kept
			total.Failed += s.Failed
			total.Queued += s.Queued
		}
	}
	cr.log.Info("crawl done", "n", len(res.Outlets), "discovered", total.Discovered, "fetched", total.Fetched,
		"kept", total.Kept, "failed", total.Failed, "queued", total.Queued, "warc_files", len(res.WARCFiles), "log_entries", len(res.Log))
	return res, errors.Join(errs...)
}
