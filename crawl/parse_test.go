package crawl

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/framelens/framelens"
)

func TestSURT(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.tass.com/world/1001", "com,tass)/world/1001"},
		{"http://en.kremlin.ru/events/president/news", "ru,kremlin,en)/events/president/news"},
		{"https://Example.org/A?b=2&a=1", "org,example)/a?a=1&b=2"},
		{"http://127.0.0.1:8080/x", "1,0,0,127:8080)/x"},
		{"https://example.org:443", "org,example)/"},
	}
	for _, tt := range tests {
		if got := surt(tt.in); got != tt.want {
			t.Errorf("surt(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseCDX(t *testing.T) {
	b, err := os.ReadFile("testdata/wayback/cdx-page1.json")
	if err != nil {
		t.Fatal(err)
	}
	rows, key, err := parseCDX(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || key != "example%2Ctass%29%2Fworld%2F1002+20190125190000" {
		t.Fatalf("parseCDX = %d rows, key %q; want 3 rows and the resume key", len(rows), key)
	}
	if r := rows[1]; r.Timestamp != "20181205093000" || r.Original != "https://tass.example/world/1001" || r.Digest != "2T4DLOGHZ5YBLLIFVYT6VIEXSG5EXZYB" {
		t.Errorf("row 1 = %+v", r)
	}
	for _, empty := range []string{"", "[]", "\n"} {
		if rows, key, err := parseCDX([]byte(empty)); err != nil || len(rows) != 0 || key != "" {
			t.Errorf("parseCDX(%q) = %v, %q, %v; want nothing", empty, rows, key, err)
		}
	}
	if _, _, err := parseCDX([]byte(`[["a","b"],["1","2"]]`)); err == nil {
		t.Errorf("parseCDX without original/timestamp columns: no error")
	}
}

func TestCDXQueryDefaultsToWindow(t *testing.T) {
	q := cdxQuery(DefaultWaybackCDX, framelens.WaybackRule{Prefix: "tass.com/world/", To: "2019"}, framelens.Window{Start: "2018-10-01", End: "2019-08-31"}, 100, "")
	for _, want := range []string{"url=tass.com%2Fworld%2F", "from=20181001", "to=2019&", "collapse=urlkey", "filter=statuscode%3A200", "filter=mimetype%3Atext%2Fhtml", "limit=100", "output=json"} {
		if !strings.Contains(q, want) {
			t.Errorf("cdxQuery = %s, want it to contain %s", q, want)
		}
	}
}

func TestParseSitemapAndFeeds(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", "site", name))
		if err != nil {
			t.Fatal(err)
		}
		return []byte(strings.ReplaceAll(string(b), "{{BASE}}", "http://s"))
	}
	pages, children, err := parseSitemap(read("sitemap.xml"))
	if err != nil || len(pages) != 0 || len(children) != 3 || children[1].URL != "http://s/sitemap-2018.xml.gz" {
		t.Errorf("sitemap index = %v, %v, %v", pages, children, err)
	}
	pages, _, err = parseSitemap(read("sitemap-news.xml"))
	if err != nil || len(pages) != 3 || !pages[0].Published || !pages[0].Date.Equal(time.Date(2019, 2, 1, 21, 15, 0, 0, time.UTC)) {
		t.Errorf("news sitemap = %+v, %v", pages, err)
	}
	if _, _, err := parseSitemap([]byte("<html><body>not a sitemap</body></html>")); err == nil {
		t.Errorf("parseSitemap(html): no error")
	}
	rss, err := parseFeed(read("rss.xml"))
	if err != nil || len(rss) != 3 || rss[1].URL != "http://s/politics/2003" || !rss[0].Published {
		t.Errorf("rss = %+v, %v", rss, err)
	}
	atom, err := parseFeed(read("atom.xml"))
	if err != nil || len(atom) != 1 || atom[0].URL != "http://s/politics/2004" || atom[0].Date.Day() != 4 {
		t.Errorf("atom = %+v, %v", atom, err)
	}
}

func TestRetryAfterParse(t *testing.T) {
	now := time.Date(2019, 2, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"120", 120 * time.Second, true},
		{"Fri, 01 Feb 2019 12:01:30 GMT", 90 * time.Second, true},
		{"Friday, 01-Feb-19 12:00:10 GMT", 10 * time.Second, true},
		{"-5", 0, false},
		// Too many seconds for a time.Duration: still a long wait, not a
		// wrapped-around negative one that retries at once.
		{"10000000000", math.MaxInt64, true},
		{"soon", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		if got, ok := retryAfter(tt.in, now); got != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestIndexPointsAtRecords checks that every CDXJ line is sorted and names
// the file and offset of a response record for its URL.
func TestIndexPointsAtRecords(t *testing.T) {
	_, cfg, res := mustCrawlSite(t)
	f, err := os.Open(res.Index)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	prev, n := "", 0
	for sc.Scan() {
		line := sc.Text()
		parts := strings.SplitN(line, " ", 3)
		if len(parts) != 3 {
			t.Fatalf("CDXJ line %q", line)
		}
		key := parts[0] + " " + parts[1]
		if key < prev {
			t.Errorf("CDXJ not sorted: %q after %q", key, prev)
		}
		prev = key
		var m map[string]string
		if err := json.Unmarshal([]byte(parts[2]), &m); err != nil {
			t.Fatalf("CDXJ block %q: %v", parts[2], err)
		}
		if surt(m["url"]) != parts[0] {
			t.Errorf("CDXJ key %q for url %q", parts[0], m["url"])
		}
		var off int64
		json.Unmarshal([]byte(m["offset"]), &off)
		var got scannedRecord
		path := filepath.Join(cfg.Dir, m["filename"])
		scanWARC(path, off, func(sr scannedRecord) error {
			got = sr
			return errStop
		})
		if got.Type.String() != "response" || got.capture.URL != m["url"] || got.capture.Digest != m["digest"] {
			t.Errorf("CDXJ %s@%s points at %s %s, want the response of %s", m["filename"], m["offset"], got.Type, got.capture.URL, m["url"])
		}
		n++
	}
	if n < 15 {
		t.Errorf("index has %d lines, want one per response (>= 15)", n)
	}
}

var errStop = errStopT{}

type errStopT struct{}

func (errStopT) Error() string { return "stop" }
