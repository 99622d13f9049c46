package analyze

import (
	"slices"
	"strings"

	"github.com/framelens/framelens"
)

// This file finds the speaker phrase next to a cue and resolves it: names
// with title chains, asides between speaker and verb, organisations and
// capitals, pronouns and role epithets (the last compatible speaker),
// anonymous and document sources. shared/notes/attribution.md §5.

// npWord reports whether token i may be part of a speaker noun phrase.
func (x *AttributionExtractor) npWord(i int) bool {
	t := x.toks[i]
	if t.kind != atWord {
		return false
	}
	if t.upper {
		return !atClauseBreak[t.lower] || atDeterminers[t.lower]
	}
	if isDigitByte(t.lower[0]) {
		return true
	}
	return atSpeakerNouns[t.lower] || x.spk.nouns[t.lower] || strings.HasSuffix(t.lower, "'s") || strings.HasSuffix(t.lower, "’s")
}

// isJoiner reports whether token i may join two parts of a noun phrase
// ("Secretary of State", "spokesman for the ministry").
func (x *AttributionExtractor) isJoiner(i int) bool {
	switch x.word(i) {
	case "of", "for", "to", "at", "and", "&":
		return true
	}
	return false
}

// leftNP returns the start of the speaker phrase that ends at token j
// (inclusive), not going before token lo; ok is false when there is none.
func (x *AttributionExtractor) leftNP(j, lo int) (int, bool) {
	if j < lo || x.toks[j].kind != atWord {
		return 0, false
	}
	if atPronouns[x.toks[j].lower] {
		return j, true
	}
	if !x.npWord(j) || atDeterminers[x.toks[j].lower] || x.isJoiner(j) {
		return 0, false
	}
	k := j
	for k-1 >= lo {
		p := k - 1
		if x.npWord(p) && !x.isJoiner(p) {
			if atDeterminers[x.toks[p].lower] && !x.toks[p].upper && p-1 >= lo && x.npWord(p-1) && !x.isJoiner(p-1) {
				break // "... the" inside: a determiner starts the phrase
			}
			k = p
			if atDeterminers[x.toks[p].lower] {
				// "chief of the general staff": go on past "of the".
				if p-2 >= lo && x.isJoiner(p-1) && x.npWord(p-2) && !atDeterminers[x.toks[p-2].lower] {
					k = p - 2
					continue
				}
				break
			}
			continue
		}
		if x.isJoiner(p) && p-1 >= lo && x.npWord(p-1) && !atDeterminers[x.toks[p-1].lower] {
			k = p - 1
			continue
		}
		break
	}
	return k, true
}

// rightNP returns the end (exclusive) of a speaker phrase starting at token
// i, stopping before hi.
func (x *AttributionExtractor) rightNP(i, hi int) (int, bool) {
	if i >= hi || x.toks[i].kind != atWord {
		return 0, false
	}
	if atPronouns[x.toks[i].lower] {
		return i + 1, true
	}
	k := i
	for k < hi {
		if x.npWord(k) {
			k++
			continue
		}
		if x.isJoiner(k) && k > i && k+1 < hi && x.npWord(k+1) {
			k++
			continue
		}
		break
	}
	for k > i && (x.isJoiner(k-1) || atDeterminers[x.toks[k-1].lower]) {
		k--
	}
	return k, k > i
}

// plausible reports whether tokens [a, b) can name a speaker: a pronoun, a
// capitalised word other than a determiner, or a speaker noun as its head.
func (x *AttributionExtractor) plausible(a, b int) bool {
	if b <= a {
		return false
	}
	if b-a == 1 && atPronouns[x.toks[a].lower] {
		return true
	}
	if x.toks[a].lower == "we" || x.toks[a].lower == "i" {
		return false
	}
	head := x.toks[b-1]
	if b-a == 2 && x.toks[a].lower == "the" && strings.ContainsAny(head.lower, "0123456789") && strings.Contains(head.lower, "-") {
		return true // "the 87-year-old"
	}
	if atSpeakerNouns[head.lower] && !atDeterminers[head.lower] && !x.isJoiner(b-1) || x.spk.nouns[head.lower] {
		return true
	}
	for i := a; i < b; i++ {
		t := x.toks[i]
		if t.upper && !atDeterminers[t.lower] && !atClauseBreak[t.lower] {
			return true
		}
	}
	return false
}

// resolve turns tokens [a, b) into a speaker, using what came before byte
// offset pos for pronouns and epithets.
func (x *AttributionExtractor) resolve(a, b int) speakerRef {
	ref := speakerRef{
		span:  [2]int{x.toks[a].start, x.toks[b-1].end},
		actor: -1,
		side:  framelens.SideUnknown,
	}
	ref.text = x.text[ref.span[0]:ref.span[1]]
	pos := ref.span[0]
	first := x.toks[a].lower
	headTok := x.toks[b-1]
	head := headTok.lower

	if b-a == 1 && atPronouns[first] {
		ref.kind = framelens.SpeakerPronoun
		switch first {
		case "he":
			x.antecedent(&ref, pos, func(r speakerRef) bool {
				return r.kind != framelens.SpeakerAnonymous && r.gender != "f" && x.isPerson(r)
			})
		case "she":
			x.antecedent(&ref, pos, func(r speakerRef) bool {
				return r.kind != framelens.SpeakerAnonymous && r.gender != "m" && x.isPerson(r)
			})
		case "it":
			x.antecedent(&ref, pos, func(r speakerRef) bool { return !x.isPerson(r) && !r.plural })
		case "they":
			x.antecedent(&ref, pos, func(r speakerRef) bool { return r.plural || !x.isPerson(r) })
		}
		ref.trusted = ref.actor >= 0
		return ref
	}

	// Actor phrases inside the speaker phrase.
	person, org, title, titleLen, orgHead := -1, -1, -1, 0, false
	for i := a; i < b; i++ {
		p, n, ok := x.spk.matchAt(x.text, x.toks, i, b)
		if !ok {
			continue
		}
		switch {
		case p.kind == phraseName && person < 0:
			person = p.actor
		case p.kind == phraseAlias && org < 0:
			org, orgHead = p.actor, i+n == b
		case p.kind == phraseTitle && i+n == b && n >= titleLen:
			title, titleLen = i, n
		}
		if p.kind != phraseTitle {
			i += n - 1
		}
	}
	indefinite := atIndefinite[first]
	switch {
	case person >= 0:
		ref.actor, ref.kind, ref.trusted = person, framelens.SpeakerPerson, true
	case title >= 0 && !indefinite:
		ref.kind = framelens.SpeakerEpithet
		cands := x.titleActors(title, b, org)
		x.pickCandidate(&ref, pos, cands)
	case atDocuments[head]:
		// A document speaks for the organisation it names, else for the
		// last organisation (or person) that spoke.
		ref.kind = framelens.SpeakerDocument
		if org >= 0 {
			ref.actor = org
		} else {
			x.issuer(&ref, pos)
		}
	case org >= 0 && (orgHead || !atAnonymousHeads[head]) && !indefinite:
		ref.actor, ref.trusted = org, true
		ref.kind = framelens.SpeakerOrganization
		if x.spk.actors[org].Kind == framelens.Place {
			ref.kind = framelens.SpeakerPlace
		}
	case atAnonymousHeads[head] || indefinite:
		ref.kind = framelens.SpeakerAnonymous
		ref.plural = strings.HasSuffix(head, "s")
		if org >= 0 {
			ref.side = x.spk.actors[org].Side
		}
	case headTok.upper:
		ref.kind = framelens.SpeakerPerson
	case b-a == 2 && first == "the" && strings.ContainsAny(head, "0123456789") && strings.Contains(head, "-"):
		// "the 87-year-old": the last person who spoke.
		ref.kind = framelens.SpeakerEpithet
		x.antecedent(&ref, pos, func(r speakerRef) bool { return x.isPerson(r) && r.kind != framelens.SpeakerAnonymous })
	case !indefinite && (first == "the" || first == "this") && b-a == 2:
		// "the general": a role word of a title of an actor named before.
		ref.kind = framelens.SpeakerEpithet
		x.roleAntecedent(&ref, pos, head)
	default:
		ref.kind = framelens.SpeakerOrganization
	}
	if ref.actor >= 0 {
		act := x.spk.actors[ref.actor]
		ref.side, ref.gender = act.Side, act.Gender
		ref.plural = act.Kind != framelens.Person && strings.HasSuffix(head, "s")
	}
	if ref.side == framelens.SideUnknown || ref.side == "" {
		ref.side = x.sideOf(a, b)
	}
	switch head {
	case "spokeswoman", "chairwoman":
		ref.gender = "f"
	case "spokesman", "chairman":
		ref.gender = "m"
	}
	return ref
}

func (x *AttributionExtractor) isPerson(r speakerRef) bool {
	if r.actor >= 0 {
		return x.spk.actors[r.actor].Kind == framelens.Person
	}
	return r.kind == framelens.SpeakerPerson || r.kind == framelens.SpeakerEpithet || r.kind == framelens.SpeakerAnonymous && !r.plural
}

// antecedent resolves a pronoun to the last compatible speaker, else to the
// last compatible actor named in the text.
func (x *AttributionExtractor) antecedent(ref *speakerRef, pos int, ok func(speakerRef) bool) {
	for k := len(x.hist) - 1; k >= 0; k-- {
		h := x.hist[k]
		if h.pos < pos && h.ref.kind != framelens.SpeakerPronoun && ok(h.ref) || h.pos < pos && h.ref.kind == framelens.SpeakerPronoun && ok(h.ref) && h.ref.actor >= 0 {
			ref.actor, ref.side, ref.gender, ref.plural = h.ref.actor, h.ref.side, h.ref.gender, h.ref.plural
			return
		}
	}
	for k := len(x.mentions) - 1; k >= 0; k-- {
		m := x.mentions[k]
		if m.pos >= pos {
			continue
		}
		act := x.spk.actors[m.actor]
		r := speakerRef{actor: m.actor, side: act.Side, gender: act.Gender, kind: framelens.SpeakerPerson}
		if act.Kind != framelens.Person {
			r.kind = framelens.SpeakerOrganization
		}
		if ok(r) {
			ref.actor, ref.side, ref.gender = r.actor, r.side, r.gender
			return
		}
	}
}

// titleActors returns the actors that carry the title at tokens [i, end),
// narrowed to those of organisation org when one is named.
func (x *AttributionExtractor) titleActors(i, end, org int) []int {
	var out []int
	for _, p := range x.spk.byFirst[x.toks[i].lower] {
		if p.kind != phraseTitle || len(p.words) != end-i {
			continue
		}
		match := true
		for k, w := range p.words {
			if x.toks[i+k].lower != w {
				match = false
				break
			}
		}
		if match && !slices.Contains(out, p.actor) {
			out = append(out, p.actor)
		}
	}
	if org >= 0 && len(out) > 1 {
		var same []int
		for _, c := range out {
			if o := x.spk.actors[c].Organization; o != "" && o == x.spk.actors[org].Name {
				same = append(same, c)
			}
		}
		if len(same) > 0 {
			out = same
		}
	}
	return out
}

// pickCandidate resolves an epithet among the actors cands: the last one
// that spoke, else the last one named, else the only one.
func (x *AttributionExtractor) pickCandidate(ref *speakerRef, pos int, cands []int) {
	in := func(a int) bool {
		for _, c := range cands {
			if c == a {
				return true
			}
		}
		return false
	}
	for k := len(x.hist) - 1; k >= 0; k-- {
		if h := x.hist[k]; h.pos < pos && h.ref.actor >= 0 && in(h.ref.actor) {
			ref.actor = h.ref.actor
			return
		}
	}
	for k := len(x.mentions) - 1; k >= 0; k-- {
		if m := x.mentions[k]; m.pos < pos && in(m.actor) {
			ref.actor = m.actor
			return
		}
	}
	if len(cands) == 1 {
		ref.actor = cands[0]
		return
	}
	// Several actors share the title: keep the side if they agree.
	side := framelens.Side("")
	for _, c := range cands {
		s := x.spk.actors[c].Side
		if side != "" && s != side {
			return
		}
		side = s
	}
	if side != "" {
		ref.side = side
	}
}

// sideOf returns the side that the words of tokens [a, b) show, or unknown.
func (x *AttributionExtractor) sideOf(a, b int) framelens.Side {
	strong, weak := framelens.Side(""), framelens.Side("")
	for i := a; i < b; i++ {
		if !x.toks[i].upper {
			continue
		}
		w := strings.TrimSuffix(strings.TrimSuffix(x.toks[i].lower, "'s"), "’s")
		if s, ok := x.spk.sideWords[w]; ok {
			if strong != "" && strong != s {
				return framelens.SideUnknown
			}
			strong = s
		} else if s, ok := x.spk.weakSide[w]; ok && weak == "" {
			weak = s
		}
	}
	switch {
	case strong != "":
		return strong
	case weak != "":
		return weak
	}
	return framelens.SideUnknown
}

// issuer resolves a document or agentless cue to the last organisation that
// spoke before pos, else to the last speaker.
func (x *AttributionExtractor) issuer(ref *speakerRef, pos int) {
	last := -1
	for k := len(x.hist) - 1; k >= 0; k-- {
		h := x.hist[k]
		if h.pos >= pos || h.ref.actor < 0 {
			continue
		}
		if last < 0 {
			last = k
		}
		if !x.isPerson(h.ref) {
			last = k
			break
		}
	}
	if last >= 0 {
		ref.actor = x.hist[last].ref.actor
		ref.side = x.hist[last].ref.side
	}
}

// roleAntecedent resolves "the <role>" to the last actor named before pos
// one of whose titles ends in that role word ("the general" for a
// "Lieutenant-General").
func (x *AttributionExtractor) roleAntecedent(ref *speakerRef, pos int, role string) {
	has := func(a int) bool {
		for _, t := range x.spk.actors[a].Titles {
			t = strings.ToLower(t)
			if i := strings.LastIndexAny(t, " -"); i >= 0 {
				t = t[i+1:]
			}
			if t == role {
				return true
			}
		}
		return false
	}
	for k := len(x.mentions) - 1; k >= 0; k-- {
		if m := x.mentions[k]; m.pos < pos && has(m.actor) {
			ref.actor = m.actor
			return
		}
	}
}
