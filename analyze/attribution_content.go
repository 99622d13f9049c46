package analyze

import (
	"strings"

	"github.com/framelens/framelens"
)

// This file finds where reported content starts and ends around a cue:
// addressees and adverbials between the verb and its content ("told
// reporters on Friday that"), the mediating outlet (Via), and the cuts
// that end a content span before the next report (CODEBOOK.md §3).
// not attend").
func (x *AttributionExtractor) finiteAt(k int) bool {
	if k >= len(x.toks) {
		return false
	}
	t := x.toks[k]
	return t.kind == atWord && !t.upper && (atFiniteVerbs[t.lower] || strings.HasSuffix(t.lower, "ed"))
}

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
