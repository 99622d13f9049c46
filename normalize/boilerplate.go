package normalize

import (
	"regexp"
	"strings"
)

// boilerLine matches whole paragraphs that are page furniture inside an
// article's container: share prompts, "read more" pointers, newsletter
// calls, advertising labels, wire-service credits. They are phrased the same
// way across publishers, so the list is general, not per site.
var boilerLine = regexp.MustCompile(`(?i)^(?:` +
	`advertisement|advertising|sponsored(?: content)?|ad|` +
	`(?:read|see) (?:more|also)\b.*|more on this(?: story)?\b.*|related(?: articles?| stories| coverage| content)?\s*[:|-].*|` +
	`(?:click|tap) here\b.*|` +
	`share(?: this(?: article| story)?| on \w+)?:?|tweet|email|print|` +
	`follow (?:us|@\w+)\b.{0,80}|` +
	`sign up\b.{0,120}|subscribe\b.{0,120}|(?:get|receive) (?:our|the) \w+ newsletter\b.{0,120}|` +
	`(?:additional )?(?:reporting|writing|editing) by\b.{0,200}|` +
	`(?:photo|image|picture|video)(?: credit)?\s*:.{0,200}|` +
	`(?:©|\(c\)|copyright)\s.{0,120}|` +
	`all rights reserved\.?` +
	`)$`)

// isBoilerLine reports whether a paragraph is page furniture.
func isBoilerLine(p string) bool {
	if len(p) > 260 {
		return false
	}
	return boilerLine.MatchString(strings.TrimSpace(p))
}

func dropBoiler(paras []string) []string {
	out := paras[:0]
	for _, p := range paras {
		if p == "" || isBoilerLine(p) {
			continue
		}
		out = append(out, p)
	}
	return out
}
