package analyze

import (
	"slices"
	"testing"
)

func TestTokens(t *testing.T) {
	for _, c := range []struct {
		name string
		text string
		want []string
	}{
		{"KeepsNamesWhole", "The U.S. says the 9M729 (SSC-8) is a so-called violation.",
			[]string{"The", "U.S.", "says", "the", "9M729", "(", "SSC-8", ")", "is", "a", "so-called", "violation", "."}},
		{"Clitics", "Russia's and Russia’s missile", []string{"Russia's", "and", "Russia’s", "missile"}},
		{"Numbers", "ranges of 5,500 km and 1.5 times, 60-day.", []string{"ranges", "of", "5,500", "km", "and", "1.5", "times", ",", "60-day", "."}},
		{"TrailingJoiners", "pull- out 'quoted' end-", []string{"pull", "-", "out", "'", "quoted", "'", "end", "-"}},
		{"AbbrevAtEnd", "in the U.S.", []string{"in", "the", "U.S."}},
		{"NonASCII", "«Рябков» said — “no”", []string{"«", "Рябков", "»", "said", "—", "“", "no", "”"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, tok := range Tokens(c.text) {
				got = append(got, c.text[tok.Start:tok.End])
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("Tokens(%q) = %q, want %q", c.text, got, c.want)
			}
		})
	}
}

func TestNorm(t *testing.T) {
	for raw, want := range map[string]string{"U.S.": "u.s.", "Russia’s": "russia's", "SSC-8": "ssc-8", "plain": "plain"} {
		if got := Norm(raw); got != want {
			t.Errorf("Norm(%q) = %q, want %q", raw, got, want)
		}
		if got := string(appendNorm(nil, raw)); got != want {
			t.Errorf("appendNorm(%q) = %q, want %q", raw, got, want)
		}
	}
}

func FuzzTokens(f *testing.F) {
	f.Add("The U.S. says the 9M729 (SSC-8) is a so-called violation.")
	f.Fuzz(func(t *testing.T, s string) {
		prev := int32(0)
		for _, tok := range Tokens(s) {
			if tok.Start < prev || tok.End <= tok.Start || int(tok.End) > len(s) {
				t.Fatalf("bad token %+v in %q", tok, s)
			}
			prev = tok.End
		}
	})
}
