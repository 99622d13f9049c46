package crawl

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// A listed URL is one entry of a sitemap or feed: a URL and the date the
// source gives for it (zero when none).
type listed struct {
	URL  string
	Date time.Time
	// Published is true when Date is a publication date (news sitemap,
	// feed pubDate); false when it is only a last-modified date.
	Published bool
}

// xmlSitemap decodes both a <urlset> and a <sitemapindex>; news sitemaps
// add <news:news><news:publication_date>. encoding/xml matches the local
// names whatever the namespace, which is what sitemaps in the wild need.
type xmlSitemap struct {
	XMLName xml.Name
	URLs    []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
		News    struct {
			PublicationDate string `xml:"publication_date"`
		} `xml:"news"`
	} `xml:"url"`
	Sitemaps []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
	} `xml:"sitemap"`
}

// parseSitemap reads a sitemap (plain; the decoder layer has already
// gunzipped a .gz one) and returns its page URLs and, for a sitemap index,
// its child sitemaps.
func parseSitemap(body []byte) (pages, children []listed, err error) {
	var sm xmlSitemap
	if err := decodeXML(body, &sm); err != nil {
		return nil, nil, fmt.Errorf("parse sitemap: %w", err)
	}
	switch sm.XMLName.Local {
	case "urlset", "sitemapindex":
	default:
		return nil, nil, fmt.Errorf("parse sitemap: root element <%s>", sm.XMLName.Local)
	}
	for _, u := range sm.URLs {
		l := listed{URL: strings.TrimSpace(u.Loc)}
		if t, ok := parseDate(u.News.PublicationDate); ok {
			l.Date, l.Published = t, true
		} else if t, ok := parseDate(u.Lastmod); ok {
			l.Date = t
		}
		if l.URL != "" {
			pages = append(pages, l)
		}
	}
	for _, s := range sm.Sitemaps {
		l := listed{URL: strings.TrimSpace(s.Loc)}
		l.Date, _ = parseDate(s.Lastmod)
		if l.URL != "" {
			children = append(children, l)
		}
	}
	return pages, children, nil
}

// decodeXML decodes an XML document in any encoding its declaration names.
func decodeXML(body []byte, v any) error {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.CharsetReader = charset.NewReaderLabel
	d.Strict = false
	return d.Decode(v)
}

// dateLayouts are the date forms sitemaps (W3C datetime) and feeds
// (RFC 822/1123, RFC 3339) use.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	time.DateOnly,
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 02 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05 -0700",
	time.RFC850,
	time.ANSIC,
	"2006-01",
	"2006",
}

// parseDate parses a sitemap, feed or HTML meta date.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// windowBounds returns the study window as times: the start of the first
// day and the end of the last (UTC); zero for an open side.
func windowBounds(start, end string) (from, to time.Time) {
	if t, err := time.Parse(time.DateOnly, start); err == nil {
		from = t
	}
	if t, err := time.Parse(time.DateOnly, end); err == nil {
		to = t.Add(24*time.Hour - time.Nanosecond)
	}
	return from, to
}
