package analyze

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"
	_ "time/tzdata" // event days are computed in the events' zones on any machine

	"github.com/framelens/framelens"
)

// EventsConfig tunes event alignment. The zero value uses the defaults
// documented on each field.
type EventsConfig struct {
	// MaxDaysAfter is the last day after an event on which an article can
	// still report it as news (default 7).
	MaxDaysAfter int
	// MinScore is the smallest score reported (default 1).
	MinScore float64
	// SecondRatio: an article gets a second (third, ...) event only when its
	// score is at least this share of the best event's score (default 0.75).
	// The defaults were chosen on the sample's gold (a grid over MinScore,
	// SecondRatio and MaxDaysAfter); there is no held-out set yet.
	SecondRatio float64
}

func (c EventsConfig) withDefaults() EventsConfig {
	if c.MaxDaysAfter == 0 {
		c.MaxDaysAfter = 7
	}
	if c.MinScore == 0 {
		c.MinScore = 1
	}
	if c.SecondRatio == 0 {
		c.SecondRatio = 0.75
	}
	return c
}

// Events aligns every article with the study events it reports on, with
// the default configuration.
var Events = NewEvents(EventsConfig{})

// NewEvents returns an event-alignment analyzer. Its result is an
// *EventAlignment.
//
// The codebook (internal/sample/CODEBOOK.md §1) gives an article the events
// it reports on as news, not those it recalls as background. The score of
// an event is the evidence for it times a date factor:
//
//   - evidence: each distinct keyword found counts 1 and each alias 2 (the
//     event's keywords and aliases in the study file), each distinct actor
//     of the event named 0.5; anything found in the title counts double,
//     and repeated mentions add a little (0.25·ln of the count);
//   - date: 1 on the event's day (in the event's time zone), falling to
//     0.85, 0.7, 0.5 over the next three days, 0.3 within MaxDaysAfter, 0.5
//     the day before (time zones and previews) and 0 otherwise.
//
// The best event is kept when its score reaches MinScore; others when they
// also reach SecondRatio of the best. Background events are never aligned,
// and an article without a publication time gets none.
func NewEvents(cfg EventsConfig) *Analyzer {
	cfg = cfg.withDefaults()
	return &Analyzer{
		Name: "events",
		Doc:  "aligns each article with the study events it covers: date proximity plus keyword, alias and actor evidence",
		Run: func(pass *Pass) (any, error) {
			return alignEvents(pass.Study, pass.Articles, cfg), nil
		},
	}
}

// An EventAlignment is the result of the Events analyzer.
type EventAlignment struct {
	// Matches are ordered by article (in the pass's order), then by score,
	// best first.
	Matches []framelens.EventMatch
	// off[i]:off[i+1] are article i's matches.
	off []int
}

// Of returns the matches of the i-th article of the pass.
func (a *EventAlignment) Of(i int) []framelens.EventMatch {
	if a == nil || i+1 >= len(a.off) {
		return nil
	}
	return a.Matches[a.off[i]:a.off[i+1]]
}

// EventIDs returns the IDs of the events of the i-th article, best first.
func (a *EventAlignment) EventIDs(i int) []string {
	ms := a.Of(i)
	if len(ms) == 0 {
		return nil
	}
	ids := make([]string, len(ms))
	for k, m := range ms {
		ids[k] = m.EventID
	}
	return ids
}

// eventRule is one event prepared for matching.
type eventRule struct {
	ev  framelens.Event
	loc *time.Location
	// day is the event's date as a day number (days since 1970-01-01).
	day int
}

// evidence kinds and their weights.
type evKind uint8

const (
	evKeyword evKind = iota
	evAlias
	evActor
)

var evWeight = [...]float64{evKeyword: 1, evAlias: 2, evActor: 0.5}
var evName = [...]string{evKeyword: "keyword", evAlias: "alias", evActor: "actor"}

// phraseRef says which event and evidence a matcher phrase belongs to.
type phraseRef struct {
	event int
	kind  evKind
	// label is the keyword or alias as written, or the actor ID.
	label string
}

func alignEvents(study *framelens.Study, articles []framelens.Article, cfg EventsConfig) *EventAlignment {
	var rules []eventRule
	var m phraseMatcher
	var refs []phraseRef
	addPhrase := func(p string, r phraseRef) {
		if id := m.add(p); id >= 0 {
			refs = append(refs, r)
		}
	}
	for _, ev := range study.Events {
		if ev.Background {
			continue
		}
		loc := time.UTC
		if ev.TZ != "" {
			if l, err := time.LoadLocation(ev.TZ); err == nil {
				loc = l
			}
		}
		d, err := time.ParseInLocation(time.DateOnly, ev.Date, loc)
		if err != nil {
			continue
		}
		k := len(rules)
		rules = append(rules, eventRule{ev: ev, loc: loc, day: dayNumber(d)})
		for _, kw := range ev.Keywords {
			addPhrase(kw, phraseRef{k, evKeyword, kw})
		}
		for _, al := range ev.Aliases {
			addPhrase(al, phraseRef{k, evAlias, al})
		}
		for _, id := range ev.Actors {
			a, ok := study.Actor(id)
			if !ok {
				continue
			}
			for _, name := range append([]string{a.Name}, a.Aliases...) {
				addPhrase(name, phraseRef{k, evActor, id})
			}
		}
	}

	res := &EventAlignment{off: make([]int, 1, len(articles)+1)}
	var d tokText
	var matches []phraseMatch
	type hit struct {
		count   int
		inTitle bool
	}
	// seen[event][label] per article; labels are few, so a slice is enough.
	type found struct {
		ref phraseRef
		hit hit
	}
	var hits []found
	for i := range articles {
		a := &articles[i]
		if a.Published.IsZero() || len(rules) == 0 {
			res.off = append(res.off, len(res.Matches))
			continue
		}
		d.reset(a.Text)
		matches = m.appendMatches(matches[:0], &d)
		titleEnd := int32(len(a.Title))
		hits = hits[:0]
		for _, pm := range matches {
			r := refs[pm.ID]
			inTitle := d.toks[pm.Start].Start < titleEnd
			k := slices.IndexFunc(hits, func(f found) bool { return f.ref == r })
			if k < 0 {
				hits = append(hits, found{ref: r})
				k = len(hits) - 1
			}
			hits[k].hit.count++
			hits[k].hit.inTitle = hits[k].hit.inTitle || inTitle
		}
		start := len(res.Matches)
		for k, rule := range rules {
			after := dayNumber(a.Published.In(rule.loc)) - rule.day
			df := dateFactor(after, cfg.MaxDaysAfter)
			if df == 0 {
				continue
			}
			var score float64
			var ev []string
			actors := map[string]bool{}
			for _, f := range hits {
				if f.ref.event != k {
					continue
				}
				if f.ref.kind == evActor {
					if actors[f.ref.label] {
						continue // one actor, many names
					}
					actors[f.ref.label] = true
				}
				w := evWeight[f.ref.kind]
				if f.hit.inTitle {
					w *= 2
				}
				score += w + 0.25*math.Log(float64(f.hit.count))
				where := evName[f.ref.kind]
				if f.hit.inTitle {
					where = "title-" + where
				}
				ev = append(ev, where+":"+f.ref.label)
			}
			score *= df
			if score < cfg.MinScore {
				continue
			}
			slices.Sort(ev)
			ev = append([]string{fmt.Sprintf("date:%+d", after)}, ev...)
			res.Matches = append(res.Matches, framelens.EventMatch{
				ArticleID: a.ID, Outlet: a.Outlet, EventID: rule.ev.ID,
				Score: score, DaysAfter: after, Evidence: ev,
			})
		}
		mine := res.Matches[start:]
		slices.SortStableFunc(mine, func(x, y framelens.EventMatch) int {
			return cmp.Or(cmp.Compare(y.Score, x.Score), cmp.Compare(x.EventID, y.EventID))
		})
		n := 0
		for _, mt := range mine {
			if mt.Score >= cfg.SecondRatio*mine[0].Score {
				mine[n] = mt
				n++
			}
		}
		res.Matches = res.Matches[:start+n]
		res.off = append(res.off, len(res.Matches))
	}
	return res
}

// dateFactor weighs evidence by the days from the event to publication.
func dateFactor(after, maxAfter int) float64 {
	switch {
	case after == -1:
		return 0.5
	case after < -1 || after > maxAfter:
		return 0
	case after == 0:
		return 1
	case after == 1:
		return 0.85
	case after == 2:
		return 0.7
	case after == 3:
		return 0.5
	}
	return 0.3
}

// dayNumber returns the civil date of t (in t's location) as days since
// 1970-01-01.
func dayNumber(t time.Time) int {
	y, m, d := t.Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// An EventGold is the gold record of one article for event alignment: the
// events the article covers (CODEBOOK.md §1), matched to articles by URL.
type EventGold struct {
	URL    string
	Outlet string
	Events []string
}

// An EventScore is the accuracy of event alignment over a set of articles.
// Accuracy is the share of articles whose predicted event set equals the
// gold set exactly (an empty set included); Precision, Recall and F1 are
// over (article, event) pairs.
type EventScore struct {
	// Outlet is "" for the row over all outlets.
	Outlet    string
	Articles  int
	Exact     int
	Accuracy  float64
	TP        int
	FP        int
	FN        int
	Precision float64
	Recall    float64
	F1        float64
	// Errors lists the articles that were wrong, as "URL: got [..] want [..]".
	Errors []string
}

// EvaluateEvents scores an alignment of articles against gold. Articles
// without a gold record (matched on URL, then CanonicalURL) are not scored.
// It returns the overall score first, then one per outlet in name order.
func EvaluateEvents(articles []framelens.Article, al *EventAlignment, gold []EventGold) []EventScore {
	byURL := make(map[string]EventGold, len(gold))
	for _, g := range gold {
		byURL[g.URL] = g
	}
	all := &EventScore{}
	per := map[string]*EventScore{}
	for i, a := range articles {
		g, ok := byURL[a.URL]
		if !ok {
			g, ok = byURL[a.CanonicalURL]
		}
		if !ok {
			continue
		}
		got := al.EventIDs(i)
		o := per[a.Outlet]
		if o == nil {
			o = &EventScore{Outlet: a.Outlet}
			per[a.Outlet] = o
		}
		for _, s := range []*EventScore{all, o} {
			s.add(a.URL, got, g.Events)
		}
	}
	out := []EventScore{all.finish()}
	for _, k := range slices.Sorted(mapKeys(per)) {
		out = append(out, per[k].finish())
	}
	return out
}

func (s *EventScore) add(url string, got, want []string) {
	s.Articles++
	tp := 0
	for _, e := range got {
		if slices.Contains(want, e) {
			tp++
		}
	}
	s.TP += tp
	s.FP += len(got) - tp
	s.FN += len(want) - tp
	if tp == len(got) && tp == len(want) {
		s.Exact++
	} else {
		s.Errors = append(s.Errors, fmt.Sprintf("%s: got %v want %v", url, got, want))
	}
}

func (s *EventScore) finish() EventScore {
	s.Accuracy = ratio(s.Exact, s.Articles)
	s.Precision = ratio(s.TP, s.TP+s.FP)
	s.Recall = ratio(s.TP, s.TP+s.FN)
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return *s
}

// ratio returns a/b, or 1 when b is 0 (nothing to get wrong).
func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
