package analyze

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/framelens/framelens"
)

// SummaryConfig tunes the coverage summary. The zero value uses the
// defaults.
type SummaryConfig struct {
	// TopTerms is the number of distinctive terms listed (default 5; keep
	// it at most ConcordanceConfig.TopTerms so each has its lines).
	TopTerms int
}

// Summary joins the wording tables per outlet × event with the default
// configuration.
var Summary = NewSummary(SummaryConfig{})

// NewSummary returns the coverage-summary analyzer; its result is a
// *SummaryResult.
//
// One row per outlet and event the outlet covered, plus one per outlet over
// all its articles (EventID ""): coverage (articles, words, first report and
// its lag after the event's start), share of voice by the speaker's side
// (from the attributions in those articles), the outlet's top distinctive
// terms (Keyness, outlet against the rest) and its most used variant of
// each lexical variable (Lexical). Every term and variant is a key of the
// concordance: ConcordanceResult.Select("term", term, outlet, event) and
// Select("variable", variant, outlet, event) return the lines behind it.
func NewSummary(cfg SummaryConfig) *Analyzer {
	if cfg.TopTerms <= 0 {
		cfg.TopTerms = 5
	}
	return &Analyzer{
		Name:     "summary",
		Doc:      "per outlet x event: coverage, first report, share of voice by side, top distinctive terms, variant choices",
		Requires: []*Analyzer{Events, Attributions, Keyness, Lexical},
		Run: func(pass *Pass) (any, error) {
			return summarize(pass, cfg), nil
		},
	}
}

// A SummaryResult is the result of the Summary analyzer.
type SummaryResult struct {
	// Rows are ordered by outlet, then event in study order ("" first).
	Rows []framelens.CoverageSummary
}

func summarize(pass *Pass, cfg SummaryConfig) *SummaryResult {
	al := resultOf[*EventAlignment](pass)
	key := resultOf[*KeynessResult](pass)
	lex := resultOf[*LexicalResult](pass)
	var attrs []framelens.Attribution
	if ar := resultOf[*AttributionResult](pass); ar != nil {
		attrs = ar.Attributions
	}
	byArticle := groupAttributions(attrs)
	evOrder := map[string]int{"": -1}
	starts := map[string]time.Time{}
	for k, e := range pass.Study.Events {
		evOrder[e.ID] = k
		starts[e.ID] = eventStart(e)
	}
	type acc struct {
		row   framelens.CoverageSummary
		sides map[framelens.Side]int
	}
	rows := map[groupKey]*acc{}
	get := func(k groupKey) *acc {
		r := rows[k]
		if r == nil {
			r = &acc{row: framelens.CoverageSummary{Outlet: k.outlet, EventID: k.event}, sides: map[framelens.Side]int{}}
			rows[k] = r
		}
		return r
	}
	for i := range pass.Articles {
		a := &pass.Articles[i]
		if a.DuplicateOf != "" {
			continue
		}
		words := a.Words
		if words == 0 {
			words = bodyWords(a)
		}
		for k := -1; k < len(al.Of(i)); k++ {
			ev := ""
			if k >= 0 {
				ev = al.Of(i)[k].EventID
			}
			r := get(groupKey{a.Outlet, ev})
			r.row.Articles++
			r.row.Words += words
			if !a.Published.IsZero() && (r.row.FirstReport.IsZero() || a.Published.Before(r.row.FirstReport)) {
				r.row.FirstReport = a.Published
			}
			for _, at := range byArticle[a.ID] {
				r.row.Attributions++
				r.sides[cmp.Or(at.Side, framelens.SideUnknown)]++
			}
		}
	}
	if lex != nil {
		dup := duplicateIDs(pass.Articles)
		for _, h := range lex.Hits {
			if h.Lexicon != LexiconHedge || dup[h.ArticleID] {
				continue
			}
			for _, ev := range append([]string{""}, h.Events...) {
				if r := rows[groupKey{h.Outlet, ev}]; r != nil {
					r.row.Hedges++
					if h.Voice == framelens.VoiceAuthorial {
						r.row.HedgesAuthorial++
					}
				}
			}
		}
		// Shares come sorted by study variant order: the first maximum of
		// each variable wins ties.
		best := map[shareKey]framelens.VariantShare{}
		var order []shareKey
		for _, s := range lex.Shares {
			if s.Lexicon != LexiconVariable {
				continue
			}
			k := shareKey{outlet: s.Outlet, event: s.EventID, variable: s.Variable}
			b, ok := best[k]
			if !ok {
				order = append(order, k)
			}
			if !ok || s.Count > b.Count {
				best[k] = s
			}
		}
		for _, k := range order {
			if r := rows[groupKey{k.outlet, k.event}]; r != nil {
				s := best[k]
				r.row.Variants = append(r.row.Variants, s.Variable+"/"+s.Variant)
				r.row.VariantShares = append(r.row.VariantShares, s.Proportion)
			}
		}
	}
	res := &SummaryResult{}
	for k, r := range rows {
		if start, ok := starts[k.event]; ok && !r.row.FirstReport.IsZero() {
			r.row.FirstLag = r.row.FirstReport.Sub(start)
		}
		if k.event == "" {
			r.row.FirstReport = time.Time{}
		}
		for s, n := range r.sides {
			r.row.Voices = append(r.row.Voices, framelens.SideShare{Side: s, Count: n, Share: float64(n) / float64(r.row.Attributions)})
		}
		slices.SortFunc(r.row.Voices, func(x, y framelens.SideShare) int {
			return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Side, y.Side))
		})
		if key != nil {
			r.row.TopTerms = key.TopTerms(k.outlet, k.event, cfg.TopTerms)
		}
		res.Rows = append(res.Rows, r.row)
	}
	slices.SortFunc(res.Rows, func(x, y framelens.CoverageSummary) int {
		return cmp.Or(cmp.Compare(x.Outlet, y.Outlet), cmp.Compare(evOrder[x.EventID], evOrder[y.EventID]))
	})
	return res
}

// eventStart returns when an event began: its day and, when known, its
// clock time, in its time zone.
func eventStart(e framelens.Event) time.Time {
	loc := time.UTC
	if e.TZ != "" {
		if l, err := time.LoadLocation(e.TZ); err == nil {
			loc = l
		}
	}
	layout, value := time.DateOnly, e.Date
	if e.Time != "" {
		layout, value = time.DateOnly+" 15:04", e.Date+" "+e.Time
	}
	t, err := time.ParseInLocation(layout, value, loc)
	if err != nil {
		return time.Time{}
	}
	return t
}

// bodyWords counts the words of an article's body, for articles whose
// Words is unset: the paragraphs, or the text after the title.
func bodyWords(a *framelens.Article) int {
	if len(a.Paragraphs) > 0 {
		n := 0
		for _, p := range a.Paragraphs {
			n += wordCount(p)
		}
		return n
	}
	return wordCount(strings.TrimPrefix(a.Text, a.Title))
}

// wordCount counts the countable tokens of s.
func wordCount(s string) int {
	n := 0
	for _, t := range Tokens(s) {
		if t.isCountable() {
			n++
		}
	}
	return n
}
