package crawl

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"encoding/base32"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nlnwa/gowarc/v3"
)

// mustCrawlSite crawls the test site once, with the fault pages that
// archive fine added as list URLs.
func mustCrawlSite(tb testing.TB) (*testSite, Config, *Result) {
	tb.Helper()
	site := mustStartSite(tb)
	cfg := testConfig(tb, testStudy(site))
	cfg.URLs = []string{site.URL + "/fault/gzip", site.URL + "/fault/moved", site.URL + "/fault/huge"}
	res, err := Run(tb.Context(), cfg)
	if err != nil {
		tb.Fatalf("Run: %v", err)
	}
	return site, cfg, res
}

func mustGet(tb testing.TB, rt http.RoundTripper, u string) (*http.Response, []byte) {
	tb.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		tb.Fatal(err)
	}
	resp, err := (&http.Client{Transport: rt}).Do(req)
	if err != nil {
		tb.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("GET %s: %v", u, err)
	}
	return resp, body
}

func TestReplayServesCrawl(t *testing.T) {
	site, _, res := mustCrawlSite(t)
	rt, err := NewReplayTransport(res.WARCFiles...)
	if err != nil {
		t.Fatalf("NewReplayTransport: %v", err)
	}
	for _, p := range []string{"/world/1001", "/politics/2002", "/sitemap.xml", "/fault/moved"} {
		live, liveBody := mustGet(t, http.DefaultTransport, site.URL+p)
		resp, body := mustGet(t, rt, site.URL+p)
		if resp.StatusCode != live.StatusCode || !bytes.Equal(body, liveBody) {
			t.Errorf("replay %s = %d, %d bytes; live %d, %d bytes", p, resp.StatusCode, len(body), live.StatusCode, len(liveBody))
		}
	}
	resp, _ := mustGet(t, rt, site.URL+"/fault/gzip")
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("replay /fault/gzip Content-Encoding = %q, want the recorded gzip", resp.Header.Get("Content-Encoding"))
	}
	if resp, _ := mustGet(t, rt, site.URL+"/never/fetched"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("replay of an unknown URL = %d, want 404", resp.StatusCode)
	}
}

func TestReplayForeignWARCs(t *testing.T) {
	files, _ := filepath.Glob("testdata/foreign/*")
	rt, err := NewReplayTransport(files...)
	if err != nil {
		t.Fatalf("NewReplayTransport: %v", err)
	}
	tests := []struct {
		name, url, contains string
	}{
		{"WgetChunked", "http://example.org/news/suspension", "a chunked page from a wget-style archive.</p></body></html>"},
		{"WgetRevisit", "http://example.org/news/suspension?utm=feed", "a chunked page from a wget-style archive."},
		{"HeritrixRedirectInBrackets", "http://example.net/world/42", "Heritrix capture"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := mustGet(t, rt, tt.url)
			if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), tt.contains) {
				t.Errorf("replay %s = %d %q, want 200 containing %q", tt.url, resp.StatusCode, body, tt.contains)
			}
			if strings.ContainsAny(string(body[:1]), "0123456789abcdef") && tt.name == "WgetChunked" {
				t.Errorf("replay %s still chunked: %q", tt.url, body)
			}
		})
	}
}

// TestWARCRecords reads our WARC files back with gowarc, strictly, and
// checks the structure and every payload digest by recomputing it.
func TestWARCRecords(t *testing.T) {
	_, _, res := mustCrawlSite(t)
	var types []string
	truncated := 0
	for _, f := range res.WARCFiles {
		r, err := gowarc.NewWarcFileReader(f, 0, gowarc.WithStrictValidation())
		if err != nil {
			t.Fatal(err)
		}
		for rec, err := range r.Records() {
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			wr := rec.WarcRecord
			if len(rec.Validation) > 0 {
				t.Errorf("%s@%d: validation %v", f, rec.Offset, rec.Validation)
			}
			if v := wr.Version().String(); v != "WARC/1.1" {
				t.Errorf("%s@%d: version %s, want WARC/1.1", f, rec.Offset, v)
			}
			types = append(types, wr.Type().String())
			h := wr.WarcHeader()
			switch wr.Type() {
			case gowarc.Warcinfo:
				rb, _ := wr.Block().RawBytes()
				b, _ := io.ReadAll(rb)
				for _, want := range []string{"software: framelens/test", "study: test", "http-header-user-agent: framelens-research-bot/test"} {
					if !strings.Contains(string(b), want) {
						t.Errorf("warcinfo lacks %q:\n%s", want, b)
					}
				}
			case gowarc.Response:
				if h.Get(gowarc.WarcConcurrentTo) == "" {
					t.Errorf("%s@%d: response without WARC-Concurrent-To", f, rec.Offset)
				}
				if h.Has(gowarc.WarcTruncated) {
					truncated++
				}
				blk := wr.Block().(gowarc.HttpResponseBlock)
				pr, _ := blk.PayloadBytes()
				payload, _ := io.ReadAll(pr)
				sum := sha1.Sum(payload)
				want := "sha1:" + base32.StdEncoding.EncodeToString(sum[:])
				if got := h.Get(gowarc.WarcPayloadDigest); got != want {
					t.Errorf("%s@%d %s: payload digest %s, computed %s", f, rec.Offset, h.Get(gowarc.WarcTargetURI), got, want)
				}
			}
			rec.Close()
		}
		r.Close()
	}
	if len(types) == 0 || types[0] != "warcinfo" {
		t.Errorf("first record types %v, want warcinfo first", types[:min(3, len(types))])
	}
	if c := count(types, "request"); c != count(types, "response") || c == 0 {
		t.Errorf("%d request and %d response records, want equal and > 0", c, count(types, "response"))
	}
	if truncated != 1 {
		t.Errorf("%d records with WARC-Truncated, want 1 (/fault/huge)", truncated)
	}
}

func count(s []string, v string) int {
	n := 0
	for _, x := range s {
		if x == v {
			n++
		}
	}
	return n
}

// TestWARCIndependentReader reads our WARC files with warcio (Python) and
// compares what it sees with our own reader. The test harness sets
// WARCIO_PYTHON to a Python with warcio installed (make test does).
func TestWARCIndependentReader(t *testing.T) {
	py := os.Getenv("WARCIO_PYTHON")
	if py == "" {
		t.Skip("WARCIO_PYTHON is not set: set it to a python with warcio installed (make test creates .venv) to check WARCs with an independent reader")
	}
	_, _, res := mustCrawlSite(t)
	// A copy cut inside its last record and repaired as Run does after a
	// kill must read to its end in warcio too.
	cut := filepath.Join(t.TempDir(), "repaired.warc.gz"+openSuffix)
	mustCopy(t, res.WARCFiles[0], cut)
	fi, _ := os.Stat(cut)
	if err := os.Truncate(cut, fi.Size()-100); err != nil {
		t.Fatal(err)
	}
	repaired, n, err := repairWARC(cut)
	if err != nil || n == 0 {
		t.Fatalf("repairWARC = %q, cut %d, %v; want a repaired file", repaired, n, err)
	}
	files := append(slices.Clone(res.WARCFiles), repaired, "testdata/foreign/wget-style.warc", "testdata/foreign/heritrix-style.warc.gz")
	out, err := exec.Command(py, append([]string{"testdata/warccheck.py"}, files...)...).Output()
	if err != nil {
		t.Fatalf("warccheck.py: %v\n%s", err, out)
	}
	type row struct {
		File   string `json:"file"`
		Offset int64  `json:"offset"`
		Type   string `json:"type"`
		URI    string `json:"uri"`
		Status int    `json:"status"`
		Digest string `json:"digest"`
	}
	var theirs []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var r row
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("warccheck output %q: %v", sc.Text(), err)
		}
		if strings.HasPrefix(r.File, "framelens-") {
			if (r.Type == "request" || r.Type == "response") && r.Digest != "pass" {
				t.Errorf("warcio: %s@%d %s digest %s, want pass", r.File, r.Offset, r.Type, r.Digest)
			}
			theirs = append(theirs, strings.Join([]string{r.File, itoa(r.Offset), r.Type, r.URI}, " "))
		}
	}
	var ours []string
	for _, f := range res.WARCFiles {
		_, err := scanWARC(f, 0, func(sr scannedRecord) error {
			ours = append(ours, strings.Join([]string{filepath.Base(f), itoa(sr.capture.Offset), sr.Type.String(), sr.capture.URL}, " "))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(ours, theirs) {
		t.Errorf("records: gowarc sees %d, warcio sees %d\nours:   %q\ntheirs: %q", len(ours), len(theirs), ours, theirs)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestReplayMissingFile checks that a WARC file that cannot be read is an
// error wherever it comes in the list, not only first: replay must not
// quietly serve 404s for every page of a file it never read.
func TestReplayMissingFile(t *testing.T) {
	good, _ := filepath.Glob("testdata/foreign/*")
	if len(good) == 0 {
		t.Fatal("no WARC files in testdata/foreign")
	}
	missing := filepath.Join(t.TempDir(), "missing.warc.gz")
	for _, tt := range []struct {
		name  string
		files []string
	}{
		{"First", append([]string{missing}, good...)},
		{"Last", append(append([]string(nil), good...), missing)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewReplayTransport(tt.files...); err == nil {
				t.Errorf("NewReplayTransport(%q) = nil error, want one for the missing file", tt.files)
			}
		})
	}
}
