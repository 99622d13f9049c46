package crawl

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/framelens/framelens"
)

// Defaults for the zero values of Config. See the package documentation
// for why each one is what it is.
const (
	DefaultDelay              = 3 * time.Second
	DefaultCrawlDelayCap      = 300 * time.Second
	DefaultMaxBodySize        = 10 << 20 // 10 MiB, as colly
	DefaultTimeout            = 30 * time.Second
	DefaultRetries            = 3
	DefaultBackoff            = 30 * time.Second
	DefaultMaxBackoff         = 30 * time.Minute
	DefaultBreakerThreshold   = 5
	DefaultBreakerCooldown    = 10 * time.Minute
	DefaultWaybackCDXInterval = 3 * time.Second // 20 requests a minute
	DefaultWaybackInterval    = time.Second     // 1 request a second
	DefaultWaybackCooldown    = time.Hour       // after the Archive refuses us
	DefaultMaxWARCSize        = 1 << 30         // 1 GiB
	DefaultCDXLimit           = 5000
	DefaultRefresh            = 6 * time.Hour
	DefaultWaybackCDX         = "https://web.archive.org/cdx/search/cdx"
	DefaultWaybackWeb         = "https://web.archive.org/web/"
	defaultSectionPages       = 20
)

// A Config says what to crawl and how politely. The zero value of each
// field but Study and Dir is usable and means the documented default.
type Config struct {
	// Study gives the outlets, their discovery rules, the keywords and the
	// window of the relevance filter. Required.
	Study *framelens.Study
	// Outlets restricts the crawl to these outlet IDs; empty means all.
	Outlets []string
	// URLs are extra article URLs (a plain URL list); each is given to the
	// outlet whose domain it is on, or logged as out of scope.
	URLs []string
	// Dir holds the WARC files, the CDXJ index and the crawl state (which
	// makes a crawl resumable). Required; created if missing.
	Dir string

	// Transport is the base transport that talks to the network; nil
	// means a clone of http.DefaultTransport. Politeness, retries and
	// the WARC recorder are layered on top of it.
	Transport http.RoundTripper
	// UserAgent is sent with every request and matched against robots.txt;
	// empty means "framelens-research-bot/<ToolVersion>
	// (+https://github.com/framelens/framelens)". Put a contact in it.
	UserAgent string
	// Logger receives Info at start and end, Debug per page and Warn per
	// failed page; nil means slog.Default().
	Logger *slog.Logger
	// Progress, when not nil, receives a one-line progress report per
	// outlet (discovered, fetched, kept, failed), redrawn with \r. Pass a
	// terminal; nil means no progress output.
	Progress io.Writer
	// Now is the clock (WARC-Date, FetchedAt, file names); nil means
	// time.Now.
	Now func() time.Time
	// Sleep waits for d or until ctx is done; nil means a timer. Tests may
	// replace it, or run under testing/synctest with the default.
	Sleep func(ctx context.Context, d time.Duration) error
	// ToolVersion names the crawler version in the warcinfo record and the
	// default User-Agent; empty means "dev".
	ToolVersion string

	// Delay is the minimum time between the end of one request and the
	// start of the next to the same host. Zero means DefaultDelay (3 s);
	// negative means none (only for loopback samples and replay).
	Delay time.Duration
	// CrawlDelayCap bounds a robots.txt Crawl-delay; zero means 300 s.
	CrawlDelayCap time.Duration
	// Refresh is the age after which a discovery source (a section page
	// and its further pages, a sitemap and its child sitemaps, a feed) is
	// fetched again by a run on the same Dir, to find articles published
	// since. Zero means DefaultRefresh (6 h); negative means never: each
	// source is fetched once per Dir. Article pages are never fetched
	// again, nor Wayback CDX answers (a past window's captures do not
	// change).
	Refresh time.Duration
	// MaxPages bounds the pages fetched per outlet in one run; zero means
	// no bound. What is left stays queued for the next run.
	MaxPages int
	// MaxBodySize is the most bytes of a body kept; longer bodies are cut
	// and the WARC record says WARC-Truncated: length. Zero means 10 MiB.
	MaxBodySize int64
	// Timeout bounds one attempt (connection, headers and body); zero
	// means 30 s.
	Timeout time.Duration
	// Retries is how many times a request that failed with 408, 429, 5xx,
	// a reset or a timeout is tried again; zero means 3, negative none.
	Retries int
	// Backoff is the first wait before a retry when the server gave no
	// Retry-After; it doubles each time up to MaxBackoff, with jitter.
	// Zero means 30 s.
	Backoff time.Duration
	// MaxBackoff caps a wait between retries, Retry-After included; a
	// server asking for longer fails the request. Zero means 30 min.
	MaxBackoff time.Duration
	// BreakerThreshold is the number of consecutive failed requests to one
	// host after which it is paused for BreakerCooldown. Zero means 5 and
	// 10 min.
	BreakerThreshold int
	BreakerCooldown  time.Duration
	// MaxWARCSize is the size at which a WARC file is closed and the next
	// begun; zero means 1 GiB.
	MaxWARCSize int64

	// Wayback turns on discovery through the Wayback Machine's CDX API for
	// the outlets' Wayback rules, and fetching the raw captures it lists.
	Wayback bool
	// WaybackCDX is the CDX API endpoint; empty means DefaultWaybackCDX.
	WaybackCDX string
	// WaybackWeb is the playback prefix, followed by "<timestamp>id_/<url>";
	// empty means DefaultWaybackWeb.
	WaybackWeb string
	// WaybackCDXInterval and WaybackInterval are the minimum intervals
	// between CDX queries and between playback requests; zero means 3 s
	// (20 a minute) and 1 s; negative means none (test servers only).
	WaybackCDXInterval time.Duration
	WaybackInterval    time.Duration
	// WaybackCooldown is how long all Wayback traffic stops after the
	// Archive refuses a connection or its circuit opens; zero means 1 h.
	WaybackCooldown time.Duration
	// CDXLimit is the number of rows asked for per CDX page; zero means
	// 5000.
	CDXLimit int
}

// A Result is what Run did.
type Result struct {
	// Log is the whole crawl log of Dir, every run so far, in order.
	Log []framelens.CrawlEntry
	// WARCFiles are the paths of all WARC files in Dir, sorted.
	WARCFiles []string
	// Index is the path of the CDXJ index of those files.
	Index string
	// Outlets has this run's counts, one entry per outlet crawled, in
	// study order.
	Outlets []OutletStats
}

// OutletStats counts one outlet's URLs in one run.
type OutletStats struct {
	Outlet string
	// Discovered is the number of new URLs found (queued or logged out of
	// scope); Fetched the number of URLs whose fetch ended (archived or
	// failed); Kept the archived pages the relevance filter kept; Failed
	// the URLs that ended failed; Queued what is left for the next run.
	// Refreshed is the number of discovery sources queued again because
	// their last fetch was older than Config.Refresh.
	Discovered, Refreshed, Fetched, Kept, Failed, Robots, OutOfScope, Queued int
}

// withDefaults returns a copy of cfg with zero values replaced.
func (cfg Config) withDefaults() Config {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleepCtx
	}
	if cfg.ToolVersion == "" {
		cfg.ToolVersion = "dev"
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "framelens-research-bot/" + cfg.ToolVersion + " (+https://github.com/framelens/framelens)"
	}
	if cfg.Delay == 0 {
		cfg.Delay = DefaultDelay
	}
	if cfg.CrawlDelayCap == 0 {
		cfg.CrawlDelayCap = DefaultCrawlDelayCap
	}
	if cfg.MaxBodySize == 0 {
		cfg.MaxBodySize = DefaultMaxBodySize
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Retries == 0 {
		cfg.Retries = DefaultRetries
	}
	if cfg.Backoff == 0 {
		cfg.Backoff = DefaultBackoff
	}
	if cfg.MaxBackoff == 0 {
		cfg.MaxBackoff = DefaultMaxBackoff
	}
	if cfg.BreakerThreshold == 0 {
		cfg.BreakerThreshold = DefaultBreakerThreshold
	}
	if cfg.BreakerCooldown == 0 {
		cfg.BreakerCooldown = DefaultBreakerCooldown
	}
	if cfg.MaxWARCSize == 0 {
		cfg.MaxWARCSize = DefaultMaxWARCSize
	}
	if cfg.WaybackCDX == "" {
		cfg.WaybackCDX = DefaultWaybackCDX
	}
	if cfg.WaybackWeb == "" {
		cfg.WaybackWeb = DefaultWaybackWeb
	}
	if cfg.WaybackCDXInterval == 0 {
		cfg.WaybackCDXInterval = DefaultWaybackCDXInterval
	}
	if cfg.WaybackInterval == 0 {
		cfg.WaybackInterval = DefaultWaybackInterval
	}
	if cfg.WaybackCooldown == 0 {
		cfg.WaybackCooldown = DefaultWaybackCooldown
	}
	if cfg.Refresh == 0 {
		cfg.Refresh = DefaultRefresh
	}
	if cfg.CDXLimit == 0 {
		cfg.CDXLimit = DefaultCDXLimit
	}
	return cfg
}

// sleepCtx waits for d or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
