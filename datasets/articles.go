package datasets

import (
	"time"
	"unicode/utf8"

	"github.com/framelens/framelens"
)

// An ArticleRow is one row of the articles table: one normalized article
// (duplicates included, marked by duplicate_of) with its provenance.
type ArticleRow struct {
	ArticleID     string     `parquet:"article_id" doc:"Stable article ID: first 16 hex digits of SHA-256 over url and payload_digest. Key of every finding table."`
	Outlet        string     `parquet:"outlet,dict" doc:"Outlet slug from the study file (e.g. tass, state_dept)."`
	URL           string     `parquet:"url" doc:"URL that was fetched (WARC-Target-URI)."`
	CanonicalURL  string     `parquet:"canonical_url" doc:"Canonical URL (rel=canonical or og:url, tracking parameters stripped), or url cleaned the same way."`
	CapturedAt    time.Time  `parquet:"captured_at,timestamp(microsecond:utc)" doc:"When the page was captured (WARC-Date), UTC."`
	WARCFile      string     `parquet:"warc_file,dict" doc:"WARC file holding the capture, relative to the data root."`
	WARCOffset    int64      `parquet:"warc_offset" doc:"Byte offset of the response record in warc_file."`
	PayloadDigest string     `parquet:"payload_digest" doc:"WARC payload digest of the capture (sha1:BASE32)."`
	Title         string     `parquet:"title" doc:"Headline as published."`
	Lede          string     `parquet:"lede" doc:"Standfirst or summary shown under the headline; empty when the page has none."`
	Authors       []string   `parquet:"authors,list" doc:"People credited in the byline, in byline order."`
	Agencies      []string   `parquet:"agencies,list" parquet-element:",dict" doc:"News agencies credited as author or in the dateline (e.g. TASS, Reuters)."`
	PublishedAt   *time.Time `parquet:"published_at,optional,timestamp(microsecond:utc)" doc:"Publication time, UTC; NULL when the page states none."`
	ModifiedAt    *time.Time `parquet:"modified_at,optional,timestamp(microsecond:utc)" doc:"Last-modified time, UTC; NULL when the page states none."`
	PublishedRaw  string     `parquet:"published_raw" doc:"The date string published_at was read from, as written."`
	DatelineRaw   string     `parquet:"dateline_raw" doc:"Dateline as written (\"MOSCOW, January 25. /TASS/.\"); empty when none."`
	DatelinePlace string     `parquet:"dateline_place,dict" doc:"Place named by the dateline (\"MOSCOW\")."`
	DatelineDate  string     `parquet:"dateline_date" doc:"Date named by the dateline, as written."`
	DatelineAgcy  string     `parquet:"dateline_agency,dict" doc:"Agency named by the dateline (\"TASS\")."`
	Section       string     `parquet:"section,dict" doc:"Section of the site the article was filed under; empty when unknown."`
	Tags          []string   `parquet:"tags,list" doc:"Tags or keywords the outlet attached to the article."`
	Language      string     `parquet:"language,dict" doc:"BCP 47 language tag of the text (en, ru)."`
	ParaStarts    []int64    `parquet:"paragraph_starts,list" doc:"Character offset in text where each body paragraph starts; paragraph i runs to paragraph_starts[i+1]-2 (the last to the end of text)."`
	Text          string     `parquet:"text" doc:"Title, a blank line, then the body paragraphs joined by blank lines (dateline removed). Every *_start/*_end offset in other tables counts characters (code points) into this string."`
	DuplicateOf   *string    `parquet:"duplicate_of,optional" doc:"article_id of the article this one duplicates (same canonical URL, AMP variant or near-identical body); NULL when original."`
	Relevant      bool       `parquet:"relevant" doc:"True when the article is one of the study's: it names a study keyword and its date, when known, is in the study window. The finding tables count only relevant, non-duplicate articles."`
	Words         int64      `parquet:"words" doc:"Number of words in the body."`
}

var articlesTable = define[ArticleRow](spec{
	Name: "articles",
	Doc: "One row per normalized article, duplicates included (see duplicate_of). " +
		"Rows are sorted by outlet, then publication time (unknown first), then article_id.",
	Key:          []string{"outlet", "published_at", "article_id"},
	RowGroupRows: 10_000, // rows hold whole texts: keep row groups near 50 MB
})

// Articles returns the articles table of a.
func Articles(a []framelens.Article) Table {
	return articlesTable.table(convert(a, articleRow))
}

// ReadArticles reads an articles table: a Parquet file (such as one written
// by WriteTable), a directory of part files, a snapshot or a data root.
// Paragraphs are rebuilt from text and paragraph_starts, so they round-trip
// exactly when Text is Title + "\n\n" + the paragraphs joined by "\n\n", as
// normalize writes it.
func ReadArticles(path string) ([]framelens.Article, error) {
	rows, err := readRows[ArticleRow](path, articlesTable.def)
	if err != nil {
		return nil, err
	}
	return convert(rows, ArticleRow.article), nil
}

func articleRow(a framelens.Article) ArticleRow {
	return ArticleRow{
		ArticleID:     a.ID,
		Outlet:        a.Outlet,
		URL:           a.URL,
		CanonicalURL:  a.CanonicalURL,
		CapturedAt:    a.CapturedAt.UTC(),
		WARCFile:      a.WARCFile,
		WARCOffset:    a.WARCOffset,
		PayloadDigest: a.PayloadDigest,
		Title:         a.Title,
		Lede:          a.Lede,
		Authors:       a.Authors,
		Agencies:      a.Agencies,
		PublishedAt:   timePtr(a.Published),
		ModifiedAt:    timePtr(a.Modified),
		PublishedRaw:  a.PublishedRaw,
		DatelineRaw:   a.Dateline.Raw,
		DatelinePlace: a.Dateline.Place,
		DatelineDate:  a.Dateline.Date,
		DatelineAgcy:  a.Dateline.Agency,
		Section:       a.Section,
		Tags:          a.Tags,
		Language:      a.Language,
		ParaStarts:    paragraphStarts(a.Title, a.Paragraphs),
		Text:          a.Text,
		DuplicateOf:   stringPtr(a.DuplicateOf),
		Relevant:      a.Relevant,
		Words:         int64(a.Words),
	}
}

func (r ArticleRow) article() framelens.Article {
	return framelens.Article{
		ID:            r.ArticleID,
		Outlet:        r.Outlet,
		URL:           r.URL,
		CanonicalURL:  r.CanonicalURL,
		CapturedAt:    r.CapturedAt.UTC(),
		WARCFile:      r.WARCFile,
		WARCOffset:    r.WARCOffset,
		PayloadDigest: r.PayloadDigest,
		Title:         r.Title,
		Lede:          r.Lede,
		Authors:       r.Authors,
		Agencies:      r.Agencies,
		Published:     timeVal(r.PublishedAt),
		Modified:      timeVal(r.ModifiedAt),
		PublishedRaw:  r.PublishedRaw,
		Dateline: framelens.Dateline{
			Raw:    r.DatelineRaw,
			Place:  r.DatelinePlace,
			Date:   r.DatelineDate,
			Agency: r.DatelineAgcy,
		},
		Section:     r.Section,
		Tags:        r.Tags,
		Language:    r.Language,
		Paragraphs:  paragraphs(r.Text, r.ParaStarts),
		Text:        r.Text,
		DuplicateOf: stringVal(r.DuplicateOf),
		Relevant:    r.Relevant,
		Words:       int(r.Words),
	}
}

// paragraphStarts returns the character offset of each paragraph in the
// text normalize builds: title, "\n\n", paragraphs joined by "\n\n".
func paragraphStarts(title string, paras []string) []int64 {
	if len(paras) == 0 {
		return nil
	}
	starts := make([]int64, len(paras))
	pos := int64(utf8.RuneCountInString(title)) + 2
	for i, p := range paras {
		starts[i] = pos
		pos += int64(utf8.RuneCountInString(p)) + 2
	}
	return starts
}

// paragraphs cuts text at the paragraph starts. Offsets outside the text
// are clamped, so a row that breaks the text invariant gives wrong
// paragraphs, never a panic.
func paragraphs(text string, starts []int64) []string {
	if len(starts) == 0 {
		return nil
	}
	ix := framelens.NewRuneIndex(text)
	n := int64(ix.Len())
	out := make([]string, len(starts))
	for i, s := range starts {
		end := n
		if i+1 < len(starts) {
			end = starts[i+1] - 2
		}
		s, end = min(max(s, 0), n), min(max(end, 0), n)
		if end < s {
			end = s
		}
		out[i] = ix.Slice(framelens.Span{Start: int(s), End: int(end)})
	}
	return out
}

// timePtr maps the zero time ("unknown") to NULL.
func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

func timeVal(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

// stringPtr maps "" ("none") to NULL.
func stringPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func stringVal(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
