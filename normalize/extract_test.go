package normalize

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/framelens/framelens"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden is the part of an Article the golden files pin down: everything
// Extract derives from the page.
type golden struct {
	Title        string
	Lede         string
	Authors      []string
	Agencies     []string
	Published    time.Time
	Modified     time.Time
	PublishedRaw string
	Dateline     framelens.Dateline
	Section      string
	Tags         []string
	Language     string
	CanonicalURL string
	Paragraphs   []string
	Words        int
	Error        string
}

func mustFixtures(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob("testdata/*/*.html")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no fixtures in testdata: %v", err)
	}
	return files
}

func fixtureURL(file string) string {
	outlet := filepath.Base(filepath.Dir(file))
	slug := strings.TrimSuffix(filepath.Base(file), ".html")
	return "https://www." + outlet + ".example/news/" + slug
}

func TestExtractGolden(t *testing.T) {
	for _, file := range mustFixtures(t) {
		name := strings.TrimSuffix(strings.TrimPrefix(file, "testdata/"), ".html")
		t.Run(name, func(t *testing.T) {
			page, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Extract(page, fixtureURL(file), nil)
			g := golden{a.Title, a.Lede, a.Authors, a.Agencies, a.Published, a.Modified, a.PublishedRaw, a.Dateline,
				a.Section, a.Tags, a.Language, a.CanonicalURL, a.Paragraphs, a.Words, ""}
			if err != nil {
				g.Error = err.Error()
			}
			got, err := json.MarshalIndent(g, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			gf := strings.TrimSuffix(file, ".html") + ".golden.json"
			if *update {
				if err := os.WriteFile(gf, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(gf)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if string(got) != string(want) {
				t.Errorf("Extract(%s) differs from %s (go test -update rewrites it):\n%s", file, gf, got)
			}
			if a.Text != a.Title+"\n\n"+strings.Join(a.Paragraphs, "\n\n") {
				t.Errorf("Extract(%s).Text is not Title + paragraphs", file)
			}
		})
	}
}

func TestExtractSnippets(t *testing.T) {
	data, err := os.ReadFile("testdata/snippets.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases map[string]struct {
		Must    []string `json:"must"`
		MustNot []string `json:"must_not"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join("testdata", name+".html")
			page, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Extract(page, fixtureURL(file), nil)
			if err != nil {
				t.Fatalf("Extract(%s): %v", name, err)
			}
			body := strings.Join(a.Paragraphs, "\n\n")
			for _, s := range c.Must {
				if !strings.Contains(body, s) {
					t.Errorf("Extract(%s) body lacks %q", name, s)
				}
			}
			for _, s := range c.MustNot {
				if strings.Contains(body, s) {
					t.Errorf("Extract(%s) body contains %q", name, s)
				}
			}
		})
	}
}

func TestExtractRejects(t *testing.T) {
	long := strings.Repeat("<p>The treaty banned ground-launched missiles with ranges between five hundred and five thousand five hundred kilometres, and both sides destroyed thousands of them.</p>", 3)
	tests := []struct {
		name string
		page string
		want error
	}{
		{"JSONIsNotHTML", `{"headline": "x"}`, framelens.ErrNotHTML},
		{"PDFIsNotHTML", "%PDF-1.4 binary", framelens.ErrNotHTML},
		{"EmptyBody", `<html><body><div></div></body></html>`, framelens.ErrEmptyBody},
		{"TooShort", `<html><body><article><p>Only a few words in this one paragraph of a page.</p></article></body></html>`, framelens.ErrTooShort},
		{"Paywall", `<html><head><script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":false}</script></head><body><article><p>The first lines of a story that continues for subscribers only, about arms control.</p></article></body></html>`, framelens.ErrPaywalled},
		{"ListingPage", `<html><head><meta property="og:type" content="website"></head><body><ul>` +
			strings.Repeat(`<li><a href="/n">A headline of some story on the index page of this outlet</a></li>`, 30) + `</ul></body></html>`, framelens.ErrNotArticle},
		{"ListingWithTeasers", `<html><head><title>News</title></head><body><h1>News</h1><ul>` +
			strings.Repeat(`<li><a href="/n">A headline of some story on the index page</a><p>A teaser sentence of one summary under each of the headlines, long enough to look like prose on its own.</p></li>`, 4) +
			`</ul></body></html>`, framelens.ErrNotArticle},
		{"ArticleWithRelatedLinks", `<html><head><meta property="article:published_time" content="2019-02-01T10:00:00Z"></head><body><article>` + long + `</article><aside>` +
			strings.Repeat(`<a href="/r">A related headline about the missile treaty crisis</a>`, 6) + `</aside></body></html>`, nil},
		{"Article", `<html><body><article>` + long + `</article></body></html>`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Extract([]byte(tt.page), "https://example.org/a", nil)
			if !errors.Is(err, tt.want) {
				t.Errorf("Extract(%s) error = %v, want %v", tt.name, err, tt.want)
			}
		})
	}
}

func TestSplitDateline(t *testing.T) {
	tests := []struct {
		in     string
		want   framelens.Dateline
		remain string
	}{
		{"MOSCOW, January 25. /TASS/. The ministry said so.", framelens.Dateline{Raw: "MOSCOW, January 25. /TASS/.", Place: "MOSCOW", Date: "January 25", Agency: "TASS"}, "The ministry said so."},
		{"BRUSSELS (Reuters) - Allies met.", framelens.Dateline{Raw: "BRUSSELS (Reuters) -", Place: "BRUSSELS", Agency: "Reuters"}, "Allies met."},
		{"MOSCOW (AP) — Russia warned.", framelens.Dateline{Raw: "MOSCOW (AP) —", Place: "MOSCOW", Agency: "AP"}, "Russia warned."},
		{"WASHINGTON, Feb 1 (Reuters) - The U.S. said.", framelens.Dateline{Raw: "WASHINGTON, Feb 1 (Reuters) -", Place: "WASHINGTON", Date: "Feb 1", Agency: "Reuters"}, "The U.S. said."},
		{"GENEVA — Talks ended.", framelens.Dateline{Raw: "GENEVA —", Place: "GENEVA"}, "Talks ended."},
		{"Moscow — as ever — said no.", framelens.Dateline{}, "Moscow — as ever — said no."},
		{"The treaty (INF) - signed in 1987.", framelens.Dateline{}, "The treaty (INF) - signed in 1987."},
	}
	for _, tt := range tests {
		got, rest := splitDateline(tt.in)
		if got != tt.want || rest != tt.remain {
			t.Errorf("splitDateline(%q) = %+v, %q; want %+v, %q", tt.in, got, rest, tt.want, tt.remain)
		}
	}
}

func TestCleanURL(t *testing.T) {
	tests := []struct{ base, ref, want string }{
		{"", "https://Example.org/a?utm_source=x&id=3&fbclid=1#top", "https://example.org/a?id=3"},
		{"https://example.org/news/x", "/news/y?gclid=9", "https://example.org/news/y"},
		{"", "mailto:x@example.org", ""},
	}
	for _, tt := range tests {
		if got := CleanURL(tt.base, tt.ref); got != tt.want {
			t.Errorf("CleanURL(%q, %q) = %q, want %q", tt.base, tt.ref, got, tt.want)
		}
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  a\u00a0\u00a0b\n\tc ", "a b c"},
		{"extra\u00adordinary zero\u200bwidth", "extraordinary zerowidth"},
		{"cafe\u0301", "café"},
		{"“quoted” ‘single’", "“quoted” ‘single’"},
	}
	for _, tt := range tests {
		if got := CleanText(tt.in); got != tt.want {
			t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripSiteName(t *testing.T) {
	tests := []struct{ in, site, host, want string }{
		{"Allies back U.S. finding - Reuters", "", "www.reuters.com", "Allies back U.S. finding"},
		{"Allies back the U.S. finding on missiles | The Guardian", "", "www.theguardian.com", "Allies back the U.S. finding on missiles"},
		{"Ryabkov: talks - not ultimatums", "TASS", "tass.com", "Ryabkov: talks - not ultimatums"},
		{"Putin hopes to discuss the treaty — Kremlin", "TASS", "tass.com", "Putin hopes to discuss the treaty — Kremlin"},
		{"Talks ended - Politics - TASS", "TASS", "tass.com", "Talks ended - Politics"},
	}
	for _, tt := range tests {
		if got := stripSiteName(tt.in, tt.site, tt.host); got != tt.want {
			t.Errorf("stripSiteName(%q, %q) = %q, want %q", tt.in, tt.site, got, tt.want)
		}
	}
}
