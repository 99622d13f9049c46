package crawl

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/nlnwa/gowarc/v3"
	bolt "go.etcd.io/bbolt"

	"github.com/framelens/framelens"
)

// crawler is the state of one Run.
type crawler struct {
	cfg       Config
	log       *slog.Logger
	st        *state
	w         *warcWriter
	chain     http.RoundTripper
	pol       *politeness
	sink      sink
	rules     map[string]outletRules
	relevance relevance
	stats     map[string]*OutletStats
	progress  progress
	lastSync  time.Time
	started   time.Time // when Run began, by cfg.Now
	// unreferred holds the record IDs of the responses, among those the
	// start-up scan found in WARC tails, that no metadata record refers to:
	// a Wayback capture written just before a kill and still lacking its
	// metadata record, which waybackMetadata then writes.
	unreferred map[string]bool
}

// Run crawls the study's outlets (cfg.Outlets, or all) one after another
// and returns the crawl log of Dir with the WARC files written so far.
// Run resumes the crawl Dir holds: what is archived there is not fetched
// again, and what was queued is fetched now. It returns an error only when
// the crawl itself cannot go on (state, disk, a bad study); per-page
// failures are entries of the log. When ctx ends, Run stops after the
// current request, keeps the queue for the next run and returns ctx's error
// with the result so far.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	if cfg.Study == nil {
		return nil, errors.New("crawl: no study")
	}
	if cfg.Dir == "" {
		return nil, errors.New("crawl: no directory")
	}
	cfg = cfg.withDefaults()
	if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("crawl: %w", err)
	}
	outlets, err := selectOutlets(cfg.Study, cfg.Outlets)
	if err != nil {
		return nil, err
	}
	cr := &crawler{cfg: cfg, log: cfg.Logger.With("stage", "crawl"), rules: map[string]outletRules{}, stats: map[string]*OutletStats{}}
	cr.started = cfg.Now()
	cr.progress = progress{w: cfg.Progress, now: cfg.Now}
	cr.relevance = newRelevance(cfg.Study)
	for _, o := range cfg.Study.Outlets {
		r := outletRules{outlet: o}
		for _, p := range o.Discovery.ArticlePatterns {
			re, err := regexp.Compile(p)
			if err != nil {
				return nil, fmt.Errorf("crawl: outlet %s: article pattern %q: %w", o.ID, p, err)
			}
			r.patterns = append(r.patterns, re)
		}
		cr.rules[o.ID] = r
	}

	cr.st, err = openState(cfg.Dir)
	if err != nil {
		return nil, err
	}
	defer cr.st.close()
	if err := cr.recoverWARCs(); err != nil {
		return nil, err
	}
	prefix := "framelens"
	if cfg.Study.ID != "" {
		prefix += "-" + cfg.Study.ID
	}
	cr.w = newWARCWriter(cfg.Dir, prefix, cfg.MaxWARCSize, cfg.Now, warcInfo{
		Software: "framelens/" + cfg.ToolVersion + " (crawl; gocolly/colly v2.3.0; nlnwa/gowarc v3)", Study: cfg.Study.ID,
		StudyHash: cfg.Study.Hash, UserAgent: cfg.UserAgent, Robots: "obey",
	})
	cr.chain = runContext{next: cr.buildChain(), ctx: ctx}

	cr.log.InfoContext(ctx, "crawl start", "dir", cfg.Dir, "n", len(outlets), "user_agent", cfg.UserAgent,
		"delay", cfg.Delay, "crawl_delay_cap", cfg.CrawlDelayCap, "robots", "obey", "parallelism_per_host", 1,
		"timeout", cfg.Timeout, "retries", cfg.Retries, "wayback", cfg.Wayback, "refresh", cfg.Refresh)

	var runErr error
	for _, o := range outlets {
		if err := cr.crawlOutlet(ctx, o); err != nil {
			runErr = err
			break
		}
	}
	res, err := cr.finish()
	if err != nil {
		return res, errors.Join(runErr, err)
	}
	return res, runErr
}

// selectOutlets returns the outlets to crawl, in study order.
func selectOutlets(s *framelens.Study, ids []string) ([]framelens.Outlet, error) {
	if len(ids) == 0 {
		return s.Outlets, nil
	}
	var out []framelens.Outlet
	var errs []error
	for _, id := range ids {
		if _, ok := s.Outlet(id); !ok {
			errs = append(errs, fmt.Errorf("crawl: unknown outlet %q", id))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for _, o := range s.Outlets {
		if slices.Contains(ids, o.ID) {
			out = append(out, o)
		}
	}
	return out, nil
}

// buildChain layers our transports under colly:
// decoder -> archive -> politeness -> retry -> recorder -> base.
func (cr *crawler) buildChain() http.RoundTripper {
	cfg := cr.cfg
	base := cfg.Transport
	if base == nil {
		base = http.DefaultTransport.(*http.Transport).Clone()
	}
	rec := &recorder{next: base, w: cr.w, maxBody: cfg.MaxBodySize, now: cfg.Now, onCapture: cr.sink.capture}
	waybackHost := func(host string) bool {
		return host == hostOf(cfg.WaybackCDX) || host == hostOf(cfg.WaybackWeb)
	}
	ret := &retrier{
		next: rec, retries: cfg.Retries, backoff: cfg.Backoff, maxBackoff: cfg.MaxBackoff, timeout: cfg.Timeout,
		threshold: cfg.BreakerThreshold, cooldown: cfg.BreakerCooldown, now: cfg.Now, sleep: cfg.Sleep, log: cr.log,
		onAttempt: cr.sink.attempt,
		hostCooldown: func(host string) (time.Duration, bool) {
			if cfg.Wayback && waybackHost(host) {
				return cfg.WaybackCooldown, true
			}
			return 0, false
		},
	}
	pol := &politeness{
		next: ret, delay: cfg.Delay, cap: cfg.CrawlDelayCap, ua: cfg.UserAgent, now: cfg.Now, sleep: cfg.Sleep, log: cr.log,
		interval: func(req *http.Request) time.Duration {
			u := req.URL.String()
			switch {
			case strings.HasPrefix(u, cfg.WaybackCDX):
				return cfg.WaybackCDXInterval
			case strings.HasPrefix(u, cfg.WaybackWeb):
				return cfg.WaybackInterval
			}
			return 0
		},
	}
	cr.pol = pol
	arc := &archiveLayer{next: pol, dir: cfg.Dir, st: cr.st, onCapture: cr.sink.capture, refetch: cr.refetch,
		conditional: cr.conditional}
	return &decoder{next: arc, maxBody: cfg.MaxBodySize}
}

// runContext gives a request that carries no context of its own the
// run's. colly fetches robots.txt with a request made by http.NewRequest;
// without this, a cancelled run would wait out that fetch, its retries and
// their backoff (minutes) before stopping.
type runContext struct {
	next http.RoundTripper
	ctx  context.Context
}

// RoundTrip implements http.RoundTripper.
func (t runContext) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Context().Done() == nil {
		req = req.WithContext(t.ctx)
	}
	return t.next.RoundTrip(req)
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Host
}

// recoverWARCs makes the WARC files of an interrupted run whole and puts
// every response record the state does not know yet into the index, so
// that nothing archived is fetched again.
func (cr *crawler) recoverWARCs() error {
	files, err := listWARCs(cr.cfg.Dir)
	if err != nil {
		return fmt.Errorf("crawl: %w", err)
	}
	for _, path := range files {
		if strings.HasSuffix(path, openSuffix) {
			final, cut, err := repairWARC(path)
			if err != nil {
				return fmt.Errorf("crawl: %w", err)
			}
			cr.log.Warn("repaired unfinished warc", "file", filepath.Base(path), "n", cut)
			if final == "" {
				continue
			}
			path = final
		}
		name := filepath.Base(path)
		from, err := cr.st.scannedUpTo(name)
		if err != nil {
			return err
		}
		var caps []capture
		referred := map[string]bool{}
		goodEnd, scanErr := scanWARC(path, from, func(sr scannedRecord) error {
			if sr.Type == gowarc.Response && sr.capture.Status > 0 {
				caps = append(caps, sr.capture)
			}
			if sr.Type == gowarc.Metadata && sr.Refers != "" {
				referred[strings.Trim(sr.Refers, "<>")] = true
			}
			return nil
		})
		for _, c := range caps {
			if c.RecordID != "" && !referred[c.RecordID] {
				if cr.unreferred == nil {
					cr.unreferred = map[string]bool{}
				}
				cr.unreferred[c.RecordID] = true
			}
		}
		if scanErr != nil {
			fi, err := os.Stat(path)
			if err != nil {
				return err
			}
			if err := os.Truncate(path, goodEnd); err != nil {
				return fmt.Errorf("crawl: repair %s: %w", name, err)
			}
			cr.log.Warn("cut damaged warc tail", "file", name, "n", fi.Size()-goodEnd, "error", scanErr.Error())
		}
		if len(caps) == 0 {
			continue
		}
		err = cr.st.db.Update(func(tx *bolt.Tx) error {
			for _, c := range caps {
				if err := putCapture(tx, c); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("crawl: index %s: %w", name, err)
		}
	}
	return nil
}

// crawlOutlet seeds the outlet's discovery and works through its frontier.
func (cr *crawler) crawlOutlet(ctx context.Context, o framelens.Outlet) error {
	stats := &OutletStats{Outlet: o.ID}
	cr.stats[o.ID] = stats
	log := cr.log.With("outlet", o.ID)
	if err := cr.seed(o, stats); err != nil {
		return err
	}
	c := cr.newCollector(ctx)
	born := cr.cfg.Now()
	fetched := 0
	for ctx.Err() == nil {
		if cr.cfg.MaxPages > 0 && fetched >= cr.cfg.MaxPages {
			break
		}
		// colly keeps each host's robots.txt for the collector's life; a
		// new collector reads it again.
		if now := cr.cfg.Now(); now.Sub(born) >= robotsMaxAge {
			c, born = cr.newCollector(ctx), now
		}
		it, key, ok, err := cr.st.next(o.ID)
		if err != nil {
			return fmt.Errorf("crawl %s: %w", o.ID, err)
		}
		if !ok {
			break
		}
		if err := cr.fetch(ctx, c, it, key, stats, log); err != nil {
			return err
		}
		fetched++
		cr.progress.show(stats, false)
	}
	n, err := cr.st.frontierLen(o.ID)
	if err != nil {
		return err
	}
	stats.Queued = n
	cr.progress.show(stats, true)
	log.InfoContext(ctx, "outlet done", "discovered", stats.Discovered, "refreshed", stats.Refreshed, "fetched", stats.Fetched,
		"kept", stats.Kept, "failed", stats.Failed, "queued", stats.Queued)
	return ctx.Err()
}

// seed queues the outlet's discovery sources (again when their last fetch
// is older than Config.Refresh), its Wayback queries (once per crawl
// directory), the list URLs that belong to it, and again the URLs whose
// fetch failed in an earlier run.
func (cr *crawler) seed(o framelens.Outlet, stats *OutletStats) error {
	var items []item
	d := o.Discovery
	for i, s := range d.Sections {
		items = append(items, item{URL: s.URL, Outlet: o.ID, Kind: kindSection, Via: "seed", Section: i, Page: 1})
	}
	for _, s := range d.Sitemaps {
		items = append(items, item{URL: s, Outlet: o.ID, Kind: kindSitemap, Via: "seed"})
	}
	for _, f := range d.Feeds {
		items = append(items, item{URL: f, Outlet: o.ID, Kind: kindFeed, Via: "seed"})
	}
	for _, u := range d.URLs {
		items = append(items, item{URL: u, Outlet: o.ID, Kind: kindArticle, Via: "list"})
	}
	for _, u := range cr.cfg.URLs {
		if pu, err := url.Parse(u); err == nil && o.HasHost(pu.Host) {
			items = append(items, item{URL: u, Outlet: o.ID, Kind: kindArticle, Via: "list"})
		}
	}
	if cr.cfg.Wayback {
		for _, r := range d.Wayback {
			q := cdxQuery(cr.cfg.WaybackCDX, r, cr.cfg.Study.Window, cr.cfg.CDXLimit, "")
			items = append(items, item{URL: q, Outlet: o.ID, Kind: kindCDX, Via: "seed", Rule: r.Prefix})
		}
	}
	return cr.st.db.Update(func(tx *bolt.Tx) error {
		if err := requeueFailed(tx, o.ID); err != nil {
			return err
		}
		if err := cr.queueAll(tx, items, stats); err != nil {
			return err
		}
		// List URLs on no outlet's domain are logged once, with the first
		// outlet crawled.
		for _, u := range cr.cfg.URLs {
			pu, err := url.Parse(u)
			if err == nil {
				if _, ok := cr.cfg.Study.OutletForHost(pu.Host); ok {
					continue
				}
			}
			e := cr.outOfScope("", u, "list", "", "on no outlet's domain")
			if added, err := markSeen(tx, item{URL: u, Via: "list"}); err != nil {
				return err
			} else if added {
				if err := appendLog(tx, e); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// fetch runs one URL through colly and records how it ended, all in one
// transaction: log entries, captures, new URLs and the frontier entry's
// removal. A crash before the commit leaves the URL queued; its capture, if
// any, is found again in the WARC at start-up and served from there.
func (cr *crawler) fetch(ctx context.Context, c *colly.Collector, it item, key []byte, stats *OutletStats, log *slog.Logger) error {
	cr.sink.drain()
	cr.sink.begin(it.Kind)
	p := &page{item: it}
	cctx := colly.NewContext()
	cctx.Put("page", p)
	err := c.Request(http.MethodGet, it.URL, nil, cctx, nil)
	if ctx.Err() != nil {
		// The item stays queued. A Wayback capture archived before the
		// stop gets its metadata record now: the resumed run serves the
		// capture from the WARC and writes none.
		caps, _ := cr.sink.drain()
		return cr.waybackMetadata(it, caps)
	}
	if err == nil {
		err = p.err
	}
	caps, attempts := cr.sink.drain()
	entries, final, extra, fresh := cr.entries(it, p, err, caps, attempts)
	if err := cr.waybackMetadata(it, caps); err != nil {
		return err
	}
	err = cr.st.db.Update(func(tx *bolt.Tx) error {
		for _, c := range fresh {
			if err := putCapture(tx, c); err != nil {
				return err
			}
		}
		if err := appendLog(tx, extra...); err != nil {
			return err
		}
		if err := appendLog(tx, entries...); err != nil {
			return err
		}
		for _, e := range p.outScope {
			added, err := markSeen(tx, item{URL: e.URL, Outlet: e.Outlet, Via: e.DiscoveredVia, From: e.From})
			if err != nil {
				return err
			}
			if added {
				stats.Discovered++
				stats.OutOfScope++
				if err := appendLog(tx, e); err != nil {
					return err
				}
			}
		}
		if err := cr.queueAll(tx, p.found, stats); err != nil {
			return err
		}
		for _, e := range entries[1:] {
			// Redirect hops are URLs too: never fetch them again.
			if _, err := markSeen(tx, item{URL: e.URL, Outlet: e.Outlet, Via: e.DiscoveredVia, From: e.From}); err != nil {
				return err
			}
		}
		it.Fetched = cr.now()
		return finishItem(tx, it, key, entries[final].Outcome == framelens.OutcomeFailed)
	})
	if err != nil {
		return fmt.Errorf("crawl %s: record %s: %w", it.Outlet, it.URL, err)
	}
	cr.count(stats, entries[final], log)
	if now := cr.cfg.Now(); now.Sub(cr.lastSync) > 5*time.Second {
		cr.lastSync = now
		if err := cr.st.db.Sync(); err != nil {
			return fmt.Errorf("crawl: sync state: %w", err)
		}
	}
	return nil
}

func (cr *crawler) count(stats *OutletStats, last framelens.CrawlEntry, log *slog.Logger) {
	switch last.Outcome {
	case framelens.OutcomeFailed:
		stats.Failed++
		stats.Fetched++
		log.Warn("fetch failed", "url", last.URL, "status", last.Status, "error", last.Error, "n", last.Attempts)
	case framelens.OutcomeRobots:
		stats.Robots++
		log.Debug("robots disallowed", "url", last.URL)
	default:
		stats.Fetched++
		if last.Relevant {
			stats.Kept++
		}
		log.Debug("fetched", "url", last.URL, "status", last.Status, "relevant", last.Relevant)
	}
}

// finishItem takes the URL off the frontier and marks it done (or failed,
// to be tried again by the next run).
func finishItem(tx *bolt.Tx, it item, key []byte, failed bool) error {
	if err := tx.Bucket(bucketFrontier).Delete(key); err != nil {
		return err
	}
	it.Done = true
	if err := putJSON(tx.Bucket(bucketSeen), []byte(it.URL), it); err != nil {
		return err
	}
	if failed {
		return tx.Bucket(bucketFailed).Put([]byte(it.URL), []byte(it.Outlet))
	}
	return tx.Bucket(bucketFailed).Delete([]byte(it.URL))
}

// queueAll queues items and counts the new and the refreshed ones.
func (cr *crawler) queueAll(tx *bolt.Tx, items []item, stats *OutletStats) error {
	for _, it := range items {
		added, refreshed, err := cr.queue(tx, it)
		if err != nil {
			return err
		}
		if added {
			stats.Discovered++
		}
		if refreshed {
			stats.Refreshed++
		}
	}
	return nil
}
