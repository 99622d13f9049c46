package analyze

import (
	"strings"
	"testing"
)

// mustSplitMarked removes the "|" sentence-boundary markers from marked and
// returns the clean text and the expected sentences (trimmed of spaces).
func mustSplitMarked(tb testing.TB, marked string) (string, []string) {
	tb.Helper()
	var want []string
	for _, part := range strings.Split(marked, "|") {
		for _, line := range strings.Split(part, "\n") {
			if s := strings.TrimSpace(line); s != "" {
				want = append(want, s)
			}
		}
	}
	return strings.ReplaceAll(marked, "|", ""), want
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name   string
		marked string
	}{
		{"Plain", "The talks ended. |Nothing was agreed! |Why?"},
		{"CountryAbbreviationMidSentence", "The U.S. Secretary of State spoke in Brussels. |He left."},
		{"CountryAbbreviationEndsSentence", "Russia blamed the U.S. |The allies did not."},
		{"CountryAbbreviationBeforeName", "The treaty was signed by the U.S. Senate in 1988."},
		{"MonthAbbreviationAndDay", "The deadline expires on Dec. 4 at noon. |Moscow replied."},
		{"DayNumberEndsSentence", "The deadline expired on Feb. 2. |Moscow replied."},
		{"TitleAbbreviations", "Sen. Bob Menendez and Gen. Curtis Scaparrotti spoke with Lt. Col. Smith. |They agreed."},
		{"MiddleInitial", "Donald J. Trump said it. |Nobody was surprised."},
		{"NumberLabel", "Resolution No. 5 failed. |It was the fifth."},
		{"QuoteClosesSentence", `"We will respond," he said. |"The decision is final." |He left.`},
		{"QuestionInQuote", `"Why now?" the minister asked. |No one answered.`},
		{"QuoteSpanningSentences", `"We regret this. |We will respond," Ryabkov said.`},
		{"Paragraphs", "Title without stop\n\nFirst paragraph. |Second sentence\n\nLast paragraph."},
		{"TASSDateline", "MOSCOW, January 25. /TASS/. |Russian Deputy Foreign Minister Sergei Ryabkov spoke. |He left."},
		{"WireDateline", "BRUSSELS (Reuters) - |NATO allies met on Tuesday. |They agreed."},
		{"APDateline", "WASHINGTON (AP) — |The U.S. said it would withdraw."},
		{"Ellipsis", "He paused... |Then he went on."},
		{"TimeAbbreviation", "The meeting began at 10 a.m. Moscow time and ended at 2 p.m. |It was short."},
		{"DecimalNumber", "The missile flew 5.5 km. |Tests continue."},
		{"LowerCaseAfterStop", "The 9M729 (a.k.a. SSC-8) missile is disputed."},
		{"Parenthesis", "He spoke (briefly.) |Then he left."},
		{"CurlyQuotes", "“It is over.” |He left."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, want := mustSplitMarked(t, tt.marked)
			var got []string
			for _, s := range Sentences(text) {
				got = append(got, text[s.Start:s.End])
			}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", text, got, want)
			}
		})
	}
}

func TestSentencesOffsetsTrimmed(t *testing.T) {
	text := "  One.   Two.  \n\n Three "
	for _, s := range Sentences(text) {
		if s.Start >= s.End || isSpaceByte(text[s.Start]) || isSpaceByte(text[s.End-1]) {
			t.Errorf("Sentences(%q) gave untrimmed %q", text, text[s.Start:s.End])
		}
	}
	if n := len(Sentences(text)); n != 3 {
		t.Errorf("len(Sentences(%q)) = %d, want 3", text, n)
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("The U.S. said. He left.\n\n“Quote.” Dec. 4.")
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, s := range Sentences(text) {
			if s.Start < prev || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("Sentences(%q): bad sentence %+v after %d", text, s, prev)
			}
			prev = s.End
		}
	})
}
