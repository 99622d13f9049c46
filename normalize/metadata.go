package normalize

import (
	"encoding/json"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// meta is what the page says about itself outside the body: <meta> tags,
// <link rel=canonical>, JSON-LD and the first <h1> and <time>.
type meta struct {
	lang      string
	title     string // <title>
	h1        string
	props     map[string][]string // meta property/name (lower-cased) -> contents
	canonical string
	ld        ldArticle
	ldFound   bool
	timeAttr  string // first <time datetime> in the body
	bylines   []string
}

// ldArticle holds the JSON-LD fields of an Article (or subtype) object.
type ldArticle struct {
	Headline      string
	DatePublished string
	DateModified  string
	Authors       []string
	Section       string
	Keywords      []string
	Language      string
	URL           string
	Free          *bool
}

func (m *meta) prop(keys ...string) string {
	for _, k := range keys {
		for _, v := range m.props[k] {
			if v = strings.TrimSpace(v); v != "" {
				return v
			}
		}
	}
	return ""
}

// readMeta walks the whole document once for metadata.
func readMeta(root *html.Node) *meta {
	m := &meta{props: make(map[string][]string)}
	var walk func(n *html.Node, inBody bool)
	walk = func(n *html.Node, inBody bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				m.lang = attr(n, "lang")
			case atom.Body:
				inBody = true
			case atom.Title:
				if m.title == "" && n.FirstChild != nil {
					m.title = CleanText(n.FirstChild.Data)
				}
				return
			case atom.Meta:
				k := attr(n, "property")
				if k == "" {
					k = attr(n, "name")
				}
				if k == "" {
					k = attr(n, "itemprop")
				}
				if k == "" {
					k = attr(n, "http-equiv")
				}
				if k != "" {
					k = strings.ToLower(k)
					m.props[k] = append(m.props[k], attr(n, "content"))
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && m.canonical == "" {
					m.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Script:
				if strings.EqualFold(attr(n, "type"), "application/ld+json") && n.FirstChild != nil {
					m.readLD(n.FirstChild.Data)
				}
				return
			case atom.H1:
				if m.h1 == "" && inBody {
					m.h1 = CleanText(textOf(n))
				}
			case atom.Time:
				if m.timeAttr == "" && inBody {
					m.timeAttr = strings.TrimSpace(attr(n, "datetime"))
				}
			}
			if inBody && len(m.bylines) < 3 && isBylineElement(n) {
				if t := CleanText(textOf(n)); t != "" && len(t) < 200 {
					m.bylines = append(m.bylines, t)
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inBody)
		}
	}
	walk(root, false)
	return m
}

// isBylineElement reports elements whose class, id, rel or itemprop marks
// an author credit.
func isBylineElement(n *html.Node) bool {
	if attr(n, "rel") == "author" || attr(n, "itemprop") == "author" {
		return true
	}
	found := false
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		forEachToken(a.Val, func(tok []byte) {
			s := string(tok)
			if s == "byline" || s == "author" || s == "article-author" || s == "byline-author" || s == "author-name" || s == "byline__name" {
				found = true
			}
		})
	}
	return found
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if ignoredTag(n.DataAtom) {
				return
			}
			if blockTag(n.DataAtom) || n.DataAtom == atom.Br {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// articleTypes are the schema.org types whose JSON-LD describes the page's
// article.
var articleTypes = map[string]bool{"Article": true, "NewsArticle": true, "ReportageNewsArticle": true,
	"AnalysisNewsArticle": true, "OpinionNewsArticle": true, "BackgroundNewsArticle": true, "BlogPosting": true,
	"LiveBlogPosting": true, "Report": true, "WebPage": false}

// readLD reads one JSON-LD script; the first Article-typed object wins.
// Malformed JSON is ignored: many pages ship it.
func (m *meta) readLD(src string) {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(src)), &v); err != nil {
		return
	}
	m.findLD(v, 0)
}

func (m *meta) findLD(v any, depth int) {
	if m.ldFound || depth > 4 {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			m.findLD(e, depth+1)
		}
	case map[string]any:
		if isArticleType(x["@type"]) {
			m.ldFound = true
			m.ld = ldArticle{
				Headline:      ldString(x["headline"]),
				DatePublished: ldString(x["datePublished"]),
				DateModified:  ldString(x["dateModified"]),
				Authors:       ldNames(x["author"]),
				Section:       ldString(x["articleSection"]),
				Keywords:      ldList(x["keywords"]),
				Language:      ldString(x["inLanguage"]),
				URL:           ldString(x["url"]),
			}
			if f, ok := x["isAccessibleForFree"]; ok {
				free := !(f == false || f == "False" || f == "false")
				m.ld.Free = &free
			}
			return
		}
		if g, ok := x["@graph"]; ok {
			m.findLD(g, depth+1)
		}
		if e, ok := x["mainEntity"]; ok {
			m.findLD(e, depth+1)
		}
	}
}

func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		return articleTypes[x]
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok && articleTypes[s] {
				return true
			}
		}
	}
	return false
}

func ldString(v any) string {
	switch x := v.(type) {
	case string:
		return CleanText(html.UnescapeString(x))
	case []any:
		if len(x) > 0 {
			return ldString(x[0])
		}
	case map[string]any:
		return ldString(x["name"])
	}
	return ""
}

func ldList(v any) []string {
	switch x := v.(type) {
	case string:
		var out []string
		for _, s := range strings.Split(x, ",") {
			if s = CleanText(s); s != "" {
				out = append(out, s)
			}
		}
		return out
	case []any:
		var out []string
		for _, e := range x {
			if s := ldString(e); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func ldNames(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{CleanText(x)}
	case map[string]any:
		if s := ldString(x["name"]); s != "" {
			return []string{s}
		}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, ldNames(e)...)
		}
		return out
	}
	return nil
}
