package crawl

import (
	"fmt"
	"strings"
)

// Feeds are read with encoding/xml, not github.com/mmcdole/gofeed:
// discovery needs only each item's link and date, which this file reads in
// a few dozen lines for RSS 2.0, RSS 1.0 and Atom; gofeed maps every field
// of every flavour into its own types and would add modules to go.mod for
// fields we never read.

// xmlFeed decodes RSS 2.0 (<rss><channel><item>), RSS 1.0/RDF (<rdf:RDF>
// <item>) and Atom (<feed><entry>) in one pass.
type xmlFeed struct {
	Channel struct {
		Items []rssItem `xml:"item"`
	} `xml:"channel"`
	Items   []rssItem   `xml:"item"`
	Entries []atomEntry `xml:"entry"`
}

type rssItem struct {
	// Links holds <link> and, in RSS 2.0 feeds that mix in Atom,
	// <atom:link href>; the first non-empty text wins.
	Links   []string `xml:"link"`
	GUID    string   `xml:"guid"`
	PubDate string   `xml:"pubDate"`
	Date    string   `xml:"date"` // dc:date
}

type atomEntry struct {
	Links []struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr"`
	} `xml:"link"`
	Published string `xml:"published"`
	Updated   string `xml:"updated"`
}

// parseFeed returns the article links of an RSS or Atom feed with their
// publication dates.
func parseFeed(body []byte) ([]listed, error) {
	var f xmlFeed
	if err := decodeXML(body, &f); err != nil {
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	var out []listed
	for _, it := range append(f.Channel.Items, f.Items...) {
		l := listed{}
		for _, s := range it.Links {
			if s = strings.TrimSpace(s); s != "" {
				l.URL = s
				break
			}
		}
		if g := strings.TrimSpace(it.GUID); l.URL == "" && strings.HasPrefix(g, "http") {
			l.URL = g
		}
		if t, ok := parseDate(it.PubDate); ok {
			l.Date, l.Published = t, true
		} else if t, ok := parseDate(it.Date); ok {
			l.Date, l.Published = t, true
		}
		if l.URL != "" {
			out = append(out, l)
		}
	}
	for _, e := range f.Entries {
		l := listed{}
		for _, lk := range e.Links {
			if lk.Rel == "" || lk.Rel == "alternate" {
				l.URL = strings.TrimSpace(lk.Href)
				break
			}
		}
		if t, ok := parseDate(e.Published); ok {
			l.Date, l.Published = t, true
		} else if t, ok := parseDate(e.Updated); ok {
			l.Date = t
		}
		if l.URL != "" {
			out = append(out, l)
		}
	}
	return out, nil
}
