package normalize

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// FuzzExtract checks that Extract never panics, that its output is valid
// UTF-8 and that every paragraph comes from the input: each word of a
// paragraph occurs in the page's text after the same normalisation.
func FuzzExtract(f *testing.F) {
	for _, file := range []string{"testdata/tass/ryabkov-ultimatum.html", "testdata/reuters/nato-brussels.html"} {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("<p>MOSCOW, January 25. /TASS/. Short.</p>"))
	f.Add([]byte("<html><body><div><p>a\u00adb &amp; c<br>d</p></div>"))
	f.Add([]byte("\xff\xfe<\x00p\x00>"))
	f.Fuzz(func(t *testing.T, page []byte) {
		a, _ := Extract(page, "https://example.org/2019/02/01/x", nil)
		for _, s := range append([]string{a.Title, a.Text, a.Lede}, a.Paragraphs...) {
			if !utf8.ValidString(s) {
				t.Fatalf("Extract output not valid UTF-8: %q", s)
			}
		}
		if len(a.Paragraphs) == 0 {
			return
		}
		data, err := decode(page, "")
		if err != nil {
			t.Fatalf("Extract returned paragraphs for an undecodable page: %v", err)
		}
		// Entities and tags come out of the HTML parser, so compare with
		// the decoded page's characters, words only.
		src := htmlText(data)
		for _, p := range a.Paragraphs {
			for _, w := range strings.Fields(p) {
				if !strings.Contains(src, w) {
					t.Fatalf("Extract paragraph word %q not in the input's text", w)
				}
			}
		}
	})
}

// htmlText returns the text of every text node of the parsed page,
// concatenated, with all white space removed.
func htmlText(data []byte) string {
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return strings.Join(strings.Fields(CleanText(b.String())), "")
}
