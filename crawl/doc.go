// Package crawl fetches the pages of a study's outlets politely, archives
// every response in WARC files and keeps a crawl log in which every URL it
// met ends with an outcome. It is the colly adapter of framelens: colly
// (github.com/gocolly/colly/v2 v2.3.0) schedules requests and parses pages;
// the network layer under it is ours.
//
//	study outlets --discovery--> frontier (on disk) --colly--> WARC files + index.cdxj + crawl log
//
// # Discovery
//
// Each outlet's Discovery in the study says where its articles are found:
//
//   - Sections: listing pages; article links are read with the section's
//     Links selector (default every a[href]) and kept when they match the
//     outlet's ArticlePatterns (default: any URL on its domains); the next
//     page is found with Next (default rel=next), up to MaxPages (20).
//   - Sitemaps: sitemap indexes, urlsets and news sitemaps, plain or
//     gzipped. A news:publication_date outside the study window, or a
//     lastmod before it, rules a URL out; a child sitemap last modified
//     before the window is not fetched.
//   - Feeds: RSS 2.0, RSS 1.0 and Atom, read with encoding/xml; an item
//     published outside the window is ruled out.
//   - Wayback (Config.Wayback): CDX API prefix queries over the rule's
//     from/to (default the study window) with filter=statuscode:200,
//     filter=mimetype:text/html, collapse=urlkey, output=json and
//     showResumeKey paging; each listed capture is fetched raw through the
//     id_ form (<WaybackWeb><timestamp>id_/<original>) and archived with a
//     metadata record naming the original URL, memento time and CDX digest.
//   - URLs, and Config.URLs: plain lists of article URLs.
//
// A URL ruled out is logged as out_of_scope with the reason; it is not
// fetched. A relevance filter then marks the fetched article pages that
// count as articles of the study (CrawlEntry.Relevant): a study keyword in
// the title, the page's metadata (description, keywords, tags, JSON-LD) or
// its text, and a date, when known, inside the window. Everything fetched
// is archived either way.
//
// # The transport chain
//
// colly's client keeps its cookie jar and redirect handling and talks to
//
//	decoder -> archive -> politeness -> retry -> recorder -> Config.Transport
//
// The layers, from colly down:
//
//   - decoder hands colly decompressed bodies, and HTML in UTF-8: the
//     charset comes from a byte order mark, else the Content-Type header,
//     else <meta>, else a UTF-8/windows-1252 guess. colly v2.3.0 alone
//     reads only the header, so a windows-1251 page declaring its charset
//     only in <meta> reached OnHTML as raw bytes.
//   - archive answers from the crawl's own WARCs for URLs already archived
//     (not 408/429/5xx captures, never robots.txt, nor a discovery source
//     due again; see Scheduled runs), so a resumed crawl refetches nothing.
//   - politeness allows one request at a time per host and waits between
//     them (end of one to start of the next) for the longest of Delay, five
//     times the host's last response time (up to 30 s; only when Delay is
//     positive), the host's robots.txt Crawl-delay (capped at
//     CrawlDelayCap) and, for the Wayback Machine, WaybackCDXInterval or
//     WaybackInterval. It also keeps each host's robots.txt rules, so that
//     a redirect into a disallowed path is not followed (colly checks only
//     the URLs it is asked for). A host whose robots.txt answers 5xx is not
//     crawled (RFC 9309 §2.3.1.4); its URLs end failed, for the next run.
//   - retry tries again on 408, 429, 5xx (not 501/505), resets and
//     timeouts, waiting what Retry-After says (seconds or HTTP date) or
//     Backoff*2^n plus up to 50% jitter, capped by MaxBackoff; a longer
//     Retry-After fails the request. After BreakerThreshold failed requests
//     in a row a host is paused for BreakerCooldown (the Wayback Machine for
//     WaybackCooldown, at once on a refused connection).
//   - recorder writes each exchange, every attempt and redirect hop
//     included, as a WARC request and response pair, keeping at most
//     MaxBodySize bytes (WARC-Truncated: length beyond).
//
// robots.txt is obeyed through colly (c.IgnoreRobotsTxt = false: colly's
// default is to ignore it); disallowed URLs end as robots_disallowed. The
// collector is not async and its settings are all set after
// colly.NewCollector, which reads COLLY_* environment variables that a
// library must not let change its behaviour.
//
// The frontier is ours rather than colly's queue.Queue: that queue pops a
// request before it runs and drops the error Request.Do returns, so a URL
// blocked by robots.txt would vanish without an outcome and a killed crawl
// would lose the request in flight. Here the non-async collector is driven
// one frontier entry at a time, and an entry leaves the frontier only in
// the bbolt transaction that logs its outcome and queues what it linked to.
//
// # Defaults
//
//	per-host delay        3 s (Config.Delay; negative = none, for loopback and replay only),
//	                      or 5 x the last response time if longer, up to 30 s
//	connections per host  1
//	robots.txt            obeyed; Crawl-delay honoured up to 300 s
//	User-Agent            framelens-research-bot/<version> (+https://github.com/framelens/framelens)
//	attempt timeout       30 s; retries 3; backoff 30 s doubling, cap 30 min
//	circuit breaker       5 failed requests in a row pause a host for 10 min
//	max body              10 MiB, truncation recorded
//	Wayback CDX API       at most 20 queries a minute (one per 3 s), 5000 rows a page
//	Wayback playback      at most 1 request a second; all Wayback traffic stops 1 h
//	                      after a refused connection or an opened circuit
//	WARC files            WARC/1.1, gzip per record, sha1 base32 digests, 1 GiB each
//	refresh               discovery sources fetched again by a run when last fetched
//	                      6 h or more before (Config.Refresh; negative = never)
//	robots.txt cache      none across runs; within a run at most 24 h
//
// # The crawl log
//
// Result.Log has one framelens.CrawlEntry per URL the crawler met, over
// every run in Dir, in the order they ended (a discovery source fetched
// again by a later run has one entry per fetch; the last is its latest):
//
//	archived            fetched and archived (any HTTP status; 404 included)
//	archived_truncated  archived, body cut at MaxBodySize
//	already_archived    found archived in Dir's WARCs and not fetched again
//	robots_disallowed   not fetched: robots.txt forbids it
//	out_of_scope        not fetched: Error says why (not an article URL of the
//	                    outlet, outside the window, on no outlet's domain)
//	failed              no usable answer after Attempts tries: a network
//	                    error, 408, 429 or 5xx (Status, Error); retried next run
//
// DiscoveredVia is seed, section, sitemap, feed, wayback, list, redirect
// (a hop; From is the URL that redirected) or robots. WARCFile and
// WARCOffset locate the response record in Dir. Every attempt is in the
// WARC files even when only the last is in the log.
//
// # Crawling the Wayback Machine for the INF window
//
// Set Config.Wayback. Each outlet's Wayback rules (prefixes such as
// "tass.com/world/") are queried over the study window, 2018-10-01 to
// 2019-08-31, unless a rule sets From/To; captures whose original URL
// matches the outlet's article patterns are fetched raw and archived. The
// Internet Archive publishes no rate limit; its staff have relayed about 60
// CDX queries a minute, and clients that keep going through 429 answers
// are firewalled for an hour and more. Keep the intervals at their
// defaults (20 queries a minute, one capture a second): a study of 14
// outlets with two or three prefixes each needs hours, not minutes.
//
// # Files in Config.Dir
//
//	framelens-<study>-<UTC time>-<serial>.warc.gz   the captures (.open while written)
//	index.cdxj                                      SURT-sorted CDXJ index of response records
//	state.db                                        bbolt: frontier, seen URLs, crawl log, capture index
//
// Run resumes what Dir holds: at start it repairs a WARC left .open by a
// killed run (cutting it after its last complete record), indexes records
// the state does not know, serves archived URLs from the WARCs, fetches
// what is still queued, and tries again URLs whose fetch failed. A crawl
// killed with SIGKILL at any point resumes without fetching an archived
// page again. To crawl afresh, use a new Dir.
//
// # Scheduled runs
//
// A Dir is meant to be crawled again by a scheduled job (cron, a systemd
// timer) running `framelens run -source live` every day. Each run fetches
// again the discovery sources whose last fetch is older than
// Config.Refresh: section pages and the further pages reached from them,
// sitemaps and the child sitemaps listed in them, and feeds. Each is
// fetched at most once per run, archived as a new capture and logged
// again (DiscoveredVia as when first found: seed, section, sitemap). The
// article links they list that Dir has seen before are skipped; new ones
// are queued and fetched. Article pages are never fetched again: one
// capture is the study's record of the page. Wayback CDX answers are kept
// once per Dir too: a query over a past window lists the same captures
// whenever it is asked.
//
// The default Refresh, 6 h, is shorter than a day so that a daily job
// refreshes every source on each run even when the runs drift, and long
// enough that a run restarted after a failure, or repeated to work through
// a queue bounded by MaxPages, does not hit every section page again. A
// negative Refresh keeps the old behaviour: every source once per Dir.
// Feeds and first section pages list only the latest items (often 20 to
// 100): schedule an outlet that publishes more than that in a day more
// often than daily, or rely on its sitemaps and pagination.
//
// robots.txt is never carried from one run to the next (the archive layer
// never answers it from the WARCs): colly reads it before a run's first
// request to a host, and a collector older than 24 h is replaced so that a
// long run reads it again (RFC 9309 §2.4 caps caching at 24 h).
//
// A sitemap or feed whose last 200 answer carried an ETag or Last-Modified
// is asked for again conditionally (If-None-Match, If-Modified-Since). A
// 304 Not Modified is archived and logged as archived with Status 304, not
// as an error; the crawler then reads the links of the last full capture
// from the WARC, so that the child sitemaps it lists are still refreshed,
// and that capture stays the one the archive layer serves. Section pages
// are asked for in full: pages rendered per request seldom validate.
//
// # Replay
//
// NewReplayTransport serves any WARC/1.0 or 1.1 files (ours, Heritrix,
// wget --warc-file, Common Crawl) as an http.RoundTripper: pass it as
// Config.Transport to crawl from archives offline, or use it with any
// http.Client. normalize reads WARC files directly, so WARCs from
// elsewhere can also be fed to it without crawling.
//
// # Performance
//
// Measured on 2 cores (AMD EPYC), go1.26; see BENCH.md:
//
//	BenchmarkReplayCrawl     780-1,390 pages/s through the whole path (target 500)
//	BenchmarkFrontier100k    2.6 MiB peak Go heap with 100,000 URLs queued
//
// # Files
//
//	doc.go        this overview
//	config.go     Config, Result, OutletStats and the defaults
//	run.go        Run: outlets, seeding, the fetch loop, recovery at start
//	collect.go    the colly collector and its callbacks (sections, XML kinds)
//	log.go        crawl-log entries, Wayback metadata records, the Result
//	relevance.go  the study-relevance filter
//	sitemap.go    sitemaps and date parsing
//	feed.go       RSS and Atom
//	cdx.go        the Wayback CDX API
//	charset.go    the decoder layer
//	archive.go    the archive layer
//	limits.go     the politeness layer and Crawl-delay
//	retry.go      the retry layer and circuit breaker
//	recorder.go   the WARC recorder layer and record building
//	warc.go       WARC writing, scanning and repair
//	cdxj.go       SURT keys and the CDXJ index
//	replay.go     ReplayTransport
//	refresh.go    scheduled runs: which discovery sources are due again
//	state.go      the bbolt state: frontier, seen set, log
//	progress.go   the terminal progress line
package crawl
