package analyze

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/framelens/framelens"
	"github.com/framelens/framelens/internal/studyfile"
)

// mustTestStudy loads the made-up study of testdata/attribution: none of its
// names or verbs come from the INF study.
func mustTestStudy(tb testing.TB) *framelens.Study {
	tb.Helper()
	data, err := os.ReadFile("testdata/attribution/study.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	st, err := studyfile.Load("testdata/attribution/study.yaml", data)
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

// mustParseContents removes the <<content>> markers from marked and returns
// the clean text and the character span of each marked content, in order.
func mustParseContents(tb testing.TB, marked string) (string, []framelens.Span) {
	tb.Helper()
	var b strings.Builder
	var spans []framelens.Span
	var open []int
	chars := 0
	for i := 0; i < len(marked); {
		switch {
		case strings.HasPrefix(marked[i:], "<<"):
			open = append(open, chars)
			i += 2
		case strings.HasPrefix(marked[i:], ">>"):
			if len(open) == 0 {
				tb.Fatalf("unbalanced >> in %q", marked)
			}
			spans = append(spans, framelens.Span{Start: open[len(open)-1], End: chars})
			open = open[:len(open)-1]
			i += 2
		default:
			r := []rune(marked[i:])[0]
			b.WriteRune(r)
			chars++
			i += len(string(r))
		}
	}
	if len(open) != 0 {
		tb.Fatalf("unbalanced << in %q", marked)
	}
	return b.String(), spans
}

// wantAttr is one expected attribution. Content is the index of its
// <<content>> marker; the other fields are compared when set.
type wantAttr struct {
	content int
	speaker string // SpeakerText; "-" for none
	cue     string
	actor   string
	side    framelens.Side
	class   framelens.VerbClass
	kind    framelens.AttributionKind
	via     string
	negated bool
}

// Each case's text is the body after the title "Test" (paragraphs separated
// by blank lines); cases named ...Headline bring their own title line.
var attributionTests = []struct {
	name   string
	marked string
	want   []wantAttr
}{
	// Direct speech in every quotation-mark style.
	{"StraightQuoteTrailingCue", `"<<We will not give up our waters>>," Halvorsen said.`,
		[]wantAttr{{speaker: "Halvorsen", cue: "said", actor: "halvorsen", side: "europe", class: "neutral", kind: "direct"}}},
	{"CurlyQuoteInvertedCue", `“<<The quota is unfair>>,” said the Fisheries Minister.`,
		[]wantAttr{{speaker: "the Fisheries Minister", cue: "said", actor: "halvorsen", side: "europe", kind: "direct"}}},
	{"GuillemetsAfterColon", `Liang stressed: «<<Our boats fish where they always have>>».`,
		[]wantAttr{{speaker: "Liang", cue: "stressed", actor: "liang", side: "china", class: "emphatic", kind: "direct"}}},
	{"SingleCurlyQuotes", `Okafor said: ‘<<Both sides must talk>>’.`,
		[]wantAttr{{speaker: "Okafor", actor: "okafor", side: "other", kind: "direct"}}},
	{"QuoteSplitByCue", `Ingrid Halvorsen spoke in the port city. "<<We regret this>>," she said, "<<but we will defend our rights.>>"`,
		[]wantAttr{{content: 0, speaker: "she", actor: "halvorsen", kind: "direct"}, {content: 1, speaker: "she", actor: "halvorsen", kind: "direct"}}},
	{"QuoteReopenedEachParagraph", "Okafor said: \"<<The talks failed.>>\n\n\"<<We will try again next month.>>\"",
		[]wantAttr{{content: 0, actor: "okafor", kind: "direct"}, {content: 1, actor: "okafor", kind: "direct"}}},
	{"QuoteRunsIntoNextSentence", `"<<We are ready>>," Liang said. "<<The coastguard will escort every boat.>>"`,
		[]wantAttr{{content: 0, actor: "liang"}, {content: 1, actor: "liang", cue: "said"}}},
	{"MixedQuote", `Halvorsen said <<the new quota was "illegal">>.`,
		[]wantAttr{{actor: "halvorsen", kind: "mixed"}}},
	// Indirect speech.
	{"SaidThat", `The ministry said that <<the talks had collapsed>>.`,
		[]wantAttr{{speaker: "The ministry", actor: "nord-ministry", side: "europe", kind: "indirect"}}},
	{"SaidBareClause", `Liang said <<the boats had not entered foreign waters>>.`,
		[]wantAttr{{speaker: "Liang", actor: "liang", kind: "indirect"}}},
	{"ToldReporters", `Okafor told reporters that <<a deal was still possible>>.`,
		[]wantAttr{{speaker: "Okafor", cue: "told", actor: "okafor", via: ""}}},
	{"ToldOutletIsVia", `Halvorsen told FishWire that <<the ministry would publish the data>>.`,
		[]wantAttr{{actor: "halvorsen", via: "FishWire"}}},
	{"ClauseThenSpeaker", `Ingrid Halvorsen arrived on Monday. <<The quota will stay>>, the minister said.`,
		[]wantAttr{{speaker: "the minister", actor: "halvorsen", kind: "indirect"}}},
	{"TimeAdverbialBeforeClause", `Zhonglan said on Tuesday <<it would send more ships>>.`,
		[]wantAttr{{speaker: "Zhonglan", actor: "zhonglan", side: "china"}}},
	{"PhraseBeforeClause", `The Nordland Fisheries Ministry said in a statement <<the boats were fishing illegally>>.`,
		[]wantAttr{{actor: "nord-ministry"}}},
	{"RelativeClauseAside", `Ingrid Halvorsen, who took office in March, said <<the dispute was political>>.`,
		[]wantAttr{{speaker: "Ingrid Halvorsen", actor: "halvorsen"}}},
	{"TitleChain", `Nordland Fisheries Minister Ingrid Halvorsen warned that <<the fleet would be stopped>>.`,
		[]wantAttr{{speaker: "Nordland Fisheries Minister Ingrid Halvorsen", actor: "halvorsen", class: "conflictual"}}},
	{"RoleThenNameApposition", `The coastguard director, Liang Wei, said <<no rules had been broken>>.`,
		[]wantAttr{{speaker: "The coastguard director, Liang Wei", actor: "liang"}}},
	{"ParticipleChain", `Okafor said <<talks would resume>>, adding that <<a date would follow>>.`,
		[]wantAttr{{content: 0, actor: "okafor", cue: "said"}, {content: 1, actor: "okafor", cue: "adding", class: "discourse"}}},
	{"AccordingToFirst", `According to the ministry, <<twelve boats were seized>>.`,
		[]wantAttr{{speaker: "the ministry", cue: "According to", actor: "nord-ministry", kind: "according_to"}}},
	{"AccordingToLast", `<<Twelve boats were seized>>, according to the coastguard.`,
		[]wantAttr{{speaker: "the coastguard", actor: "coastguard", side: "china", kind: "according_to"}}},
	{"ParentheticalCue", `<<The boats, Liang claimed, were in international waters>>.`,
		[]wantAttr{{speaker: "Liang", cue: "claimed", class: "distancing"}}},
	{"ColonHeadline", "Halvorsen: <<Nordland will defend its waters>>\n\nThe minister spoke on Monday.",
		[]wantAttr{{speaker: "Halvorsen", cue: ":", actor: "halvorsen", kind: "headline"}}},
	{"DashHeadline", "<<Zhonglan boats will stay>> — Liang\n\nThe director spoke on Monday.",
		[]wantAttr{{speaker: "Liang", cue: "—", actor: "liang", kind: "headline"}}},
	{"DocumentSpeaksForIssuer", `The ministry said <<it had filed a protest>>. The statement said <<the seizure was unlawful>>.`,
		[]wantAttr{{content: 0, actor: "nord-ministry"}, {content: 1, speaker: "The statement", actor: "nord-ministry", side: "europe"}}},
	{"DeclarationReads", `The declaration reads: "<<Fishing rights are not negotiable.>>"`,
		[]wantAttr{{speaker: "The declaration", cue: "reads", kind: "direct"}}},
	{"Agentless", `It was stressed that <<the ministry would not negotiate under pressure>>.`,
		[]wantAttr{{speaker: "", cue: "stressed", kind: "agentless", side: "unknown"}}},
	{"AnonymousSideFromName", `A Nordland official said <<the boats would be escorted>>.`,
		[]wantAttr{{speaker: "A Nordland official", actor: "", side: "europe"}}},
	{"AnonymousUnknownSide", `Officials said <<the talks would continue>>.`,
		[]wantAttr{{speaker: "Officials", actor: "", side: "unknown"}}},
	{"SourceToldOutlet", `A source told FishWire <<the talks would continue>>.`,
		[]wantAttr{{speaker: "A source", actor: "", via: "FishWire"}}},
	{"PronounByGender", `Halvorsen met Okafor on Monday. She said <<the meeting was useful>>.`,
		[]wantAttr{{speaker: "She", actor: "halvorsen"}}},
	{"PronounPrefersLastSpeaker", `Okafor said <<he was hopeful>>. Liang arrived later. He added that <<a deal was near>>.`,
		[]wantAttr{{content: 0, actor: "okafor"}, {content: 1, speaker: "He", actor: "okafor"}}},
	{"RoleEpithet", `Liang Wei visited the port. The director insisted <<the ships were safe>>.`,
		[]wantAttr{{speaker: "The director", actor: "liang", side: "china"}}},
	{"CoordinatedSpeakers", `Halvorsen and Okafor said <<talks would resume>>.`,
		[]wantAttr{{speaker: "Halvorsen", actor: "halvorsen"}, {speaker: "Okafor", actor: "okafor"}}},
	{"MediatedQuotedAsSaying", `FishWire quoted Okafor as saying <<the deal was close>>.`,
		[]wantAttr{{speaker: "Okafor", cue: "quoted", actor: "okafor", via: "FishWire", class: "mediated"}}},
	{"MediatedPassive", `Liang was quoted by FishWire as saying <<the ships would stay>>.`,
		[]wantAttr{{speaker: "Liang", actor: "liang", via: "FishWire"}}},
	{"NegatedDenial", `Zhonglan did not deny that <<its boats had crossed the line>>.`,
		[]wantAttr{{cue: "deny", actor: "zhonglan", class: "denial", negated: true}}},
	{"DirectiveCallOn", `Okafor called on <<both sides to show restraint>>.`,
		[]wantAttr{{cue: "called on", class: "directive", actor: "okafor"}}},
	{"AccuseObject", `Halvorsen accused <<Zhonglan of breaking the agreement>>.`,
		[]wantAttr{{cue: "accused", class: "conflictual", actor: "halvorsen"}}},
	{"NonLatinText", `“<<Vi står fast — we stand firm>>,” Ingrid Halvorssen said.`,
		[]wantAttr{{actor: "halvorsen", kind: "direct"}}},
	{"TranscriptTurns", "Ingrid Halvorsen: <<We will not give in>>.\n\n<<Our fleet stays where it is>>.\n\nQuestion: What comes next?",
		[]wantAttr{{content: 0, speaker: "Ingrid Halvorsen", cue: ":", actor: "halvorsen", kind: "direct"}, {content: 1, speaker: "Ingrid Halvorsen", actor: "halvorsen", kind: "direct"}}},
	{"CapitalisedNameTurn", "MINISTER HALVORSEN: <<Thank you all>>.",
		[]wantAttr{{speaker: "MINISTER HALVORSEN", actor: "halvorsen", side: "europe"}}},
	// Not attributions.
	{"ModalIsNotReport", `The ministry will respond next week.`, nil},
	{"NounUse", `The report was published on Monday. Its claims were disputed.`, nil},
	{"DemonstrativeWithoutMarker", `The talks showed little progress.`, nil},
	{"ScareQuotes", `The so-called "red line" was crossed on Monday.`, nil},
}

func TestAttributions(t *testing.T) {
	study := mustTestStudy(t)
	x := NewAttributionExtractor(study)
	for _, tt := range attributionTests {
		t.Run(tt.name, func(t *testing.T) {
			marked := tt.marked
			if !strings.HasSuffix(tt.name, "Headline") {
				marked = "Test\n\n" + marked
			}
			text, spans := mustParseContents(t, marked)
			got := x.Extract(nil, "a1", text)
			ix := framelens.NewRuneIndex(text)
			if len(got) != len(tt.want) {
				for _, g := range got {
					t.Logf("got %s %q %q -> %q", g.Kind, g.SpeakerText, g.CueText, g.ContentText)
				}
				t.Fatalf("Extract(%q) gave %d attributions, want %d", text, len(got), len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if want := spans[w.content]; g.Content != want {
					t.Errorf("[%d].Content = %q, want %q", i, ix.Slice(g.Content), ix.Slice(want))
				}
				if g.ContentText != ix.Slice(g.Content) || g.SpeakerText != ix.Slice(g.Speaker) && g.Speaker.Valid() || g.CueText != ix.Slice(g.Cue) {
					t.Errorf("[%d] span texts disagree: %+v", i, g)
				}
				check := func(field, got, want string) {
					if want != "" && got != want {
						t.Errorf("[%d].%s = %q, want %q", i, field, got, want)
					}
				}
				if w.speaker == "" && w.kind == framelens.Agentless && g.Speaker.Valid() {
					t.Errorf("[%d].Speaker = %v, want NoSpan", i, g.Speaker)
				}
				check("SpeakerText", g.SpeakerText, w.speaker)
				check("CueText", g.CueText, w.cue)
				check("ActorID", g.ActorID, w.actor)
				check("Side", string(g.Side), string(w.side))
				check("CueClass", string(g.CueClass), string(w.class))
				check("Kind", string(g.Kind), string(w.kind))
				check("Via", g.Via, w.via)
				if g.Negated != w.negated {
					t.Errorf("[%d].Negated = %v, want %v", i, g.Negated, w.negated)
				}
				if g.ArticleID != "a1" || g.Side == "" {
					t.Errorf("[%d] ArticleID %q Side %q", i, g.ArticleID, g.Side)
				}
			}
		})
	}
}

func TestAttributionsAnalyzer(t *testing.T) {
	study := mustTestStudy(t)
	published, _ := time.Parse(time.RFC3339, "2020-03-02T12:00:00Z")
	arts := []framelens.Article{
		{ID: "a1", Outlet: "fishwire", Published: published, Title: "Boats seized",
			Text: "Boats seized\n\nThe coastguard seized two boats. Halvorsen said the seizure was unlawful."},
		{ID: "a2", Outlet: "fishwire", Published: published, Title: "Zhonglan replies",
			Text: "Zhonglan replies\n\n\"The boats broke the rules,\" Liang said."},
	}
	res, err := Run(study, arts, []*Analyzer{Attributions})
	if err != nil {
		t.Fatal(err)
	}
	ar, ok := res[Attributions].(*AttributionResult)
	if !ok {
		t.Fatalf("Run result = %T, want *AttributionResult", res[Attributions])
	}
	if len(ar.Attributions) != 2 || ar.Attributions[0].ArticleID != "a1" || ar.Attributions[1].ActorID != "liang" {
		t.Fatalf("Attributions = %+v", ar.Attributions)
	}
	al := res[Events].(*EventAlignment)
	events := 0
	for _, v := range ar.Voice {
		if v.Event != "" {
			events++
		}
	}
	want := 0
	for i := range arts {
		want += len(al.EventIDs(i)) * 2 // one total row and one class row per article here
	}
	if want == 0 {
		t.Fatalf("Events aligned no article; the test needs one")
	}
	if events != want {
		t.Errorf("Voice has %d per-event rows, want %d (alignment %v %v)", events, want, al.EventIDs(0), al.EventIDs(1))
	}
}
