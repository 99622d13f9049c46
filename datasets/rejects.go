package datasets

import (
	"time"

	"github.com/framelens/framelens"
)

// A RejectRow is one row of the rejects table: a page a stage could not use.
type RejectRow struct {
	Stage      string     `parquet:"stage,dict" doc:"Stage that rejected the page: crawl, normalize, ..."`
	Outlet     string     `parquet:"outlet,dict" doc:"Outlet slug from the study file."`
	URL        string     `parquet:"url" doc:"URL of the page."`
	Class      string     `parquet:"class,dict" doc:"Short stable reason: not_html, not_article, too_short, paywall, undecodable, empty, ..."`
	Error      string     `parquet:"error" doc:"The error message, for a human."`
	WARCFile   string     `parquet:"warc_file,dict" doc:"WARC file holding the capture; empty when the page was never archived."`
	WARCOffset int64      `parquet:"warc_offset" doc:"Byte offset of the record in warc_file (0 when none)."`
	CapturedAt *time.Time `parquet:"captured_at,optional,timestamp(microsecond:utc)" doc:"When the page was captured, UTC; NULL when it was not."`
}

var rejectsTable = define[RejectRow](spec{
	Name: "rejects",
	Doc:  "One row per page a stage rejected, kept as data so nothing is lost (STYLE §5).",
	Key:  []string{"stage", "outlet", "url"},
})

// Rejects returns the rejects table of rs.
func Rejects(rs []framelens.Reject) Table {
	return rejectsTable.table(convert(rs, rejectRow))
}

// ReadRejects reads a rejects table (see ReadArticles for what path may be).
func ReadRejects(path string) ([]framelens.Reject, error) {
	rows, err := readRows[RejectRow](path, rejectsTable.def)
	if err != nil {
		return nil, err
	}
	return convert(rows, RejectRow.reject), nil
}

func rejectRow(r framelens.Reject) RejectRow {
	return RejectRow{
		Stage:      r.Stage,
		Outlet:     r.Outlet,
		URL:        r.URL,
		Class:      r.Class,
		Error:      r.Error,
		WARCFile:   r.WARCFile,
		WARCOffset: r.WARCOffset,
		CapturedAt: timePtr(r.CapturedAt),
	}
}

func (r RejectRow) reject() framelens.Reject {
	return framelens.Reject{
		Stage:      r.Stage,
		Outlet:     r.Outlet,
		URL:        r.URL,
		Class:      r.Class,
		Error:      r.Error,
		WARCFile:   r.WARCFile,
		WARCOffset: r.WARCOffset,
		CapturedAt: timeVal(r.CapturedAt),
	}
}
