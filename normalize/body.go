package normalize

import (
	"strings"

	"github.com/framelens/framelens"
	"golang.org/x/net/html"
)

// body returns the article's body paragraphs, before the dateline is split
// off, with furniture lines removed.
func body(d *dom, hints *framelens.Hints) []string {
	var nodes []*html.Node
	if hints != nil && hints.Body != "" {
		nodes = selectAll(d.root, hints.Body)
	}
	if hints != nil {
		for _, sel := range hints.Drop {
			for _, n := range selectAll(d.root, sel) {
				if s := d.stat(n); s != nil {
					s.drop = true
				}
			}
		}
	}
	if len(nodes) == 0 {
		nodes = d.container()
	}
	c := collector{d: d}
	for _, n := range nodes {
		c.walk(n)
	}
	c.flush()
	return dropBoiler(c.paras)
}

// BodyText returns the body of the article on page as plain text, the
// paragraphs separated by blank lines: what the article-extraction benchmark
// scores. Unlike Extract it keeps the dateline in the first paragraph and
// rejects nothing.
func BodyText(page []byte, pageURL string) (string, error) {
	root, err := parse(page, "")
	if err != nil {
		return "", err
	}
	return strings.Join(body(newDOM(root, len(page)), nil), "\n\n"), nil
}
