package analyze

import (
	"sort"
	"unicode"

	"github.com/framelens/framelens"
)

// Voice summarises attributions into the voice table (shared/notes/
// attribution.md §8): per outlet, side and verb class, the number of
// attributions and words of content, and each side's share of the outlet's
// attributions with a 95 % Wilson interval. Rows with CueClass "" total all
// classes. When events is non-nil (the Events analyzer's result for the same
// articles), the same rows are also given per outlet and event; an article
// counts for each event it covers. Duplicate articles are skipped.
func Voice(articles []framelens.Article, attrs []framelens.Attribution, events *EventAlignment) []framelens.VoiceShare {
	type key struct {
		outlet, event string
		side          framelens.Side
		class         framelens.VerbClass
	}
	type total struct{ n, words int }
	counts := make(map[key]*framelens.VoiceShare)
	totals := make(map[[2]string]*total)
	type artInfo struct {
		outlet string
		events []string
	}
	info := make(map[string]artInfo, len(articles))
	for i, a := range articles {
		if a.DuplicateOf != "" {
			continue
		}
		ai := artInfo{outlet: a.Outlet}
		if events != nil {
			ai.events = events.EventIDs(i)
		}
		info[a.ID] = ai
	}
	add := func(k key, words int, direct bool) {
		row := counts[k]
		if row == nil {
			row = &framelens.VoiceShare{Outlet: k.outlet, Event: k.event, Side: k.side, CueClass: k.class}
			counts[k] = row
		}
		row.Attributions++
		row.ContentWords += words
		if direct {
			row.Direct++
		}
	}
	for _, at := range attrs {
		ai, ok := info[at.ArticleID]
		if !ok {
			continue
		}
		side := at.Side
		if side == "" {
			side = framelens.SideUnknown
		}
		words := countFields(at.ContentText)
		direct := at.Kind == framelens.Direct
		for _, ev := range append([]string{""}, ai.events...) {
			add(key{ai.outlet, ev, side, ""}, words, direct)
			if at.CueClass != "" { // "" is the all-classes row, counted above
				add(key{ai.outlet, ev, side, at.CueClass}, words, direct)
			}
			t := totals[[2]string{ai.outlet, ev}]
			if t == nil {
				t = &total{}
				totals[[2]string{ai.outlet, ev}] = t
			}
			t.n++
			t.words += words
		}
	}
	out := make([]framelens.VoiceShare, 0, len(counts))
	for _, row := range counts {
		t := totals[[2]string{row.Outlet, row.Event}]
		row.Total, row.TotalWords = t.n, t.words
		row.Share = frac(row.Attributions, t.n)
		row.ShareLow, row.ShareHigh = Wilson(row.Attributions, t.n, Z95)
		row.WordShare = frac(row.ContentWords, t.words)
		out = append(out, *row)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Outlet != b.Outlet {
			return a.Outlet < b.Outlet
		}
		if a.Event != b.Event {
			return a.Event < b.Event
		}
		if a.Side != b.Side {
			return a.Side < b.Side
		}
		return a.CueClass < b.CueClass
	})
	return out
}

// frac returns a/b, or 0 when b is 0.
func frac(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// countFields returns len(strings.Fields(s)) without building the slice: a
// quotation left open runs to its paragraph's end, so on a long paragraph
// thousands of attributions share one long content and the slices cost
// seconds.
func countFields(s string) int {
	n := 0
	in := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}
