package analyze

import "github.com/framelens/framelens"

// This file holds the attribution forms with their own grammar: agentless
// ("it was stressed that"), mediated ("TASS quoted her as saying") and
// "according to X" (CODEBOOK.md §2).
// lastInSentence returns the last attribution recorded in sentence s.
func (x *AttributionExtractor) lastInSentence(s int) *rawAttr {
	for k := len(x.raw) - 1; k >= 0; k-- {
		if x.raw[k].sent == s {
			return &x.raw[k]
		}
		if x.raw[k].sent < s {
			break
		}
	}
	return nil
}

// agentless handles "it was stressed (in the statement) that C".
func (x *AttributionExtractor) agentless(end, hi int, r rawAttr) bool {
	k, _, marker := x.skipAdverbials(end, hi, r.lemma)
	if marker != "that" && marker != ":" && marker != "quote" {
		return false
	}
	r.kind = framelens.Agentless
	r.spk = speakerRef{span: [2]int{-1, -1}, actor: -1, kind: framelens.SpeakerImplicit, side: framelens.SideUnknown}
	r.conf = 0.6
	n := len(x.raw)
	if !x.forward(k, hi, r, marker == "quote") {
		return false
	}
	// forward may report a match yet emit nothing (an empty quotation);
	// only an attribution it emitted may be relabelled.
	if len(x.raw) == n {
		return true
	}
	if last := &x.raw[len(x.raw)-1]; last.kind != framelens.Direct {
		last.kind = framelens.Agentless
	}
	return true
}

// mediated handles "O quoted X as saying C", "X was quoted by O as saying
// C" and "O cited X as saying C": the speaker is X, O goes to Via.
func (x *AttributionExtractor) mediated(end, j, lo, hi int, passive bool, r rawAttr) bool {
	var sa, sb int
	via := ""
	k := end
	if passive {
		a, ok := x.leftNP(j, lo)
		if !ok || !x.plausible(a, j+1) {
			return false
		}
		sa, sb = a, j+1
		if x.word(k) == "by" {
			e := k + 1
			for e < hi && e < k+7 && x.toks[e].kind == atWord && x.word(e) != "as" {
				e++
			}
			if e == k+1 || x.word(e) != "as" {
				return false
			}
			via = x.text[x.toks[k+1].start:x.toks[e-1].end]
			k = e
		}
	} else {
		a, ok := x.leftNP(j, lo)
		if !ok || !x.plausible(a, j+1) {
			return false
		}
		via = x.text[x.toks[a].start:x.toks[j].end]
		e, ok := x.rightNP(k, hi)
		if !ok {
			return false
		}
		sa, sb = k, e
		k = e
	}
	if x.word(k) != "as" || k+1 >= hi {
		return false
	}
	f, n, ok := x.cues.match(x.toks, k+1)
	if !ok || !f.ing {
		return false
	}
	for m := k + 1; m < k+1+n; m++ {
		x.usedCue[m] = true
	}
	r.spk = x.resolve(sa, sb)
	r.via = via
	before := lo - 1
	if passive {
		before = sa - 1
	} else if a, _ := x.leftNP(j, lo); a > lo {
		before = a - 1
	}
	return x.attach(before, k+1+n, lo, hi, false, r, false)
}

// accordingTo handles "according to X, C", "C, according to X" and
// "which, according to X, C".
func (x *AttributionExtractor) accordingTo(i, end, lo, hi int, r rawAttr) bool {
	e, ok := x.rightNP(end, hi)
	if !ok {
		return false
	}
	r.kind = framelens.AccordingTo
	r.spk = x.resolve(end, e)
	if v := x.outletName(end, e); v != "" {
		r.via = v
	}
	var c [2]int
	switch {
	case i == lo || i == lo+1 && x.toks[lo].kind == atWord && x.toks[lo].upper && x.word(lo) == "but":
		// According to X, C.
		c = x.trimContent(e, x.cutContent(e, hi))
	case e >= hi || x.clauseEnds(e, hi) && (e+1 >= hi || x.toks[e].lower != ","):
		// C, according to X.
		c = x.trimContent(lo, i)
	default:
		// "..., which, according to X, C": the clause after the phrase.
		c = x.trimContent(e, x.cutContent(e, hi))
		if i-1 > lo && x.toks[i-1].lower == "," && !atClauseBreak[x.word(i-2)] {
			c = x.trimContent(lo, hi)
		}
	}
	if c[1] <= c[0] {
		return false
	}
	r.content = c
	for q := range x.quotes {
		if p := &x.quotes[q]; p.open >= c[0] && p.close <= c[1] && !p.used {
			p.used = true
		}
	}
	x.emit(r)
	return true
}
