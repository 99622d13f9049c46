package crawl

import (
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/framelens/framelens"
)

// testSite is a fault-injecting test server in the style of colly's
// newUnstartedTestServer: it serves testdata/site (with {{BASE}} replaced
// by its own URL) and the /fault/ routes, and counts hits per path. Put
// replaces or adds a page, as a site changes between two runs.
type testSite struct {
	*httptest.Server
	mu    sync.Mutex
	hits  map[string]int
	pages map[string][]byte
}

// Put serves body at path from now on ({{BASE}} replaced); the content
// type follows the extension as for testdata files.
func (s *testSite) Put(path string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pages == nil {
		s.pages = map[string][]byte{}
	}
	s.pages[path] = bytes.ReplaceAll(body, []byte("{{BASE}}"), []byte(s.URL))
}

func (s *testSite) put(path string) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pages[path]
}

// hitCounts returns a copy of the hit counters.
func (s *testSite) hitCounts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.hits)
}

func (s *testSite) hit(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits[path]++
	return s.hits[path]
}

// Hits returns how often path was requested.
func (s *testSite) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// TotalHits returns the number of requests for paths other than robots.txt.
func (s *testSite) TotalHits() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for p, h := range s.hits {
		if p != "/robots.txt" {
			n += h
		}
	}
	return n
}

func mustStartSite(tb testing.TB) *testSite {
	tb.Helper()
	s := &testSite{hits: map[string]int{}}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.Start()
	tb.Cleanup(s.Close)
	return s
}

func (s *testSite) serve(w http.ResponseWriter, r *http.Request) {
	n := s.hit(r.URL.Path)
	p := r.URL.Path
	switch {
	case strings.HasPrefix(p, "/fault/"):
		s.fault(w, r, strings.TrimPrefix(p, "/fault/"), n)
		return
	case strings.HasPrefix(p, "/charset/"):
		s.charset(w, r, strings.TrimPrefix(p, "/charset/"))
		return
	case p == "/sitemap-2018.xml.gz":
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(s.file("sitemap-2018.xml"))
		zw.Close()
		w.Header().Set("Content-Type", "application/x-gzip")
		w.Write(buf.Bytes())
		return
	}
	name := strings.TrimPrefix(p, "/")
	switch {
	case name == "world/" || name == "world":
		name = "world/index.html"
	case name == "politics/":
		name = "politics/index.html"
	case !strings.Contains(filepath.Base(name), "."):
		name += ".html"
	}
	body := s.put(p)
	if body == nil {
		body = s.file(name)
	}
	if body == nil {
		http.NotFound(w, r)
		return
	}
	switch filepath.Ext(name) {
	case ".xml":
		// Sitemaps and feeds validate with an ETag, as most servers'
		// static files do.
		etag := fmt.Sprintf(`"%x"`, sha1.Sum(body))
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/xml")
	case ".txt":
		w.Header().Set("Content-Type", "text/plain")
	default:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	}
	w.Write(body)
}

func (s *testSite) file(name string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", "site", filepath.FromSlash(name)))
	if err != nil {
		return nil
	}
	return bytes.ReplaceAll(b, []byte("{{BASE}}"), []byte(s.URL))
}

func (s *testSite) charset(w http.ResponseWriter, r *http.Request, name string) {
	b, err := os.ReadFile(filepath.Join("testdata", "charset", name+".html"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	switch name {
	case "cp1251-meta":
		w.Header().Set("Content-Type", "text/html") // charset only in <meta>
	case "cp1251-header":
		w.Header().Set("Content-Type", "text/html; charset=windows-1251")
	case "utf8-bom":
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1") // wrong; the BOM wins
	}
	w.Write(b)
}

// bigBody is the size of /fault/huge, beyond the tests' MaxBodySize.
const bigBody = 256 << 10

func (s *testSite) fault(w http.ResponseWriter, r *http.Request, name string, n int) {
	page := func() {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><head><title>%s</title></head><body><p>INF fault page %s, hit %d</p></body></html>", name, name, n)
	}
	switch name {
	case "429-seconds":
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		page()
	case "429-date":
		if n == 1 {
			w.Header().Set("Retry-After", time.Now().Add(time.Second).UTC().Format(http.TimeFormat))
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		page()
	case "503":
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
	case "503-once":
		if n == 1 {
			http.Error(w, "down for a moment", http.StatusServiceUnavailable)
			return
		}
		page()
	case "slow":
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
			return
		}
		page()
	case "reset":
		hj, ok := w.(http.Hijacker)
		if !ok {
			panic("no hijacker")
		}
		conn, _, err := hj.Hijack()
		if err == nil {
			conn.Close()
		}
	case "loop-a":
		http.Redirect(w, r, "/fault/loop-b", http.StatusFound)
	case "loop-b":
		http.Redirect(w, r, "/fault/loop-a", http.StatusFound)
	case "to-private":
		http.Redirect(w, r, "/private/2001", http.StatusFound)
	case "moved":
		http.Redirect(w, r, "/world/1001", http.StatusMovedPermanently)
	case "huge":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><body><p>INF "))
		w.Write(bytes.Repeat([]byte("x"), bigBody))
		w.Write([]byte("</p></body></html>"))
	case "gzip":
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write([]byte("<html><head><title>Compressed INF page</title></head><body><p>arms control</p></body></html>"))
		zw.Close()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(buf.Bytes())
	case "notfound":
		http.NotFound(w, r)
	default:
		http.NotFound(w, r)
	}
}

// testStudy returns a study with one outlet on the test site.
func testStudy(site *testSite) *framelens.Study { return studyFor(site.URL) }

// studyFor returns a study with one outlet on the test site at base.
func studyFor(base string) *framelens.Study {
	host := strings.TrimPrefix(base, "http://")
	hostRE := strings.ReplaceAll(strings.ReplaceAll(host, ".", `\.`), ":", `:`)
	return &framelens.Study{
		ID:       "test",
		Window:   framelens.Window{Start: "2018-10-01", End: "2019-08-31"},
		Keywords: []string{"INF", "Intermediate-Range Nuclear Forces", "arms control", "РСМД"},
		Outlets: []framelens.Outlet{{
			ID:      "fixture",
			Domains: []string{strings.Split(host, ":")[0]},
			Discovery: framelens.Discovery{
				Sections: []framelens.Section{
					{URL: base + "/world/", Links: "a.news-list__link", MaxPages: 2},
					{URL: base + "/politics/"},
				},
				Sitemaps: []string{base + "/sitemap.xml"},
				Feeds:    []string{base + "/rss.xml", base + "/atom.xml"},
				ArticlePatterns: []string{
					`^http://` + hostRE + `/(world|politics|private)/\d+$`,
				},
			},
		}},
	}
}

// testConfig is a Config for loopback test servers: no politeness delay,
// short timeouts and backoff.
func testConfig(tb testing.TB, study *framelens.Study) Config {
	return Config{
		Study:       study,
		Dir:         tb.TempDir(),
		Delay:       -1,
		Timeout:     500 * time.Millisecond,
		Retries:     2,
		Backoff:     10 * time.Millisecond,
		MaxBodySize: 64 << 10,
		ToolVersion: "test",
		Logger:      slog.New(slog.DiscardHandler),
	}
}

// byURL indexes a crawl log by URL (the last entry for a URL wins).
func byURL(log []framelens.CrawlEntry) map[string]framelens.CrawlEntry {
	m := map[string]framelens.CrawlEntry{}
	for _, e := range log {
		m[e.URL] = e
	}
	return m
}
