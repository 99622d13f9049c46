package normalize

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A collector turns the chosen containers into paragraphs: every block
// element ends a paragraph, <br> ends a line (and a paragraph), furniture
// and link lists are skipped.
type collector struct {
	d     *dom
	tb    textBuilder
	paras []string
}

func (c *collector) flush() {
	if c.tb.Len() == 0 {
		return
	}
	c.paras = append(c.paras, c.tb.Take())
}

func (c *collector) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		c.tb.WriteString(n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	if n.DataAtom == atom.Br {
		c.flush()
		return
	}
	block := blockTag(n.DataAtom)
	s := c.d.stat(n)
	if s == nil || s.drop || s.text == 0 || skipInBody(n, s) {
		// A skipped block (a caption, a hidden box) still separates the
		// text around it, as it does on screen: "0<figcaption>1</figcaption>2"
		// reads "0" and "2", not "02".
		if block {
			c.flush()
		}
		return
	}
	if block {
		c.flush()
	} else if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
		c.tb.Space()
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.walk(ch)
	}
	if block {
		c.flush()
	} else {
		switch n.DataAtom {
		case atom.Td, atom.Th, atom.Li, atom.Dt, atom.Dd:
			c.tb.Space()
		}
	}
}

// skipInBody reports elements inside the article's container that are not
// body text: the title (<h1>), lists of links (related stories, tag
// clouds) and paragraphs that are only a link.
func skipInBody(n *html.Node, s *stat) bool {
	switch n.DataAtom {
	case atom.H1:
		return true
	case atom.Ul, atom.Ol, atom.Dl, atom.Div, atom.Section, atom.Table, atom.Nav, atom.Menu:
		return s.linkDensity() > 0.5
	case atom.P, atom.Li, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return s.linkDensity() > 0.8 && s.text < 160
	}
	return false
}
