package crawl

import (
	"context"
	"errors"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/gocolly/colly/v2"

	"github.com/framelens/framelens"
)

// A page is what colly's callbacks learn about one request.
type page struct {
	item     item
	status   int
	err      error
	relevant bool
	found    []item
	outScope []framelens.CrawlEntry
}

// outletRules are an outlet's compiled discovery rules.
type outletRules struct {
	outlet   framelens.Outlet
	patterns []*regexp.Regexp
}

// candidate reports whether u is an article URL of the outlet: on one of
// its domains and matching one of its article patterns (any URL on its
// domains when it has none).
func (o outletRules) candidate(u string) bool {
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || !o.outlet.HasHost(pu.Host) {
		return false
	}
	if len(o.patterns) == 0 {
		return true
	}
	for _, p := range o.patterns {
		if p.MatchString(u) {
			return true
		}
	}
	return false
}

// sink collects what the transport chain reports while colly handles one
// request. The collector is not async and a request runs to its end before
// the next starts, so everything reported between reset and drain belongs
// to the current request (robots.txt fetches and redirect hops included).
type sink struct {
	mu       sync.Mutex
	cur      kind // of the frontier item being fetched
	caps     []capture
	attempts map[string]int
}

// begin starts a request for a frontier item of kind k.
func (s *sink) begin(k kind) {
	s.mu.Lock()
	s.cur = k
	s.mu.Unlock()
}

func (s *sink) kind() kind {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur
}

func (s *sink) capture(c capture) {
	s.mu.Lock()
	s.caps = append(s.caps, c)
	s.mu.Unlock()
}

func (s *sink) attempt(u string) {
	s.mu.Lock()
	if s.attempts == nil {
		s.attempts = map[string]int{}
	}
	s.attempts[u]++
	s.mu.Unlock()
}

func (s *sink) drain() ([]capture, map[string]int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	caps, att := s.caps, s.attempts
	s.caps, s.attempts = nil, nil
	return caps, att
}

// newCollector returns a non-async colly collector on our transport chain.
// colly.NewCollector applies COLLY_* environment variables after its
// options; a library must not let the environment change what it does
// (STYLE.md §7), so every field those variables touch is set again here.
func (cr *crawler) newCollector(ctx context.Context) *colly.Collector {
	c := colly.NewCollector()
	c.UserAgent = cr.cfg.UserAgent
	c.Async = false
	c.IgnoreRobotsTxt = false // colly's default is to ignore robots.txt
	c.AllowURLRevisit = true  // the frontier on disk deduplicates
	c.AllowedDomains = nil
	c.DisallowedDomains = nil
	c.URLFilters = nil
	c.DisallowedURLFilters = nil
	c.CacheDir = ""
	c.DetectCharset = false // the decoder layer settles charsets
	c.ParseHTTPErrorResponse = false
	c.TraceHTTP = false
	c.MaxDepth = 0
	c.MaxRequests = 0
	c.MaxBodySize = int(cr.cfg.MaxBodySize)
	jar, _ := cookiejar.New(nil)
	c.SetCookieJar(jar)
	// colly checks robots.txt for the URLs it is asked for, not for the
	// targets of redirects; a redirect into a disallowed path stops here.
	// (With a handler set colly no longer applies its 10-hop limit, so it
	// is applied here too.)
	c.SetRedirectHandler(func(req *http.Request, via []*http.Request) error {
		if len(via) >= 10 {
			return http.ErrUseLastResponse
		}
		if !cr.pol.allowed(req.URL) {
			return colly.ErrRobotsTxtBlocked
		}
		return nil
	})
	c.WithTransport(cr.chain)
	// The retry layer bounds each attempt; a client-wide timeout would cut
	// across its backoff waits.
	c.SetRequestTimeout(0)
	c.Context = ctx

	c.OnResponse(cr.onResponse)
	c.OnHTML("html", cr.onHTML)
	c.OnError(func(r *colly.Response, err error) {
		if p := pageOf(r.Ctx); p != nil {
			p.status = r.StatusCode
			p.err = err
		}
	})
	return c
}

func pageOf(ctx *colly.Context) *page {
	if ctx == nil {
		return nil
	}
	p, _ := ctx.GetAny("page").(*page)
	return p
}

// onResponse reads the XML kinds: sitemaps, feeds and CDX answers.
func (cr *crawler) onResponse(r *colly.Response) {
	p := pageOf(r.Ctx)
	if p == nil {
		return
	}
	p.status = r.StatusCode
	rules := cr.rules[p.item.Outlet]
	from := r.Request.URL.String()
	switch p.item.Kind {
	case kindSitemap:
		pages, children, err := parseSitemap(r.Body)
		if err != nil {
			p.err = err
			return
		}
		lo, _ := windowBounds(cr.cfg.Study.Window.Start, cr.cfg.Study.Window.End)
		for _, ch := range children {
			// A child sitemap last changed before the window began holds
			// nothing published in it.
			if !ch.Date.IsZero() && !lo.IsZero() && ch.Date.Before(lo) {
				p.outScope = append(p.outScope, cr.outOfScope(p.item.Outlet, ch.URL, "sitemap", from, "sitemap last modified before the study window"))
				continue
			}
			p.found = append(p.found, item{URL: ch.URL, Outlet: p.item.Outlet, Kind: kindSitemap, Via: "sitemap", From: from})
		}
		for _, l := range pages {
			cr.listedCandidate(p, rules, l, "sitemap", from)
		}
	case kindFeed:
		entries, err := parseFeed(r.Body)
		if err != nil {
			p.err = err
			return
		}
		for _, l := range entries {
			cr.listedCandidate(p, rules, l, "feed", from)
		}
	case kindCDX:
		cr.cdxAnswer(p, rules, r.Body, from)
	}
}

// listedCandidate queues a sitemap or feed entry, or logs why not.
func (cr *crawler) listedCandidate(p *page, rules outletRules, l listed, via, from string) {
	lo, hi := windowBounds(cr.cfg.Study.Window.Start, cr.cfg.Study.Window.End)
	switch {
	case !rules.candidate(l.URL):
		p.outScope = append(p.outScope, cr.outOfScope(p.item.Outlet, l.URL, via, from, "not an article URL of the outlet"))
	// A publication date outside the window rules a page out; a
	// last-modified date only when it is before the window (pages are
	// edited after they appear, never before).
	case !l.Date.IsZero() && !lo.IsZero() && l.Date.Before(lo),
		l.Published && !hi.IsZero() && l.Date.After(hi):
		p.outScope = append(p.outScope, cr.outOfScope(p.item.Outlet, l.URL, via, from, "outside the study window"))
	default:
		it := item{URL: l.URL, Outlet: p.item.Outlet, Kind: kindArticle, Via: via, From: from}
		if l.Published {
			it.Date = l.Date
		}
		p.found = append(p.found, it)
	}
}

// cdxAnswer queues the raw captures a CDX page lists and the next page.
func (cr *crawler) cdxAnswer(p *page, rules outletRules, body []byte, from string) {
	rows, resume, err := parseCDX(body)
	if err != nil {
		p.err = err
		return
	}
	for _, row := range rows {
		orig := originalURL(row.Original)
		if !rules.candidate(orig) {
			p.outScope = append(p.outScope, cr.outOfScope(p.item.Outlet, orig, "wayback", from, "not an article URL of the outlet"))
			continue
		}
		it := item{
			URL: playbackURL(cr.cfg.WaybackWeb, row.Timestamp, orig), Outlet: p.item.Outlet, Kind: kindArticle,
			Via: "wayback", From: from, Original: orig, Memento: row.Timestamp, CDXDigest: row.Digest,
		}
		p.found = append(p.found, it)
	}
	if resume != "" {
		rule := framelens.WaybackRule{Prefix: p.item.Rule}
		for _, wr := range rules.outlet.Discovery.Wayback {
			if wr.Prefix == p.item.Rule {
				rule = wr
			}
		}
		next := cdxQuery(cr.cfg.WaybackCDX, rule, cr.cfg.Study.Window, cr.cfg.CDXLimit, resume)
		p.found = append(p.found, item{URL: next, Outlet: p.item.Outlet, Kind: kindCDX, Via: "wayback", From: from, Rule: p.item.Rule})
	}
}

// onHTML walks section pages and judges article pages.
func (cr *crawler) onHTML(e *colly.HTMLElement) {
	p := pageOf(e.Request.Ctx)
	if p == nil {
		return
	}
	rules := cr.rules[p.item.Outlet]
	from := e.Request.URL.String()
	switch p.item.Kind {
	case kindArticle:
		p.relevant, _ = cr.relevance.judge(e.DOM, p.item.Date)
	case kindSection:
		sec := framelens.Section{}
		if p.item.Section < len(rules.outlet.Discovery.Sections) {
			sec = rules.outlet.Discovery.Sections[p.item.Section]
		}
		// The next page first: its link may also match the article
		// patterns (state.gov's /press-releases/page/2/ does) and must be
		// walked as a section, not fetched as an article.
		max := sec.MaxPages
		if max <= 0 {
			max = defaultSectionPages
		}
		nextSel := sec.Next
		if nextSel == "" {
			nextSel = `a[rel~="next"], link[rel~="next"]`
		}
		var next string
		if href, ok := e.DOM.Find(nextSel).First().Attr("href"); ok {
			next = e.Request.AbsoluteURL(strings.TrimSpace(href))
		}
		links := sec.Links
		if links == "" {
			links = "a[href]"
		}
		e.DOM.Find(links).Each(func(_ int, a *goquery.Selection) {
			href, ok := a.Attr("href")
			if !ok {
				return
			}
			u := e.Request.AbsoluteURL(strings.TrimSpace(href))
			if u == "" || u == next || u == from || u == p.item.URL || !rules.candidate(u) {
				return
			}
			p.found = append(p.found, item{URL: u, Outlet: p.item.Outlet, Kind: kindArticle, Via: "section", From: from})
		})
		if next != "" && p.item.Page < max {
			p.found = append(p.found, item{URL: next, Outlet: p.item.Outlet, Kind: kindSection, Via: "section", From: from, Section: p.item.Section, Page: p.item.Page + 1})
		}
	}
}

// outOfScope is the log entry of a URL the crawler met but will not fetch.
func (cr *crawler) outOfScope(outlet, u, via, from, why string) framelens.CrawlEntry {
	return framelens.CrawlEntry{URL: u, Outlet: outlet, DiscoveredVia: via, From: from, Outcome: framelens.OutcomeOutOfScope, Error: why, FetchedAt: cr.cfg.Now().UTC()}
}

// outcomeOf maps how a request ended to its log outcome.
func outcomeOf(err error, final capture, haveCapture bool) (framelens.CrawlOutcome, string) {
	switch {
	case errors.Is(err, colly.ErrRobotsTxtBlocked):
		return framelens.OutcomeRobots, framelens.ErrRobotsDisallowed.Error()
	case !haveCapture:
		if err == nil {
			err = errors.New("no response")
		}
		return framelens.OutcomeFailed, err.Error()
	case final.Status == http.StatusTooManyRequests || final.Status == http.StatusRequestTimeout || final.Status >= 500:
		return framelens.OutcomeFailed, http.StatusText(final.Status)
	case final.Status >= 300 && final.Status < 400 && final.Location != "":
		// Only reached when colly stopped following (10 hops).
		return framelens.OutcomeFailed, "too many redirects"
	case final.Archived:
		return framelens.OutcomeDuplicate, ""
	case final.Truncated:
		return framelens.OutcomeTruncated, framelens.ErrTruncated.Error()
	}
	return framelens.OutcomeArchived, ""
}

// now returns the clock in UTC.
func (cr *crawler) now() time.Time { return cr.cfg.Now().UTC() }
