package framelens

import "unicode/utf8"

// A RuneIndex converts between byte offsets and character (code point)
// offsets in one string. Analyzers work on bytes; every Span they publish
// counts characters, so a notebook's text[start:end] returns the span.
type RuneIndex struct {
	text string
	// starts[i] is the byte offset of character i; starts[n] == len(text).
	starts []int32
	ascii  bool
}

// NewRuneIndex indexes text. For pure-ASCII text it allocates nothing.
func NewRuneIndex(text string) *RuneIndex {
	ix := &RuneIndex{text: text}
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		ix.ascii = true
		return ix
	}
	ix.starts = make([]int32, 0, len(text)+1)
	for i := range text {
		ix.starts = append(ix.starts, int32(i))
	}
	ix.starts = append(ix.starts, int32(len(text)))
	return ix
}

// Char returns the character offset of byte offset b. A b inside a
// multi-byte character maps to that character.
func (ix *RuneIndex) Char(b int) int {
	if ix.ascii || b <= 0 {
		return max(b, 0)
	}
	lo, hi := 0, len(ix.starts)-1
	for lo < hi {
		m := (lo + hi + 1) / 2
		if int(ix.starts[m]) <= b {
			lo = m
		} else {
			hi = m - 1
		}
	}
	return lo
}

// Byte returns the byte offset of character offset c, clamped to the text.
func (ix *RuneIndex) Byte(c int) int {
	if c <= 0 {
		return 0
	}
	if ix.ascii {
		return min(c, len(ix.text))
	}
	if c >= len(ix.starts) {
		return len(ix.text)
	}
	return int(ix.starts[c])
}

// Span converts the byte range [start, end) to a character Span.
func (ix *RuneIndex) Span(start, end int) Span {
	return Span{ix.Char(start), ix.Char(end)}
}

// Slice returns the text of a character span ("" for an absent span).
func (ix *RuneIndex) Slice(s Span) string {
	if !s.Valid() {
		return ""
	}
	return ix.text[ix.Byte(s.Start):ix.Byte(s.End)]
}

// Len returns the length of the text in characters.
func (ix *RuneIndex) Len() int {
	if ix.ascii {
		return len(ix.text)
	}
	return len(ix.starts) - 1
}
