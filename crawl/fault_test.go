package crawl

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/framelens/framelens"
)

func TestRunFaults(t *testing.T) {
	site := mustStartSite(t)
	study := testStudy(site)
	study.Outlets[0].Discovery = framelens.Discovery{}
	cfg := testConfig(t, study)
	cfg.Timeout = 300 * time.Millisecond
	cfg.BreakerThreshold = 100 // the breaker has its own test
	paths := []string{
		"/fault/429-seconds", "/fault/429-date", "/fault/503", "/fault/503-once", "/fault/slow",
		"/fault/reset", "/fault/loop-a", "/fault/moved", "/fault/huge", "/fault/gzip", "/fault/notfound",
		"/charset/cp1251-meta", "/charset/cp1251-header", "/charset/utf8-bom", "/fault/to-private",
	}
	for _, p := range paths {
		cfg.URLs = append(cfg.URLs, site.URL+p)
	}
	res, err := Run(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	log := byURL(res.Log)
	tests := []struct {
		path     string
		outcome  framelens.CrawlOutcome
		status   int
		attempts int
		hits     int
		relevant bool
		errHas   string
	}{
		{"/fault/429-seconds", framelens.OutcomeArchived, 200, 2, 2, true, ""},
		{"/fault/429-date", framelens.OutcomeArchived, 200, 2, 2, true, ""},
		{"/fault/503", framelens.OutcomeFailed, 503, 3, 3, false, "Service Unavailable"},
		{"/fault/503-once", framelens.OutcomeArchived, 200, 2, 2, true, ""},
		{"/fault/slow", framelens.OutcomeFailed, 0, 3, 3, false, "deadline exceeded"},
		{"/fault/reset", framelens.OutcomeFailed, 0, 3, 3, false, "EOF"},
		{"/fault/moved", framelens.OutcomeArchived, 301, 1, 1, false, ""},
		{"/world/1001", framelens.OutcomeArchived, 200, 1, 1, true, ""},
		{"/fault/huge", framelens.OutcomeTruncated, 200, 1, 1, true, ""},
		{"/fault/gzip", framelens.OutcomeArchived, 200, 1, 1, true, ""},
		{"/fault/notfound", framelens.OutcomeArchived, 404, 1, 1, false, "Not Found"},
		{"/charset/cp1251-meta", framelens.OutcomeArchived, 200, 1, 1, true, ""},
		{"/charset/cp1251-header", framelens.OutcomeArchived, 200, 1, 1, true, ""},
		{"/charset/utf8-bom", framelens.OutcomeArchived, 200, 1, 1, true, ""},
		// A redirect into a path robots.txt disallows is not followed.
		{"/fault/to-private", framelens.OutcomeArchived, 302, 1, 1, false, ""},
		{"/private/2001", framelens.OutcomeRobots, 0, 0, 0, false, "robots"},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(strings.TrimPrefix(tt.path, "/"), "/", "_"), func(t *testing.T) {
			e, ok := log[site.URL+tt.path]
			if !ok {
				t.Fatalf("log has no entry for %s", tt.path)
			}
			if e.Outcome != tt.outcome || e.Status != tt.status || e.Attempts != tt.attempts || e.Relevant != tt.relevant {
				t.Errorf("entry %s = {%s status %d attempts %d relevant %v}, want {%s status %d attempts %d relevant %v} (error %q)",
					tt.path, e.Outcome, e.Status, e.Attempts, e.Relevant, tt.outcome, tt.status, tt.attempts, tt.relevant, e.Error)
			}
			if !strings.Contains(e.Error, tt.errHas) {
				t.Errorf("entry %s error = %q, want it to contain %q", tt.path, e.Error, tt.errHas)
			}
			if got := site.Hits(tt.path); got != tt.hits {
				t.Errorf("%s hit %d times, want %d", tt.path, got, tt.hits)
			}
		})
	}
	t.Run("RedirectLoop", func(t *testing.T) {
		a, b := log[site.URL+"/fault/loop-a"], log[site.URL+"/fault/loop-b"]
		if b.DiscoveredVia != "redirect" || b.From != site.URL+"/fault/loop-a" {
			t.Errorf("loop-b entry via %q from %q, want redirect from loop-a", b.DiscoveredVia, b.From)
		}
		if a.Outcome != framelens.OutcomeFailed && b.Outcome != framelens.OutcomeFailed {
			t.Errorf("loop outcomes %s and %s, want one failed", a.Outcome, b.Outcome)
		}
		if n := site.Hits("/fault/loop-a") + site.Hits("/fault/loop-b"); n != 10 {
			t.Errorf("loop fetched %d times, want 10 (colly stops when 10 requests precede a redirect)", n)
		}
	})
	t.Run("TruncatedSize", func(t *testing.T) {
		if e := log[site.URL+"/fault/huge"]; e.Bytes != cfg.MaxBodySize {
			t.Errorf("/fault/huge kept %d bytes, want MaxBodySize %d", e.Bytes, cfg.MaxBodySize)
		}
	})
}

// TestDecoderCharsets drives colly's OnHTML through the decoder layer: the
// text it sees must be the page's, whatever the charset declaration.
func TestDecoderCharsets(t *testing.T) {
	site := mustStartSite(t)
	const want = "Рябков: договор РСМД ещё можно спасти"
	tests := []struct{ name, path, want string }{
		{"MetaOnlyCP1251", "/charset/cp1251-meta", want},
		{"HeaderCP1251", "/charset/cp1251-header", want},
		{"BOMBeatsWrongHeader", "/charset/utf8-bom", "Договор РСМД: страница с BOM"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := colly.NewCollector()
			c.WithTransport(&decoder{next: http.DefaultTransport})
			var title, link string
			c.OnHTML("title", func(e *colly.HTMLElement) { title = e.Text })
			c.OnHTML("a[href]", func(e *colly.HTMLElement) { link = e.Text })
			if err := c.Visit(site.URL + tt.path); err != nil {
				t.Fatal(err)
			}
			if title != tt.want {
				t.Errorf("OnHTML title of %s = %q, want %q", tt.path, title, tt.want)
			}
			if strings.HasPrefix(tt.path, "/charset/cp1251") && link != "Ссылка" {
				t.Errorf("OnHTML link text of %s = %q, want %q", tt.path, link, "Ссылка")
			}
		})
	}
}

func TestGunzipCapped(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(bytes.Repeat([]byte("a"), 1<<20))
	zw.Close()
	out := gunzipMaybe(buf.Bytes(), "gzip", "text/html", "/", 1000)
	if len(out) != 1000 {
		t.Errorf("gunzip of 1 MiB capped at 1000 bytes gave %d bytes", len(out))
	}
	if out := gunzipMaybe([]byte("plain"), "gzip", "text/html", "/", 0); string(out) != "plain" {
		t.Errorf("gunzip of a mislabelled plain body = %q, want it unchanged", out)
	}
}

// TestDecoderDropsBOM checks that a UTF-8 byte order mark never reaches
// colly, also when the header already says UTF-8.
func TestDecoderDropsBOM(t *testing.T) {
	page := "\uFEFF<html><head><title>INF</title></head><body><p>text</p></body></html>"
	for _, ct := range []string{"text/html", "text/html; charset=utf-8", "text/html; charset=UTF-8"} {
		t.Run(ct, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", ct)
				w.Write([]byte(page))
			}))
			defer srv.Close()
			_, body := mustGet(t, &decoder{next: http.DefaultTransport}, srv.URL)
			if bytes.HasPrefix(body, []byte("\uFEFF")) {
				t.Errorf("decoder body with Content-Type %q starts with a BOM", ct)
			}
		})
	}
}
