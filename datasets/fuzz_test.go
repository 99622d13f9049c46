package datasets

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/framelens/framelens"
)

// FuzzArticlesRoundTrip writes one article built from the fuzz input and
// reads it back: what comes back must equal what went in (modulo the
// documented normalizations: UTC, microseconds, nil for empty lists).
func FuzzArticlesRoundTrip(f *testing.F) {
	f.Add("Title", "First paragraph.\n\nSecond.", "A. Writer", "tass", int64(1543881600000000), int64(0), "")
	f.Add("", "", "", "", int64(0), int64(-5), "dup")
	f.Add("Рябков: «нет»", "Москва\n\n\n\nx", "Иван|Петров", "ria", int64(-1), int64(1<<40), "\x00\xff")
	f.Fuzz(func(t *testing.T, title, body, author, outlet string, published, offset int64, dup string) {
		if published < -1e16 || published > 1e16 {
			t.Skip("outside the timestamp range")
		}
		var paras []string
		if body != "" {
			paras = strings.Split(body, "\n\n")
		}
		text := title
		if len(paras) > 0 {
			text += "\n\n" + strings.Join(paras, "\n\n")
		}
		in := framelens.Article{
			ID: framelens.ArticleID(body, title), Outlet: outlet, URL: body, Title: title, Text: text,
			Paragraphs: paras, Authors: []string{author}, Tags: strings.Fields(body), WARCOffset: offset,
			CapturedAt: time.UnixMicro(published).UTC(), DuplicateOf: dup, Words: len(strings.Fields(body)),
			Dateline: framelens.Dateline{Raw: author, Agency: outlet},
		}
		if published != 0 {
			in.Published = time.UnixMicro(published).UTC()
		}
		path := filepath.Join(t.TempDir(), "a.parquet")
		if err := WriteTable(path, testMeta("fuzz"), Articles([]framelens.Article{in})); err != nil {
			t.Fatal(err)
		}
		out, err := ReadArticles(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(out) != 1 {
			t.Fatalf("ReadArticles = %d articles, want 1", len(out))
		}
		if got, want := normalizeArticle(out[0]), normalizeArticle(in); !reflect.DeepEqual(got, want) {
			t.Errorf("round trip:\n got %#v\nwant %#v", got, want)
		}
	})
}
