package crawl

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/framelens/framelens"
)

// fakeWayback speaks the CDX API's output=json format (header row, resume
// key after an empty row) from testdata/wayback and serves id_ captures.
type fakeWayback struct {
	*httptest.Server
	mu      sync.Mutex
	queries []url.Values
	plays   []string
}

func mustStartWayback(tb testing.TB) *fakeWayback {
	tb.Helper()
	f := &fakeWayback{}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	tb.Cleanup(f.Close)
	return f
}

var playRE = regexp.MustCompile(`^/web/(\d{14})id_/(https?://.+)$`)

func (f *fakeWayback) serve(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/cdx/search/cdx":
		q := r.URL.Query()
		f.mu.Lock()
		f.queries = append(f.queries, q)
		f.mu.Unlock()
		page := "cdx-page1.json"
		if q.Get("resumeKey") != "" {
			page = "cdx-page2.json"
		}
		b, _ := os.ReadFile(filepath.Join("testdata", "wayback", page))
		w.Header().Set("Content-Type", "application/json")
		w.Write(b)
	case playRE.MatchString(r.URL.Path):
		m := playRE.FindStringSubmatch(r.URL.Path)
		f.mu.Lock()
		f.plays = append(f.plays, m[2])
		f.mu.Unlock()
		b, err := os.ReadFile(filepath.Join("testdata", "wayback", m[1]+".html"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Memento-Datetime", "Wed, 05 Dec 2018 09:30:00 GMT")
		w.Write(b)
	default:
		http.NotFound(w, r)
	}
}

func TestRunWayback(t *testing.T) {
	wb := mustStartWayback(t)
	cfg := waybackConfig(t, wb, "INF", "Intermediate-Range Nuclear Forces")
	res, err := Run(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}

	t.Run("Queries", func(t *testing.T) {
		if len(wb.queries) != 2 {
			t.Fatalf("%d CDX queries, want 2 (one resumed)", len(wb.queries))
		}
		q := wb.queries[0]
		want := map[string]string{"url": "tass.example/world/", "matchType": "prefix", "from": "20181001", "to": "20190831",
			"output": "json", "collapse": "urlkey", "showResumeKey": "true"}
		for k, v := range want {
			if q.Get(k) != v {
				t.Errorf("CDX query %s = %q, want %q", k, q.Get(k), v)
			}
		}
		if f := q["filter"]; !slices.Equal(f, []string{"statuscode:200", "mimetype:text/html"}) {
			t.Errorf("CDX filters = %q, want status 200 and text/html", f)
		}
		if got := wb.queries[1].Get("resumeKey"); got != "example%2Ctass%29%2Fworld%2F1002+20190125190000" {
			t.Errorf("second query resumeKey = %q, want the key from the first answer", got)
		}
	})

	log := byURL(res.Log)
	tests := []struct {
		url      string
		outcome  framelens.CrawlOutcome
		relevant bool
	}{
		{wb.URL + "/web/20181205093000id_/https://tass.example/world/1001", framelens.OutcomeArchived, true},
		{wb.URL + "/web/20190125190000id_/http://tass.example/world/1002", framelens.OutcomeArchived, true},
		{wb.URL + "/web/20190802120000id_/https://tass.example/world/1003", framelens.OutcomeArchived, false},
		{"https://tass.example/world/", framelens.OutcomeOutOfScope, false},
	}
	for _, tt := range tests {
		e, ok := log[tt.url]
		if !ok {
			t.Errorf("log has no entry for %s", tt.url)
			continue
		}
		if e.Outcome != tt.outcome || e.Relevant != tt.relevant || e.DiscoveredVia != "wayback" {
			t.Errorf("entry %s = {%s relevant %v via %s}, want {%s relevant %v via wayback}", tt.url, e.Outcome, e.Relevant, e.DiscoveredVia, tt.outcome, tt.relevant)
		}
	}

	t.Run("MetadataRecords", func(t *testing.T) {
		var meta []string
		for _, f := range res.WARCFiles {
			scanWARC(f, 0, func(sr scannedRecord) error {
				if sr.Type.String() == "metadata" {
					meta = append(meta, sr.capture.URL+" "+sr.Refers)
				}
				return nil
			})
		}
		if len(meta) != 3 {
			t.Errorf("%d metadata records, want one per capture (3): %q", len(meta), meta)
		}
		for _, m := range meta {
			if !strings.Contains(m, "<urn:uuid:") {
				t.Errorf("metadata record %q does not refer to its response", m)
			}
		}
	})
}

// cancelOnPlayback is a transport that cancels the crawl just after the
// first Wayback capture has come in whole, as a SIGINT at that moment would.
type cancelOnPlayback struct {
	next   http.RoundTripper
	cancel func()
	once   sync.Once
}

func (c *cancelOnPlayback) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := c.next.RoundTrip(req)
	if err != nil || !playRE.MatchString(req.URL.Path) {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	c.once.Do(c.cancel)
	return resp, nil
}

// TestRunWaybackInterruptedKeepsMetadata checks that a Wayback capture
// archived just before the crawl was interrupted still gets the metadata
// record naming its original URL: the resumed run serves the capture from
// the WARC and so must not be the one expected to write it.
func TestRunWaybackInterruptedKeepsMetadata(t *testing.T) {
	wb := mustStartWayback(t)
	cfg := waybackConfig(t, wb)

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	first := cfg
	first.Transport = &cancelOnPlayback{next: http.DefaultTransport, cancel: cancel}
	if _, err := Run(ctx, first); !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted Run: %v, want context.Canceled", err)
	}
	res, err := Run(t.Context(), cfg)
	if err != nil {
		t.Fatalf("resumed Run: %v", err)
	}
	n, refers := metadataRefs(res.WARCFiles)
	if refers != 3 || n != 3 {
		t.Errorf("%d metadata records refer to %d responses, want one per capture (3)", n, refers)
	}
}

// TestRunWaybackKilledKeepsMetadata checks the same for a crawl killed
// between writing a Wayback capture and its metadata record: the WARC is
// cut where the metadata record began, as a SIGKILL there leaves it.
func TestRunWaybackKilledKeepsMetadata(t *testing.T) {
	wb := mustStartWayback(t)
	cfg := waybackConfig(t, wb)

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	first := cfg
	first.Transport = &cancelOnPlayback{next: http.DefaultTransport, cancel: cancel}
	res, err := Run(ctx, first)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted Run: %v, want context.Canceled", err)
	}
	last := res.WARCFiles[len(res.WARCFiles)-1]
	var metaAt int64 = -1
	scanWARC(last, 0, func(sr scannedRecord) error {
		if sr.Type.String() == "metadata" {
			metaAt = sr.capture.Offset
		}
		return nil
	})
	if metaAt < 0 {
		t.Fatalf("%s has no metadata record to cut", last)
	}
	if err := os.Truncate(last, metaAt); err != nil {
		t.Fatal(err)
	}

	res, err = Run(t.Context(), cfg)
	if err != nil {
		t.Fatalf("resumed Run: %v", err)
	}
	n, refers := metadataRefs(res.WARCFiles)
	if refers != 3 || n != 3 {
		t.Errorf("%d metadata records refer to %d responses, want one per capture (3)", n, refers)
	}
}

// waybackConfig is a crawl of one outlet through the fake Wayback Machine
// wb, with the study keywords given and no waiting between requests.
func waybackConfig(tb testing.TB, wb *fakeWayback, keywords ...string) Config {
	tb.Helper()
	study := &framelens.Study{
		ID:       "test",
		Window:   framelens.Window{Start: "2018-10-01", End: "2019-08-31"},
		Keywords: keywords,
		Outlets: []framelens.Outlet{{
			ID: "tass", Domains: []string{"tass.example"},
			Discovery: framelens.Discovery{
				Wayback:         []framelens.WaybackRule{{Prefix: "tass.example/world/"}},
				ArticlePatterns: []string{`^https?://tass\.example/world/\d+$`},
			},
		}},
	}
	cfg := testConfig(tb, study)
	cfg.Wayback = true
	cfg.WaybackCDX = wb.URL + "/cdx/search/cdx"
	cfg.WaybackWeb = wb.URL + "/web/"
	cfg.WaybackCDXInterval, cfg.WaybackInterval = -1, -1
	return cfg
}

// metadataRefs counts the metadata records in files and the distinct
// records they refer to.
func metadataRefs(files []string) (records, refers int) {
	seen := map[string]bool{}
	for _, f := range files {
		scanWARC(f, 0, func(sr scannedRecord) error {
			if sr.Type.String() == "metadata" {
				seen[sr.Refers] = true
				records++
			}
			return nil
		})
	}
	return records, len(seen)
}
