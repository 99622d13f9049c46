package crawl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// politeness is the outermost network layer: per host, one request at a
// time and a pause between them of at least the configured delay, five
// times the host's last response time (up to 30 s), its robots.txt
// Crawl-delay (capped) and, for the Wayback Machine, its own stricter
// interval. Colly's LimitRule is not used: it is per rule, not
// per host, and it sleeps while holding the slot after the response, which
// a fake clock cannot see.
type politeness struct {
	next  http.RoundTripper
	delay time.Duration // negative: none
	cap   time.Duration // Crawl-delay cap
	ua    string
	now   func() time.Time
	sleep func(context.Context, time.Duration) error
	log   *slog.Logger
	// interval returns an extra minimum interval for a URL (the Wayback
	// lanes); zero for none.
	interval func(*http.Request) time.Duration

	mu    sync.Mutex
	hosts map[string]*hostSlot
}

type hostSlot struct {
	sem        chan struct{}
	robots     *robotstxt.Group // our group in the host's robots.txt; nil if none seen
	last       time.Time        // end of the last request
	took       time.Duration    // how long the last request took
	crawlDelay time.Duration
	// robotsDown is the status of a robots.txt answered with a server
	// error; the host is then not crawled until robots.txt answers again.
	robotsDown int
}

// errRobotsUnavailable is returned, without a request being sent, for a
// host whose robots.txt last answered with a server error. RFC 9309
// §2.3.1.4 asks to assume complete disallow; colly does not (the rules
// robotstxt builds for a 5xx have no group, and colly's FindGroup then
// Test allows every path). The URL ends failed, so the next run tries it
// again, rather than robots_disallowed for good.
var errRobotsUnavailable = errors.New("robots.txt unavailable (server error): host not crawled until it answers")

// Heritrix's adaptive politeness: a host that answers slowly is asked less
// often. The pause is at least slowFactor times the last response time, up
// to maxAdaptive (Heritrix delayFactor 5, maxDelayMs 30000). It applies only
// with a positive Delay.
const (
	slowFactor  = 5
	maxAdaptive = 30 * time.Second
)

func (p *politeness) slot(host string) *hostSlot {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.hosts == nil {
		p.hosts = map[string]*hostSlot{}
	}
	s, ok := p.hosts[host]
	if !ok {
		s = &hostSlot{sem: make(chan struct{}, 1)}
		p.hosts[host] = s
	}
	return s
}

// RoundTrip implements http.RoundTripper.
func (p *politeness) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	s := p.slot(req.URL.Host)
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-s.sem }()
	if s.robotsDown != 0 && req.URL.Path != "/robots.txt" {
		return nil, fmt.Errorf("%w (status %d)", errRobotsUnavailable, s.robotsDown)
	}

	gap := s.crawlDelay
	if p.delay > gap {
		gap = p.delay
	}
	if p.delay > 0 {
		if d := min(slowFactor*s.took, maxAdaptive); d > gap {
			gap = d
		}
	}
	if p.interval != nil {
		if d := p.interval(req); d > gap {
			gap = d
		}
	}
	if !s.last.IsZero() && gap > 0 {
		if wait := gap - p.now().Sub(s.last); wait > 0 {
			if err := p.sleep(ctx, wait); err != nil {
				return nil, err
			}
		}
	}
	start := p.now()
	resp, err := p.next.RoundTrip(req)
	s.last = p.now()
	s.took = s.last.Sub(start)
	if err == nil && req.URL.Path == "/robots.txt" {
		s.robots, s.crawlDelay = p.readRobots(req, resp)
		s.robotsDown = 0
		if resp.StatusCode >= 500 {
			s.robotsDown = resp.StatusCode
		}
	}
	return resp, err
}

// readRobots reads our group and its Crawl-delay from a robots.txt
// response (colly parses robots itself but ignores Crawl-delay, and does
// not check redirect targets). The body is put back for colly to read.
// robotstxt follows RFC 9309 for the status: 4xx allows all, 5xx
// disallows all.
func (p *politeness) readRobots(req *http.Request, resp *http.Response) (*robotstxt.Group, time.Duration) {
	body, err := io.ReadAll(io.LimitReader(resp.Body, 512<<10))
	resp.Body.Close()
	resp.Body = io.NopCloser(strings.NewReader(string(body)))
	if err != nil {
		return nil, 0
	}
	robots, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil {
		return nil, 0
	}
	g := robots.FindGroup(p.ua)
	if g == nil || g.CrawlDelay <= 0 || resp.StatusCode != http.StatusOK {
		return g, 0
	}
	d := g.CrawlDelay
	if d > p.cap {
		p.log.Info("crawl-delay capped", "url", req.URL.String(), "crawl_delay", d, "cap", p.cap)
		d = p.cap
	}
	return g, d
}

// allowed reports whether robots.txt, as last read for u's host, lets us
// fetch u. A host whose robots.txt has not been read yet is allowed.
func (p *politeness) allowed(u *url.URL) bool {
	s := p.slot(u.Host)
	s.sem <- struct{}{}
	g := s.robots
	<-s.sem
	if g == nil {
		return true
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return g.Test(path)
}
