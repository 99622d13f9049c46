package analyze

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/framelens/framelens"
)

// ConcordanceConfig tunes the concordance. The zero value uses the
// defaults.
type ConcordanceConfig struct {
	// Width is the context shown on each side of a match, in characters,
	// never crossing a paragraph break (default 80).
	Width int
	// TopTerms is how many of each outlet's most distinctive terms (outlet
	// against the rest, in each scope) get lines (default 10).
	TopTerms int
	// MaxLines bounds the lines of one term for one outlet in one scope,
	// taken in article order (default 200). Lexicon hits are never capped.
	MaxLines int
}

func (c ConcordanceConfig) withDefaults() ConcordanceConfig {
	if c.Width <= 0 {
		c.Width = 80
	}
	if c.TopTerms <= 0 {
		c.TopTerms = 10
	}
	if c.MaxLines <= 0 {
		c.MaxLines = 200
	}
	return c
}

// Concordance builds the KWIC table with the default configuration.
var Concordance = NewConcordance(ConcordanceConfig{})

// NewConcordance returns the concordance analyzer; its result is a
// *ConcordanceResult.
//
// It writes one line for every lexicon hit (Source "variable" or "hedge",
// ID equal to the hit's ConcordanceID) and one for every occurrence of each
// outlet's top distinctive terms (Source "term") in that outlet's articles,
// so that every figure of the summary can be read back in its sentences
// (wording.md §1.5: always pair scores with KWIC lines).
func NewConcordance(cfg ConcordanceConfig) *Analyzer {
	cfg = cfg.withDefaults()
	return &Analyzer{
		Name:     "concordance",
		Doc:      "KWIC lines for every lexicon hit and every top distinctive term, with article and offsets",
		Requires: []*Analyzer{Events, Lexical, Keyness},
		Run: func(pass *Pass) (any, error) {
			return buildConcordance(pass.Articles, resultOf[*EventAlignment](pass),
				resultOf[*LexicalResult](pass), resultOf[*KeynessResult](pass), cfg), nil
		},
	}
}

// A ConcordanceResult is the result of the Concordance analyzer.
type ConcordanceResult struct {
	// Lines are ordered by article (pass order), then position, source and
	// key.
	Lines []framelens.ConcordanceLine
}

// Select returns the lines of one figure: source and key as in
// ConcordanceLine, the outlet, and the event ("" for all of the outlet's
// lines).
func (r *ConcordanceResult) Select(source, key, outlet, event string) []framelens.ConcordanceLine {
	var out []framelens.ConcordanceLine
	for _, l := range r.Lines {
		if l.Source == source && l.Key == key && l.Outlet == outlet && (event == "" || slices.Contains(l.Events, event)) {
			out = append(out, l)
		}
	}
	return out
}

func buildConcordance(articles []framelens.Article, al *EventAlignment, lex *LexicalResult, key *KeynessResult, cfg ConcordanceConfig) *ConcordanceResult {
	res := &ConcordanceResult{}
	// Which terms each outlet needs lines for, and their longest order.
	wanted := map[string]map[string]map[string]int{} // outlet -> term -> scope -> lines so far
	maxN := 0
	if key != nil {
		for _, r := range key.Rows {
			if r.GroupB != "rest" || r.Rank < 1 || r.Rank > cfg.TopTerms {
				continue
			}
			w := wanted[r.GroupA]
			if w == nil {
				w = map[string]map[string]int{}
				wanted[r.GroupA] = w
			}
			if w[r.Term] == nil {
				w[r.Term] = map[string]int{}
			}
			w[r.Term][r.EventID] = 0
			maxN = max(maxN, r.N)
		}
	}
	var hits []framelens.LexicalHit
	if lex != nil {
		hits = lex.Hits
	}
	h := 0 // next lexical hit; hits are in article order
	var d tokText
	var buf []byte
	var lines []framelens.ConcordanceLine
	for i := range articles {
		a := &articles[i]
		lines = lines[:0]
		var ix *framelens.RuneIndex
		var sents []Sentence
		prepare := func() {
			if ix == nil {
				ix = framelens.NewRuneIndex(a.Text)
				sents = Sentences(a.Text)
			}
		}
		for ; h < len(hits) && hits[h].ArticleID == a.ID; h++ {
			hit := &hits[h]
			prepare()
			key := hit.Variable + "/" + hit.Variant
			if hit.Lexicon == LexiconHedge {
				key = hit.Variant
			}
			lines = append(lines, kwic(a, ix, hit.Span, hit.Lexicon, key, hit.Sentence, cfg.Width))
		}
		events := al.EventIDs(i)
		if w := wanted[a.Outlet]; w != nil && a.DuplicateOf == "" {
			d.reset(a.Text)
			forEachNgram(&d, maxN, &buf, func(n, last int, gram []byte) {
				scopes := w[string(gram)]
				if scopes == nil {
					return
				}
				take := false
				for k := -1; k < len(events); k++ {
					ev := ""
					if k >= 0 {
						ev = events[k]
					}
					if c, ok := scopes[ev]; ok && c < cfg.MaxLines {
						scopes[ev] = c + 1
						take = true
					}
				}
				if !take {
					return
				}
				term := string(gram)
				prepare()
				bs, be := int(d.toks[last-n+1].Start), int(d.toks[last].End)
				lines = append(lines, kwic(a, ix, ix.Span(bs, be), "term", term, sentenceOf(sents, bs), cfg.Width))
			})
		}
		for k := range lines {
			lines[k].Events = events
		}
		slices.SortStableFunc(lines, func(x, y framelens.ConcordanceLine) int {
			return cmp.Or(cmp.Compare(x.Span.Start, y.Span.Start), cmp.Compare(x.Source, y.Source), cmp.Compare(x.Key, y.Key))
		})
		res.Lines = append(res.Lines, lines...)
	}
	return res
}

// kwic builds the concordance line of span s in article a.
func kwic(a *framelens.Article, ix *framelens.RuneIndex, s framelens.Span, source, key string, sentence, width int) framelens.ConcordanceLine {
	bs, be := ix.Byte(s.Start), ix.Byte(s.End)
	left := a.Text[:bs]
	if k := strings.LastIndexByte(left, '\n'); k >= 0 {
		left = left[k+1:]
	}
	for k, n := len(left), 0; k > 0; n++ {
		if n == width {
			left = left[k:]
			break
		}
		_, size := utf8.DecodeLastRuneInString(left[:k])
		k -= size
	}
	right := a.Text[be:]
	if k := strings.IndexByte(right, '\n'); k >= 0 {
		right = right[:k]
	}
	n := 0
	for k := range right {
		if n == width {
			right = right[:k]
			break
		}
		n++
	}
	return framelens.ConcordanceLine{
		ID: concordanceID(source, a.ID, s), ArticleID: a.ID, Outlet: a.Outlet,
		Source: source, Key: key, Span: s,
		Left: left, Match: a.Text[bs:be], Right: right, Sentence: sentence,
	}
}
