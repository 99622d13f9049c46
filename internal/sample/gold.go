package sample

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/framelens/framelens"
)

// A GoldArticle is the gold record of one served page (CODEBOOK.md §1): an
// article page, its AMP variant or its tracking-parameter URL.
type GoldArticle struct {
	// URL is the URL the page is served at; Canonical is the article's own
	// URL (equal to URL except for AMP and tracking variants).
	URL       string
	Canonical string
	Outlet    string
	// Kind is the page kind (article, offtopic, video, malformed); Variant is
	// "", "amp" or "tracking".
	Kind    string
	Variant string
	// Article is the codebook's article flag; DuplicateOf is the URL of the
	// original for duplicates.
	Article     bool
	DuplicateOf string

	Title string
	// Published keeps the offset the page shows.
	Published time.Time
	Authors   []string
	Agencies  []string
	Events    []string
	Section   string
	Dateline  string
	// Paragraphs and Text are what a perfect extractor returns.
	Paragraphs     []string
	Text           string
	Attributions   []GoldAttribution
	QuotedVariants []QuotedVariant
	// Charset is the page's declared encoding when not UTF-8.
	Charset string
}

// Articles returns the parsed sample pages, newest first. The values are
// shared and must not be modified.
func Articles() ([]*Article, error) {
	c, err := load()
	if err != nil {
		return nil, err
	}
	return slices.Clone(c.articles), nil
}

// Gold returns the gold record of every page the sample serves, ordered by
// outlet (study order), then newest first; AMP and tracking variants follow
// their article.
func Gold() ([]GoldArticle, error) {
	c, err := load()
	if err != nil {
		return nil, err
	}
	var out []GoldArticle
	for _, o := range c.study.Outlets {
		for _, a := range c.outletArticles(o.ID) {
			g := GoldArticle{
				URL: a.URL, Canonical: a.URL, Outlet: a.Outlet, Kind: a.Kind,
				Article: a.Gold.Article, DuplicateOf: a.Gold.DuplicateOf,
				Title: a.Title, Published: a.Published, Section: a.Section, Dateline: a.Dateline,
				Authors: slices.Clone(a.Authors), Agencies: slices.Clone(a.Gold.Agencies),
				Events: slices.Clone(a.Gold.Events), Paragraphs: slices.Clone(a.Paragraphs), Text: a.Text,
				Attributions:   slices.Clone(a.Gold.Attributions),
				QuotedVariants: slices.Clone(a.Gold.QuotedVariants),
				Charset:        a.Charset,
			}
			out = append(out, g)
			if l := a.AMPLink(); l != "" && a.Gold.Article {
				v := g
				v.URL, v.Variant, v.DuplicateOf = l, "amp", a.URL
				out = append(out, v)
			}
			if t := a.TrackingURL(); t != "" && a.Gold.Article {
				v := g
				v.URL, v.Variant, v.DuplicateOf = t, "tracking", a.URL
				out = append(out, v)
			}
		}
	}
	return out, nil
}

// Locate returns the character span of the attribution's content in text
// (CODEBOOK.md §3; spans count code points, as framelens.Span does). It
// first looks for the exact string (the Occurrence-th match); failing that
// it matches with runs of white space collapsed and typographic quotes,
// apostrophes and dashes folded, so that an extractor's small spacing or
// punctuation changes still place the span. ok is false when the content is
// not in text.
func (g GoldAttribution) Locate(text string) (span framelens.Span, ok bool) {
	return LocateText(text, g.Content, max(g.Occurrence, 1))
}

// Attribution returns g as a framelens.Attribution of the article
// articleID whose text is text, with its content located there (as Locate
// does; an empty side becomes framelens.SideUnknown). ok is false when the
// content is not in text; the attribution then has framelens.NoSpan, so an
// evaluation counts it as missed.
func (g GoldAttribution) Attribution(articleID, text string) (a framelens.Attribution, ok bool) {
	span, ok := g.Locate(text)
	if !ok {
		span = framelens.NoSpan
	}
	side := g.Side
	if side == "" {
		side = framelens.SideUnknown
	}
	return framelens.Attribution{
		ArticleID: articleID, Kind: g.Kind, CueText: g.Cue, CueClass: g.CueClass, Negated: g.Negated,
		SpeakerText: g.SpeakerText, ActorID: g.Speaker, Side: side, Via: g.Via,
		Content: span, ContentText: g.Content,
	}, ok
}

// LocateText returns the character span of the nth (1-based) occurrence of
// s in text, matching as GoldAttribution.Locate does.
func LocateText(text, s string, nth int) (framelens.Span, bool) {
	if s == "" || nth < 1 {
		return framelens.NoSpan, false
	}
	ix := framelens.NewRuneIndex(text)
	from := 0
	for k := 1; ; k++ {
		i := strings.Index(text[from:], s)
		if i < 0 {
			break
		}
		if k == nth {
			return ix.Span(from+i, from+i+len(s)), true
		}
		from += i + len(s)
	}
	// Loose match over folded text, mapping back to character offsets.
	ft, fmap := fold(text)
	fs, _ := fold(s)
	fs = strings.TrimSpace(fs)
	if fs == "" {
		return framelens.NoSpan, false
	}
	from = 0
	for k := 1; ; k++ {
		i := strings.Index(ft[from:], fs)
		if i < 0 {
			return framelens.NoSpan, false
		}
		if k == nth {
			start, end := from+i, from+i+len(fs)
			// fmap holds, for each byte of the folded text, the character
			// offset in text it came from.
			return framelens.Span{Start: fmap[start], End: fmap[end-1] + 1}, true
		}
		from += i + len(fs)
	}
}

// fold collapses white space and folds typographic punctuation to ASCII.
// It returns the folded string and, per byte of it, the character offset in
// s it came from.
func fold(s string) (string, []int) {
	var b strings.Builder
	var m []int
	space := false
	char := 0
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			if !space {
				b.WriteByte(' ')
				m = append(m, char)
			}
			space = true
			char++
			continue
		case r == '\u201c' || r == '\u201d' || r == '\u201e' || r == '\u00ab' || r == '\u00bb':
			r = '"'
		case r == '\u2018' || r == '\u2019':
			r = '\''
		case r == '\u2013' || r == '\u2014':
			r = '-'
		}
		space = false
		n := utf8.RuneLen(r)
		b.WriteRune(r)
		for range n {
			m = append(m, char)
		}
		char++
	}
	return b.String(), m
}
