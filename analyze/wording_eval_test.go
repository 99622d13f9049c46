package analyze

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/framelens/framelens"
	"github.com/framelens/framelens/internal/sample"
)

var updateVoiceGold = flag.Bool("wording.update", false, "rewrite testdata/wording/voice_gold.json from the sample's gold attributions")

// A voiceGold is one expected lexicon hit: where it is and in which voice.
type voiceGold struct {
	URL      string `json:"url"`
	Text     string `json:"text"`
	Start    int    `json:"start"`
	Variable string `json:"variable"`
	Variant  string `json:"variant"`
	Voice    string `json:"voice"`
	Speaker  string `json:"speaker,omitempty"`
	Note     string `json:"note,omitempty"`
}

const voiceGoldPath = "testdata/wording/voice_gold.json"

// goldVoice says whether span lies inside the content of a gold attribution
// of g, and whose.
func goldVoice(g sample.GoldArticle, s framelens.Span) (string, string) {
	for _, at := range g.Attributions {
		for occ := 1; ; occ++ {
			c, ok := sample.LocateText(g.Text, at.Content, occ)
			if !ok {
				break
			}
			if c.Start <= s.Start && s.End <= c.End {
				return framelens.VoiceQuoted, at.Speaker
			}
		}
	}
	return framelens.VoiceAuthorial, ""
}

// TestVoiceGold scores the voice of lexical-variable hits against
// testdata/wording/voice_gold.json: hits in sample articles with the voice
// the sample's gold attributions give them (checked by hand when written).
// Quoted is the positive class of precision and recall.
func TestVoiceGold(t *testing.T) {
	study := mustStudy(t)
	arts, golds := mustWordingSample(t)
	res, err := Run(study, arts, []*Analyzer{Lexical})
	if err != nil {
		t.Fatal(err)
	}
	hits := res[Lexical].(*LexicalResult).Hits
	urlOf := map[string]string{}
	for _, a := range arts {
		urlOf[a.ID] = a.URL
	}
	key := func(url string, start int, variable string) string { return fmt.Sprint(url, "@", start, "/", variable) }
	if *updateVoiceGold {
		goldOf := map[string]sample.GoldArticle{}
		for _, g := range golds {
			goldOf[g.URL] = g
		}
		var out []voiceGold
		perArticle := map[string]int{}
		for _, h := range hits {
			url := urlOf[h.ArticleID]
			if h.Lexicon != LexiconVariable || perArticle[url] >= 3 {
				continue
			}
			perArticle[url]++
			voice, speaker := goldVoice(goldOf[url], h.Span)
			out = append(out, voiceGold{URL: url, Text: h.Text, Start: h.Span.Start, Variable: h.Variable,
				Variant: h.Variant, Voice: voice, Speaker: speaker})
		}
		data, _ := json.MarshalIndent(out, "", "  ")
		if err := os.WriteFile(voiceGoldPath, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(voiceGoldPath)
	if err != nil {
		t.Fatal(err)
	}
	var gold []voiceGold
	if err := json.Unmarshal(data, &gold); err != nil {
		t.Fatal(err)
	}
	got := map[string]framelens.LexicalHit{}
	for _, h := range hits {
		if h.Lexicon == LexiconVariable {
			got[key(urlOf[h.ArticleID], h.Span.Start, h.Variable)] = h
		}
	}
	var found, variantOK, tp, fp, fn, voiceOK int
	for _, g := range gold {
		h, ok := got[key(g.URL, g.Start, g.Variable)]
		if !ok {
			t.Logf("missed: %s %q (%s/%s)", g.URL, g.Text, g.Variable, g.Variant)
			continue
		}
		found++
		if h.Variant == g.Variant && strings.EqualFold(h.Text, g.Text) {
			variantOK++
		}
		switch {
		case h.Voice == g.Voice:
			voiceOK++
			if g.Voice == framelens.VoiceQuoted {
				tp++
			}
		case h.Voice == framelens.VoiceQuoted:
			fp++
			t.Logf("voice: %s %q got quoted, want authorial", g.URL, g.Text)
		default:
			fn++
			t.Logf("voice: %s %q got authorial, want quoted (%s)", g.URL, g.Text, g.Speaker)
		}
	}
	n := len(gold)
	t.Logf("voice gold: %d hits, found %d, variant right %d, voice right %d (%.3f); quoted P=%.3f R=%.3f",
		n, found, variantOK, voiceOK, float64(voiceOK)/float64(max(n, 1)), ratio(tp, tp+fp), ratio(tp, tp+fn))
	if n < 20 {
		t.Fatalf("voice gold has %d hits, want at least 20", n)
	}
	if found != n || variantOK != n {
		t.Errorf("found %d and variant right %d of %d gold hits, want all", found, variantOK, n)
	}
	if float64(voiceOK) < 0.8*float64(n) {
		t.Errorf("voice right for %d of %d gold hits, want >= 80%%", voiceOK, n)
	}
}
