package normalize

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/framelens/framelens"
	"github.com/nlnwa/gowarc/v3"
	"golang.org/x/text/encoding/charmap"
)

// A warcRecord is one HTTP response to store in a test WARC file.
type warcRecord struct {
	url, date   string
	status      int
	contentType string
	body        []byte
	// truncated is the record's WARC-Truncated reason ("length" when the
	// crawler's size cap cut the body); "" for a whole record.
	truncated string
}

// mustWARC writes the records as WARC/1.1 response records (plus a request
// record before each, as crawlers write) to a file in a temporary
// directory and returns its path.
func mustWARC(tb testing.TB, records ...warcRecord) string {
	tb.Helper()
	return mustWARCFile(tb, false, records...)
}

// mustGzipWARC is mustWARC with every record its own gzip member, as
// crawlers write .warc.gz files.
func mustGzipWARC(tb testing.TB, records ...warcRecord) string {
	tb.Helper()
	return mustWARCFile(tb, true, records...)
}

func mustWARCFile(tb testing.TB, compress bool, records ...warcRecord) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "test.warc")
	if compress {
		path += ".gz"
	}
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	m := gowarc.NewMarshaler()
	for i, r := range records {
		req := gowarc.NewRecordBuilder(gowarc.Request, gowarc.WithAddMissingDigest(true))
		fmt.Fprintf(req, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
		req.AddWarcHeader(gowarc.WarcTargetURI, r.url)
		req.AddWarcHeader(gowarc.WarcDate, r.date)
		req.AddWarcHeader(gowarc.WarcRecordID, fmt.Sprintf("<urn:uuid:00000000-0000-0000-0000-%012d>", 2*i))
		req.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=request")
		rb := gowarc.NewRecordBuilder(gowarc.Response, gowarc.WithAddMissingDigest(true))
		fmt.Fprintf(rb, "HTTP/1.1 %d X\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", r.status, r.contentType, len(r.body))
		rb.Write(r.body)
		rb.AddWarcHeader(gowarc.WarcTargetURI, r.url)
		rb.AddWarcHeader(gowarc.WarcDate, r.date)
		rb.AddWarcHeader(gowarc.WarcRecordID, fmt.Sprintf("<urn:uuid:00000000-0000-0000-0000-%012d>", 2*i+1))
		rb.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
		if r.truncated != "" {
			rb.AddWarcHeader(gowarc.WarcTruncated, r.truncated)
		}
		for _, b := range []gowarc.WarcRecordBuilder{req, rb} {
			rec, _, err := b.Build()
			if err != nil {
				tb.Fatalf("build record %s: %v", r.url, err)
			}
			var w io.Writer = f
			var zw *gzip.Writer
			if compress {
				zw = gzip.NewWriter(f)
				w = zw
			}
			if _, _, err := m.Marshal(w, rec, 0); err != nil {
				tb.Fatalf("write record %s: %v", r.url, err)
			}
			if zw != nil {
				if err := zw.Close(); err != nil {
					tb.Fatal(err)
				}
			}
			rec.Close()
		}
	}
	return path
}

func testStudy() *framelens.Study {
	return &framelens.Study{ID: "t", Outlets: []framelens.Outlet{
		{ID: "tass", Domains: []string{"tass.example"}, Agency: "TASS"},
		{ID: "ria", Domains: []string{"ria.example"}},
	}}
}

func mustRead(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestRun(t *testing.T) {
	page := mustRead(t, "testdata/tass/ryabkov-ultimatum.html")
	ruText := "<p>Заместитель министра иностранных дел России Сергей Рябков заявил, что Москва не примет ультиматум Вашингтона по договору о ракетах средней и меньшей дальности.</p>"
	ru := `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><title>Рябков об ультиматуме</title></head><body><article>` +
		strings.Repeat(ruText, 4) + `</article></body></html>`
	ru1251, err := charmap.Windows1251.NewEncoder().String(ru)
	if err != nil {
		t.Fatal(err)
	}
	path := mustWARC(t,
		warcRecord{"https://tass.example/robots.txt", "2019-02-02T10:00:00Z", 200, "text/plain", []byte("User-agent: *\n"), ""},
		warcRecord{"https://tass.example/politics/1", "2019-02-02T10:01:00Z", 200, "text/html; charset=utf-8", page, ""},
		warcRecord{"https://tass.example/missing", "2019-02-02T10:02:00Z", 404, "text/html", []byte("<html>not found</html>"), ""},
		warcRecord{"https://tass.example/sitemap.xml", "2019-02-02T10:03:00Z", 200, "application/xml", []byte("<urlset/>"), ""},
		warcRecord{"https://tass.example/report.pdf", "2019-02-02T10:04:00Z", 200, "application/pdf", []byte("%PDF-1.4"), ""},
		warcRecord{"https://tass.example/politics/1/amp", "2019-02-02T10:05:00Z", 200, "text/html", page, ""},
		warcRecord{"https://ria.example/world/2", "2019-02-02T10:06:00Z", 200, "text/html", []byte(ru1251), ""},
		warcRecord{"https://other.example/x", "2019-02-02T10:07:00Z", 200, "text/html", page, ""},
	)
	arts, rejects, err := Run(t.Context(), Config{Study: testStudy(), Logger: slog.New(slog.DiscardHandler)}, []string{path})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 3 {
		t.Fatalf("Run: %d articles, want 3: %+v", len(arts), arts)
	}
	first, amp, ria := arts[0], arts[1], arts[2]
	if first.Outlet != "tass" || first.ID != framelens.ArticleID(first.URL, first.PayloadDigest) || first.WARCOffset <= 0 ||
		first.CapturedAt.Format("15:04") != "10:01" || first.DuplicateOf != "" {
		t.Errorf("Run article 1 = outlet %q id %q offset %d captured %v dup %q", first.Outlet, first.ID, first.WARCOffset, first.CapturedAt, first.DuplicateOf)
	}
	if amp.DuplicateOf != first.ID {
		t.Errorf("Run AMP variant DuplicateOf = %q, want %q", amp.DuplicateOf, first.ID)
	}
	if ria.Title != "Рябков об ультиматуме" || !strings.Contains(ria.Text, "Сергей Рябков заявил") {
		t.Errorf("Run windows-1251 page: title %q, text %.80q", ria.Title, ria.Text)
	}
	classes := map[string]bool{}
	for _, r := range rejects {
		classes[r.Class] = true
	}
	if len(rejects) != 2 || !classes["not_html"] || !classes["no_outlet"] {
		t.Errorf("Run rejects = %+v, want not_html and no_outlet", rejects)
	}
}

// TestRunTruncated cuts the second of two records in the middle of its page
// and checks that Run keeps the first article and rejects the second as
// "truncated" wrapping framelens.ErrTruncated, not as a short page.
func TestRunTruncated(t *testing.T) {
	page := mustRead(t, "testdata/tass/ryabkov-ultimatum.html")
	records := []warcRecord{
		{"https://tass.example/politics/1", "2019-02-02T10:01:00Z", 200, "text/html", page, ""},
		{"https://tass.example/politics/2", "2019-02-02T10:02:00Z", 200, "text/html", page, ""},
	}
	for _, tc := range []struct {
		name string
		path func(testing.TB) string
	}{
		{"BlockShorterThanContentLength", func(tb testing.TB) string {
			path := mustWARC(tb, records...)
			data := mustRead(tb, path)
			mustWrite(tb, path, data[:len(data)-len(page)/2])
			return path
		}},
		{"GzipMemberEndsEarly", func(tb testing.TB) string {
			path := mustGzipWARC(tb, records...)
			data := mustRead(tb, path)
			mustWrite(tb, path, data[:len(data)-200])
			return path
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.path(t)
			arts, rejects, err := Run(t.Context(), Config{Study: testStudy(), Logger: slog.New(slog.DiscardHandler)}, []string{path})
			if err != nil {
				t.Fatal(err)
			}
			if len(arts) != 1 || arts[0].URL != "https://tass.example/politics/1" {
				t.Errorf("Run(cut WARC) articles = %d, want the first page only", len(arts))
			}
			if len(rejects) != 1 {
				t.Fatalf("Run(cut WARC) rejects = %+v, want 1", rejects)
			}
			r := rejects[0]
			if r.Class != "truncated" || r.URL != "https://tass.example/politics/2" {
				t.Errorf("Run(cut WARC) reject = %s %s (%s), want truncated https://tass.example/politics/2", r.Class, r.URL, r.Error)
			}
		})
	}
}

// TestRecordTruncatedError checks the error of a cut page wraps
// framelens.ErrTruncated, so that callers can branch on it.
func TestRecordTruncatedError(t *testing.T) {
	page := mustRead(t, "testdata/tass/ryabkov-ultimatum.html")
	path := mustWARC(t, warcRecord{"https://tass.example/politics/2", "2019-02-02T10:02:00Z", 200, "text/html", page, ""})
	data := mustRead(t, path)
	mustWrite(t, path, data[:len(data)-len(page)/2])
	_, err := readOne(t, path)
	if !errors.Is(err, framelens.ErrTruncated) {
		t.Errorf("record(cut page) error = %v, want ErrTruncated", err)
	}
	var pe *framelens.PageError
	if !errors.As(err, &pe) || pe.URL != "https://tass.example/politics/2" {
		t.Errorf("record(cut page) error = %v, want a PageError for the page", err)
	}
}

// TestRunWARCTruncatedHeader: a record the crawler cut at its size cap
// (WARC-Truncated: length) is whole as a record. Its page is extracted; when
// what was kept is a usable article it stays, otherwise the reject is
// "truncated", since the cut is the likely reason the body is short.
func TestRunWARCTruncatedHeader(t *testing.T) {
	page := mustRead(t, "testdata/tass/ryabkov-ultimatum.html")
	cut := page[:bytes.Index(page, []byte("</p>"))]
	path := mustWARC(t,
		warcRecord{"https://tass.example/politics/1", "2019-02-02T10:01:00Z", 200, "text/html", page, "length"},
		warcRecord{"https://tass.example/politics/2", "2019-02-02T10:02:00Z", 200, "text/html", cut, "length"},
	)
	arts, rejects, err := Run(t.Context(), Config{Study: testStudy(), Logger: slog.New(slog.DiscardHandler)}, []string{path})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 || arts[0].URL != "https://tass.example/politics/1" {
		t.Errorf("Run(WARC-Truncated) articles = %d, want the whole-looking page", len(arts))
	}
	if len(rejects) != 1 || rejects[0].Class != "truncated" || rejects[0].URL != "https://tass.example/politics/2" {
		t.Errorf("Run(WARC-Truncated) rejects = %+v, want one truncated for politics/2", rejects)
	}
}

// readOne returns what record makes of the first response record of path:
// the article, or the cause of its reject.
func readOne(tb testing.TB, path string) (framelens.Article, error) {
	tb.Helper()
	r, err := gowarc.NewWarcFileReader(path, 0, warcReaderOptions()...)
	if err != nil {
		tb.Fatal(err)
	}
	defer r.Close()
	for {
		rec, err := r.Next()
		if err == io.EOF || rec.WarcRecord == nil {
			tb.Fatalf("read %s: no response record (%v)", path, err)
		}
		a, ok, rej, cause := record(Config{Study: testStudy()}, rec, err, path, 16<<20)
		rec.WarcRecord.Close()
		if ok || rej != nil {
			return a, cause
		}
	}
}

func mustWrite(tb testing.TB, path string, data []byte) {
	tb.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatal(err)
	}
}

func TestDedupeNearIdentical(t *testing.T) {
	var words []string
	for i := range 120 {
		words = append(words, fmt.Sprintf("word%d", i))
	}
	p1 := strings.Join(words, " ")
	p2 := p1 + " Editors added a line."
	arts := []framelens.Article{
		{ID: "b", CanonicalURL: "https://x.example/2", Paragraphs: []string{p2}},
		{ID: "a", CanonicalURL: "https://y.example/1", Paragraphs: []string{p1}},
		{ID: "c", CanonicalURL: "https://z.example/3", Paragraphs: []string{"an entirely different story about talks in geneva on strategic stability and other things"}},
	}
	Dedupe(arts)
	if arts[0].DuplicateOf != "a" || arts[1].DuplicateOf != "" || arts[2].DuplicateOf != "" {
		t.Errorf("Dedupe: DuplicateOf = %q, %q, %q; want a, empty, empty", arts[0].DuplicateOf, arts[1].DuplicateOf, arts[2].DuplicateOf)
	}
}

// TestRunLargePage guards against reading a streamed record's payload after
// its HTTP header: gowarc's header parser buffers the first kilobytes of the
// payload, which were lost for any page larger than its buffer.
func TestRunLargePage(t *testing.T) {
	var b strings.Builder
	b.WriteString("<html><head><title>Long report</title></head><body><article>")
	for i := range 60 {
		fmt.Fprintf(&b, "<p>Paragraph %d of a long report on the treaty, with enough words in it to count as body text for the extractor.</p>", i)
	}
	b.WriteString("</article></body></html>")
	page := []byte(b.String())
	want, err := Extract(page, "https://tass.example/politics/9", nil)
	if err != nil {
		t.Fatal(err)
	}
	path := mustWARC(t, warcRecord{"https://tass.example/politics/9", "2019-02-02T10:01:00Z", 200, "text/html; charset=utf-8", page, ""})
	arts, _, err := Run(t.Context(), Config{Study: testStudy(), Logger: slog.New(slog.DiscardHandler)}, []string{path})
	if err != nil || len(arts) != 1 {
		t.Fatalf("Run = %d articles, %v; want 1", len(arts), err)
	}
	if got := arts[0]; got.Words != want.Words || got.Text != want.Text {
		t.Errorf("Run(large page).Words = %d, want %d as Extract gives", got.Words, want.Words)
	}
}

func TestFailed(t *testing.T) {
	for class, want := range map[string]bool{
		"undecodable": true, "truncated": true, "truncated_warc": true, "too_large": true, "bad_url": true, "error": true,
		"not_article": false, "not_html": false, "too_short": false, "paywall": false, "empty": false, "no_outlet": false,
	} {
		if got := Failed(framelens.Reject{Class: class}); got != want {
			t.Errorf("Failed(class %s) = %v, want %v", class, got, want)
		}
	}
	if c := RejectClass(errors.New("unexpected")); !Failed(framelens.Reject{Class: c}) {
		t.Errorf("an unexpected extraction error (class %q) is not counted as a failure", c)
	}
}
