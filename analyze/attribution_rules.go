package analyze

import (
	"sort"
	"strings"

	"github.com/framelens/framelens"
)

// This file holds the attribution patterns, one method per shape, all keyed
// on a reporting-verb cue found by the lexicon (CODEBOOK.md §2-3,
// shared/notes/attribution.md §5):
//
//	X said (that) C / X told reporters C / X said: "Q"     forward content
//	"Q," X said / "Q," said X / C, X said.                 backward content
//	"Q1," X said, "Q2"                                     split quotation
//	C1, X claimed, C2                                      parenthetical
//	X said C, adding that C2                               participle chain
//	it was stressed that C                                 agentless
//	O quoted X as saying C / X was quoted by O as saying   mediated
//	according to X, C / C, according to X                  according_to

// insideQuote reports whether byte offset pos lies inside a quotation.
func (x *AttributionExtractor) insideQuote(pos int) bool {
	k := sort.Search(len(x.quotes), func(i int) bool { return x.quotes[i].open >= pos })
	return k > 0 && x.quotes[k-1].close > pos
}

// cue tries every pattern on the cue at tokens [i, i+n) and reports whether
// it produced an attribution.
func (x *AttributionExtractor) cue(i, n int, f cueForm) bool {
	lo, hi := x.sentRange(i)
	end := i + n
	base := rawAttr{
		sent:    x.toks[i].sent,
		cue:     [2]int{x.toks[i].start, x.toks[end-1].end},
		lemma:   f.lemma,
		class:   f.class,
		conf:    0.8,
		cueText: x.text[x.toks[i].start:x.toks[end-1].end],
	}
	if f.lemma == "according to" {
		return x.accordingTo(i, end, lo, hi, base)
	}
	x.curClass = f.class
	// A determiner or possessive before the form makes it a noun ("the
	// report", "Moscow's claims").
	if i > lo {
		if p := x.toks[i-1]; p.kind == atWord && (atDeterminers[p.lower] || strings.HasSuffix(p.lower, "'s") || strings.HasSuffix(p.lower, "’s")) {
			return false
		}
	}
	// The verb group to the left: auxiliaries, adverbs, negation.
	j, be := i-1, false
	for j >= lo && x.toks[j].kind == atWord {
		w := x.toks[j].lower
		switch {
		case atModals[w]:
			// "would respond", "will answer": a future act, not a report.
			return false
		case atNegators[w]:
			base.negated = true
		case atBe[w]:
			be = true
		case atVerbGroup[w], strings.HasSuffix(w, "ly") && len(w) > 4 && !x.toks[j].upper:
		case w == "to" && j-1 >= lo && atNegators[x.word(j-1)]:
		case atWeekdays[w] && x.word(j-1) == "on":
			j--
		case (w == "week" || w == "month" || w == "year") && (x.word(j-1) == "this" || x.word(j-1) == "last"):
			j--
		default:
			goto done
		}
		j--
	}
done:
	if f.class == framelens.Mediated && !(f.ing && j >= lo && x.toks[j].lower == ",") {
		return x.mediated(end, j, lo, hi, be, base)
	}
	if be && !f.ing {
		if x.word(j) == "it" {
			return x.agentless(end, hi, base)
		}
		return false
	}
	if f.ing || x.word(j) == "and" || j >= lo && j > lo && x.toks[j].lower == "," && !x.plausibleAfter(end, hi) && x.subjectAt(lo, hi) > lo && !x.hasAside(j, lo) {
		// "..., adding that C", "and noted that C", "X displays Y, says
		// C": the speaker of the clause.
		if j >= lo && f.ing && x.toks[j].kind == atWord && x.toks[j].lower != "and" {
			// "with the US accusing Russia of ...": the absolute
			// construction names its own speaker.
			a, ok := x.leftNP(j, lo)
			if !ok || !x.plausible(a, j+1) || a == lo || (x.word(a-1) != "with" && x.word(a-1) != "and") {
				return false
			}
			base.spk = x.resolve(a, j+1)
			k, via, marker := x.skipAdverbials(end, hi, f.lemma)
			if via != "" {
				base.via = via
			}
			if marker == "," || marker == "none" {
				return false
			}
			return x.forward(k, hi, base, marker == "quote")
		}
		if j < lo || (x.toks[j].lower != "," && x.toks[j].lower != "and") {
			return false
		}
		if prev := x.lastInSentence(base.sent); prev != nil {
			base.spk = prev.spk
			base.via = prev.via
		} else if e := x.subjectAt(lo, hi); e > lo {
			base.spk = x.resolve(lo, e)
		} else {
			return false
		}
		k, via, marker := x.skipAdverbials(end, hi, f.lemma)
		if via != "" {
			base.via = via
		}
		if marker == "," || marker == "none" {
			return false
		}
		if marker == "" && (x.demonstrative(f) || x.finiteAt(k)) {
			return false
		}
		return x.forward(k, hi, base, marker == "quote")
	}
	if f.docOnly && (j < lo || !atDocuments[x.word(j)]) {
		return false
	}

	// The speaker: left of the verb, behind an aside, or after the verb.
	sa, sb, inverted := -1, -1, false
	if j >= lo && x.toks[j].kind == atWord {
		if a, ok := x.leftNP(j, lo); ok && x.plausible(a, j+1) {
			sa, sb = a, j+1
		}
	}
	if sa < 0 && j >= lo && x.toks[j].lower == "," {
		// "X, the minister, said C" or "C, said X": an aside subject that
		// names an actor wins, then a subject after the verb.
		a, b, aside := x.asideSubject(j, lo)
		if e, ok := x.rightNP(end, hi); ok && x.plausible(end, e) && x.clauseEnds(e, hi) && !(aside && x.names(a, b)) {
			sa, sb, inverted = end, e, true
		} else if aside {
			sa, sb = a, b
		}
	}
	if sa < 0 && (j < lo || x.toks[j].kind == atQuoteClose || x.toks[j].lower == "—" || x.toks[j].lower == "–") {
		if e, ok := x.rightNP(end, hi); ok && x.plausible(end, e) {
			sa, sb, inverted = end, e, true
		}
	}
	if sa < 0 || atNegQuant[x.toks[sa].lower] {
		return false
	}
	if sb-sa == 1 && (x.toks[sa].lower == "we" || x.toks[sa].lower == "i") {
		// First person: the outlet's own voice (a ministry's statement) or
		// speech inside a quotation, not a reported speaker.
		return false
	}
	if !inverted && sa > lo && f.lemma == "call" && (x.word(sa-1) == "which" || x.word(sa-1) == "whom" || x.word(sa-1) == "what" || x.word(sa-1) == "that") {
		// "a missile which Nato calls the SSC-8": naming, not reported
		// speech (CODEBOOK.md §2); "a missile which it claims violates
		// the treaty" is reported speech and stays.
		return false
	}
	if f.lemma == "think" && x.word(end) == "tank" {
		return false
	}
	speakers := x.coordinated(sa, sb)
	emitted := false
	for _, sp := range speakers {
		r := base
		r.spk = x.resolve(sp[0], sp[1])
		if r.spk.kind == framelens.SpeakerPronoun && r.spk.actor < 0 {
			r.conf -= 0.15
		}
		after := end
		if inverted {
			after = sb
		}
		before := sa - 1
		if inverted {
			before = j
		}
		if x.attach(before, after, lo, hi, inverted, r, x.demonstrative(f)) {
			emitted = true
		}
	}
	return emitted
}

// coordinated splits "A and B" into its conjuncts when each names an actor.
func (x *AttributionExtractor) coordinated(a, b int) [][2]int {
	var parts [][2]int
	start := a
	for k := a; k < b; k++ {
		if x.word(k) == "and" {
			parts = append(parts, [2]int{start, k})
			start = k + 1
		}
	}
	if len(parts) == 0 {
		return [][2]int{{a, b}}
	}
	parts = append(parts, [2]int{start, b})
	for _, p := range parts {
		named := false
		for k := p[0]; k < p[1] && !named; k++ {
			if ph, _, ok := x.spk.matchAt(x.text, x.toks, k, p[1]); ok && ph.kind != phraseTitle {
				named = true
			}
		}
		if !named {
			return [][2]int{{a, b}}
		}
	}
	return parts
}

// clauseEnds reports whether the clause ends at token k: sentence end, a
// comma, or a closing bracket or dash.
func (x *AttributionExtractor) clauseEnds(k, hi int) bool {
	if k >= hi {
		return true
	}
	switch x.toks[k].lower {
	case ",", ".", "!", "?", ";", "—", "–", ")":
		return true
	}
	return false
}

// asideSubject finds the subject before asides that end at the comma at
// token j: "X, the ..., said", "X, who ..., said", "X, <title>, who ...,
// said". It walks back over up to four comma-separated segments and takes
// the nearest subject that names an actor, else the nearest plausible one.
func (x *AttributionExtractor) asideSubject(j, lo int) (int, int, bool) {
	best, bestB, named := -1, -1, false
	for hops := 0; hops < 4; hops++ {
		k := j - 1
		for k >= lo && x.toks[k].lower != "," && x.toks[k].lower != "—" && x.toks[k].lower != "–" && x.toks[k].kind != atQuoteClose && x.toks[k].kind != atQuoteOpen {
			k--
		}
		if k < lo+1 || j-k < 2 || j-k > 30 || x.toks[k].kind != atPunct {
			break
		}
		if x.toks[k].lower == "," && x.toks[k-1].kind == atQuoteClose {
			break // '"Q," X, the diplomat, said' is handled by the caller
		}
		if a, ok := x.leftNP(k-1, lo); ok && x.plausible(a, k) {
			// "The Kremlin spokesman, Dmitry Peskov, said": a role, then
			// the name as an aside; the speaker is both.
			if hops == 0 && x.toks[k].lower == "," && x.isName(k+1, j) && !x.isName(a, k) {
				return a, j, true
			}
			if x.names(a, k) {
				return a, k, true
			}
			if best < 0 && !named {
				best, bestB = a, k
			}
		}
		j = k
	}
	return best, bestB, best >= 0
}

// isName reports whether tokens [a, b) are a proper name: capitalised
// words only, or an actor's name.
func (x *AttributionExtractor) isName(a, b int) bool {
	if b <= a || b-a > 5 {
		return false
	}
	for k := a; k < b; k++ {
		if p, n, ok := x.spk.matchAt(x.text, x.toks, k, b); ok && p.kind == phraseName && k == a && n == b-a {
			return true
		}
	}
	for k := a; k < b; k++ {
		t := x.toks[k]
		if t.kind != atWord || !t.upper || atDeterminers[t.lower] {
			return false
		}
	}
	return !atSpeakerNouns[x.toks[b-1].lower] && !x.spk.nouns[x.toks[b-1].lower]
}

// hasAside reports whether an aside subject ends at the comma at token j.
func (x *AttributionExtractor) hasAside(j, lo int) bool {
	_, _, ok := x.asideSubject(j, lo)
	return ok
}

// names reports whether tokens [a, b) contain an actor's name or alias.
func (x *AttributionExtractor) names(a, b int) bool {
	for k := a; k < b; k++ {
		if p, _, ok := x.spk.matchAt(x.text, x.toks, k, b); ok && p.kind != phraseTitle {
			return true
		}
	}
	return false
}

// attach finds the content of a cue whose speaker lies between token before
// (the token before the speaker-and-verb clause) and token after (the first
// token after it), and records the attribution.
func (x *AttributionExtractor) attach(before, after, lo, hi int, inverted bool, r rawAttr, needMarker bool) bool {
	k, via, marker := x.skipAdverbials(after, hi, r.lemma)
	if via != "" {
		r.via = via
	}
	// '"Q," X said' and '"Q1," X said, "Q2"'.
	if before >= lo && (x.toks[before].kind == atQuoteClose || x.toks[before].lower == "," && before-1 >= lo && x.toks[before-1].kind == atQuoteClose) {
		x.backward(before, lo, r)
		if marker == "quote" {
			x.forward(k, hi, r, true)
		}
		return true
	}
	switch marker {
	case "that", ":", "quote":
		return x.forward(k, hi, r, marker == "quote")
	}
	if marker == "," && before-1 > lo && x.word(before) == "as" && x.toks[before-1].lower == "," {
		// "C, as the Council stated today."
		before--
	}
	trailing := marker == "," && before >= lo && (x.toks[before].lower == "," || x.toks[before].lower == "—" || x.toks[before].lower == "–")
	if trailing {
		n := len(x.raw)
		ok := x.backward(before, lo, r)
		// backward may report a match yet emit nothing (an empty
		// quotation); only a new attribution may be widened.
		if ok && len(x.raw) > n && k < hi && x.toks[k].lower == "," && !x.clauseEnds(k+1, hi) && x.asQuotedBy(k, hi) == "" {
			// Parenthetical "C1, X claimed, C2": the whole clause.
			last := x.raw[len(x.raw)-1]
			x.raw = x.raw[:len(x.raw)-1]
			last.content = x.trimContent(lo, x.cutContent(k, hi))
			x.raw = append(x.raw, last)
		}
		return ok
	}
	if inverted || needMarker || marker == "none" || x.finiteAt(k) {
		return false
	}
	if marker == "," || k >= hi {
		// "X said, according to ..." or "X said." with nothing to report.
		if k >= hi || x.toks[k].lower == "," && k == after {
			return false
		}
	}
	return x.forward(k, hi, r, false)
}

// finiteAt reports whether token k is a finite verb, which cannot open
// bare reported content: the cue before it was a noun ("member states did
// demonstrative reports whether the cue is a verb of showing ("shows",
// "proves"), which reports speech only before "that", a colon or a
// quotation: "the test shows Russia's intent" is narration.
func (x *AttributionExtractor) demonstrative(f cueForm) bool {
	return atDemonstrative[f.lemma]
}

// subjectAt returns the end of a plausible subject phrase that opens the
// sentence at token lo and is followed by a lower-case word, or lo.
func (x *AttributionExtractor) subjectAt(lo, hi int) int {
	e, ok := x.rightNP(lo, hi)
	if !ok || !x.plausible(lo, e) || e >= hi || x.toks[e].upper || x.toks[e].kind != atWord && x.toks[e].lower != "," {
		return lo
	}
	return e
}

// plausibleAfter reports whether a plausible speaker phrase follows token
// k ("..., said the ministry").
func (x *AttributionExtractor) plausibleAfter(k, hi int) bool {
	e, ok := x.rightNP(k, hi)
	return ok && x.plausible(k, e) && x.clauseEnds(e, hi)
}

// skipAdverbials skips an addressee and adverbials after a cue ("told
// reporters", "said on Friday", "said in an interview with TASS") up to a
// content marker: "that", ":", an opening quotation mark, a comma or the
// end of the sentence. It returns the token where the content starts, the
// asQuotedBy returns the outlet in ", as quoted by X" / ", as reported by X"
// ppThenClause returns where a bare clause starts after a prepositional
// phrase at token k ("said in a written statement the United States
// would ..."), or k: the phrase is a preposition, a determiner and up to
// addressee returns the end of an addressee after a "tell"-like verb:
// reporters, an object pronoun, or a capitalised name that is not the start
// outletName returns the text of tokens [a, b) when it names a news outlet:
// one of the study's outlets, or a capitalised name that is no study actor
// forward records an attribution whose content starts at token k and runs
// cutContent returns where content starting at token a ends: before a
// participle or coordinated cue that reports more (", adding that"), before
// subjectCue reports whether a new clause with its own speaker and cue
// trailingClause reports whether tokens [k, hi) are a final "X said (on
// Friday)." clause: a speaker phrase, a lower-case cue and nothing but
// followsMarker reports whether the cue at token k is followed by "that", a
