package analyze

import (
	"math"
	"slices"
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
	return max(0, center-half), min(1, center+half)
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
