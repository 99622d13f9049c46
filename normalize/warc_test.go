package normalize

import (
	"fmt"
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
}

// mustWARC writes the records as WARC/1.1 response records (plus a request
// record before each, as crawlers write) to a file in a temporary
// directory and returns its path.
func mustWARC(tb testing.TB, records ...warcRecord) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "test.warc")
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
		for _, b := range []gowarc.WarcRecordBuilder{req, rb} {
			rec, _, err := b.Build()
			if err != nil {
				tb.Fatalf("build record %s: %v", r.url, err)
			}
			if _, _, err := m.Marshal(f, rec, 0); err != nil {
				tb.Fatalf("write record %s: %v", r.url, err)
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
		warcRecord{"https://tass.example/robots.txt", "2019-02-02T10:00:00Z", 200, "text/plain", []byte("User-agent: *\n")},
		warcRecord{"https://tass.example/politics/1", "2019-02-02T10:01:00Z", 200, "text/html; charset=utf-8", page},
		warcRecord{"https://tass.example/missing", "2019-02-02T10:02:00Z", 404, "text/html", []byte("<html>not found</html>")},
		warcRecord{"https://tass.example/sitemap.xml", "2019-02-02T10:03:00Z", 200, "application/xml", []byte("<urlset/>")},
		warcRecord{"https://tass.example/report.pdf", "2019-02-02T10:04:00Z", 200, "application/pdf", []byte("%PDF-1.4")},
		warcRecord{"https://tass.example/politics/1/amp", "2019-02-02T10:05:00Z", 200, "text/html", page},
		warcRecord{"https://ria.example/world/2", "2019-02-02T10:06:00Z", 200, "text/html", []byte(ru1251)},
		warcRecord{"https://other.example/x", "2019-02-02T10:07:00Z", 200, "text/html", page},
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

func TestRunTruncated(t *testing.T) {
	page := mustRead(t, "testdata/tass/ryabkov-ultimatum.html")
	path := mustWARC(t,
		warcRecord{"https://tass.example/politics/1", "2019-02-02T10:01:00Z", 200, "text/html", page},
		warcRecord{"https://tass.example/politics/2", "2019-02-02T10:02:00Z", 200, "text/html", page},
	)
	data := mustRead(t, path)
	if err := os.WriteFile(path, data[:len(data)-len(page)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	arts, rejects, err := Run(t.Context(), Config{Study: testStudy(), Logger: slog.New(slog.DiscardHandler)}, []string{path})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 || len(rejects) != 1 {
		t.Errorf("Run(truncated) = %d articles, %d rejects (%+v), want 1 and 1", len(arts), len(rejects), rejects)
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
	path := mustWARC(t, warcRecord{"https://tass.example/politics/9", "2019-02-02T10:01:00Z", 200, "text/html; charset=utf-8", page})
	arts, _, err := Run(t.Context(), Config{Study: testStudy(), Logger: slog.New(slog.DiscardHandler)}, []string{path})
	if err != nil || len(arts) != 1 {
		t.Fatalf("Run = %d articles, %v; want 1", len(arts), err)
	}
	if got := arts[0]; got.Words != want.Words || got.Text != want.Text {
		t.Errorf("Run(large page).Words = %d, want %d as Extract gives", got.Words, want.Words)
	}
}
