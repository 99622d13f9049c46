package analyze

import (
	"encoding/json"
	"math"
	"os"
	"sort"
	"strings"
	"testing"
)

type keynessVectors struct {
	WigderUninformed      fightCase `json:"wigder_uninformed"`
	WigderInformedUniform fightCase `json:"wigder_informed_uniform"`
	WigderInformedVector  fightCase `json:"wigder_informed_vector"`
	ScattertextFull       struct {
		Cat, Ncat   []float64
		Alpha       float64
		Zeta, Score []float64
	} `json:"scattertext_full"`
	Quanteda struct {
		F1, N1, F2, N2 float64
		Chi2           float64 `json:"chi2"`
		Chi2Williams   float64 `json:"chi2_williams"`
		G2             float64 `json:"g2"`
		G2Williams     float64 `json:"g2_williams"`
	}
	AntConc struct {
		F1, N1, F2, N2 float64
		G2             float64 `json:"g2"`
		LogRatio       float64 `json:"log_ratio"`
	} `json:"antconc"`
	Golden struct {
		Texts              map[string][]string
		N                  map[string]int
		VocabAB            int     `json:"vocab_ab"`
		Vocab              int     `json:"vocab"`
		JSDAB              float64 `json:"jsd_ab"`
		DeltaDestroyPooled float64 `json:"delta_destroy_pooled"`
		Rows               []struct {
			Terms   []string
			A, B    float64
			Z01     float64 `json:"z01"`
			Z01Full float64 `json:"z01full"`
			ZPooled float64 `json:"zpooled"`
			ZA10    float64 `json:"za10"`
			G2      float64 `json:"g2"`
			LR      float64 `json:"lr"`
			JSD     float64 `json:"jsd"`
		}
	}
}

type fightCase struct {
	DocsI         []string           `json:"docs_i"`
	DocsJ         []string           `json:"docs_j"`
	Prior         float64            `json:"prior"`
	PriorOverride map[string]float64 `json:"prior_override"`
	Zeta          map[string]float64 `json:"zeta"`
}

func mustVectors(tb testing.TB) *keynessVectors {
	tb.Helper()
	data, err := os.ReadFile("testdata/wording/keyness_vectors.json")
	if err != nil {
		tb.Fatal(err)
	}
	var v keynessVectors
	if err := json.Unmarshal(data, &v); err != nil {
		tb.Fatal(err)
	}
	return &v
}

// countWords counts the countable tokens of docs in their matching form.
func countWords(docs []string) (map[string]float64, float64) {
	counts := make(map[string]float64)
	var n float64
	for _, d := range docs {
		for _, t := range Tokens(d) {
			if t.isCountable() {
				counts[Norm(d[t.Start:t.End])]++
				n++
			}
		}
	}
	return counts, n
}

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

func TestLogOddsFightinWords(t *testing.T) {
	v := mustVectors(t)
	for name, c := range map[string]fightCase{
		"WigderUninformed":      v.WigderUninformed,
		"WigderInformedUniform": v.WigderInformedUniform,
		"WigderInformedVector":  v.WigderInformedVector,
	} {
		t.Run(name, func(t *testing.T) {
			expand := func(docs []string) []string {
				out := make([]string, len(docs))
				for i, d := range docs {
					out[i] = strings.ReplaceAll(d, "@VERY1000@", strings.Repeat("very ", 1000))
				}
				return out
			}
			ci, ni := countWords(expand(c.DocsI))
			cj, nj := countWords(expand(c.DocsJ))
			vocab := map[string]bool{}
			for w := range ci {
				vocab[w] = true
			}
			for w := range cj {
				vocab[w] = true
			}
			prior := func(w string) float64 {
				if a, ok := c.PriorOverride[w]; ok {
					return a
				}
				return c.Prior
			}
			var words []string
			for w := range vocab {
				words = append(words, w)
			}
			sort.Strings(words) // sum the prior in a fixed order
			var alpha0 float64
			for _, w := range words {
				alpha0 += prior(w)
			}
			if len(c.Zeta) != len(vocab) {
				t.Fatalf("vocabulary has %d terms, vectors %d", len(vocab), len(c.Zeta))
			}
			for w, want := range c.Zeta {
				_, _, z := LogOdds(ci[w], ni, cj[w], nj, prior(w), alpha0, false)
				if !near(z, want, 1e-12) {
					t.Errorf("LogOdds(%q).zeta = %.16g, want %.16g", w, z, want)
				}
			}
		})
	}
}

func TestLogOddsScattertextFullVariance(t *testing.T) {
	s := mustVectors(t).ScattertextFull
	var ni, nj float64
	for i := range s.Cat {
		ni += s.Cat[i]
		nj += s.Ncat[i]
	}
	alpha0 := s.Alpha * float64(len(s.Cat))
	for i := range s.Cat {
		_, _, z := LogOdds(s.Cat[i], ni, s.Ncat[i], nj, s.Alpha, alpha0, true)
		if !near(z, s.Zeta[i], 5e-7) {
			t.Errorf("LogOdds(cat=%v).zeta = %.7f, want %.7f", s.Cat[i], z, s.Zeta[i])
		}
		// scattertext publishes -(2Φ(ζ)-1).
		if score := -(2*NormalCDF(z) - 1); !near(score, s.Score[i], 5e-8) {
			t.Errorf("score(cat=%v) = %.8f, want %.7f", s.Cat[i], score, s.Score[i])
		}
	}
}

func TestG2Quanteda(t *testing.T) {
	q := mustVectors(t).Quanteda
	w := Williams(q.F1, q.N1, q.F2, q.N2)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"chi2", Chi2(q.F1, q.N1, q.F2, q.N2), q.Chi2},
		{"chi2/q", Chi2(q.F1, q.N1, q.F2, q.N2) / w, q.Chi2Williams},
		{"G2", G2(q.F1, q.N1, q.F2, q.N2), q.G2},
		{"G2/q", G2(q.F1, q.N1, q.F2, q.N2) / w, q.G2Williams},
	} {
		if !near(c.got, c.want, 5e-7) {
			t.Errorf("%s = %.7f, want %.6f", c.name, c.got, c.want)
		}
	}
	a := mustVectors(t).AntConc
	if g := G2(a.F1, a.N1, a.F2, a.N2); !near(g, a.G2, 5e-7) {
		t.Errorf("G2(antconc) = %.7f, want %.6f", g, a.G2)
	}
	if lr := LogRatio(a.F1, a.N1, a.F2, a.N2); !near(lr, a.LogRatio, 5e-7) {
		t.Errorf("LogRatio(antconc) = %.7f, want %.6f", lr, a.LogRatio)
	}
	if g := G2(a.F2, a.N2, a.F1, a.N1); !near(g, -a.G2, 5e-7) {
		t.Errorf("G2(antconc reversed) = %.7f, want %.6f", g, -a.G2)
	}
}

func TestGoldenTable(t *testing.T) {
	g := mustVectors(t).Golden
	counts := map[string]map[string]float64{}
	n := map[string]float64{}
	vocab := map[string]bool{}
	for _, k := range []string{"A", "B", "C"} {
		counts[k], n[k] = countWords(g.Texts[k])
		if int(n[k]) != g.N[k] {
			t.Errorf("n%s = %v, want %d", k, n[k], g.N[k])
		}
		for w := range counts[k] {
			vocab[w] = true
		}
	}
	vab := map[string]bool{}
	for w := range counts["A"] {
		vab[w] = true
	}
	for w := range counts["B"] {
		vab[w] = true
	}
	if len(vab) != g.VocabAB || len(vocab) != g.Vocab {
		t.Fatalf("|V(A∪B)| = %d, |V| = %d, want %d, %d", len(vab), len(vocab), g.VocabAB, g.Vocab)
	}
	nA, nB := n["A"], n["B"]
	a0 := 0.01 * float64(len(vab))
	var jsd float64
	for w := range vab {
		jsd += JSDTerm(counts["A"][w]/nA, counts["B"][w]/nB)
	}
	if !near(jsd, g.JSDAB, 5e-7) {
		t.Errorf("JSD(A,B) = %.7f, want %.6f", jsd, g.JSDAB)
	}
	pooled := func(w string) float64 { return counts["A"][w] + counts["B"][w] }
	if d, _, _ := LogOdds(1, nA, 0, nB, pooled("destroy"), nA+nB, false); !near(d, g.DeltaDestroyPooled, 5e-7) {
		t.Errorf("delta(destroy, pooled) = %.7f, want %.6f", d, g.DeltaDestroyPooled)
	}
	const tol = 5e-5
	for _, r := range g.Rows {
		for _, w := range r.Terms {
			ya, yb := counts["A"][w], counts["B"][w]
			if ya != r.A || yb != r.B {
				t.Errorf("%s: counts %v/%v, want %v/%v", w, ya, yb, r.A, r.B)
				continue
			}
			_, _, z01 := LogOdds(ya, nA, yb, nB, 0.01, a0, false)
			_, _, z01f := LogOdds(ya, nA, yb, nB, 0.01, a0, true)
			_, _, zp := LogOdds(ya, nA, yb, nB, pooled(w), nA+nB, false)
			_, _, z10 := LogOdds(ya, nA, yb, nB, 10*pooled(w)/(nA+nB), 10, false)
			for _, c := range []struct {
				name      string
				got, want float64
			}{
				{"z .01", z01, r.Z01}, {"z .01 full", z01f, r.Z01Full}, {"z pooled", zp, r.ZPooled},
				{"z α0=10", z10, r.ZA10}, {"G2", G2(ya, nA, yb, nB), r.G2},
				{"log2 LR", LogRatio(ya, nA, yb, nB), r.LR},
				{"JSD", JSDTerm(ya/nA, yb/nB), r.JSD},
			} {
				if !near(c.got, c.want, tol) {
					t.Errorf("%s: %s = %.5f, want %.4f", w, c.name, c.got, c.want)
				}
			}
		}
	}
}

func TestBH(t *testing.T) {
	// Worked by hand: m = 5, sorted p = .01 .02 .03 .04 .5 -> p·m/k = .05 .05 .05 .05 .5.
	p := []float64{0.04, 0.5, 0.01, 0.03, 0.02}
	want := []float64{0.05, 0.5, 0.05, 0.05, 0.05}
	got := BH(p)
	for i := range p {
		if !near(got[i], want[i], 1e-15) {
			t.Errorf("BH(%v)[%d] = %v, want %v", p, i, got[i], want[i])
		}
	}
	// A large p early in rank order is lowered to the minimum above it.
	got = BH([]float64{0.001, 0.9, 0.02})
	want = []float64{0.003, 0.9, 0.03}
	for i := range got {
		if !near(got[i], want[i], 1e-15) {
			t.Errorf("BH[%d] = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestWilson(t *testing.T) {
	// 8 of 10 at 95 %: (0.4901625, 0.9433178), a textbook example.
	lo, hi := Wilson(8, 10, Z95)
	if !near(lo, 0.4901625, 5e-7) || !near(hi, 0.9433178, 5e-7) {
		t.Errorf("Wilson(8, 10) = (%.7f, %.7f), want (0.4901625, 0.9433178)", lo, hi)
	}
}
