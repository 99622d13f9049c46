package normalize

import (
	"flag"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/framelens/framelens/internal/extracteval"
)

var benchDir = flag.String("benchdir", "../../shared/benchmarks/article-extraction", "article-extraction benchmark folder")

func mustBenchDir(tb testing.TB) string {
	tb.Helper()
	if _, err := os.Stat(*benchDir + "/ground-truth.json"); err != nil {
		tb.Skipf("benchmark folder %s absent", *benchDir)
	}
	return *benchDir
}

// TestBenchmarkBody scores BodyText on the article-extraction benchmark and
// logs the scores and the worst pages (go test -run BenchmarkBody -v).
// It fails only if the score falls far below the target, so a
// regression shows without the test becoming a timing or tuning assert.
func TestBenchmarkBody(t *testing.T) {
	if testing.Short() {
		t.Skip("benchmark evaluation skipped in -short mode")
	}
	dir := mustBenchDir(t)
	s, err := extracteval.Run(dir, nil, BodyText)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(s)
	pages := slices.Clone(s.Pages)
	f1 := func(p extracteval.PageScore) float64 {
		pr, r := p.Precision, p.Recall
		if math.IsNaN(pr) {
			pr = 0
		}
		if pr+r == 0 {
			return 0
		}
		return 2 * pr * r / (pr + r)
	}
	slices.SortFunc(pages, func(a, b extracteval.PageScore) int {
		fa, fb := f1(a), f1(b)
		if fa < fb {
			return -1
		}
		if fa > fb {
			return 1
		}
		return 0
	})
	for _, p := range pages[:min(20, len(pages))] {
		t.Logf("%s P %.3f R %.3f", p.ID[:12], p.Precision, p.Recall)
	}
	if s.F1 < 0.94 {
		t.Errorf("benchmark F1 = %.3f, want >= 0.94 (target 0.966)", s.F1)
	}
}

var dumpPage = flag.String("dump", "", "id prefix of a benchmark page whose prediction and truth TestDumpPage writes to /tmp")

// TestDumpPage writes the prediction and the truth of one benchmark page to
// files for inspection (go test -run DumpPage -dump ID).
func TestDumpPage(t *testing.T) {
	if *dumpPage == "" {
		t.Skip("no -dump")
	}
	pages, err := extracteval.Load(mustBenchDir(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if len(p.ID) >= len(*dumpPage) && p.ID[:len(*dumpPage)] == *dumpPage {
			got, _ := BodyText(p.HTML, p.URL)
			os.WriteFile("/tmp/pred.txt", []byte(got), 0o644)
			os.WriteFile("/tmp/truth.txt", []byte(p.Truth), 0o644)
			os.WriteFile("/tmp/page.html", p.HTML, 0o644)
			t.Log(p.URL, extracteval.ScorePage(p.Truth, got))
			root, _ := parse(p.HTML, "")
			d := newDOM(root, len(p.HTML))
			cont := d.container()
			for _, c := range cont {
				t.Logf("container %s %q %+v", c.Data, attr(c, "class")+"#"+attr(c, "id"), *d.stat(c))
			}
			first := p.Truth
			if i := strings.IndexAny(first, "\n"); i > 0 {
				first = first[:i]
			}
			first = first[:min(len(first), 25)]
			var find func(n *html.Node) *html.Node
			find = func(n *html.Node) *html.Node {
				if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "head") {
					return nil
				}
				if n.Type == html.TextNode && strings.Contains(n.Data, first) {
					return n
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if f := find(c); f != nil {
						return f
					}
				}
				return nil
			}
			if n := find(root); n != nil {
				for a := n.Parent; a != nil; a = a.Parent {
					s := d.stat(a)
					if s == nil {
						t.Logf("  %s %q (unmeasured)", a.Data, attr(a, "class")+"#"+attr(a, "id"))
						continue
					}
					t.Logf("  %s %q %+v hint %d", a.Data, attr(a, "class")+"#"+attr(a, "id"), *s, classHint(a))
				}
			}
		}
	}
}
