package normalize

import (
	"strings"
	"testing"
	"time"

	"github.com/framelens/framelens"
)

func TestParseDateZones(t *testing.T) {
	tests := []struct {
		name, in string
		want     time.Time
	}{
		{"OffsetColon", "2022-02-24T05:30:00+03:00", time.Date(2022, 2, 24, 2, 30, 0, 0, time.UTC)},
		{"OffsetNoColon", "2022-02-24T05:30:00+0300", time.Date(2022, 2, 24, 2, 30, 0, 0, time.UTC)},
		{"SpaceOffset", "2022-02-24 05:30:00+03:00", time.Date(2022, 2, 24, 2, 30, 0, 0, time.UTC)},
		{"RFC1123ZMoscow", "Thu, 24 Feb 2022 05:30:00 +0300", time.Date(2022, 2, 24, 2, 30, 0, 0, time.UTC)},
		{"RFC1123GMT", "Thu, 24 Feb 2022 05:30:00 GMT", time.Date(2022, 2, 24, 5, 30, 0, 0, time.UTC)},
		{"RFC1123MSK", "Thu, 24 Feb 2022 05:30:00 MSK", time.Date(2022, 2, 24, 2, 30, 0, 0, time.UTC)},
		{"RFC1123EST", "Thu, 24 Feb 2022 05:30:00 EST", time.Date(2022, 2, 24, 10, 30, 0, 0, time.UTC)},
		{"ShortDayEDT", "Thu, 2 Jun 2022 05:30:00 EDT", time.Date(2022, 6, 2, 9, 30, 0, 0, time.UTC)},
		{"NumericAndAbbrev", "2022-02-24 05:30:00 +0300 MSK", time.Date(2022, 2, 24, 2, 30, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parseDate(tt.in)
			if !ok || !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("parseDate(%q) = %v, %v, want %v in UTC", tt.in, got, ok, tt.want)
			}
		})
	}
}

// A page republished under a new URL is a body duplicate of the original;
// a later capture of that new URL (its AMP edition) must point at the
// original too, not at the republished copy.
func TestDedupeURLDuplicateOfBodyDuplicate(t *testing.T) {
	body := strings.Repeat("the ministry said on tuesday that talks would resume in geneva next week ", 6)
	base := time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC)
	arts := []framelens.Article{
		{ID: "orig", URL: "https://a.example/news/1", CanonicalURL: "https://a.example/news/1", CapturedAt: base, Paragraphs: []string{body}},
		{ID: "copy", URL: "https://a.example/world/1", CanonicalURL: "https://a.example/world/1", CapturedAt: base.Add(time.Hour), Paragraphs: []string{body}},
		{ID: "amp", URL: "https://a.example/world/1/amp", CanonicalURL: "https://a.example/world/1/amp", CapturedAt: base.Add(2 * time.Hour), Paragraphs: []string{"short amp edition"}},
	}
	Dedupe(arts)
	for i, want := range []string{"", "orig", "orig"} {
		if arts[i].DuplicateOf != want {
			t.Errorf("Dedupe: %s.DuplicateOf = %q, want %q", arts[i].ID, arts[i].DuplicateOf, want)
		}
	}
}

// CleanURL drops only tracking parameters, even next to a parameter
// url.ParseQuery refuses (one with a ";" in it).
func TestCleanURLKeepsUnparsableParams(t *testing.T) {
	tests := []struct{ name, ref, want string }{
		{"SemicolonParam", "https://example.org/view.php?id=42;lang=ru&utm_source=x", "https://example.org/view.php?id=42;lang=ru"},
		{"SemicolonOnly", "https://example.org/view.php?id=42;lang=ru", "https://example.org/view.php?id=42;lang=ru"},
		{"SortedLikeBefore", "https://example.org/a?z=1&gclid=2&a=b+c", "https://example.org/a?a=b+c&z=1"},
		{"OnlyTracking", "https://example.org/a?utm_medium=email&fbclid=z", "https://example.org/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CleanURL("", tt.ref); got != tt.want {
				t.Errorf("CleanURL(%q) = %q, want %q", tt.ref, got, tt.want)
			}
		})
	}
}

// The original of a republished text is the one published first, whatever
// order the crawler captured the two in (it crawls outlet by outlet).
func TestDedupeOriginalIsFirstPublished(t *testing.T) {
	body := strings.Repeat("the deputy foreign minister said moscow would not accept the ultimatum on the treaty ", 5)
	day := time.Date(2019, 2, 1, 0, 0, 0, 0, time.UTC)
	arts := []framelens.Article{
		{ID: "ria-copy", Outlet: "ria", CanonicalURL: "https://ria.example/1", Published: day.Add(11 * time.Hour), CapturedAt: day.Add(11*time.Hour + 30*time.Minute), Paragraphs: []string{body}},
		{ID: "tass-orig", Outlet: "tass", CanonicalURL: "https://tass.example/1", Published: day.Add(10 * time.Hour), CapturedAt: day.Add(12 * time.Hour), Paragraphs: []string{body}},
	}
	Dedupe(arts)
	if arts[0].DuplicateOf != "tass-orig" || arts[1].DuplicateOf != "" {
		t.Errorf("Dedupe: DuplicateOf = %q, %q; want tass-orig, empty", arts[0].DuplicateOf, arts[1].DuplicateOf)
	}
}

// A URL path with an impossible date (February 31) names no date; it is not
// rolled over into March.
func TestDateFromURLImpossibleDate(t *testing.T) {
	if got, raw, ok := dateFromURL("https://tass.example/2019/02/31/inf-treaty"); ok {
		t.Errorf("dateFromURL(2019/02/31) = %v, %q, true; want no date", got, raw)
	}
	if got, _, ok := dateFromURL("https://tass.example/2019/02/28/inf-treaty"); !ok || !got.Equal(time.Date(2019, 2, 28, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("dateFromURL(2019/02/28) = %v, %v; want 2019-02-28", got, ok)
	}
}
