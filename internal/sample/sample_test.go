package sample

import (
	"encoding/xml"
	"errors"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/framelens/framelens"
	"github.com/framelens/framelens/internal/studyfile"
)

func mustCorpus(tb testing.TB) *corpus {
	tb.Helper()
	c, err := load()
	if err != nil {
		tb.Fatalf("load sample: %v", err)
	}
	return c
}

// get requests rawURL from h as a client would, Host header included.
func get(tb testing.TB, h http.Handler, rawURL string) *http.Response {
	tb.Helper()
	req := httptest.NewRequest(http.MethodGet, rawURL, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(tb testing.TB, r *http.Response) string {
	tb.Helper()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func TestSampleLoads(t *testing.T) {
	c := mustCorpus(t)
	if len(c.articles) == 0 {
		t.Fatal("no sample articles")
	}
	for _, o := range c.outletsWithArticles() {
		t.Logf("%s: %d pages", o.ID, len(c.outletArticles(o.ID)))
	}
}

func TestEveryPageRenders(t *testing.T) {
	c := mustCorpus(t)
	for _, a := range c.articles {
		t.Run(a.File, func(t *testing.T) {
			r := get(t, c, a.URL)
			if r.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: status %d", a.URL, r.StatusCode)
			}
			if a.RawHTML != "" {
				return
			}
			b := body(t, r)
			if a.Charset != "" {
				dec, err := charmap.Windows1251.NewDecoder().String(b)
				if err != nil {
					t.Fatal(err)
				}
				b = dec
			}
			b = html.UnescapeString(b)
			for i, p := range append([]string{a.Title}, a.Paragraphs...) {
				if !strings.Contains(b, p) {
					t.Errorf("page %s lacks text block %d: %.60q", a.URL, i, p)
				}
			}
			if a.Dateline != "" && !strings.Contains(b, a.Dateline) {
				t.Errorf("page %s lacks its dateline %q", a.URL, a.Dateline)
			}
			if !strings.Contains(b, `"@type":"NewsArticle"`) && !strings.Contains(b, `"@type": "NewsArticle"`) {
				t.Errorf("page %s has no NewsArticle JSON-LD", a.URL)
			}
			if l := a.AMPLink(); l != "" {
				amp := get(t, c, l)
				ab := html.UnescapeString(body(t, amp))
				if amp.StatusCode != http.StatusOK || !strings.Contains(ab, `rel="canonical" href="`+a.URL+`"`) {
					t.Errorf("AMP %s: status %d, canonical to %s missing", l, amp.StatusCode, a.URL)
				}
			}
		})
	}
}

var hrefRE = regexp.MustCompile(`<a [^>]*href="([^"]+)"`)
var relNextRE = regexp.MustCompile(`<link rel="next" href="([^"]+)"`)

// articleLinks returns the links of a listing page that are sample pages,
// tracking parameters stripped.
func articleLinks(c *corpus, page string) []string {
	var out []string
	urls := map[string]bool{}
	for _, a := range c.articles {
		urls[a.URL] = true
	}
	for _, m := range hrefRE.FindAllStringSubmatch(page, -1) {
		u := html.UnescapeString(m[1])
		u, _, _ = strings.Cut(u, "?")
		if urls[u] && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

func TestSectionsPaginateNewestFirst(t *testing.T) {
	c := mustCorpus(t)
	for _, o := range c.outletsWithArticles() {
		t.Run(o.ID, func(t *testing.T) {
			var seen []string
			for _, sec := range o.Discovery.Sections {
				next, pages := sec.URL, 0
				for next != "" {
					r := get(t, c, next)
					if r.StatusCode != http.StatusOK {
						t.Fatalf("GET %s: status %d", next, r.StatusCode)
					}
					b := body(t, r)
					seen = append(seen, articleLinks(c, b)...)
					next = ""
					if m := relNextRE.FindStringSubmatch(b); m != nil {
						next = html.UnescapeString(m[1])
						if !strings.Contains(b, `href="`+m[1]+`"`) {
							t.Errorf("%s: rel=next %s has no visible link", sec.URL, next)
						}
					}
					pages++
				}
				if n := len(c.outletArticles(o.ID)); n > c.sites[o.ID].PageSize && c.sites[o.ID].PageSize > 0 && pages < 2 && len(o.Discovery.Sections) == 1 {
					t.Errorf("%s: %d pages for %d articles", sec.URL, pages, n)
				}
			}
			var want []string
			for _, a := range c.outletArticles(o.ID) {
				if a.IsListed() {
					want = append(want, a.URL)
				}
			}
			slices.Sort(want)
			got := slices.Clone(seen)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("listed pages:\n got %v\nwant %v", got, want)
			}
			if len(o.Discovery.Sections) == 1 {
				if !slices.IsSortedFunc(seen, func(x, y string) int {
					return c.byURL(y).Published.Compare(c.byURL(x).Published)
				}) {
					t.Errorf("listing is not newest first: %v", seen)
				}
			}
		})
	}
}

func (c *corpus) byURL(u string) *Article {
	for _, a := range c.articles {
		if a.URL == u {
			return a
		}
	}
	return nil
}

func TestTrackingLinksOnListings(t *testing.T) {
	c := mustCorpus(t)
	found := false
	for _, a := range c.articles {
		if !a.TrackingLink {
			continue
		}
		found = true
		o, _ := c.study.Outlet(a.Outlet)
		sec := o.Discovery.Sections[c.sectionOf(o, a)]
		var all string
		for next := sec.URL; next != ""; {
			b := body(t, get(t, c, next))
			all += b
			next = ""
			if m := relNextRE.FindStringSubmatch(b); m != nil {
				next = html.UnescapeString(m[1])
			}
		}
		if !strings.Contains(html.UnescapeString(all), a.TrackingURL()) {
			t.Errorf("%s: listing %s does not link %s", a.File, sec.URL, a.TrackingURL())
		}
		if r := get(t, c, a.TrackingURL()); r.StatusCode != http.StatusOK {
			t.Errorf("GET %s: status %d", a.TrackingURL(), r.StatusCode)
		}
	}
	if !found {
		t.Error("the sample has no tracking_link page")
	}
}

type feedDoc struct {
	Items []struct {
		Link    string `xml:"link"`
		PubDate string `xml:"pubDate"`
	} `xml:"channel>item"`
}

type sitemapDoc struct {
	XMLName xml.Name
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
		PubDate string `xml:"news>publication_date"`
	} `xml:"url"`
	Sitemaps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

func TestFeedsAndSitemapsListEveryPage(t *testing.T) {
	c := mustCorpus(t)
	for _, o := range c.outletsWithArticles() {
		var want []string
		for _, a := range c.outletArticles(o.ID) {
			if a.IsListed() {
				want = append(want, a.URL)
			}
		}
		slices.Sort(want)
		for _, f := range o.Discovery.Feeds {
			t.Run(o.ID+"/feed", func(t *testing.T) {
				r := get(t, c, f)
				var d feedDoc
				if err := xml.Unmarshal([]byte(body(t, r)), &d); err != nil || r.StatusCode != 200 {
					t.Fatalf("GET %s: status %d, %v", f, r.StatusCode, err)
				}
				var got []string
				for _, it := range d.Items {
					if it.PubDate == "" {
						t.Errorf("%s: item %s has no pubDate", f, it.Link)
					}
					got = append(got, it.Link)
				}
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Errorf("feed %s:\n got %v\nwant %v", f, got, want)
				}
			})
		}
		for _, s := range o.Discovery.Sitemaps {
			t.Run(o.ID+"/sitemap", func(t *testing.T) {
				var got []string
				var walk func(u string)
				walk = func(u string) {
					r := get(t, c, u)
					var d sitemapDoc
					if err := xml.Unmarshal([]byte(body(t, r)), &d); err != nil || r.StatusCode != 200 {
						t.Fatalf("GET %s: status %d, %v", u, r.StatusCode, err)
					}
					for _, sm := range d.Sitemaps {
						walk(sm.Loc)
					}
					for _, x := range d.URLs {
						if x.LastMod == "" || x.PubDate == "" {
							t.Errorf("%s: %s lacks lastmod or news:publication_date", u, x.Loc)
						}
						got = append(got, x.Loc)
					}
				}
				walk(s)
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Errorf("sitemap %s:\n got %v\nwant %v", s, got, want)
				}
			})
		}
	}
}

func TestRobots(t *testing.T) {
	c := mustCorpus(t)
	delays := 0
	for _, h := range c.hostNames() {
		r := get(t, c, "http://"+h+"/robots.txt")
		b := body(t, r)
		if r.StatusCode != http.StatusOK || !strings.Contains(b, "User-agent: *") || !strings.Contains(b, "Disallow: /search") {
			t.Errorf("robots.txt of %s: status %d, body %q", h, r.StatusCode, b)
		}
		if strings.Contains(b, "Crawl-delay: 1") {
			delays++
		}
	}
	if delays != 1 {
		t.Errorf("%d hosts ask for Crawl-delay: 1, want 1", delays)
	}
}

func TestHandlerErrors(t *testing.T) {
	c := mustCorpus(t)
	tests := []struct {
		name, url string
		status    int
	}{
		{"UnknownPath", "https://tass.com/no/such/page", http.StatusNotFound},
		{"PageOutOfRange", "https://tass.com/world?page=99", http.StatusNotFound},
		{"PageNotANumber", "https://tass.com/world?page=x", http.StatusNotFound},
		{"UnknownHost", "https://example.org/", http.StatusMisdirectedRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if r := get(t, c, tt.url); r.StatusCode != tt.status {
				t.Errorf("GET %s: status %d, want %d", tt.url, r.StatusCode, tt.status)
			}
		})
	}
}

func TestRedirects(t *testing.T) {
	c := mustCorpus(t)
	n := 0
	for _, a := range c.articles {
		for _, old := range a.RedirectFrom {
			n++
			r := get(t, c, old)
			if r.StatusCode != http.StatusMovedPermanently || r.Header.Get("Location") != a.URL {
				t.Errorf("GET %s: %d -> %q, want 301 -> %s", old, r.StatusCode, r.Header.Get("Location"), a.URL)
			}
		}
	}
	if n == 0 {
		t.Error("the sample has no redirect")
	}
}

func TestDistractorsPresent(t *testing.T) {
	c := mustCorpus(t)
	has := map[string]bool{}
	for _, a := range c.articles {
		has[a.Kind] = true
		if a.AMP {
			has["amp"] = true
		}
		if a.Charset != "" {
			has["charset"] = true
		}
		if a.RawHTML != "" {
			has["raw"] = true
		}
	}
	for _, k := range []string{KindOffTopic, KindVideo, KindMalformed, "amp", "charset", "raw"} {
		if !has[k] {
			t.Errorf("the sample has no %s page", k)
		}
	}
}

func TestWindows1251PageDeclaredOnlyInMeta(t *testing.T) {
	c := mustCorpus(t)
	for _, a := range c.articles {
		if a.Charset == "" {
			continue
		}
		r := get(t, c, a.URL)
		if ct := r.Header.Get("Content-Type"); strings.Contains(strings.ToLower(ct), "charset") {
			t.Errorf("%s: Content-Type %q declares a charset", a.URL, ct)
		}
		raw := body(t, r)
		if utf8.ValidString(raw) {
			t.Errorf("%s: body is valid UTF-8; cp1251 bytes expected", a.URL)
		}
		if !strings.Contains(raw, `<meta charset="windows-1251">`) {
			t.Errorf("%s: no <meta charset=\"windows-1251\">", a.URL)
		}
		dec, err := charmap.Windows1251.NewDecoder().String(raw)
		if err != nil {
			t.Fatal(err)
		}
		cyr := regexp.MustCompile(`\p{Cyrillic}{3,}`).FindString(dec)
		if cyr == "" {
			t.Errorf("%s: decoded page holds no Cyrillic word", a.URL)
		}
	}
}

func TestGoldSpansLocate(t *testing.T) {
	gold, err := Gold()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, g := range gold {
		if g.Variant != "" && g.DuplicateOf != g.Canonical {
			t.Errorf("%s: %s variant duplicate_of %q, want %q", g.URL, g.Variant, g.DuplicateOf, g.Canonical)
		}
		ix := framelens.NewRuneIndex(g.Text)
		for _, at := range g.Attributions {
			n++
			sp, ok := at.Locate(g.Text)
			if !ok || ix.Slice(sp) != at.Content {
				t.Errorf("%s: Locate(%q) = %v, %v", g.URL, at.Content, sp, ok)
			}
		}
	}
	if n == 0 {
		t.Error("no gold attributions")
	}
}

func TestLocateText(t *testing.T) {
	tests := []struct {
		name, text, s string
		nth           int
		want          framelens.Span
		ok            bool
	}{
		{"Exact", "Lavrov said hi", "said", 1, framelens.Span{Start: 7, End: 11}, true},
		{"SecondOccurrence", "no, no", "no", 2, framelens.Span{Start: 4, End: 6}, true},
		{"CharactersNotBytes", "Лавров: yes", "yes", 1, framelens.Span{Start: 8, End: 11}, true},
		{"CollapsedSpace", "the  US\nside", "the US side", 1, framelens.Span{Start: 0, End: 12}, true},
		{"CurlyQuotes", "it is \u201cgroundless\u201d", `it is "groundless"`, 1, framelens.Span{Start: 0, End: 18}, true},
		{"Missing", "abc", "xyz", 1, framelens.NoSpan, false},
		{"Empty", "abc", "", 1, framelens.NoSpan, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := LocateText(tt.text, tt.s, tt.nth)
			if got != tt.want || ok != tt.ok {
				t.Errorf("LocateText(%q, %q, %d) = %v, %v, want %v, %v", tt.text, tt.s, tt.nth, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestValidationErrorsNameFileAndField(t *testing.T) {
	study, err := studyfile.Default()
	if err != nil {
		t.Fatal(err)
	}
	const good = `url: https://tass.com/world/1
kind: article
title: Lavrov speaks
published: "2019-01-25T17:02:00+03:00"
paragraphs: ["Lavrov said the talks failed."]
gold:
  article: true
  events: [geneva-talks]
  attributions:
    - {speaker: lavrov, speaker_text: Lavrov, side: russia, cue: said, cue_class: neutral, kind: indirect, content: the talks failed}
`
	tests := []struct {
		name, edit, field string
	}{
		{"Valid", "", ""},
		{"UnknownKey", "colour: red\n", "colour"},
		{"BadDate", "", "published"},
		{"ForeignHost", "", "url"},
		{"ContentNotInText", "", "content"},
		{"UnknownEvent", "", "events[0]"},
		{"UnknownSpeaker", "", "speaker"},
		{"WrongCueClass", "", "cue_class"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := good + tt.edit
			switch tt.name {
			case "BadDate":
				src = strings.Replace(src, `"2019-01-25T17:02:00+03:00"`, `"25 January 2019"`, 1)
			case "ForeignHost":
				src = strings.Replace(src, "tass.com", "example.org", 1)
			case "ContentNotInText":
				src = strings.Replace(src, "content: the talks failed", "content: the talks worked", 1)
			case "UnknownEvent":
				src = strings.Replace(src, "geneva-talks", "moon-landing", 1)
			case "UnknownSpeaker":
				src = strings.Replace(src, "speaker: lavrov", "speaker: lavrovv", 1)
			case "WrongCueClass":
				src = strings.Replace(src, "cue_class: neutral", "cue_class: emphatic", 1)
			}
			fsys := fstest.MapFS{
				"sites.yaml":                      {Data: []byte("tass: {page_size: 2}\n")},
				"templates/_default/article.html": {Data: []byte(`<meta charset="{{.Charset}}"><h1>{{.Article.Title}}</h1>{{range .Body}}<p>{{.Para}}</p>{{end}}<script type="application/ld+json">{{.JSONLD}}</script>`)},
				"templates/_default/section.html": {Data: []byte(`{{range .Items}}<a href="{{.Href}}">{{.Article.Title}}</a>{{end}}`)},
				"articles/tass/x.yaml":            {Data: []byte(src)},
			}
			_, err := newCorpus(fsys, study)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("newCorpus(valid) = %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("newCorpus(%s) = nil error", tt.name)
			}
			if !strings.Contains(err.Error(), "articles/tass/x.yaml") || !strings.Contains(err.Error(), tt.field) {
				t.Errorf("newCorpus(%s) = %q, want file and field %q named", tt.name, err, tt.field)
			}
		})
	}
}

func TestServerOverLoopback(t *testing.T) {
	srv, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	client := srv.Client()
	c := mustCorpus(t)
	var httpsURL, httpURL string
	for _, a := range c.articles {
		if strings.HasPrefix(a.URL, "https://") && httpsURL == "" {
			httpsURL = a.URL
		}
		if strings.HasPrefix(a.URL, "http://") && httpURL == "" {
			httpURL = a.URL
		}
	}
	for _, u := range []string{httpsURL, httpURL} {
		if u == "" {
			continue
		}
		resp, err := client.Get(u)
		if err != nil {
			t.Fatalf("GET %s: %v", u, err)
		}
		b := body(t, resp)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(b, "<html") {
			t.Errorf("GET %s: status %d", u, resp.StatusCode)
		}
		if strings.HasPrefix(u, "https://") && (resp.TLS == nil || len(resp.TLS.PeerCertificates) == 0) {
			t.Errorf("GET %s: not served over TLS", u)
		}
	}
	for _, u := range []string{"https://example.org/", "http://www.google.com/", "https://tass.com.evil.net/"} {
		_, err := client.Get(u)
		if !errors.Is(err, ErrUnknownHost) {
			t.Errorf("GET %s: err = %v, want ErrUnknownHost", u, err)
		}
	}
	// A client that does not trust the sample certificate must fail.
	plain := &http.Client{Transport: &http.Transport{DialContext: srv.Transport().DialContext}}
	if _, err := plain.Get(httpsURL); err == nil {
		t.Errorf("GET %s without the sample root: no error", httpsURL)
	}
	if h, _, err := net.SplitHostPort(srv.HTTPAddr); err != nil || h != "127.0.0.1" || !strings.HasPrefix(srv.HTTPSAddr, "127.0.0.1:") {
		t.Errorf("listener addresses %q %q", srv.HTTPAddr, srv.HTTPSAddr)
	}
}

// BenchmarkNewCorpus measures parsing, validating and rendering the whole
// embedded sample (what the first Handler or Start call pays once).
func BenchmarkNewCorpus(b *testing.B) {
	study, err := studyfile.Default()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := newCorpus(files, study); err != nil {
			b.Fatal(err)
		}
	}
}
