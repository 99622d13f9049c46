package normalize

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// FuzzExtract checks that Extract never panics, that its output is valid
// UTF-8 and that every paragraph comes from the input: the words of the
// paragraphs occur, in order, in the page's text after the same
// normalisation. The check is one forward scan of that text, so it costs
// time linear in the page; a strings.Contains of every word against the
// whole text, as it was, is quadratic and made the fuzzer crawl on large
// inputs.
func FuzzExtract(f *testing.F) {
	// Small seeds in the fixtures' shapes, not the 2-3 KB fixture pages:
	// the fuzzer minimizes every input that finds new coverage, and
	// minimizing one grown from a full page ran for up to 52 s at 0
	// execs/s (GODEBUG=fuzzdebug=1 shows "minimizing took").
	f.Add([]byte(`<html><head><meta property="og:type" content="article"><title>Talks stall - Reuters</title></head><body><nav><a href="/">Home</a></nav><article><h1>Talks stall</h1><p class="byline">By Jane Roe</p><p>BRUSSELS (Reuters) - Ministers met, and talked.</p><figure><figcaption>A photo</figcaption></figure><p>Read more: other news</p></article></body></html>`))
	f.Add([]byte(`<html><body><main class="news-content"><div class="share-bar"><a href="#">Share</a></div><div class="text-content"><p>MOSCOW, December 5. /TASS/. Talks will go on, the minister said.</p><p>&ldquo;No ultimatums,&rdquo; he said.</p></div><div class=related>Related<a>Other story</a></div></main></body></html>`))
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
		pos := 0
		for _, p := range a.Paragraphs {
			for _, w := range strings.Fields(p) {
				i := strings.Index(src[pos:], w)
				if i < 0 {
					t.Fatalf("Extract paragraph word %q not in the input's text after offset %d", w, pos)
				}
				pos += i + len(w)
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

// TestExtractAdversarialSize runs Extract on the adversarial pages at a size
// where quadratic work would take minutes (n=20000, up to 1 MB) and checks
// the output stays within the input: a regression test for the fuzzer
// stall, with no timing assert (BenchmarkExtractAdversarial measures).
func TestExtractAdversarialSize(t *testing.T) {
	for name, f := range adversarialPages {
		t.Run(name, func(t *testing.T) {
			page := []byte(f(20000))
			a, _ := Extract(page, "https://example.org/x", nil)
			if len(a.Text) > len(page) {
				t.Errorf("Extract(%s).Text is %d bytes, more than the %d-byte page", name, len(a.Text), len(page))
			}
			if !utf8.ValidString(a.Text) {
				t.Errorf("Extract(%s).Text is not valid UTF-8", name)
			}
		})
	}
}

// TestCollectSkippedBlockSeparates: the fuzzer found "0<figcaption>1</figcaption>2"
// read as "02"; a dropped block still ends the paragraph.
func TestCollectSkippedBlockSeparates(t *testing.T) {
	got, err := BodyText([]byte("<body><p>0</p>0<figcaption>1</figcaption>2</body>"), "https://example.org/x")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got, "02") {
		t.Errorf("BodyText = %q, want 0 and 2 apart", got)
	}
}
