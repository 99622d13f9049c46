package normalize

import (
	"regexp"
	"strings"

	"github.com/framelens/framelens"
)

// Datelines open agency copy: the place, sometimes the date, and the agency.
// The place is upper case in most agencies' style and title case in TASS's.
//
//	MOSCOW, January 25. /TASS/. ...
//	BRUSSELS (Reuters) - ...
//	MOSCOW (AP) — ...
//	WASHINGTON, Feb 1 (Reuters) - ...
//	GENEVA — ...
var (
	datelineSlash = regexp.MustCompile(`^(\p{Lu}[\p{L}\p{Lu} .'-]{1,40}?(?:, \p{Lu}[\p{L} .'-]{1,30}?)?), (\p{L}+\.? \d{1,2}|\d{1,2} \p{L}+\.?)\. /([\p{L} -]{2,30})/\.?\s+`)
	datelineParen = regexp.MustCompile(`^(\p{Lu}[\p{Lu} .'-]{1,40}?(?:, \p{Lu}[\p{L} .'-]{1,30}?)?)(?:, (\p{L}+\.? \d{1,2}|\d{1,2} \p{L}+\.?))? \(([\p{L}. -]{2,30})\)\s*[-—–]+\s+`)
	datelineDash  = regexp.MustCompile(`^(\p{Lu}[\p{Lu} .'-]{2,40}?(?:, \p{Lu}[\p{L} .'-]{1,30}?)?)(?:, (\p{L}+\.? \d{1,2}|\d{1,2} \p{L}+\.?))? [—–-]+\s+`)
)

// splitDateline removes a dateline from the start of p and returns it with
// the rest of the paragraph.
func splitDateline(p string) (framelens.Dateline, string) {
	for _, re := range []*regexp.Regexp{datelineSlash, datelineParen, datelineDash} {
		m := re.FindStringSubmatchIndex(p)
		if m == nil {
			continue
		}
		sub := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return strings.TrimSpace(p[m[2*i]:m[2*i+1]])
		}
		d := framelens.Dateline{Raw: strings.TrimSpace(p[:m[1]]), Place: sub(1), Date: sub(2)}
		if re != datelineDash {
			d.Agency = sub(3)
		}
		// A dash dateline needs an upper-case place of more than one
		// letter so that "A — B" sentences are left alone.
		if re == datelineDash && strings.ToUpper(d.Place) != d.Place {
			continue
		}
		rest := strings.TrimSpace(p[m[1]:])
		if rest == "" {
			continue
		}
		return d, rest
	}
	return framelens.Dateline{}, p
}
