package normalize

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// attr returns the value of n's attribute key ("" when absent).
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// ignoredTag reports elements whose content is never article text.
func ignoredTag(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Math,
		atom.Iframe, atom.Object, atom.Embed, atom.Canvas, atom.Head, atom.Select,
		atom.Option, atom.Button, atom.Input, atom.Textarea, atom.Label, atom.Audio,
		atom.Video, atom.Picture, atom.Img, atom.Map, atom.Dialog, atom.Link, atom.Meta:
		return true
	}
	return false
}

// boilerTag reports semantic elements that hold page furniture, not body
// text: navigation, asides, page headers and footers, captions and forms'
// widgets.
func boilerTag(a atom.Atom) bool {
	switch a {
	case atom.Nav, atom.Aside, atom.Footer, atom.Header, atom.Figcaption, atom.Figure, atom.Menu:
		return true
	}
	return false
}

// blockTag reports elements that break the flow of text into paragraphs.
func blockTag(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Center, atom.Dd, atom.Details, atom.Dialog,
		atom.Dir, atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer,
		atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header, atom.Hgroup, atom.Hr,
		atom.Li, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P, atom.Pre, atom.Section, atom.Summary,
		atom.Table, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr, atom.Ul, atom.Caption,
		atom.Body, atom.Html:
		return true
	}
	return false
}

// hidden reports elements the page hides from readers.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			if containsFold(a.Val, "display:none") || containsFold(a.Val, "display: none") ||
				containsFold(a.Val, "visibility:hidden") || containsFold(a.Val, "visibility: hidden") {
				return true
			}
		}
	}
	return false
}

// containsFold reports whether s contains the lower-case ASCII substr,
// ignoring ASCII case in s, without allocating.
func containsFold(s, substr string) bool {
	n := len(substr)
outer:
	for i := 0; i+n <= len(s); i++ {
		for j := 0; j < n; j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != substr[j] {
				continue outer
			}
		}
		return true
	}
	return false
}

// Class hints. The names describe what page furniture is called across
// publishing systems in general; none comes from a particular site. A name
// in the "contains" lists matches inside a class or id token ("sharebar",
// "related-links"); a name in the "exact" lists must be a whole token.
var (
	negContains = []string{"comment", "share", "sharing", "social", "related", "recommend", "newsletter",
		"subscri", "signup", "sign-up", "sidebar", "footer", "masthead", "breadcrumb", "promo", "advert",
		"sponsor", "popup", "modal", "cookie", "widget", "caption", "toolbar", "trending", "popular",
		"outbrain", "taboola", "disqus", "pagination", "pager", "login", "byline", "author", "navbar",
		"navigation", "menu", "banner", "feedback", "readmore", "read-more", "more-stories", "overlay",
		"jumplink", "skiplink", "gdpr", "consent", "paywall", "rating", "print", "tooltip", "dropdown",
		"disclaimer", "timestamp", "dateline", "credit", "copyright", "subscription", "teaser", "headline",
		"breaking", "ticker", "follow", "email", "whatsapp", "facebook", "twitter", "linkedin", "pinterest",
		"embed", "video", "photo", "gallery", "slideshow", "carousel", "thumbnail", "inline-image", "image",
		"player", "audio", "podcast", "tag-list", "taglist", "keywords", "topics", "hidden",
		"visually-hidden", "sr-only", "screen-reader", "offscreen"}
	negExact = []string{"ad", "ads", "adv", "nav", "aside", "tags", "tag", "meta", "date", "time",
		"rail", "hide", "tools", "utility", "foot", "header",
		"cta", "share"}
	posContains = []string{"article", "body", "content", "entry", "main", "post", "story", "text", "blog", "hentry", "prose", "copy", "column"}
)

// classHint returns +1 when n's class or id names article content, -1 when
// it names page furniture, and 0 when it says neither or both. Within one
// token the furniture word wins ("article-header", "post-meta", "story-tags"
// are furniture of an article); across tokens a content word cancels a
// furniture word ("content has-sidebar").
func classHint(n *html.Node) int {
	pos, neg := false, false
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" || a.Namespace != "" {
			continue
		}
		forEachToken(a.Val, func(tok []byte) {
			tn := tokenNegative(tok)
			neg = neg || tn
			if !tn && !pos {
				for _, s := range posContains {
					if bytes.Contains(tok, []byte(s)) {
						pos = true
						break
					}
				}
			}
		})
	}
	switch {
	case pos && !neg:
		return 1
	case neg && !pos:
		return -1
	}
	return 0
}

func tokenNegative(tok []byte) bool {
	for _, s := range negContains {
		if bytes.Contains(tok, []byte(s)) {
			return true
		}
	}
	for part := range bytes.FieldsFuncSeq(tok, func(r rune) bool { return r == '-' || r == '_' }) {
		for _, s := range negExact {
			if string(part) == s {
				return true
			}
		}
	}
	return false
}

// forEachToken calls f with each lower-cased token of a class or id value
// (camel case is lower-cased: "shareBar" -> "sharebar").
func forEachToken(v string, f func([]byte)) {
	var buf [64]byte
	for tok := range strings.FieldsSeq(v) {
		if len(tok) > len(buf) {
			tok = tok[:len(buf)]
		}
		b := buf[:len(tok)]
		for i := 0; i < len(tok); i++ {
			c := tok[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[i] = c
		}
		f(b)
	}
}
