package sample

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// A Page is the data an article template receives (FORMAT.md §3).
type Page struct {
	Site    *Site
	Article *Article
	// URL is the canonical URL; AMPURL is "" unless the page has an AMP
	// variant; IsAMP is set while rendering that variant.
	URL    string
	AMPURL string
	IsAMP  bool
	// Charset is what the template must declare in <meta charset>.
	Charset string
	// Body holds the paragraphs in order with the inline inserts; Related
	// holds the links shown after the body.
	Body    []Block
	Related []Link
	// JSONLD is a NewsArticle JSON-LD object for <script type="application/ld+json">.
	JSONLD template.JS
}

// A Block is one item of an article body: a paragraph, a related-link box or
// an embed.
type Block struct {
	Para    string
	Index   int // 0-based paragraph index, -1 for inserts
	First   bool
	Related *Link
	Embed   *Embed
}

// A Site is an outlet as a template sees it, for one host.
type Site struct {
	ID, Name, Agency string
	// Home is "scheme://host/".
	Home     string
	Host     string
	Sections []Link
	Feed     string
}

// A Listing is the data a section template receives: one page of a section.
type Listing struct {
	Site             *Site
	Title            string
	URL              string
	Page, Pages      int
	PrevURL, NextURL string
	Items            []Item
}

// An Item is one entry of a listing; Href is the link to print.
type Item struct {
	Article *Article
	Href    string
}

// funcs are the helper functions every template may call (FORMAT.md §3).
var funcs = template.FuncMap{
	"date":    func(layout string, t time.Time) string { return t.Format(layout) },
	"utcdate": func(layout string, t time.Time) string { return t.UTC().Format(layout) },
	"rfc3339": func(t time.Time) string { return t.Format(time.RFC3339) },
	"iso":     func(t time.Time) string { return t.Format("2006-01-02T15:04:05Z07:00") },
	"year":    func(t time.Time) int { return t.Year() },
	"json": func(v any) (template.JS, error) {
		b, err := json.Marshal(v)
		return template.JS(b), err
	},
	"join":    func(sep string, s []string) string { return strings.Join(s, sep) },
	"lower":   strings.ToLower,
	"upper":   strings.ToUpper,
	"add":     func(a, b int) int { return a + b },
	"excerpt": excerpt,
}

// excerpt cuts s to at most n characters at a word boundary.
func excerpt(n int, s string) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := string([]rune(s)[:n])
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, ",;:") + "…"
}

// templates maps "outlet/name" to a parsed template.
type templates map[string]*template.Template

// parseTemplates parses every templates/<dir>/<name>.html of fsys.
func parseTemplates(fsys fs.FS) (templates, error) {
	t := templates{}
	files, err := fs.Glob(fsys, "templates/*/*.html")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		key := strings.TrimSuffix(strings.TrimPrefix(f, "templates/"), ".html")
		tm, err := template.New(path.Base(f)).Funcs(funcs).Parse(string(data))
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", f, err)
		}
		t[key] = tm
	}
	return t, nil
}

// lookup returns the outlet's template of that name, or the default one.
func (t templates) lookup(outlet, name string) *template.Template {
	if tm := t[outlet+"/"+name]; tm != nil {
		return tm
	}
	return t["_default/"+name]
}

func (t templates) has(outlet, name string) bool { return t.lookup(outlet, name) != nil }

// newPage builds the template data of a.
func newPage(site *Site, a *Article, amp bool) *Page {
	p := &Page{Site: site, Article: a, URL: a.URL, AMPURL: a.AMPLink(), IsAMP: amp, Charset: "utf-8"}
	if a.Charset != "" {
		p.Charset = strings.ToLower(a.Charset)
	}
	for i, para := range a.Paragraphs {
		p.Body = append(p.Body, Block{Para: para, Index: i, First: i == 0})
		for j := range a.Embeds {
			if a.Embeds[j].After == i+1 {
				p.Body = append(p.Body, Block{Index: -1, Embed: &a.Embeds[j]})
			}
		}
		for j := range a.Related {
			if a.Related[j].After == i+1 {
				p.Body = append(p.Body, Block{Index: -1, Related: &a.Related[j]})
			}
		}
	}
	for _, l := range a.Related {
		if l.After == 0 {
			p.Related = append(p.Related, l)
		}
	}
	p.JSONLD = jsonLD(site, a)
	return p
}

// jsonLD builds the NewsArticle object most outlets embed.
func jsonLD(site *Site, a *Article) template.JS {
	type thing struct {
		Type string `json:"@type"`
		Name string `json:"name"`
	}
	ld := struct {
		Context       string   `json:"@context"`
		Type          string   `json:"@type"`
		Headline      string   `json:"headline"`
		URL           string   `json:"url"`
		MainEntity    string   `json:"mainEntityOfPage"`
		DatePublished string   `json:"datePublished"`
		DateModified  string   `json:"dateModified,omitempty"`
		Section       string   `json:"articleSection,omitempty"`
		Keywords      string   `json:"keywords,omitempty"`
		Author        []thing  `json:"author,omitempty"`
		Publisher     thing    `json:"publisher"`
		Image         []string `json:"image,omitempty"`
		Description   string   `json:"description,omitempty"`
	}{
		Context: "https://schema.org", Type: "NewsArticle", Headline: a.Title, URL: a.URL, MainEntity: a.URL,
		DatePublished: a.Published.Format(time.RFC3339), Section: a.Section, Keywords: strings.Join(a.Tags, ", "),
		Publisher: thing{"Organization", site.Name}, Description: a.Lede,
	}
	if !a.Modified.IsZero() {
		ld.DateModified = a.Modified.Format(time.RFC3339)
	}
	for _, au := range a.Authors {
		ld.Author = append(ld.Author, thing{"Person", au})
	}
	if len(a.Authors) == 0 && site.Agency != "" {
		ld.Author = append(ld.Author, thing{"Organization", site.Agency})
	}
	if a.Image != nil {
		ld.Image = []string{a.Image.URL}
	}
	b, err := json.Marshal(ld)
	if err != nil {
		panic(err) // only strings: cannot fail
	}
	return template.JS(b)
}

// render executes a template and encodes the result in the page's charset.
func render(tm *template.Template, data any, charset string) ([]byte, error) {
	var b bytes.Buffer
	if err := tm.Execute(&b, data); err != nil {
		return nil, err
	}
	if charset == "" || strings.EqualFold(charset, "utf-8") {
		return b.Bytes(), nil
	}
	out, err := charmap.Windows1251.NewEncoder().Bytes(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", charset, err)
	}
	return out, nil
}

// rawBytes replaces the %%BYTES:hh hh%% markers of raw_html by those bytes.
func rawBytes(s string) ([]byte, error) {
	var out []byte
	for {
		i := strings.Index(s, "%%BYTES:")
		if i < 0 {
			return append(out, s...), nil
		}
		out = append(out, s[:i]...)
		s = s[i+len("%%BYTES:"):]
		j := strings.Index(s, "%%")
		if j < 0 {
			return nil, fmt.Errorf("unterminated %%%%BYTES marker")
		}
		for _, h := range strings.Fields(s[:j]) {
			var b byte
			if _, err := fmt.Sscanf(h, "%02x", &b); err != nil || len(h) != 2 {
				return nil, fmt.Errorf("bad byte %q in %%%%BYTES marker", h)
			}
			out = append(out, b)
		}
		s = s[j+2:]
	}
}
