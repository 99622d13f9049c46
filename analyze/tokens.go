package analyze

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// TokenizerVersion names the tokenization rules below. It goes into every
// table built on tokens, so a notebook can tell counts made under different
// rules apart.
const TokenizerVersion = "fl-tok-1"

// TokenKind says what a token is.
type TokenKind uint8

// The token kinds.
const (
	// Word: letters and digits, with inner hyphens and apostrophes
	// ("so-called", "SSC-8", "9M729", "Russia's").
	Word TokenKind = iota + 1
	// Number: digits with inner separators ("5,500", "1.5").
	Number
	// Abbrev: a dotted abbreviation ("U.S.", "a.m.").
	Abbrev
	// Punct: any other single character that is not white space.
	Punct
)

func (k TokenKind) String() string {
	switch k {
	case Word:
		return "word"
	case Number:
		return "number"
	case Abbrev:
		return "abbrev"
	case Punct:
		return "punct"
	}
	return "unknown"
}

// A Token is one token of a text: a half-open range [Start, End) of BYTE
// offsets into the text and its kind. Use framelens.RuneIndex to turn the
// offsets into character spans.
type Token struct {
	Start int32
	End   int32
	Kind  TokenKind
}

// Tokens splits text into tokens (shared/notes/wording.md §5). It keeps
// "U.S.", "9M729", "SSC-8" and "so-called" whole: a word is a run of letters
// and digits that may contain a hyphen or apostrophe between two of them, a
// dotted abbreviation is two or more letter-dot pairs, a number may contain
// "," or "." between digits. Every other non-space character is a Punct
// token of its own.
func Tokens(text string) []Token {
	return AppendTokens(nil, text)
}

// AppendTokens appends the tokens of text to dst and returns the extended
// slice, so that a caller can reuse one buffer over many articles.
func AppendTokens(dst []Token, text string) []Token {
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case isSpaceRune(r):
			i += size
		case isAlnum(r):
			if n := abbrevLen(text[i:]); n > 0 {
				dst = append(dst, Token{int32(i), int32(i + n), Abbrev})
				i += n
				continue
			}
			end, kind := wordEnd(text, i)
			dst = append(dst, Token{int32(i), int32(end), kind})
			i = end
		default:
			dst = append(dst, Token{int32(i), int32(i + size), Punct})
			i += size
		}
	}
	return dst
}

// wordEnd returns the end of the word or number that starts at text[i].
func wordEnd(text string, i int) (int, TokenKind) {
	digits := true
	j := i
	for j < len(text) {
		r, size := decode(text, j)
		if isAlnum(r) {
			if !unicode.IsDigit(r) {
				digits = false
			}
			j += size
			continue
		}
		// An inner joiner must be followed by a letter or digit.
		if j+size >= len(text) {
			break
		}
		next, _ := decode(text, j+size)
		switch {
		case (r == '-' || r == '\'' || r == '’' || r == '‑') && isAlnum(next):
			j += size
			continue
		case (r == ',' || r == '.') && digits && unicode.IsDigit(next) && j > i:
			j += size
			continue
		}
		break
	}
	if digits {
		return j, Number
	}
	return j, Word
}

// abbrevLen returns the length of a dotted abbreviation of two or more
// single letters that opens s ("U.S.", "a.m."), or 0.
func abbrevLen(s string) int {
	n, pairs := 0, 0
	for n+1 < len(s) && isASCIILetter(s[n]) && s[n+1] == '.' {
		n += 2
		pairs++
	}
	if pairs < 2 {
		return 0
	}
	// "U.S.A" without the final dot still ends on a letter: not ours.
	if n < len(s) && isASCIILetter(s[n]) {
		return 0
	}
	return n
}

func decode(s string, i int) (rune, int) {
	if s[i] < utf8.RuneSelf {
		return rune(s[i]), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isAlnum(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isSpaceRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v'
	}
	return unicode.IsSpace(r)
}

// Norm returns the matching form of a token's text: lower case, curly
// apostrophes and non-breaking hyphens mapped to their ASCII forms. Raw
// offsets stay on the token, so concordance lines show the original text.
func Norm(raw string) string {
	plain := true
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' {
			plain = false
			break
		}
	}
	if plain {
		return raw
	}
	var b strings.Builder
	b.Grow(len(raw))
	for _, r := range raw {
		switch r {
		case '’', '‘':
			r = '\''
		case '‑', '‐':
			r = '-'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// appendNorm appends the matching form of raw to buf without allocating.
func appendNorm(buf []byte, raw string) []byte {
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(raw[i:])
		switch r {
		case '’', '‘':
			r = '\''
		case '‑', '‐':
			r = '-'
		default:
			r = unicode.ToLower(r)
		}
		buf = utf8.AppendRune(buf, r)
		i += size
	}
	return buf
}

// isCountable reports whether a token takes part in n-grams and counts:
// words, numbers and abbreviations, not punctuation.
func (t Token) isCountable() bool { return t.Kind != Punct }

// A tokText is one text with its tokens and their matching forms, built once
// per article and shared by the matchers. Its buffers are reused by reset.
type tokText struct {
	text string
	toks []Token
	norm []byte
	// nend[i] is the end of token i's matching form in norm; it starts at
	// nend[i-1] (0 for the first).
	nend []int32
}

func (d *tokText) reset(text string) {
	d.text = text
	d.toks = AppendTokens(d.toks[:0], text)
	d.norm = d.norm[:0]
	d.nend = d.nend[:0]
	for _, t := range d.toks {
		d.norm = appendNorm(d.norm, text[t.Start:t.End])
		d.nend = append(d.nend, int32(len(d.norm)))
	}
}

// normOf returns the matching form of token i; the bytes are only valid
// until the next reset.
func (d *tokText) normOf(i int) []byte {
	start := int32(0)
	if i > 0 {
		start = d.nend[i-1]
	}
	return d.norm[start:d.nend[i]]
}

// A phraseMatcher finds phrases, given as token sequences in matching form,
// in a tokText. A pattern token "..." stands for a gap of one to three
// words (the study lexicon's convention, "what ... says is").
type phraseMatcher struct {
	phrases [][]string
	// first maps a phrase's first token to the phrases that open with it.
	first map[string][]int32
}

// A phraseMatch is one match: tokens [Start, End) matched phrase ID.
type phraseMatch struct {
	Start, End int32
	ID         int32
}

const gapToken = "..."

// add adds a phrase, tokenized and normalized like the text, and returns
// its ID. A phrase with no token gets ID -1 and never matches.
func (m *phraseMatcher) add(phrase string) int32 {
	if m.first == nil {
		m.first = make(map[string][]int32)
	}
	var seq []string
	for _, f := range strings.Fields(phrase) {
		if f == gapToken || f == "…" {
			if len(seq) > 0 && seq[len(seq)-1] != gapToken {
				seq = append(seq, gapToken)
			}
			continue
		}
		for _, t := range Tokens(f) {
			seq = append(seq, Norm(f[t.Start:t.End]))
		}
	}
	for len(seq) > 0 && seq[len(seq)-1] == gapToken {
		seq = seq[:len(seq)-1]
	}
	if len(seq) == 0 || seq[0] == gapToken {
		return -1
	}
	id := int32(len(m.phrases))
	m.phrases = append(m.phrases, seq)
	m.first[seq[0]] = append(m.first[seq[0]], id)
	return id
}

// appendMatches appends every match of every phrase in d to dst, ordered
// by start token, then phrase ID. Matches may overlap.
func (m *phraseMatcher) appendMatches(dst []phraseMatch, d *tokText) []phraseMatch {
	for i := range d.toks {
		ids := m.first[string(d.normOf(i))]
		for _, id := range ids {
			if end := m.matchAt(d, m.phrases[id], 1, i+1); end > 0 {
				dst = append(dst, phraseMatch{int32(i), int32(end), id})
			}
		}
	}
	return dst
}

// matchAt matches seq[k:] from token j and returns the end token, or -1.
func (m *phraseMatcher) matchAt(d *tokText, seq []string, k, j int) int {
	for ; k < len(seq); k++ {
		if seq[k] == gapToken {
			// Skip one to three words, then match the rest; shortest gap first.
			for skip := 1; skip <= 3 && j+skip <= len(d.toks); skip++ {
				if d.toks[j+skip-1].Kind == Punct {
					return -1
				}
				if end := m.matchAt(d, seq, k+1, j+skip); end > 0 {
					return end
				}
			}
			return -1
		}
		if j >= len(d.toks) || string(d.normOf(j)) != seq[k] {
			return -1
		}
		j++
	}
	return j
}
