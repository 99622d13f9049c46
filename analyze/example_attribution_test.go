package analyze_test

import (
	"fmt"

	"github.com/framelens/framelens"
	"github.com/framelens/framelens/analyze"
)

func ExampleAttributionExtractor_Extract() {
	study := &framelens.Study{
		Actors: []framelens.Actor{
			{ID: "ryabkov", Name: "Sergei Ryabkov", Kind: framelens.Person, Side: framelens.SideRussia, Gender: "m", Aliases: []string{"Ryabkov"}},
		},
		Lexicons: framelens.Lexicons{ReportingVerbs: []framelens.ReportingVerb{
			{Lemma: "say", Forms: []string{"say", "says", "said"}, Class: framelens.Neutral},
			{Lemma: "warn", Forms: []string{"warn", "warns", "warned"}, Class: framelens.Conflictual},
		}},
	}
	text := "Talks fail\n\n\"We heard nothing new,\" Ryabkov said. He warned that Moscow would respond."
	x := analyze.NewAttributionExtractor(study)
	for _, a := range x.Extract(nil, "a1", text) {
		fmt.Printf("%s %s %s/%s %q\n", a.Kind, a.ActorID, a.CueLemma, a.CueClass, a.ContentText)
	}
	// Output:
	// direct ryabkov say/neutral "We heard nothing new"
	// indirect ryabkov warn/conflictual "Moscow would respond"
}
