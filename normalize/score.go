package normalize

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A stat holds what the extractor knows about one element.
type stat struct {
	text   int32 // bytes of visible text, white space excluded
	link   int32 // the part of text inside links
	commas int32
	// ptext is the unlinked text inside <p> and <pre> elements: running
	// prose, the best single sign of where the article is.
	ptext  int32
	score  float32
	scored bool // score has been initialised: the element is a candidate
	block  bool // the element is or contains a block element
	drop   bool // page furniture: not scored, not collected
}

// A dom is one parsed page with per-element statistics. The extractor makes
// three passes over the tree: measure (text and link lengths), score (the
// readability-style candidate scores) and collect (the paragraphs).
type dom struct {
	root *html.Node
	body *html.Node
	idx  map[*html.Node]int32
	st   []stat
	// nodes[i] is the element of st[i]; both are in document order.
	nodes []*html.Node
}

// newDOM measures the page. sizeHint, the page's length in bytes, sizes
// the tables: about one element per 64 bytes of markup, so a small page does
// not pay for a large one's tables.
func newDOM(root *html.Node, sizeHint int) *dom {
	n := min(max(sizeHint/64, 16), 4096)
	d := &dom{root: root, idx: make(map[*html.Node]int32, n), st: make([]stat, 0, n), nodes: make([]*html.Node, 0, n)}
	d.body = findBody(root)
	if d.body != nil {
		d.measure(d.body, false)
	}
	return d
}

func findBody(n *html.Node) *html.Node {
	for c := n; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Body {
			return c
		}
		if c.FirstChild != nil {
			if b := findBody(c.FirstChild); b != nil {
				return b
			}
		}
	}
	return nil
}

// stat returns the statistics of n, or nil when n is not a measured element
// (a hidden element, a script, or outside the body).
func (d *dom) stat(n *html.Node) *stat {
	i, ok := d.idx[n]
	if !ok {
		return nil
	}
	return &d.st[i]
}

// measure records the text and link lengths of n's subtree and returns them.
func (d *dom) measure(n *html.Node, inLink bool) (text, link, commas, ptext int32, block bool) {
	if ignoredTag(n.DataAtom) || hidden(n) {
		return 0, 0, 0, 0, false
	}
	i := int32(len(d.st))
	d.st = append(d.st, stat{})
	d.nodes = append(d.nodes, n)
	d.idx[n] = i
	if n.DataAtom == atom.A {
		inLink = true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			t, k := visibleLen(c.Data)
			text += t
			commas += k
			if inLink {
				link += t
			}
		case html.ElementNode:
			t, l, k, p, b := d.measure(c, inLink)
			text += t
			link += l
			commas += k
			ptext += p
			block = block || b || blockTag(c.DataAtom)
		}
	}
	if n.DataAtom == atom.P || n.DataAtom == atom.Pre {
		ptext = text - link
	}
	d.st[i].text, d.st[i].link, d.st[i].commas, d.st[i].ptext, d.st[i].block = text, link, commas, ptext, block
	return text, link, commas, ptext, block
}

// visibleLen counts the bytes of s that are not ASCII white space, and the
// commas.
func visibleLen(s string) (n, commas int32) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\n', '\t', '\r', '\f':
		case ',':
			commas++
			n++
		default:
			n++
		}
	}
	return n, commas
}

func (s *stat) linkDensity() float32 {
	if s.text == 0 {
		return 0
	}
	return float32(s.link) / float32(s.text)
}

// markFurniture marks the elements that are page furniture by their tag or
// class/id names. An element that holds half the page's prose or more is
// never furniture, however it is named: some sites wrap the whole article
// in a "has-sidebar" container or a <header>.
func (d *dom) markFurniture(n *html.Node, bodyText int32) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		s := d.stat(c)
		if s == nil {
			continue
		}
		if (boilerTag(c.DataAtom) || classHint(c) < 0) && s.ptext*2 < bodyText {
			s.drop = true
			continue
		}
		d.markFurniture(c, bodyText)
	}
}

// initScore is the prior of a candidate container: its tag and whether its
// class or id names content or furniture.
func initScore(n *html.Node) float32 {
	var sc float32
	switch n.DataAtom {
	case atom.Div, atom.Article, atom.Main, atom.Section:
		sc = 5
	case atom.Pre, atom.Td, atom.Blockquote:
		sc = 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		sc = -3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		sc = -5
	}
	switch n.DataAtom {
	case atom.Article:
		sc += 10
	case atom.Main:
		sc += 5
	}
	return sc + 25*float32(classHint(n))
}

// paragraphLike reports whether n is a unit of running text: a <p>, <pre>
// or a container with no block element inside.
func paragraphLike(n *html.Node, s *stat) bool {
	switch n.DataAtom {
	case atom.P, atom.Pre:
		return true
	case atom.Div, atom.Section, atom.Article, atom.Td, atom.Font, atom.Span, atom.Center, atom.Main:
		return !s.block
	}
	return false
}

// score gives every paragraph-like element a content score (1, plus one per
// comma, plus one per 100 bytes of text up to 3) and adds it to its
// ancestors, less and less the farther up they are. The best-scoring
// ancestor is the article's container. Scores of the method of Arc90's
// readability, reimplemented.
func (d *dom) score(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		s := d.stat(c)
		if s == nil || s.drop {
			continue
		}
		if paragraphLike(c, s) && s.text >= 25 {
			cs := 1 + float32(s.commas) + min(float32(s.text)/100, 3)
			level := 0
			for a := c.Parent; a != nil && level < 5; a = a.Parent {
				as := d.stat(a)
				if as == nil {
					break
				}
				if !as.scored {
					as.scored = true
					as.score = initScore(a)
				}
				switch level {
				case 0:
					as.score += cs
				case 1:
					as.score += cs / 2
				default:
					as.score += cs / float32(level*3)
				}
				if a == d.body {
					break
				}
				level++
			}
		}
		d.score(c)
	}
}

type candidate struct {
	n     *html.Node
	score float32
}

// topCandidates returns the best candidates, best first, their scores
// discounted by link density; of equal scores the earlier element wins.
func (d *dom) topCandidates(k int) []candidate {
	top := make([]candidate, 0, k+1)
	for i := range d.st {
		s, n := &d.st[i], d.nodes[i]
		if !s.scored {
			continue
		}
		sc := s.score * (1 - s.linkDensity())
		s.score = sc
		if len(top) == k && sc <= top[k-1].score {
			continue
		}
		j := len(top)
		top = append(top, candidate{})
		for j > 0 && top[j-1].score < sc {
			top[j] = top[j-1]
			j--
		}
		top[j] = candidate{n, sc}
		if len(top) > k {
			top = top[:k]
		}
	}
	return top
}

func isAncestor(a, n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}

// container picks the article's container and the siblings that belong with
// it (readability's sibling rule), in document order.
func (d *dom) container() []*html.Node {
	if d.body == nil {
		return nil
	}
	bs := d.stat(d.body)
	if bs == nil {
		return nil
	}
	d.markFurniture(d.body, bs.ptext)
	d.score(d.body)
	cands := d.topCandidates(5)
	if len(cands) == 0 {
		return []*html.Node{d.body}
	}
	top, topScore := cands[0].n, cands[0].score
	if top == d.body {
		return []*html.Node{top}
	}

	// Several near-best candidates under one ancestor mean the article is
	// split into blocks: take the ancestor.
	var alts []*html.Node
	for _, c := range cands[1:] {
		if c.score >= 0.75*topScore {
			alts = append(alts, c.n)
		}
	}
	if len(alts) >= 2 {
		for p := top.Parent; p != nil && p != d.body; p = p.Parent {
			k := 0
			for _, a := range alts {
				if isAncestor(p, a) {
					k++
				}
			}
			if k >= 2 {
				top = p
				break
			}
		}
	}
	// Climb while the parent scores higher: the paragraphs are spread over
	// its children.
	last := d.stat(top).score
	for p := top.Parent; p != nil && p != d.body; p = p.Parent {
		ps := d.stat(p)
		if ps == nil || !ps.scored {
			continue
		}
		if ps.score < last/3 {
			break
		}
		if ps.score > last {
			top = p
			break
		}
		last = ps.score
	}
	for top.Parent != nil && top.Parent != d.body && onlyElementChild(top) {
		top = top.Parent
	}

	ts := d.stat(top)
	topScore = ts.score
	threshold := max(10, topScore*0.2)
	var out []*html.Node
	for s := top.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s.Type != html.ElementNode {
			continue
		}
		if s == top {
			out = append(out, s)
			continue
		}
		ss := d.stat(s)
		if ss == nil || ss.drop {
			continue
		}
		bonus := float32(0)
		if cl := attr(top, "class"); cl != "" && cl == attr(s, "class") {
			bonus = topScore * 0.2
		}
		switch {
		case ss.scored && ss.score+bonus >= threshold:
			out = append(out, s)
		case s.DataAtom == atom.P || paragraphLike(s, ss):
			ld := ss.linkDensity()
			if ss.text > 80 && ld < 0.25 || ss.text > 0 && ss.text <= 80 && ld == 0 && endsSentence(s) {
				out = append(out, s)
			}
		}
	}
	return out
}

func onlyElementChild(n *html.Node) bool {
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c != n && c.Type == html.ElementNode {
			return false
		}
	}
	return true
}

// endsSentence reports whether n's last text ends a sentence.
func endsSentence(n *html.Node) bool {
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		switch c.Type {
		case html.TextNode:
			s := c.Data
			for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\n' || s[len(s)-1] == '\t') {
				s = s[:len(s)-1]
			}
			if s == "" {
				continue
			}
			switch s[len(s)-1] {
			case '.', '!', '?', '"', ':':
				return true
			}
			return len(s) >= 3 && (s[len(s)-3:] == "”" || s[len(s)-3:] == "…")
		case html.ElementNode:
			return endsSentence(c)
		}
	}
	return false
}
