package framelens

import (
	"regexp"
	"strings"
	"time"
)

// A Relevance decides what counts as an article of the study: a text that
// names one of the study's keywords (or, when the study lists none, one of
// its events' keywords) dated, when a date is known, inside the study
// window. It is the crawler's first cut and the articles table's relevant
// flag; the analyzers count only relevant articles, so an off-topic story
// an outlet published on the same page does not enter the comparison.
type Relevance struct {
	keywords *regexp.Regexp // nil: every text matches
	window   Window
}

// NewRelevance compiles the study's keywords.
func NewRelevance(s *Study) *Relevance {
	words := s.Keywords
	if len(words) == 0 {
		for _, e := range s.Events {
			if !e.Background {
				words = append(words, e.Keywords...)
			}
		}
	}
	var alts []string
	for _, w := range words {
		if w = strings.TrimSpace(w); w != "" {
			alts = append(alts, regexp.QuoteMeta(w))
		}
	}
	r := &Relevance{window: s.Window}
	if len(alts) > 0 {
		// Word boundaries by hand: RE2's \b knows only ASCII letters.
		r.keywords = regexp.MustCompile(`(?i)(?:^|[^\pL\pN_])(?:` + strings.Join(alts, "|") + `)(?:$|[^\pL\pN_])`)
	}
	return r
}

// Match reports whether text names a study keyword (case-insensitively, on
// word boundaries).
func (r *Relevance) Match(text string) bool {
	return r.keywords == nil || r.keywords.MatchString(text)
}

// InWindow reports whether t is inside the study window; the zero time
// (date unknown) is given the benefit of the doubt.
func (r *Relevance) InWindow(t time.Time) bool {
	return t.IsZero() || r.window.Contains(t)
}

// Article reports whether a is an article of the study: its title, text or
// the outlet's own tags name a keyword (a short transcript may name the
// treaty only in its tags), and its publication date, when known, is in
// the window.
func (r *Relevance) Article(a Article) bool {
	if !r.InWindow(a.Published) {
		return false
	}
	if r.Match(a.Title) || r.Match(a.Text) {
		return true
	}
	for _, t := range a.Tags {
		if r.Match(t) {
			return true
		}
	}
	return false
}
