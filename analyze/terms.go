package analyze

import (
	"cmp"
	"slices"

	"github.com/framelens/framelens"
)

// TermsConfig tunes term counting. The zero value uses the defaults.
type TermsConfig struct {
	// MaxN is the longest n-gram counted (default 3; at most 3).
	MaxN int
	// MinDF: terms found in fewer articles of the whole corpus are not
	// counted at all, and terms found in fewer articles of a group are left
	// out of that group's published counts (default 2). The group totals
	// (TermCount.Tokens) always count every n-gram.
	MinDF int
}

func (c TermsConfig) withDefaults() TermsConfig {
	if c.MaxN <= 0 || c.MaxN > 3 {
		c.MaxN = 3
	}
	if c.MinDF <= 0 {
		c.MinDF = 2
	}
	return c
}

// Terms counts 1- to 3-grams per outlet × event and per outlet.
var Terms = NewTerms(TermsConfig{})

// NewTerms returns a term-counting analyzer; its result is a *TermTable.
//
// Counting follows wording.md §1.3: both token frequency and document
// frequency, for n-grams, not only words. An n-gram is a run of n countable
// tokens (words, numbers, dotted abbreviations) in matching form, joined by
// spaces; it never spans punctuation or a line break, so "pull out" is
// counted in "to pull out of" but not across "pull. Out". Duplicate articles
// (DuplicateOf set) are not counted. An article counts in the group of its
// outlet overall (event "") and in the group of each event it covers.
func NewTerms(cfg TermsConfig) *Analyzer {
	cfg = cfg.withDefaults()
	return &Analyzer{
		Name:     "terms",
		Doc:      "token and document frequencies of 1- to 3-grams per outlet x event and per outlet",
		Requires: []*Analyzer{Events},
		Run: func(pass *Pass) (any, error) {
			al := resultOf[*EventAlignment](pass)
			return countTerms(pass.Articles, al, cfg), nil
		},
	}
}

// A TermTable is the result of the Terms analyzer.
type TermTable struct {
	// Counts are the published rows (DF >= MinDF), ordered by outlet, event
	// ("" first), n, descending TF, then term.
	Counts []framelens.TermCount

	maxN   int
	vocab  map[string]uint32
	terms  []string // term ID -> text
	termN  []uint8  // term ID -> n-gram order
	groups map[groupKey]*termGroup
}

type groupKey struct{ outlet, event string }

type tfdf struct{ tf, df int32 }

type termGroup struct {
	freq map[uint32]tfdf
	// tokens[n] is the number of n-grams of order n; docs the articles.
	tokens [4]int
	docs   int
}

func (g *termGroup) add(ids []uint32, tokens *[4]int) {
	for k := 0; k < len(ids); {
		j := k + 1
		for j < len(ids) && ids[j] == ids[k] {
			j++
		}
		f := g.freq[ids[k]]
		f.tf += int32(j - k)
		f.df++
		g.freq[ids[k]] = f
		k = j
	}
	for n := range tokens {
		g.tokens[n] += tokens[n]
	}
	g.docs++
}

func countTerms(articles []framelens.Article, al *EventAlignment, cfg TermsConfig) *TermTable {
	tt := &TermTable{maxN: cfg.MaxN, groups: make(map[groupKey]*termGroup)}
	vocab := make(map[string]uint32)
	tt.vocab = vocab
	group := func(k groupKey) *termGroup {
		g := tt.groups[k]
		if g == nil {
			g = &termGroup{freq: make(map[uint32]tfdf)}
			tt.groups[k] = g
		}
		return g
	}
	var d tokText
	var ids []uint32
	var buf []byte
	// Pass 1: the n-grams found in at least MinDF articles of the corpus,
	// by hash. Only those are interned and counted in pass 2: most n-grams
	// occur once, and interning them all would take gigabytes at 10^5
	// articles. (A hash collision can only let a rare n-gram through.)
	var hashes []uint64
	for i := range articles {
		if articles[i].DuplicateOf != "" {
			continue
		}
		d.reset(articles[i].Text)
		start := len(hashes)
		forEachNgram(&d, cfg.MaxN, &buf, func(_, _ int, gram []byte) {
			hashes = append(hashes, fnv64(gram))
		})
		mine := hashes[start:]
		slices.Sort(mine)
		hashes = hashes[:start+len(slices.Compact(mine))]
	}
	slices.Sort(hashes)
	frequent := make(map[uint64]struct{})
	for k := 0; k < len(hashes); {
		j := k + 1
		for j < len(hashes) && hashes[j] == hashes[k] {
			j++
		}
		if j-k >= cfg.MinDF {
			frequent[hashes[k]] = struct{}{}
		}
		k = j
	}
	hashes = nil
	for i := range articles {
		a := &articles[i]
		if a.DuplicateOf != "" {
			continue
		}
		d.reset(a.Text)
		ids = ids[:0]
		var tokens [4]int
		forEachNgram(&d, cfg.MaxN, &buf, func(n, _ int, gram []byte) {
			tokens[n]++
			if _, ok := frequent[fnv64(gram)]; !ok {
				return
			}
			id, ok := vocab[string(gram)]
			if !ok {
				id = uint32(len(tt.terms))
				s := string(gram)
				vocab[s] = id
				tt.terms = append(tt.terms, s)
				tt.termN = append(tt.termN, uint8(n))
			}
			ids = append(ids, id)
		})
		slices.Sort(ids)
		group(groupKey{a.Outlet, ""}).add(ids, &tokens)
		for _, ev := range al.EventIDs(i) {
			group(groupKey{a.Outlet, ev}).add(ids, &tokens)
		}
	}
	for _, k := range tt.keys() {
		g := tt.groups[k]
		start := len(tt.Counts)
		for id, f := range g.freq {
			if int(f.df) < cfg.MinDF {
				continue
			}
			n := int(tt.termN[id])
			tt.Counts = append(tt.Counts, framelens.TermCount{
				Outlet: k.outlet, EventID: k.event, N: n, Term: tt.terms[id],
				TF: int(f.tf), DF: int(f.df), Tokens: g.tokens[n], Docs: g.docs,
			})
		}
		slices.SortFunc(tt.Counts[start:], func(x, y framelens.TermCount) int {
			return cmp.Or(cmp.Compare(x.N, y.N), cmp.Compare(y.TF, x.TF), cmp.Compare(x.Term, y.Term))
		})
	}
	return tt
}

// keys returns the group keys ordered by outlet, then event ("" first).
func (tt *TermTable) keys() []groupKey {
	keys := make([]groupKey, 0, len(tt.groups))
	for k := range tt.groups {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y groupKey) int {
		return cmp.Or(cmp.Compare(x.outlet, y.outlet), cmp.Compare(x.event, y.event))
	})
	return keys
}

// Count returns the token and document frequency of term in the outlet's
// articles of the event ("" for all), and the group's n-gram and article
// totals for the term's order.
func (tt *TermTable) Count(outlet, event, term string) (tf, df, tokens, docs int) {
	g := tt.groups[groupKey{outlet, event}]
	if g == nil {
		return 0, 0, 0, 0
	}
	id, ok := tt.vocab[term]
	n := len(splitSpaces(term))
	if ok {
		f := g.freq[uint32(id)]
		tf, df = int(f.tf), int(f.df)
	}
	if n > 3 {
		return tf, df, 0, g.docs
	}
	return tf, df, g.tokens[n], g.docs
}

func splitSpaces(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			if i > start {
				out = append(out, s[start:i])
			}
			start = i + 1
		}
	}
	return out
}

// forEachNgram calls fn with every n-gram of order 1..maxN of d, in text
// order, as its matching forms joined by spaces (the bytes are reused), and
// the index of its last token. A run of countable tokens ends at
// punctuation and at line breaks.
func forEachNgram(d *tokText, maxN int, buf *[]byte, fn func(n, last int, gram []byte)) {
	runStart := 0
	for i := range d.toks {
		t := d.toks[i]
		if !t.isCountable() {
			runStart = i + 1
			continue
		}
		if i > runStart && hasNewline(d.text[d.toks[i-1].End:t.Start]) {
			runStart = i
		}
		for n := 1; n <= maxN && i-n+1 >= runStart; n++ {
			b := (*buf)[:0]
			for k := i - n + 1; k <= i; k++ {
				if k > i-n+1 {
					b = append(b, ' ')
				}
				b = append(b, d.normOf(k)...)
			}
			*buf = b
			fn(n, i, b)
		}
	}
}

func hasNewline(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return true
		}
	}
	return false
}

// resultOf returns the result of type T among the pass's required
// analyzers, or the zero T. Looking results up by type rather than by
// analyzer lets a caller swap in an analyzer built with another config
// (NewTerms(...)) without touching the analyzers that read it.
func resultOf[T any](pass *Pass) T {
	for _, r := range pass.ResultOf {
		if v, ok := r.(T); ok {
			return v
		}
	}
	var zero T
	return zero
}

// fnv64 is the 64-bit FNV-1a hash of b.
func fnv64(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}
