package normalize

import (
	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// selectAll returns the elements under root that match the CSS selector
// sel, or nil when sel does not compile (a bad hint is ignored, not fatal;
// the study loader validates hints).
func selectAll(root *html.Node, sel string) []*html.Node {
	m, err := cascadia.Compile(sel)
	if err != nil {
		return nil
	}
	return goquery.NewDocumentFromNode(root).FindMatcher(m).Nodes
}
