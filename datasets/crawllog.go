package datasets

import (
	"time"

	"github.com/framelens/framelens"
)

// A CrawlLogRow is one row of the crawl_log table: a URL the crawler met,
// how it was found and how its fetch ended.
type CrawlLogRow struct {
	URL           string     `parquet:"url" doc:"URL the crawler met."`
	Outlet        string     `parquet:"outlet,dict" doc:"Outlet slug from the study file."`
	DiscoveredVia string     `parquet:"discovered_via,dict" doc:"How the URL was found: seed, section, sitemap, feed, wayback, link, redirect or list."`
	From          string     `parquet:"from_url" doc:"Page the URL was found on; empty for seeds."`
	Outcome       string     `parquet:"outcome,dict" doc:"How the crawl of the URL ended: archived, robots_disallowed, out_of_scope, failed, already_archived, archived_truncated."`
	Status        int64      `parquet:"status" doc:"HTTP status of the last attempt; 0 when no response."`
	Attempts      int64      `parquet:"attempts" doc:"Number of fetch attempts."`
	Error         string     `parquet:"error" doc:"Error of the last attempt; empty on success."`
	Relevant      bool       `parquet:"relevant" doc:"True when the relevance filter judged the page an article of the study."`
	WARCFile      string     `parquet:"warc_file,dict" doc:"WARC file holding the capture; empty when not archived."`
	WARCOffset    int64      `parquet:"warc_offset" doc:"Byte offset of the response record in warc_file."`
	FetchedAt     *time.Time `parquet:"fetched_at,optional,timestamp(microsecond:utc)" doc:"When the fetch ended, UTC; NULL when the URL was never fetched."`
	Bytes         int64      `parquet:"bytes" doc:"Size of the response body in bytes."`
}

var crawlLogTable = define[CrawlLogRow](spec{
	Name: "crawl_log",
	Doc:  "One row per URL the crawler met in any run (the persistent crawl log), with how its fetch ended.",
	Key:  []string{"outlet", "url", "fetched_at"},
})

// CrawlLog returns the crawl_log table of log.
func CrawlLog(log []framelens.CrawlEntry) Table {
	return crawlLogTable.table(convert(log, crawlLogRow))
}

// ReadCrawlLog reads a crawl_log table (see ReadArticles for what path may
// be).
func ReadCrawlLog(path string) ([]framelens.CrawlEntry, error) {
	rows, err := readRows[CrawlLogRow](path, crawlLogTable.def)
	if err != nil {
		return nil, err
	}
	return convert(rows, CrawlLogRow.entry), nil
}

func crawlLogRow(e framelens.CrawlEntry) CrawlLogRow {
	return CrawlLogRow{
		URL:           e.URL,
		Outlet:        e.Outlet,
		DiscoveredVia: e.DiscoveredVia,
		From:          e.From,
		Outcome:       string(e.Outcome),
		Status:        int64(e.Status),
		Attempts:      int64(e.Attempts),
		Error:         e.Error,
		Relevant:      e.Relevant,
		WARCFile:      e.WARCFile,
		WARCOffset:    e.WARCOffset,
		FetchedAt:     timePtr(e.FetchedAt),
		Bytes:         e.Bytes,
	}
}

func (r CrawlLogRow) entry() framelens.CrawlEntry {
	return framelens.CrawlEntry{
		URL:           r.URL,
		Outlet:        r.Outlet,
		DiscoveredVia: r.DiscoveredVia,
		From:          r.From,
		Outcome:       framelens.CrawlOutcome(r.Outcome),
		Status:        int(r.Status),
		Attempts:      int(r.Attempts),
		Error:         r.Error,
		Relevant:      r.Relevant,
		WARCFile:      r.WARCFile,
		WARCOffset:    r.WARCOffset,
		FetchedAt:     timeVal(r.FetchedAt),
		Bytes:         r.Bytes,
	}
}
