package datasets

import (
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/framelens/framelens"
)

func TestArticlesRoundTrip(t *testing.T) {
	in := sampleArticles(23)
	path := filepath.Join(t.TempDir(), "cache", "articles.parquet")
	if err := WriteTable(path, testMeta("r1"), Articles(slices.Clone(in))); err != nil {
		t.Fatal(err)
	}
	got, err := ReadArticles(path)
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Clone(in)
	for i := range want {
		want[i] = normalizeArticle(want[i])
	}
	for i := range got {
		got[i] = normalizeArticle(got[i])
	}
	byID := func(a, b framelens.Article) int { return cmpString(a.ID, b.ID) }
	slices.SortFunc(want, byID)
	slices.SortFunc(got, byID)
	if len(got) != len(want) {
		t.Fatalf("ReadArticles(WriteTable(a)) = %d articles, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("ReadArticles(WriteTable(a))[%s] =\n%+v\nwant\n%+v", want[i].ID, got[i], want[i])
		}
	}
}

// normalizeArticle maps what the table does not distinguish to one value:
// nil and empty lists, time zones, sub-microsecond precision.
func normalizeArticle(a framelens.Article) framelens.Article {
	for _, s := range []*[]string{&a.Authors, &a.Agencies, &a.Tags, &a.Paragraphs} {
		if len(*s) == 0 {
			*s = nil
		}
	}
	a.CapturedAt = a.CapturedAt.UTC().Truncate(1000)
	if !a.Published.IsZero() {
		a.Published = a.Published.UTC().Truncate(1000)
	}
	if !a.Modified.IsZero() {
		a.Modified = a.Modified.UTC().Truncate(1000)
	}
	return a
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
