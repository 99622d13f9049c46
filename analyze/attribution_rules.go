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
		return x.mediated(i, end, j, lo, hi, be, base)
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
		ok := x.backward(before, lo, r)
		if ok && k < hi && x.toks[k].lower == "," && !x.clauseEnds(k+1, hi) && x.asQuotedBy(k, hi) == "" {
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
// not attend").
func (x *AttributionExtractor) finiteAt(k int) bool {
	if k >= len(x.toks) {
		return false
	}
	t := x.toks[k]
	return t.kind == atWord && !t.upper && (atFiniteVerbs[t.lower] || strings.HasSuffix(t.lower, "ed"))
}

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
// mediating outlet if one was named and the marker: "" for a bare clause,
// "none" when adverbials lead to no content.
func (x *AttributionExtractor) skipAdverbials(k, hi int, lemma string) (int, string, string) {
	via := ""
	if k < hi {
		e := k
		if lemma == "tell" {
			e = x.tellAddressee(k, hi)
			// "told his ministers (not) to begin talks": an order; the
			// addressee is part of the content.
			if e > k && (x.word(e) == "to" || x.word(e) == "not" && x.word(e+1) == "to") {
				return k, "", ""
			}
		} else if a, ok := x.addressee(k, hi); ok {
			e = a
		}
		if e > k {
			via = x.viaName(k, e)
			k = e
		}
	}
	start := k
	for n := 0; k < hi && n < 14; n++ {
		t := x.toks[k]
		switch {
		case t.kind == atQuoteOpen:
			return k, via, "quote"
		case t.lower == ":":
			if k+1 < hi && x.toks[k+1].kind == atQuoteOpen {
				return k + 1, via, "quote"
			}
			return k + 1, via, ":"
		case t.lower == "," && k+1 < hi && x.toks[k+1].kind == atQuoteOpen && k == start:
			return k + 1, via, "quote"
		case t.lower == ",", t.kind == atPunct && t.lower != "-" && t.lower != "'" && t.lower != "’":
			if v := x.asQuotedBy(k, hi); v != "" {
				via = v
			}
			if e := x.ppThenClause(start, k); e > start {
				return e, via, ""
			}
			return k, via, ","
		case t.lower == "that":
			return k + 1, via, "that"
		}
		if k == start {
			// The first word decides: an infinitive, an adverbial, or the
			// content itself.
			if t.lower == "to" && x.infinitive(k+1, hi) {
				if x.curClass == framelens.Directive || x.curClass == framelens.Commissive {
					return k, via, ""
				}
				return k, via, "none"
			}
			if !atPrepositions[t.lower] && !atWeekdays[t.lower] && !strings.HasSuffix(t.lower, "ly") {
				return k, via, ""
			}
			// A time adverbial ("on Tuesday", "last week") may precede a
			// bare clause.
			if e := x.timeAdverbial(k, hi); e > k {
				if e < hi && x.toks[e].kind == atWord && x.word(e) != "that" && !atPrepositions[x.word(e)] {
					return e, via, ""
				}
				k, start = e, e
				continue
			}
		}
		if (t.lower == "with" || t.lower == "to") && k+1 < hi {
			if e, ok := x.rightNP(k+1, hi); ok {
				if v := x.outletName(k+1, e); v != "" {
					via = v
				}
				k = e
				continue
			}
		}
		k++
	}
	if k >= hi {
		return k, via, ","
	}
	if e := x.ppThenClause(start, hi); e > start {
		return e, via, ""
	}
	return start, via, "none"
}

// tellAddressee returns the end of the addressee after a form of "tell":
// "reporters", "him", "TASS", "foreign military attaches", "a news
// conference", ending before "that", punctuation, a quotation or an
// adverbial; k when there is none.
func (x *AttributionExtractor) tellAddressee(k, hi int) int {
	t := x.toks[k]
	if t.kind != atWord {
		return k
	}
	if t.lower == "reporters" || t.lower == "journalists" || atObjectPron[t.lower] {
		return k + 1
	}
	if t.upper && !atDeterminers[t.lower] {
		if e, ok := x.rightNP(k, hi); ok {
			return e
		}
	}
	for e := k; e < hi && e < k+7; e++ {
		u := x.toks[e]
		if u.kind != atWord || u.lower == "that" || e > k && (atPrepositions[u.lower] || atWeekdays[u.lower]) {
			return e
		}
	}
	return k
}

// viaName returns the addressee tokens [a, e) when they name a mediating
// outlet: a news outlet, or a name that is no study actor.
func (x *AttributionExtractor) viaName(a, e int) string {
	if v := x.outletName(a, e); v != "" {
		return v
	}
	t := x.toks[a]
	if !t.upper || atDeterminers[t.lower] || atPronouns[t.lower] || x.names(a, e) {
		return ""
	}
	for k := a; k < e; k++ {
		if x.toks[k].kind != atWord || !x.toks[k].upper && !x.isJoiner(k) {
			return ""
		}
	}
	return x.text[x.toks[a].start:x.toks[e-1].end]
}

// asQuotedBy returns the outlet in ", as quoted by X" / ", as reported by X"
// at the comma k, or "".
func (x *AttributionExtractor) asQuotedBy(k, hi int) string {
	if x.word(k+1) != "as" || x.word(k+3) != "by" {
		return ""
	}
	if w := x.word(k + 2); w != "quoted" && w != "reported" && w != "cited" {
		return ""
	}
	if e, ok := x.rightNP(k+4, hi); ok {
		return x.text[x.toks[k+4].start:x.toks[e-1].end]
	}
	return ""
}

// infinitive reports whether token k can be the verb of a "to"-infinitive
// ("threatened to begin"), not the object of "to" ("to reporters").
func (x *AttributionExtractor) infinitive(k, hi int) bool {
	if k >= hi {
		return false
	}
	t := x.toks[k]
	return t.kind == atWord && !t.upper && !atDeterminers[t.lower] && !atObjectPron[t.lower] &&
		!isDigitByte(t.lower[0]) && t.lower != "reporters" && t.lower != "journalists" && !strings.HasSuffix(t.lower, "s")
}

// ppThenClause returns where a bare clause starts after a prepositional
// phrase at token k ("said in a written statement the United States
// would ..."), or k: the phrase is a preposition, a determiner and up to
// three words, and the clause opens with a pronoun, a determiner or a name.
func (x *AttributionExtractor) ppThenClause(k, hi int) int {
	if !atPrepositions[x.word(k)] {
		return k
	}
	e := k + 1
	if atDeterminers[x.word(e)] {
		e++
	}
	n := 0
	if e < hi && x.toks[e].upper {
		for e < hi && x.toks[e].kind == atWord && x.toks[e].upper {
			e++
		}
		n = 1
	} else {
		for e < hi && n < 3 && x.toks[e].kind == atWord && !x.toks[e].upper && !atDeterminers[x.toks[e].lower] && !atPronouns[x.toks[e].lower] && !atPrepositions[x.toks[e].lower] {
			e++
			n++
		}
	}
	if n == 0 || e >= hi || x.toks[e].kind != atWord {
		return k
	}
	if w := x.toks[e]; atPronouns[w.lower] && w.lower != "i" || w.lower == "the" || w.lower == "a" || w.upper {
		return e
	}
	return k
}

// addressee returns the end of an addressee after a "tell"-like verb:
// reporters, an object pronoun, or a capitalised name that is not the start
// of the content clause.
func (x *AttributionExtractor) addressee(k, hi int) (int, bool) {
	t := x.toks[k]
	if t.lower == "reporters" || t.lower == "journalists" || atObjectPron[t.lower] && t.lower != "it" && t.lower != "us" {
		return k + 1, true
	}
	if !t.upper || atDeterminers[t.lower] {
		return 0, false
	}
	e, ok := x.rightNP(k, hi)
	if !ok || e >= hi {
		return 0, false
	}
	// The addressee is followed by "that", a colon, a comma, an adverbial
	// or a quotation; otherwise the name begins the content ("said Russia
	// was ...").
	n := x.toks[e]
	if n.lower == "that" || n.lower == ":" || n.lower == "," || n.kind == atQuoteOpen || atPrepositions[n.lower] && n.lower != "to" {
		if x.outletName(k, e) != "" || n.lower == "that" || n.lower == ":" || n.kind == atQuoteOpen {
			return e, true
		}
	}
	return 0, false
}

// timeAdverbial returns the end of a time phrase at token k ("on
// Tuesday", "on Feb. 1", "last week", "earlier this month"), or k.
func (x *AttributionExtractor) timeAdverbial(k, hi int) int {
	e := k
	switch x.word(k) {
	case "on", "in", "last", "this", "earlier", "late", "early", "later", "yesterday", "today":
		e++
	default:
		if atWeekdays[x.word(k)] {
			return k + 1
		}
		return k
	}
	for e < hi && e < k+4 {
		w := x.word(e)
		if atWeekdays[w] || monthAbbrevs[strings.TrimSuffix(w, ".")] || atMonths[w] || isDigitByte(x.text[x.toks[e].start]) ||
			w == "week" || w == "month" || w == "year" || w == "this" || w == "last" || w == "morning" || w == "evening" || w == "night" || w == "day" {
			e++
			continue
		}
		break
	}
	if e == k+1 && x.word(k) != "yesterday" && x.word(k) != "today" && x.word(k) != "earlier" && x.word(k) != "later" {
		return k
	}
	return e
}

// outletName returns the text of tokens [a, b) when it names a news outlet:
// one of the study's outlets, or a capitalised name that is no study actor
// followed by a media word.
func (x *AttributionExtractor) outletName(a, b int) string {
	s := x.text[x.toks[a].start:x.toks[b-1].end]
	if x.spk.outlets[strings.ToLower(s)] {
		return s
	}
	switch x.toks[b-1].lower {
	case "agency", "news", "newspaper", "tv", "radio", "channel", "novosti", "interfax", "times", "post", "journal", "magazine", "daily":
		return s
	}
	return ""
}

// forward records an attribution whose content starts at token k and runs
// to the end of the clause. direct says k is an opening quotation mark.
func (x *AttributionExtractor) forward(k, hi int, r rawAttr, direct bool) bool {
	if k >= hi {
		return false
	}
	if x.toks[k].kind == atQuoteOpen {
		q := x.toks[k].quote
		cut := x.cutContent(k, hi)
		// The quotation is the whole content, or runs past the sentence.
		if direct || x.quotes[q].close >= x.toks[cut-1].start || !x.quotes[q].closed {
			r.conf = 0.95
			x.emitDirect(r, q)
			return true
		}
	}
	e := x.cutContent(k, hi)
	return x.indirect(k, e, r)
}

// backward records an attribution whose content ends before token before
// (a comma, dash or closing quotation mark before the speaker).
func (x *AttributionExtractor) backward(before, lo int, r rawAttr) bool {
	e := before
	if x.toks[e].kind == atQuoteClose {
		r.conf = 0.95
		x.emitDirect(r, x.toks[e].quote)
		return true
	}
	if e-1 >= lo && x.toks[e-1].kind == atQuoteClose {
		r.conf = 0.95
		x.emitDirect(r, x.toks[e-1].quote)
		return true
	}
	if e <= lo {
		return false
	}
	return x.indirect(lo, e, r)
}

// indirect records content tokens [a, e) as indirect, mixed or direct.
func (x *AttributionExtractor) indirect(a, e int, r rawAttr) bool {
	c := x.trimContent(a, e)
	if c[1] <= c[0] {
		return false
	}
	r.kind = framelens.Indirect
	for q := range x.quotes {
		p := &x.quotes[q]
		if p.open >= c[1] {
			break
		}
		if p.open < c[0] || p.used {
			continue
		}
		if p.open == c[0] && p.close+1 >= c[1] {
			r.conf = 0.9
			x.emitDirect(r, q)
			return true
		}
		p.used = true
		r.kind = framelens.Mixed
	}
	r.content = c
	x.emit(r)
	return true
}

// cutContent returns where content starting at token a ends: before a
// participle or coordinated cue that reports more (", adding that"), before
// a final ", according to X" or ", X said", or at the sentence end hi.
func (x *AttributionExtractor) cutContent(a, hi int) int {
	for k := a + 1; k < hi-1; k++ {
		t := x.toks[k]
		if t.lower != "," && t.lower != "and" && t.lower != ";" {
			continue
		}
		if x.insideQuote(t.start) {
			continue
		}
		f, n, ok := x.cues.match(x.toks, k+1)
		if ok && f.lemma == "according to" {
			if e, ok := x.rightNP(k+1+n, hi); ok && x.finalAt(e, hi) {
				return k
			}
			continue
		}
		if ok && (f.ing && f.class != framelens.Mediated || t.lower == "and" && f.class != framelens.Mediated && x.followsMarker(k+1)) {
			return k
		}
		if t.lower == "," && x.trailingClause(k+1, hi) {
			return k
		}
		if x.subjectCue(k+1, hi) {
			return k
		}
	}
	return hi
}

// subjectCue reports whether a new clause with its own speaker and cue
// starts at token k ("..., and Stoltenberg this week urged ...").
func (x *AttributionExtractor) subjectCue(k, hi int) bool {
	if x.word(k) == "and" || x.word(k) == "but" || x.word(k) == "while" {
		k++
	}
	if k >= hi || !x.toks[k].upper {
		return false
	}
	e, ok := x.rightNP(k, hi)
	if !ok || !x.plausible(k, e) || !x.names(k, e) {
		return false
	}
	for e < hi && (atVerbGroup[x.word(e)] || atNegators[x.word(e)]) {
		e++
	}
	if x.word(e) == "this" || x.word(e) == "last" {
		e += 2
	}
	if e >= hi || x.toks[e].upper {
		return false
	}
	_, _, ok = x.cues.match(x.toks, e)
	return ok
}

// finalAt reports whether only closing punctuation follows token e.
func (x *AttributionExtractor) finalAt(e, hi int) bool {
	for ; e < hi; e++ {
		if x.toks[e].kind == atWord {
			return false
		}
	}
	return true
}

// trailingClause reports whether tokens [k, hi) are a final "X said (on
// Friday)." clause: a speaker phrase, a lower-case cue and nothing but
// adverbials after it.
func (x *AttributionExtractor) trailingClause(k, hi int) bool {
	e, ok := x.rightNP(k, hi)
	if !ok || !x.plausible(k, e) {
		return false
	}
	for e < hi && atVerbGroup[x.word(e)] {
		e++
	}
	if e >= hi || x.toks[e].upper {
		return false
	}
	_, n, ok := x.cues.match(x.toks, e)
	if !ok {
		return false
	}
	m, _, marker := x.skipAdverbials(e+n, hi, "")
	return marker == "," && (m >= hi || x.finalAt(m, hi))
}

// followsMarker reports whether the cue at token k is followed by "that", a
// colon or a quotation, so that "and added that" continues the speech.
func (x *AttributionExtractor) followsMarker(k int) bool {
	for n := 1; n <= 2 && k+n < len(x.toks); n++ {
		t := x.toks[k+n]
		if t.lower == "that" || t.lower == ":" || t.kind == atQuoteOpen {
			return true
		}
	}
	return false
}

// trimContent returns the byte span of tokens [a, e) without a leading
// "that" and trailing punctuation other than closing marks.
func (x *AttributionExtractor) trimContent(a, e int) [2]int {
	for a < e && (x.word(a) == "that" || x.toks[a].lower == "," || x.toks[a].lower == ":") {
		a++
	}
	for e > a {
		switch x.toks[e-1].lower {
		case ".", ",", ";", ":", "—", "–", "-":
			e--
			continue
		}
		break
	}
	if e <= a {
		return [2]int{0, 0}
	}
	return [2]int{x.toks[a].start, x.toks[e-1].end}
}

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
	if !x.forward(k, hi, r, marker == "quote") {
		return false
	}
	if last := &x.raw[len(x.raw)-1]; last.kind != framelens.Direct {
		last.kind = framelens.Agentless
	}
	return true
}

// mediated handles "O quoted X as saying C", "X was quoted by O as saying
// C" and "O cited X as saying C": the speaker is X, O goes to Via.
func (x *AttributionExtractor) mediated(i, end, j, lo, hi int, passive bool, r rawAttr) bool {
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
	_ = i
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
	case i == lo || i == lo+1 && x.toks[lo].kind == atWord && !x.toks[lo].upper == false && x.word(lo) == "but":
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
