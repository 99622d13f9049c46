package framelens

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// An Article is one page turned into clean text by normalize, with the
// provenance needed to cite it: the outlet, the URL, when it was captured and
// where in which WARC file the capture lies.
type Article struct {
	// ID is stable across reruns: see ArticleID.
	ID     string
	Outlet string
	// URL is the URL that was fetched (WARC-Target-URI).
	URL string
	// CanonicalURL comes from rel=canonical or og:url, tracking parameters
	// stripped; URL cleaned the same way when the page names none.
	CanonicalURL string
	CapturedAt   time.Time
	WARCFile     string
	WARCOffset   int64
	// PayloadDigest is the WARC payload digest ("sha1:BASE32").
	PayloadDigest string

	Title string
	Lede  string
	// Authors are people credited in the byline; Agencies are news agencies
	// credited (as author or in the dateline).
	Authors  []string
	Agencies []string
	// Published and Modified are in UTC; the zero time means unknown.
	// PublishedRaw keeps the string they were read from.
	Published    time.Time
	Modified     time.Time
	PublishedRaw string
	Dateline     Dateline
	Section      string
	Tags         []string
	// Language is a BCP 47 tag ("en", "ru").
	Language string
	// Paragraphs are the body paragraphs, dateline removed from the first;
	// Text is the title, a blank line and the paragraphs joined by blank
	// lines. Every Span of every finding indexes Text.
	Paragraphs []string
	Text       string
	// DuplicateOf is the ID of the article this one duplicates (same
	// canonical URL, AMP variant or near-identical body), or empty.
	DuplicateOf string
	// Relevant is set when the article is one of the study's (see
	// Relevance): analyses count only relevant, non-duplicate articles.
	Relevant bool
	// Words is the number of words in the body.
	Words int
}

// ArticleID returns the ID of the capture of url whose payload has the given
// digest: the first 16 hex digits of SHA-256 over both. The same page fetched
// twice with the same bytes gets the same ID, so reruns are stable.
func ArticleID(url, payloadDigest string) string {
	h := sha256.Sum256([]byte(url + "\x00" + payloadDigest))
	return hex.EncodeToString(h[:8])
}

// A Dateline is the place-and-source line that opens many agency stories:
// "MOSCOW, January 25. /TASS/." or "BRUSSELS (Reuters) -".
type Dateline struct {
	Raw    string
	Place  string
	Date   string
	Agency string
}

// A Reject is a page a stage could not use, kept as data so nothing is lost.
type Reject struct {
	Stage  string // "crawl", "normalize", ...
	Outlet string
	URL    string
	// Class is a short stable reason such as "not_html", "not_article",
	// "too_short", "paywall", "undecodable", "empty".
	Class      string
	Error      string
	WARCFile   string
	WARCOffset int64
	CapturedAt time.Time
}

// CrawlOutcome is how a URL's crawl ended.
type CrawlOutcome string

// The crawl outcomes. Every URL the crawler meets ends with one of them.
const (
	OutcomeArchived   CrawlOutcome = "archived"
	OutcomeRobots     CrawlOutcome = "robots_disallowed"
	OutcomeOutOfScope CrawlOutcome = "out_of_scope"
	OutcomeFailed     CrawlOutcome = "failed"
	OutcomeDuplicate  CrawlOutcome = "already_archived"
	OutcomeTruncated  CrawlOutcome = "archived_truncated"
)

// A CrawlEntry is one row of the crawl log: a URL, how it was found and how
// its fetch ended.
type CrawlEntry struct {
	URL    string
	Outlet string
	// DiscoveredVia is "seed", "section", "sitemap", "feed", "wayback",
	// "link", "redirect" or "list"; From is the page it was found on.
	DiscoveredVia string
	From          string
	Outcome       CrawlOutcome
	Status        int
	Attempts      int
	Error         string
	// Relevant is set when the relevance filter judged the page an article
	// of the study.
	Relevant   bool
	WARCFile   string
	WARCOffset int64
	FetchedAt  time.Time
	Bytes      int64
}
