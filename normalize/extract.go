package normalize

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/framelens/framelens"
)

// MinWords is the least number of body words an article has; shorter pages
// are rejected with ErrTooShort (or ErrPaywalled when they show a paywall).
const MinWords = 40

// Extract turns one HTML page into an Article: body paragraphs, title,
// lede, authors and agencies, dates, dateline, section, tags, language and
// canonical URL. pageURL is the URL the page was fetched from (it resolves
// relative links and may carry a date); hints, which may be nil, are the
// outlet's optional selectors from the study.
//
// Extract fills only what the page itself says: Outlet, ID, CapturedAt and
// the WARC fields are Run's. A page that is not a usable article returns the
// partial Article and an error wrapping one of framelens.ErrNotHTML,
// ErrUndecodable, ErrNotArticle, ErrEmptyBody, ErrTooShort or ErrPaywalled.
func Extract(page []byte, pageURL string, hints *framelens.Hints) (framelens.Article, error) {
	return extract(page, "", pageURL, hints, nil)
}

// extract is Extract with the HTTP Content-Type (for the charset) and the
// study's agency names.
func extract(page []byte, contentType, pageURL string, hints *framelens.Hints, agencies []string) (framelens.Article, error) {
	a := framelens.Article{URL: pageURL, CanonicalURL: CleanURL("", pageURL)}
	if !looksHTML(page) {
		return a, framelens.ErrNotHTML
	}
	root, err := parse(page, contentType)
	if err != nil {
		return a, err
	}
	d := newDOM(root, len(page))
	m := readMeta(root)

	if c := CleanURL(pageURL, m.canonical); c != "" {
		a.CanonicalURL = c
	} else if c := CleanURL(pageURL, m.prop("og:url")); c != "" {
		a.CanonicalURL = c
	}
	a.Title = title(m, d, hints, hostOf(pageURL))
	a.Authors, a.Agencies = authors(m, agencies)
	if hints != nil && hints.Byline != "" {
		// The first element the hint selects is the byline.
		if ns := selectAll(root, hints.Byline); len(ns) > 0 {
			p, ag := splitByline(textOf(ns[0]), agencies)
			a.Authors = p
			for _, x := range ag {
				a.Agencies = appendUnique(a.Agencies, x)
			}
		}
	}
	a.Section = firstNonEmpty(m.ld.Section, m.prop("article:section", "section", "parsely-section", "category"))
	a.Tags = tags(m)
	a.Language = language(m)

	paras := body(d, hints)
	// The title is often repeated as the first line of the container.
	if len(paras) > 0 && a.Title != "" && paras[0] == a.Title {
		paras = paras[1:]
	}
	if len(paras) > 0 {
		dl, rest := splitDateline(paras[0])
		if dl.Raw != "" {
			a.Dateline = dl
			paras[0] = rest
			if ag, ok := agencyName(dl.Agency, agencies); ok {
				a.Agencies = appendUnique(a.Agencies, ag)
			} else if dl.Agency != "" {
				a.Agencies = appendUnique(a.Agencies, dl.Agency)
			}
		}
	}
	a.Paragraphs = paras
	if len(paras) > 0 {
		a.Lede = paras[0]
	}
	a.Text = a.Title + "\n\n" + strings.Join(paras, "\n\n")
	for _, p := range paras {
		a.Words += CountWords(p)
	}
	dates(&a, m, d, hints, pageURL)

	switch {
	case paywalled(m, d, a.Words):
		return a, framelens.ErrPaywalled
	case notArticle(m, d, a.Words), listing(m, root, a):
		return a, framelens.ErrNotArticle
	case len(paras) == 0:
		return a, framelens.ErrEmptyBody
	case a.Words < MinWords:
		return a, fmt.Errorf("%d words: %w", a.Words, framelens.ErrTooShort)
	}
	return a, nil
}

// looksHTML reports whether page starts like markup: after white space and
// a BOM, a '<'. JSON, PDF, images and plain text do not.
func looksHTML(page []byte) bool {
	p := bytes.TrimLeft(bytes.TrimPrefix(page, []byte("\xef\xbb\xbf")), " \t\r\n\f")
	if len(p) == 0 || p[0] != '<' {
		return false
	}
	return !bytes.HasPrefix(p, []byte("<?xml")) || bytes.Contains(p[:min(len(p), 512)], []byte("<html")) ||
		bytes.Contains(p[:min(len(p), 512)], []byte("xhtml"))
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return CleanText(s)
		}
	}
	return ""
}

// title picks the headline: the hint, JSON-LD headline, og:title, the first
// <h1>, then <title>; a site name after a separator (" - Reuters",
// " | The Guardian") is removed. Only a tail that names the site (og:site_name
// or the host) goes: "... — Kremlin" names the speaker and stays.
func title(m *meta, d *dom, hints *framelens.Hints, host string) string {
	if hints != nil && hints.Title != "" {
		for _, n := range selectAll(d.root, hints.Title) {
			if t := CleanText(textOf(n)); t != "" {
				return t
			}
		}
	}
	t := firstNonEmpty(m.ld.Headline, m.prop("og:title", "twitter:title"), m.h1, m.title)
	return stripSiteName(t, m.prop("og:site_name", "application-name"), host)
}

var titleSeps = []string{" | ", " - ", " — ", " – ", " :: ", " « ", " » ", " · "}

func stripSiteName(t, site, host string) string {
	host = strings.ToLower(host)
	for _, sep := range titleSeps {
		i := strings.LastIndex(t, sep)
		if i <= 0 {
			continue
		}
		head, tail := strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+len(sep):])
		squashed := strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(tail, "The "), " ", ""))
		if site != "" && strings.EqualFold(tail, site) || squashed != "" && strings.Contains(host, squashed) {
			return stripSiteName(head, site, host)
		}
	}
	return t
}

func tags(m *meta) []string {
	var out []string
	for _, t := range m.props["article:tag"] {
		if t = CleanText(t); t != "" {
			out = appendUnique(out, t)
		}
	}
	for _, t := range m.ld.Keywords {
		out = appendUnique(out, t)
	}
	if len(out) == 0 {
		for _, k := range m.props["keywords"] {
			for _, t := range strings.Split(k, ",") {
				if t = CleanText(t); t != "" {
					out = appendUnique(out, t)
				}
			}
		}
	}
	return out
}

// language returns the primary language subtag ("en", "ru") from <html
// lang>, JSON-LD, og:locale or Content-Language.
func language(m *meta) string {
	l := firstNonEmpty(m.lang, m.ld.Language, m.prop("og:locale", "content-language", "language", "dc.language"))
	l = strings.ToLower(strings.ReplaceAll(l, "_", "-"))
	if i := strings.IndexByte(l, '-'); i > 0 {
		l = l[:i]
	}
	if len(l) < 2 || len(l) > 3 {
		return ""
	}
	return l
}

// dates fills Published, Modified and PublishedRaw, trying in order the
// hint, JSON-LD, <meta> tags, the first <time datetime> and the URL. A
// dateline's date has no year, so it stays in Dateline.Date only.
func dates(a *framelens.Article, m *meta, d *dom, hints *framelens.Hints, pageURL string) {
	var cands []string
	if hints != nil && hints.Published != "" {
		for _, n := range selectAll(d.root, hints.Published) {
			cands = append(cands, attr(n, "datetime"), attr(n, "content"), CleanText(textOf(n)))
			break
		}
	}
	cands = append(cands, m.ld.DatePublished, m.prop("article:published_time"), m.prop("datepublished",
		"og:published_time", "pubdate", "publishdate", "publish-date", "date", "dc.date", "dc.date.issued",
		"dcterms.created", "sailthru.date", "parsely-pub-date", "citation_publication_date", "dc.date.created"),
		m.timeAttr)
	for _, c := range cands {
		if t, ok := parseDate(c); ok {
			a.Published, a.PublishedRaw = t, c
			break
		}
	}
	if a.Published.IsZero() {
		if t, raw, ok := dateFromURL(pageURL); ok {
			a.Published, a.PublishedRaw = t, raw
		}
	}
	for _, c := range []string{m.ld.DateModified, m.prop("article:modified_time", "og:updated_time", "datemodified", "last-modified", "dcterms.modified")} {
		if t, ok := parseDate(c); ok {
			a.Modified = t
			break
		}
	}
}

// paywalled reports a page that shows only a teaser of a paid article.
func paywalled(m *meta, d *dom, words int) bool {
	if words >= 150 {
		return false
	}
	if m.ld.Free != nil && !*m.ld.Free {
		return true
	}
	return hasPaywallClass(d)
}

func hasPaywallClass(d *dom) bool {
	for _, n := range d.nodes {
		for _, a := range n.Attr {
			if (a.Key == "class" || a.Key == "id") && (containsFold(a.Val, "paywall") || containsFold(a.Val, "subscriber-only") || containsFold(a.Val, "premium-content")) {
				return true
			}
		}
	}
	return false
}

// notArticle reports index and listing pages: the page says it is not an
// article (og:type other than article with no Article JSON-LD) or it is
// mostly links with little running prose.
func notArticle(m *meta, d *dom, words int) bool {
	if m.ldFound {
		return false
	}
	ogType := strings.ToLower(m.prop("og:type"))
	bs := d.stat(d.body)
	if bs == nil {
		return true
	}
	linky := bs.linkDensity() > 0.5 && bs.ptext < 1000
	if ogType != "" && ogType != "article" && !strings.HasSuffix(ogType, "article") {
		return linky && words < 300
	}
	return linky && words < 120
}

// listing reports a section or search page whose teasers carry enough
// prose to pass notArticle: a page that says nothing of itself as an article
// (no JSON-LD, no og:type article, no publication date) but links four or
// more headlines. Articles without metadata rarely link that many
// headline-length texts; listings always do.
func listing(m *meta, root *html.Node, a framelens.Article) bool {
	if m.ldFound || !a.Published.IsZero() || strings.HasSuffix(strings.ToLower(m.prop("og:type")), "article") {
		return false
	}
	return headlineLinks(root, 4) >= 4
}

// headlineLinks counts the links whose text is headline-length (five words
// or more), stopping at limit.
func headlineLinks(root *html.Node, limit int) int {
	n := 0
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		for c := x.FirstChild; c != nil && n < limit; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.A {
				if CountWords(textOf(c)) >= 5 {
					n++
				}
				continue
			}
			walk(c)
		}
	}
	walk(root)
	return n
}

// hostOf returns the host of a URL, or "".
func hostOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return p.Hostname()
}
