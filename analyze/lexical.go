package analyze

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/framelens/framelens"
)

// LexicalConfig tunes the lexical-variable analyzer. The zero value uses the
// defaults.
type LexicalConfig struct {
	// Alpha0 is the size of the informative prior for the within-variable
	// zeta: αw = Alpha0 × the variant's share of the pooled hits of the
	// variable in the scope (default 10).
	Alpha0 float64
}

// Lexical finds the study's lexical variables and hedges with the default
// configuration.
var Lexical = NewLexical(LexicalConfig{})

// NewLexical returns the lexical-variable analyzer; its result is a
// *LexicalResult.
//
// Every pattern of the study's lexicons.variables and lexicons.hedges is
// matched on tokens in matching form (case-insensitive, whole tokens), so
// "SSC-8" and "so-called" match as written and "exit" never matches inside
// "exited". Within each lexicon the leftmost longest match wins: "alleged
// violations" is one hit of violation_stance/distanced, not also one of
// asserted; the hedge lexicon is separate, so the same words also count as
// the hedge "alleged" (wording.md §3).
//
// A hit inside the content of an attribution (from the Attributions
// analyzer) is in quoted voice and carries that attribution's speaker and
// side; every other hit is authorial. Without attributions, text between
// quotation marks is taken as quoted with an unknown speaker.
//
// Shares are computed per outlet, in every event scope and overall, over
// the articles that are not duplicates (DuplicateOf unset): the
// variant's count among the outlet's hits of the variable, with its Wilson
// interval and the weighted log-odds zeta of the outlet against all others.
func NewLexical(cfg LexicalConfig) *Analyzer {
	if cfg.Alpha0 <= 0 {
		cfg.Alpha0 = 10
	}
	return &Analyzer{
		Name:     "lexical",
		Doc:      "lexical variables and hedges: every hit with offsets and voice (quoted with speaker, or authorial); per-outlet variant shares with Wilson intervals and zeta",
		Requires: []*Analyzer{Events, Attributions},
		Run: func(pass *Pass) (any, error) {
			al := resultOf[*EventAlignment](pass)
			var attrs []framelens.Attribution
			if ar := resultOf[*AttributionResult](pass); ar != nil {
				attrs = ar.Attributions
			}
			hits := findLexical(pass.Study, pass.Articles, al, attrs)
			// Duplicates keep their hits (each is a row about its own
			// page) but add nothing to the shares, which count coverage.
			counted := withoutDuplicates(hits, duplicateIDs(pass.Articles))
			return &LexicalResult{Hits: hits, Shares: variantShares(pass.Study, counted, cfg.Alpha0)}, nil
		},
	}
}

// A LexicalResult is the result of the Lexical analyzer.
type LexicalResult struct {
	// Hits are ordered by article (pass order), then lexicon ("variable"
	// before "hedge"), then position.
	Hits []framelens.LexicalHit
	// Shares are ordered by outlet, event ("" first), lexicon, variable and
	// variant (study order).
	Shares []framelens.VariantShare
}

// Lexicon names.
const (
	LexiconVariable = "variable"
	LexiconHedge    = "hedge"
)

// lexPattern is one pattern of a lexicon.
type lexPattern struct {
	variable, variant, pattern string
}

// lexicon is one lexicon prepared for matching.
type lexicon struct {
	name     string
	m        phraseMatcher
	patterns []lexPattern
}

func newLexicons(study *framelens.Study) [2]*lexicon {
	vars := &lexicon{name: LexiconVariable}
	for _, v := range study.Lexicons.Variables {
		for _, vt := range v.Variants {
			for _, p := range vt.Patterns {
				if vars.m.add(p) >= 0 {
					vars.patterns = append(vars.patterns, lexPattern{v.ID, vt.ID, p})
				}
			}
		}
	}
	hedges := &lexicon{name: LexiconHedge}
	for _, h := range study.Lexicons.Hedges {
		for _, p := range h.Patterns {
			if hedges.m.add(p) >= 0 {
				hedges.patterns = append(hedges.patterns, lexPattern{h.Kind, h.ID, p})
			}
		}
	}
	return [2]*lexicon{vars, hedges}
}

// longestMatches keeps, from matches ordered by start, the leftmost longest
// ones that do not overlap (ties go to the earlier pattern).
func longestMatches(ms []phraseMatch) []phraseMatch {
	slices.SortStableFunc(ms, func(x, y phraseMatch) int {
		return cmp.Or(cmp.Compare(x.Start, y.Start), cmp.Compare(y.End, x.End), cmp.Compare(x.ID, y.ID))
	})
	out := ms[:0]
	end := int32(-1)
	for _, m := range ms {
		if m.Start < end {
			continue
		}
		out = append(out, m)
		end = m.End
	}
	return out
}

func findLexical(study *framelens.Study, articles []framelens.Article, al *EventAlignment, attrs []framelens.Attribution) []framelens.LexicalHit {
	lexs := newLexicons(study)
	byArticle := groupAttributions(attrs)
	var out []framelens.LexicalHit
	var d tokText
	var ms []phraseMatch
	var sents []Sentence
	var quotes []framelens.Span
	for i := range articles {
		a := &articles[i]
		d.reset(a.Text)
		ix := framelens.NewRuneIndex(a.Text)
		sents = AppendSentences(sents[:0], a.Text)
		arts, known := byArticle[a.ID]
		quotes = appendQuoteSpans(quotes[:0], a.Text, ix)
		events := al.EventIDs(i)
		for _, lx := range lexs {
			ms = longestMatches(lx.m.appendMatches(ms[:0], &d))
			for _, m := range ms {
				p := lx.patterns[m.ID]
				bs, be := int(d.toks[m.Start].Start), int(d.toks[m.End-1].End)
				span := ix.Span(bs, be)
				h := framelens.LexicalHit{
					ArticleID: a.ID, Outlet: a.Outlet, Events: events,
					Lexicon: lx.name, Variable: p.variable, Variant: p.variant, Pattern: p.pattern,
					Span: span, Text: a.Text[bs:be], Sentence: sentenceOf(sents, bs),
					Voice: framelens.VoiceAuthorial, Side: "",
					ConcordanceID: concordanceID(lx.name, a.ID, span),
				}
				h.QuoteMarks = inAnySpan(quotes, span)
				if at := innermostContent(arts, span); at != nil {
					h.Voice = framelens.VoiceQuoted
					h.Speaker = cmp.Or(at.SpeakerName, at.SpeakerText)
					h.ActorID = at.ActorID
					h.Side = at.Side
					h.AttributionKind = at.Kind
				} else if !known && attrs == nil && h.QuoteMarks {
					h.Voice = framelens.VoiceQuoted
					h.Side = framelens.SideUnknown
					h.AttributionKind = framelens.Direct
				}
				out = append(out, h)
			}
		}
	}
	return out
}

// duplicateIDs returns the IDs of the articles with DuplicateOf set, or nil
// if there are none.
func duplicateIDs(articles []framelens.Article) map[string]bool {
	var dup map[string]bool
	for i := range articles {
		if articles[i].DuplicateOf != "" {
			if dup == nil {
				dup = map[string]bool{}
			}
			dup[articles[i].ID] = true
		}
	}
	return dup
}

// withoutDuplicates returns the hits whose article is not in dup (hits
// itself when dup is empty).
func withoutDuplicates(hits []framelens.LexicalHit, dup map[string]bool) []framelens.LexicalHit {
	if len(dup) == 0 {
		return hits
	}
	out := make([]framelens.LexicalHit, 0, len(hits))
	for _, h := range hits {
		if !dup[h.ArticleID] {
			out = append(out, h)
		}
	}
	return out
}

// concordanceID returns the ID of the concordance line of a match:
// "SOURCE:ARTICLE:START-END" with character offsets, e.g.
// "variable:1f3a...:120-138". It is stable across runs.
func concordanceID(source, articleID string, s framelens.Span) string {
	return source + ":" + articleID + ":" + strconv.Itoa(s.Start) + "-" + strconv.Itoa(s.End)
}

// groupAttributions indexes attributions by article ID.
func groupAttributions(attrs []framelens.Attribution) map[string][]framelens.Attribution {
	m := make(map[string][]framelens.Attribution)
	for k := 0; k < len(attrs); {
		j := k + 1
		for j < len(attrs) && attrs[j].ArticleID == attrs[k].ArticleID {
			j++
		}
		m[attrs[k].ArticleID] = append(m[attrs[k].ArticleID], attrs[k:j]...)
		k = j
	}
	return m
}

// innermostContent returns the attribution with the shortest content span
// that contains s, or nil.
func innermostContent(attrs []framelens.Attribution, s framelens.Span) *framelens.Attribution {
	var best *framelens.Attribution
	for k := range attrs {
		c := attrs[k].Content
		if c.Valid() && c.Start <= s.Start && s.End <= c.End && (best == nil || c.Len() < best.Content.Len()) {
			best = &attrs[k]
		}
	}
	return best
}

func inAnySpan(spans []framelens.Span, s framelens.Span) bool {
	for _, q := range spans {
		if q.Start <= s.Start && s.End <= q.End {
			return true
		}
	}
	return false
}

// sentenceOf returns the index of the sentence that holds byte offset b (the
// last sentence starting at or before b).
func sentenceOf(sents []Sentence, b int) int {
	i, _ := slices.BinarySearchFunc(sents, b, func(s Sentence, b int) int { return cmp.Compare(s.Start, b+1) })
	return max(i-1, 0)
}

// appendQuoteSpans appends the character spans of text between paired
// quotation marks, within one paragraph: “…”, «…», and straight "…"
// taken in pairs. An unclosed mark runs to the paragraph's end, as a quote
// continued in the next paragraph does.
func appendQuoteSpans(dst []framelens.Span, text string, ix *framelens.RuneIndex) []framelens.Span {
	open := -1
	var closer rune
	for i, r := range text {
		switch {
		case r == '\n':
			if open >= 0 {
				dst = append(dst, ix.Span(open, i))
				open = -1
			}
		case open < 0 && (r == '“' || r == '«' || r == '"' || r == '„'):
			open = i + len(string(r))
			closer = map[rune]rune{'“': '”', '«': '»', '"': '"', '„': '“'}[r]
		case open >= 0 && (r == closer || closer == '"' && r == '”'):
			dst = append(dst, ix.Span(open, i))
			open = -1
		}
	}
	if open >= 0 {
		dst = append(dst, ix.Span(open, len(text)))
	}
	return dst
}

// shareKey identifies one row of VariantShare.
type shareKey struct {
	outlet, event, lexicon, variable, variant string
}

func variantShares(study *framelens.Study, hits []framelens.LexicalHit, alpha0 float64) []framelens.VariantShare {
	// order gives the study order of variables and variants.
	order := map[string]int{}
	for _, v := range study.Lexicons.Variables {
		order[LexiconVariable+"/"+v.ID] = len(order)
		for _, vt := range v.Variants {
			order[LexiconVariable+"/"+v.ID+"/"+vt.ID] = len(order)
		}
	}
	for _, h := range study.Lexicons.Hedges {
		if _, ok := order[LexiconHedge+"/"+h.Kind]; !ok {
			order[LexiconHedge+"/"+h.Kind] = len(order)
		}
		order[LexiconHedge+"/"+h.Kind+"/"+h.ID] = len(order)
	}
	type acc struct {
		count, authorial int
		docs             map[string]bool
	}
	counts := map[shareKey]*acc{}
	add := func(k shareKey, h *framelens.LexicalHit) {
		c := counts[k]
		if c == nil {
			c = &acc{docs: map[string]bool{}}
			counts[k] = c
		}
		c.count++
		if h.Voice == framelens.VoiceAuthorial {
			c.authorial++
		}
		c.docs[h.ArticleID] = true
	}
	for i := range hits {
		h := &hits[i]
		k := shareKey{h.Outlet, "", h.Lexicon, h.Variable, h.Variant}
		add(k, h)
		for _, ev := range h.Events {
			k.event = ev
			add(k, h)
		}
	}
	// Totals per (outlet, event, variable) and pooled per (event, variable, variant).
	type varKey struct{ outlet, event, lexicon, variable string }
	total := map[varKey]int{}
	pooled := map[shareKey]int{}
	for k, c := range counts {
		total[varKey{k.outlet, k.event, k.lexicon, k.variable}] += c.count
		total[varKey{"", k.event, k.lexicon, k.variable}] += c.count
		pooled[shareKey{"", k.event, k.lexicon, k.variable, k.variant}] += c.count
	}
	out := make([]framelens.VariantShare, 0, len(counts))
	for k, c := range counts {
		n := total[varKey{k.outlet, k.event, k.lexicon, k.variable}]
		np := total[varKey{"", k.event, k.lexicon, k.variable}]
		yp := pooled[shareKey{"", k.event, k.lexicon, k.variable, k.variant}]
		lo, hi := Wilson(c.count, n, Z95)
		s := framelens.VariantShare{
			Outlet: k.outlet, EventID: k.event, Lexicon: k.lexicon, Variable: k.variable, Variant: k.variant,
			Count: c.count, Total: n, Docs: len(c.docs), Authorial: c.authorial,
			Proportion: float64(c.count) / float64(n), Low: lo, High: hi, Alpha0: alpha0,
		}
		// A variant with every pooled hit of its variable has nothing to
		// be contrasted with: its prior αw equals α0, the log-odds
		// denominators are 0 and zeta would be NaN. Zeta stays 0.
		if np > n && yp < np {
			alpha := alpha0 * float64(yp) / float64(np)
			_, _, s.Zeta = LogOdds(float64(c.count), float64(n), float64(yp-c.count), float64(np-n), alpha, alpha0, false)
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(x, y framelens.VariantShare) int {
		return cmp.Or(cmp.Compare(x.Outlet, y.Outlet), cmp.Compare(x.EventID, y.EventID),
			cmp.Compare(order[x.Lexicon+"/"+x.Variable+"/"+x.Variant], order[y.Lexicon+"/"+y.Variable+"/"+y.Variant]),
			cmp.Compare(x.Variant, y.Variant))
	})
	return out
}
