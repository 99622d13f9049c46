package analyze

import (
	"cmp"
	"math"
	"slices"

	"github.com/framelens/framelens"
)

// This file holds the keyness statistics of shared/notes/wording.md §2. The
// functions take raw counts so that a notebook can recompute every stored
// figure from the counts in the same row.
//
// Only the standard library is used: the normal and chi-square(1) tail
// probabilities the tests need are both erfc, which math provides to full
// double precision, so gonum's distuv would add a dependency tree for two
// one-line functions. (It would earn its place for LRC, which needs the
// Beta quantile; LRC is not computed here.)

// LogOdds is Monroe, Colaresi & Quinn's (2008) weighted log-odds ratio of a
// term between group i and group j with a Dirichlet prior (wording.md §2.2):
// yi and yj are the term's counts, ni and nj the groups' token totals,
// alphaW the term's prior pseudo-count and alpha0 the prior's total over the
// vocabulary. It returns the point estimate delta, its approximate variance
// and zeta = delta / sqrt(variance). With full set the variance adds the
// complement terms 1/(n+α0−y−αw) of both groups (scattertext); without, it
// is the paper's two-term approximation (Hessel's FightingWords, tidylo).
func LogOdds(yi, ni, yj, nj, alphaW, alpha0 float64, full bool) (delta, variance, zeta float64) {
	ri := ni + alpha0 - yi - alphaW
	rj := nj + alpha0 - yj - alphaW
	delta = math.Log((yi+alphaW)/ri) - math.Log((yj+alphaW)/rj)
	variance = 1/(yi+alphaW) + 1/(yj+alphaW)
	if full {
		variance += 1/ri + 1/rj
	}
	return delta, variance, delta / math.Sqrt(variance)
}

// G2 is the signed 4-term log-likelihood ratio (Dunning 1993; AntConc 4 and
// quanteda "lr" without Williams' correction) for a term seen f1 times in a
// target of n1 tokens and f2 times in a reference of n2 tokens (wording.md
// §2.6). Zero cells contribute 0. The sign is that of O11 − E11: positive
// when the term is relatively more frequent in the target.
func G2(f1, n1, f2, n2 float64) float64 {
	n := n1 + n2
	r1 := f1 + f2
	r2 := n - r1
	cells := [4][3]float64{ // observed, row total, column total
		{f1, r1, n1}, {f2, r1, n2}, {n1 - f1, r2, n1}, {n2 - f2, r2, n2},
	}
	var g float64
	for _, c := range cells {
		if c[0] > 0 {
			g += c[0] * math.Log(c[0]/(c[1]*c[2]/n))
		}
	}
	g *= 2
	if f1 < r1*n1/n {
		g = -g
	}
	return g
}

// Williams returns Williams' correction factor q for the 2×2 table of G2's
// arguments; quanteda divides G² (and χ²) by it by default.
func Williams(f1, n1, f2, n2 float64) float64 {
	a, b, c, d := f1, f2, n1-f1, n2-f2
	n := a + b + c + d
	return 1 + (n/(a+b)+n/(c+d)-1)*(n/(a+c)+n/(b+d)-1)/(6*n)
}

// Chi2 is Pearson's χ² without continuity correction for the same table as
// G2 (unsigned). Yates' correction is deliberately absent (wording.md §2.6).
func Chi2(f1, n1, f2, n2 float64) float64 {
	a, b, c, d := f1, f2, n1-f1, n2-f2
	n := a + b + c + d
	x := a*d - b*c
	return n * x * x / ((a + b) * (c + d) * (a + c) * (b + d))
}

// ChiSquare1P returns the upper tail probability of a chi-square
// distribution with one degree of freedom at x (the p-value of G² or χ²).
func ChiSquare1P(x float64) float64 {
	if x <= 0 {
		return 1
	}
	return math.Erfc(math.Sqrt(x / 2))
}

// NormalCDF returns Φ(z), the standard normal distribution function.
func NormalCDF(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }

// LogRatio is Hardie's Log Ratio, log2 of the ratio of relative
// frequencies, with 0.5 standing in for a zero frequency.
func LogRatio(f1, n1, f2, n2 float64) float64 {
	if f1 == 0 {
		f1 = 0.5
	}
	if f2 == 0 {
		f2 = 0.5
	}
	return math.Log2((f1 / n1) / (f2 / n2))
}

// BH returns Benjamini–Hochberg adjusted p-values (q-values) for p, in the
// same order: q(i) = min over k >= rank(i) of p(k)·m/k, capped at 1.
func BH(p []float64) []float64 {
	m := len(p)
	q := make([]float64, m)
	if m == 0 {
		return q
	}
	order := make([]int, m)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case p[a] < p[b]:
			return -1
		case p[a] > p[b]:
			return 1
		}
		return 0
	})
	prev := 1.0
	for k := m - 1; k >= 0; k-- {
		i := order[k]
		v := min(prev, p[i]*float64(m)/float64(k+1))
		q[i] = v
		prev = v
	}
	return q
}

// Wilson returns the Wilson score interval for k successes in n trials at
// the normal quantile z (1.959963984540054 for 95 %). It returns (0, 1)
// when n is 0.
func Wilson(k, n int, z float64) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	p := float64(k) / float64(n)
	nf := float64(n)
	z2 := z * z
	den := 1 + z2/nf
	center := (p + z2/(2*nf)) / den
	half := z * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf)) / den
	lo, hi = max(0, center-half), min(1, center+half)
	// The exact bounds at k = 0 and k = n are 0 and 1; rounding leaves
	// center−half a few ulps above 0 (an interval that misses p = 0).
	if k <= 0 {
		lo = 0
	}
	if k >= n {
		hi = 1
	}
	return lo, hi
}

// Z95 is the two-sided 95 % standard normal quantile.
const Z95 = 1.959963984540054

// JSDTerm is a term's contribution, in bits, to the Jensen–Shannon
// divergence of two distributions with weights ½ (wording.md §2.7): p and q
// are the term's relative frequencies in each. Contributions are never
// negative and sum to the divergence.
func JSDTerm(p, q float64) float64 {
	m := (p + q) / 2
	return -xlog2x(m) + xlog2x(p)/2 + xlog2x(q)/2
}

func xlog2x(x float64) float64 {
	if x <= 0 {
		return 0
	}
	return x * math.Log2(x)
}

// MethodVersion names the keyness method and its defaults; it goes into
// every KeyTerm row.
const MethodVersion = "mcq2008-pooled-prior-2term-v1"

// KeynessConfig tunes the distinctive-term comparisons. The zero value uses
// the defaults.
type KeynessConfig struct {
	// Alpha0 is the size of the informative Dirichlet prior: αw = Alpha0 ×
	// the term's share of the pooled counts (all outlets in the scope, same
	// n-gram order). Larger values shrink rare-term differences harder
	// (default 1000).
	Alpha0 float64
	// MinCount skips terms seen fewer times in the two groups together, and
	// MinDF terms found in fewer articles of the scope (defaults 3 and 2).
	MinCount int
	MinDF    int
	// Top is the number of terms kept at each end of every comparison, by
	// zeta (default 25): at A's end only terms with zeta > 0, at B's end
	// only terms with zeta < 0. BH q-values are computed over all tested
	// terms.
	Top int
	// Pairs are outlet pairs compared directly, in every scope where both
	// have articles. Nil means every pair of outlets, overall only.
	Pairs [][2]string
	// Full adds the complement terms to the variance (scattertext); the
	// default is the paper's two-term approximation.
	Full bool
}

func (c KeynessConfig) withDefaults() KeynessConfig {
	if c.Alpha0 <= 0 {
		c.Alpha0 = 1000
	}
	if c.MinCount <= 0 {
		c.MinCount = 3
	}
	if c.MinDF <= 0 {
		c.MinDF = 2
	}
	if c.Top <= 0 {
		c.Top = 25
	}
	return c
}

// Keyness finds each outlet's distinctive terms with the default
// configuration.
var Keyness = NewKeyness(KeynessConfig{})

// NewKeyness returns the distinctive-terms analyzer; its result is a
// *KeynessResult.
//
// Each outlet is compared with all other outlets together ("rest") in every
// scope — all articles (event "") and each event's articles — and chosen
// pairs of outlets are compared directly. The statistic is Monroe,
// Colaresi & Quinn's (2008) weighted log-odds with an informative Dirichlet
// prior from the pooled counts of the scope (wording.md §2.2, recommendation
// 1); next to it the signed 4-term G² with its chi-square(1) p-value, the
// Benjamini–Hochberg q-value over the comparison's tested terms and Hardie's
// log ratio (recommendation 2). Each n-gram order is compared against the
// totals of its own order.
func NewKeyness(cfg KeynessConfig) *Analyzer {
	cfg = cfg.withDefaults()
	return &Analyzer{
		Name:     "keyness",
		Doc:      "distinctive terms per outlet: weighted log-odds with an informative Dirichlet prior, signed G2 with BH q-values, log ratio",
		Requires: []*Analyzer{Terms},
		Run: func(pass *Pass) (any, error) {
			tt := resultOf[*TermTable](pass)
			if tt == nil {
				return &KeynessResult{}, nil
			}
			return compareTerms(tt, cfg), nil
		},
	}
}

// A KeynessResult is the result of the Keyness analyzer.
type KeynessResult struct {
	// Rows are ordered by comparison (scope, A, B) and then by Rank: the
	// Top terms of A first, then the Top terms of B from the B end.
	Rows []framelens.KeyTerm
}

// TopTerms returns the outlet's most distinctive terms against the rest in
// the scope (event "" for all articles), best first, at most k.
func (r *KeynessResult) TopTerms(outlet, event string, k int) []string {
	var out []string
	for _, row := range r.Rows {
		if row.GroupA == outlet && row.GroupB == "rest" && row.EventID == event && row.Rank > 0 && row.Rank <= k {
			out = append(out, row.Term)
		}
	}
	return out
}

// denseGroup is one group's counts aligned with a scope's tested terms.
type denseGroup struct {
	f      []tfdf
	tokens [4]int
	docs   int
}

func compareTerms(tt *TermTable, cfg KeynessConfig) *KeynessResult {
	res := &KeynessResult{}
	// Scopes: "" first, then events in name order; outlets per scope.
	scopes := map[string][]string{}
	for _, k := range tt.keys() {
		scopes[k.event] = append(scopes[k.event], k.outlet)
	}
	for _, ev := range slices.Sorted(mapKeys(scopes)) {
		outlets := scopes[ev]
		pooledDF := map[uint32]int32{}
		for _, o := range outlets {
			for id, f := range tt.groups[groupKey{o, ev}].freq {
				pooledDF[id] += f.df
			}
		}
		// Tested terms, in a fixed order so that BH and ties are stable.
		var ids []uint32
		for id, df := range pooledDF {
			if int(df) >= cfg.MinDF {
				ids = append(ids, id)
			}
		}
		pooledDF = nil
		slices.Sort(ids)
		pos := make(map[uint32]int32, len(ids))
		for k, id := range ids {
			pos[id] = int32(k)
		}
		pooled := &denseGroup{f: make([]tfdf, len(ids))}
		groups := make(map[string]*denseGroup, len(outlets))
		for _, o := range outlets {
			g := tt.groups[groupKey{o, ev}]
			dg := &denseGroup{f: make([]tfdf, len(ids)), tokens: g.tokens, docs: g.docs}
			for id, f := range g.freq {
				if k, ok := pos[id]; ok {
					dg.f[k] = f
					pooled.f[k].tf += f.tf
					pooled.f[k].df += f.df
				}
			}
			for n := range g.tokens {
				pooled.tokens[n] += g.tokens[n]
			}
			pooled.docs += g.docs
			groups[o] = dg
		}
		scopeName := ev
		if scopeName == "" {
			scopeName = "all"
		}
		for _, o := range outlets {
			a := groups[o]
			rest := &denseGroup{f: pooled.f, docs: pooled.docs - a.docs}
			for n := range rest.tokens {
				rest.tokens[n] = pooled.tokens[n] - a.tokens[n]
			}
			if rest.docs == 0 {
				continue
			}
			res.Rows = compareGroups(res.Rows, tt, ids, pooled, a, rest, true, cfg, scopeName+"/"+o+"/rest", ev, o, "rest")
		}
		pairs := cfg.Pairs
		if pairs == nil && ev == "" {
			for i, x := range outlets {
				for _, y := range outlets[i+1:] {
					pairs = append(pairs, [2]string{x, y})
				}
			}
		}
		for _, p := range pairs {
			a, b := groups[p[0]], groups[p[1]]
			if a == nil || b == nil {
				continue
			}
			res.Rows = compareGroups(res.Rows, tt, ids, pooled, a, b, false, cfg, scopeName+"/"+p[0]+"/"+p[1], ev, p[0], p[1])
		}
	}
	return res
}

// scored is one tested term of a comparison, before it becomes a KeyTerm.
type scored struct {
	k    int32 // index into the scope's tested terms
	zeta float64
	p    float64
	q    float64
}

// compareGroups scores every tested term of group a against group b and
// appends the KeyTerm rows of the top k terms at each end to dst. When
// bIsRest, b's counts are the pooled counts minus a's.
func compareGroups(dst []framelens.KeyTerm, tt *TermTable, ids []uint32, pooled, a, b *denseGroup, bIsRest bool, cfg KeynessConfig, id, event, ga, gb string) []framelens.KeyTerm {
	counts := func(k int32) (fa, fb tfdf) {
		fa, fb = a.f[k], b.f[k]
		if bIsRest {
			fb.tf -= fa.tf
			fb.df -= fa.df
		}
		return fa, fb
	}
	var rows []scored
	for k, w := range ids {
		fa, fb := counts(int32(k))
		if int(fa.tf+fb.tf) < cfg.MinCount {
			continue
		}
		n := int(tt.termN[w])
		na, nb := float64(a.tokens[n]), float64(b.tokens[n])
		if na == 0 || nb == 0 {
			continue
		}
		alpha := cfg.Alpha0 * float64(pooled.f[k].tf) / float64(pooled.tokens[n])
		ya, yb := float64(fa.tf), float64(fb.tf)
		_, _, zeta := LogOdds(ya, na, yb, nb, alpha, cfg.Alpha0, cfg.Full)
		rows = append(rows, scored{k: int32(k), zeta: zeta, p: ChiSquare1P(math.Abs(G2(ya, na, yb, nb)))})
	}
	p := make([]float64, len(rows))
	for i := range rows {
		p[i] = rows[i].p
	}
	for i, q := range BH(p) {
		rows[i].q = q
	}
	slices.SortFunc(rows, func(x, y scored) int {
		return cmp.Or(cmp.Compare(y.zeta, x.zeta), cmp.Compare(tt.terms[ids[x.k]], tt.terms[ids[y.k]]))
	})
	// A's end holds only terms relatively more frequent in A (zeta > 0) and
	// B's end only those more frequent in B: in a scope with fewer than
	// 2×Top tested terms, taking Top from each end regardless of sign would
	// rank B's words among A's most distinctive.
	nPos, nNeg := 0, 0
	for _, r := range rows {
		switch {
		case r.zeta > 0:
			nPos++
		case r.zeta < 0:
			nNeg++
		}
	}
	top := min(cfg.Top, nPos)
	bottom := len(rows) - min(cfg.Top, nNeg)
	for i, r := range rows {
		if i >= top && i < bottom {
			continue
		}
		fa, fb := counts(r.k)
		w := ids[r.k]
		n := int(tt.termN[w])
		na, nb := float64(a.tokens[n]), float64(b.tokens[n])
		alpha := cfg.Alpha0 * float64(pooled.f[r.k].tf) / float64(pooled.tokens[n])
		ya, yb := float64(fa.tf), float64(fb.tf)
		delta, variance, zeta := LogOdds(ya, na, yb, nb, alpha, cfg.Alpha0, cfg.Full)
		g2 := G2(ya, na, yb, nb)
		kt := framelens.KeyTerm{
			ComparisonID: id, EventID: event, GroupA: ga, GroupB: gb,
			Term: tt.terms[w], N: n,
			TFA: int(fa.tf), TFB: int(fb.tf), NA: a.tokens[n], NB: b.tokens[n],
			DFA: int(fa.df), DFB: int(fb.df), DocsA: a.docs, DocsB: b.docs,
			PriorAlpha: alpha, PriorAlpha0: cfg.Alpha0, PriorSource: "pooled",
			Delta: delta, Var: variance, Zeta: zeta,
			G2: g2, P: r.p, Q: r.q, LogRatio: LogRatio(ya, na, yb, nb),
			MethodVersion: MethodVersion, TokenizerVersion: TokenizerVersion,
		}
		if i < top {
			kt.Rank = i + 1
		} else {
			kt.Rank = -(len(rows) - i)
		}
		dst = append(dst, kt)
	}
	return dst
}
