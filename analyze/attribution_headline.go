package analyze

import (
	"sort"
	"strings"

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
		if !x.speakerLike(lo, k, r.spk) {
			break
		}
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
		if !x.speakerLike(k+1, hi, r.spk) {
			break
		}
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

// speakerLike reports whether tokens [a, b), resolved to ref, name a
// speaker firmly enough for a form without a verb: an actor, a phrase that
// shows a side or ends in a role noun, or a personal name.
func (x *AttributionExtractor) speakerLike(a, b int, ref speakerRef) bool {
	if ref.actor >= 0 || ref.side != framelens.SideUnknown {
		return true
	}
	head := x.toks[b-1].lower
	if atSpeakerNouns[head] && !atDeterminers[head] || x.spk.nouns[head] {
		return true
	}
	return b-a >= 2 && b-a <= 4 && x.isName(a, b)
}

// colonTurns finds transcript turns in the body: a paragraph that opens
// with a speaker and a colon ("Maria Zakharova: What could change ...").
// The rest of the paragraph is the speaker's words (direct), and so is
// every following paragraph until the next turn ("Question: ...").
func (x *AttributionExtractor) colonTurns() {
	var turn *rawAttr
	for s := range x.sents {
		lo, hi := x.sentTok[s], x.sentTok[s+1]
		st := x.sents[s].Start
		if st <= x.titleEnd || x.text[st-1] != '\n' || hi == lo {
			continue
		}
		// A paragraph start: a new turn, a continuation, or narration.
		k := lo + 1
		for k < hi && k <= lo+5 && x.toks[k].lower != ":" {
			k++
		}
		isTurn := false
		if k < hi-1 && x.toks[k].lower == ":" {
			if a, ok := x.leftNP(k-1, lo); ok && a == lo {
				isTurn = true
			}
		}
		if !isTurn {
			if turn != nil {
				r := *turn
				r.sent = s
				r.conf = 0.7
				x.emitTurn(r, lo)
			}
			continue
		}
		turn = nil
		ref := x.resolve(lo, k)
		if ref.actor < 0 && !(k-lo >= 2 && x.isName(lo, k)) {
			continue // "Question:", "Note:"
		}
		r := rawAttr{sent: s, kind: framelens.Direct, class: framelens.Neutral, conf: 0.75,
			cue: [2]int{x.toks[k].start, x.toks[k].end}, cueText: ":", lemma: ":", spk: ref}
		x.emitTurn(r, k+1)
		turn = &r
	}
}

// emitTurn records the rest of the paragraph from token k as the words of
// a transcript turn.
func (x *AttributionExtractor) emitTurn(r rawAttr, k int) {
	if x.toks[k].kind == atQuoteOpen {
		x.emitDirect(r, x.toks[k].quote)
		return
	}
	start := x.toks[k].start
	end := strings.IndexByte(x.text[start:], '\n')
	if end < 0 {
		end = len(x.text)
	} else {
		end += start
	}
	r.content = trimSpan(x.text, start, end)
	if r.content[1] > r.content[0] && x.text[r.content[1]-1] == '.' {
		r.content[1]--
	}
	x.emit(r)
}
