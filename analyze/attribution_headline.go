package analyze

import (
	"sort"

	"github.com/framelens/framelens"
)

// headline finds the headline forms of CODEBOOK.md §2 in the title (the
// text before the first line break): "Lavrov: C" and "C — Pompeo" (also
// with "–" or a spaced hyphen). The speaker phrase must be short and name a
// plausible speaker; a title already attributed by a verb cue is left alone.
func (x *AttributionExtractor) headline() {
	if len(x.sents) == 0 {
		return
	}
	titleEnd := len(x.text)
	for i := 0; i < len(x.text); i++ {
		if x.text[i] == '\n' {
			titleEnd = i
			break
		}
	}
	lo, hi := 0, 0
	for s := range x.sents {
		if x.sents[s].End > titleEnd {
			break
		}
		hi = x.sentTok[s+1]
	}
	if hi-lo < 3 {
		return
	}
	for _, r := range x.raw {
		if r.content[0] < titleEnd {
			return
		}
	}
	base := rawAttr{kind: framelens.Headline, class: framelens.Neutral, conf: 0.7}
	// "Speaker: content"
	for k := lo + 1; k < hi-1 && k <= lo+7; k++ {
		if x.toks[k].lower != ":" {
			continue
		}
		a, ok := x.leftNP(k-1, lo)
		if !ok || a != lo || !x.plausible(lo, k) {
			break
		}
		r := base
		r.sent = x.toks[k].sent
		r.cue = [2]int{x.toks[k].start, x.toks[k].end}
		r.cueText, r.lemma = ":", ":"
		r.spk = x.resolve(lo, k)
		r.content = x.headlineContent(k+1, hi)
		x.emit(r)
		return
	}
	// "content — Speaker"
	for k := hi - 2; k > lo && k >= hi-7; k-- {
		d := x.toks[k].lower
		if d != "—" && d != "–" && d != "-" {
			continue
		}
		e, ok := x.rightNP(k+1, hi)
		if !ok || e != hi || !x.plausible(k+1, hi) {
			break
		}
		r := base
		r.sent = x.toks[k].sent
		r.cue = [2]int{x.toks[k].start, x.toks[k].end}
		r.cueText, r.lemma = d, d
		r.spk = x.resolve(k+1, hi)
		r.content = x.headlineContent(lo, k)
		x.emit(r)
		return
	}
}

// headlineContent returns the span of tokens [a, e), without quotation
// marks that enclose all of it.
func (x *AttributionExtractor) headlineContent(a, e int) [2]int {
	if e-a >= 2 && x.toks[a].kind == atQuoteOpen && x.toks[e-1].kind == atQuoteClose && x.toks[a].quote == x.toks[e-1].quote {
		a, e = a+1, e-1
		x.quotes[x.toks[a-1].quote].used = true
	}
	return x.trimContent(a, e)
}

// continuations attributes a quotation that opens the sentence right after
// a direct attribution and has no cue of its own ('"Q1," Pompeo said. "Q2."')
// to the same speaker and cue: the codebook counts it, and news copy
// often runs a speaker's words over several sentences and paragraphs.
func (x *AttributionExtractor) continuations() {
	for q := range x.quotes {
		p := x.quotes[q]
		if p.used || p.group != q {
			continue
		}
		si := sort.Search(len(x.sents), func(i int) bool { return x.sents[i].End > p.open })
		if si >= len(x.sents) || x.sents[si].Start != p.open {
			continue
		}
		var prev *rawAttr
		for k := range x.raw {
			r := &x.raw[k]
			if r.content[1] <= p.open && (prev == nil || r.content[1] > prev.content[1]) {
				prev = r
			}
		}
		if prev == nil || prev.kind != framelens.Direct || prev.sent != si-1 && x.lastSentOf(prev) != si-1 {
			continue
		}
		r := *prev
		r.conf = 0.7
		x.emitDirect(r, q)
	}
}

// lastSentOf returns the index of the sentence where r's content ends.
func (x *AttributionExtractor) lastSentOf(r *rawAttr) int {
	return sort.Search(len(x.sents), func(i int) bool { return x.sents[i].End >= r.content[1] })
}
