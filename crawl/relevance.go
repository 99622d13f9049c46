package crawl

import (
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/framelens/framelens"
)

// relevance is the crawl's filter for "article of the study": a page is
// kept when its title, metadata or text contains one of the study's
// keywords (or of its events', when the study lists none of its own) and
// its date, when one is known, falls in the study window. The date is the
// page's own (article:published_time and the like) or, failing that, the
// publication date its discovery source gave. It is a coarse first cut;
// normalize and analyze decide what an article says. Pages it rejects are
// archived all the same.
type relevance struct {
	*framelens.Relevance
}

func newRelevance(s *framelens.Study) relevance {
	return relevance{framelens.NewRelevance(s)}
}

// judge says whether the page is an article of the study; discovered is the
// discovery source's publication date (zero when none). It also returns the
// date it used.
func (r relevance) judge(doc *goquery.Selection, discovered time.Time) (bool, time.Time) {
	date := pageDate(doc)
	if date.IsZero() {
		date = discovered
	}
	if !r.InWindow(date) {
		return false, date
	}
	// The page's own description of itself counts: title, description,
	// keywords and tags, and the JSON-LD block (its "keywords" are often
	// the only place a short notice names the treaty).
	head := []string{doc.Find("title").First().Text()}
	doc.Find(`meta[name="description"], meta[name="keywords"], meta[name="news_keywords"], meta[property="article:tag"]`).Each(func(_ int, m *goquery.Selection) {
		head = append(head, m.AttrOr("content", ""))
	})
	doc.Find(`script[type="application/ld+json"]`).Each(func(_ int, m *goquery.Selection) {
		head = append(head, m.Text())
	})
	for _, h := range head {
		if r.Match(h) {
			return true, date
		}
	}
	body := doc.Find("body").Clone()
	body.Find("script, style, noscript").Remove()
	return r.Match(body.Text()), date
}

// dateSelectors are where pages state their publication date, most
// specific first.
var dateSelectors = []struct{ sel, attr string }{
	{`meta[property="article:published_time"]`, "content"},
	{`meta[itemprop="datePublished"]`, "content"},
	{`meta[name="pubdate"]`, "content"},
	{`meta[name="publish-date"]`, "content"},
	{`meta[name="date"]`, "content"},
	{`meta[name="dc.date"], meta[name="DC.date"]`, "content"},
	{`[itemprop="datePublished"]`, "datetime"},
	{`time[datetime]`, "datetime"},
}

// pageDate returns the publication date a page states, or the zero time.
func pageDate(doc *goquery.Selection) time.Time {
	for _, ds := range dateSelectors {
		if v, ok := doc.Find(ds.sel).First().Attr(ds.attr); ok {
			if t, ok := parseDate(v); ok {
				return t
			}
		}
	}
	return time.Time{}
}
