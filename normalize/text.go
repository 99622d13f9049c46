package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// invisible reports whether r is dropped from text: the soft hyphen and the
// zero-width characters that pages insert for line breaking or tracking.
func invisible(r rune) bool {
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return false
}

// isSpace reports whether r is white space in the sense of the text we emit:
// Unicode spaces including NBSP and the other fixed-width spaces.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\v'
	}
	return unicode.IsSpace(r) || r == '\u200a' || r == '\u202f' || r == '\u205f'
}

// A textBuilder accumulates text with runs of white space collapsed to one
// ASCII space and invisible characters removed. Leading space is dropped.
type textBuilder struct {
	b       strings.Builder
	pending bool // a space is owed before the next visible rune
}

func (t *textBuilder) WriteString(s string) {
	for len(s) > 0 {
		c := s[0]
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
				t.pending = t.b.Len() > 0
				s = s[1:]
				continue
			}
			// copy a run of plain ASCII at once
			i := 1
			for i < len(s) && s[i] < utf8.RuneSelf && s[i] > ' ' {
				i++
			}
			if t.pending {
				t.b.WriteByte(' ')
				t.pending = false
			}
			t.b.WriteString(s[:i])
			s = s[i:]
			continue
		}
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		switch {
		case r == utf8.RuneError && size == 1:
			r = '\ufffd'
		case invisible(r):
			continue
		case isSpace(r):
			t.pending = t.b.Len() > 0
			continue
		}
		if t.pending {
			t.b.WriteByte(' ')
			t.pending = false
		}
		t.b.WriteRune(r)
	}
}

// Space writes a separating space (collapsed with any neighbouring space).
func (t *textBuilder) Space() { t.pending = t.b.Len() > 0 }

func (t *textBuilder) Len() int { return t.b.Len() }

// Take returns the text and resets the builder.
func (t *textBuilder) Take() string {
	s := t.b.String()
	t.b = strings.Builder{}
	t.pending = false
	return nfc(s)
}

// nfc returns s in Unicode normalisation form C, without allocating when s
// is already in that form (always for ASCII).
func nfc(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			if norm.NFC.IsNormalString(s) {
				return s
			}
			return norm.NFC.String(s)
		}
	}
	return s
}

// CleanText returns s with white space collapsed (NBSP and the other Unicode
// spaces included), soft hyphens and zero-width characters removed, invalid
// UTF-8 replaced by U+FFFD and the result in Unicode NFC. Typographic quotes
// and dashes are kept as written: the analyzers normalise them only for
// matching, so quoted speech is cited as the outlet printed it.
func CleanText(s string) string {
	var t textBuilder
	t.WriteString(s)
	return t.Take()
}

// CountWords returns the number of words in s: maximal runs of letters,
// digits and apostrophes or hyphens between letters.
func CountWords(s string) int {
	n := 0
	in := false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_'
		if w && !in {
			n++
		}
		if w || (in && (r == '\'' || r == '’' || r == '-')) {
			in = true
			continue
		}
		in = false
	}
	return n
}
