package normalize

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// knownAgencies are news agencies as they are credited in bylines and
// datelines. An outlet's own Agency name (from the study) is added at run
// time.
var knownAgencies = []string{"Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "TASS",
	"RIA Novosti", "Interfax", "Sputnik", "Xinhua", "dpa", "DPA", "Bloomberg", "UPI", "ANSA", "EFE", "PTI",
	"Kyodo", "Yonhap", "PA", "Anadolu", "Ukrinform", "BelTA", "IRNA", "RT", "Press Association", "CNN Wire"}

func agencyName(s string, extra []string) (string, bool) {
	t := strings.Trim(strings.TrimSpace(s), "/.()")
	for _, a := range extra {
		if a != "" && strings.EqualFold(t, a) {
			return a, true
		}
	}
	for _, a := range knownAgencies {
		if t == a || len(a) > 4 && strings.EqualFold(t, a) {
			return a, true
		}
	}
	if strings.EqualFold(t, "The Associated Press") {
		return "Associated Press", true
	}
	return "", false
}

var (
	byPrefix    = regexp.MustCompile(`(?i)^(?:written |reported |story |text )?by\s+|^(?:автор|текст)\s*:?\s*`)
	bylineTail  = regexp.MustCompile(`(?i)\s*(?:\||•|·|—|–| - |,\s*(?:staff|senior|chief|special)?\s*(?:writer|correspondent|reporter|editor)\b|\bupdated\b|\bpublished\b|\bposted\b|\d{1,2}:\d\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d).*$`)
	nameSplit   = regexp.MustCompile(`\s*(?:,|&|\band\b|\bи\b)\s*`)
	nameLike    = regexp.MustCompile(`^\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|de|da|van|von|der|al|bin|la|le|du))*$`)
	inAgencyFmt = regexp.MustCompile(`(?i)^(?:with |additional reporting by )`)
)

// splitByline turns a byline ("By Jane Roe and John Doe, Reuters") into
// people and agencies. Text that does not look like a name is left out:
// the byline's job titles, dates and "Updated" notes.
func splitByline(s string, extra []string) (people, agencies []string) {
	s = CleanText(s)
	s = byPrefix.ReplaceAllString(s, "")
	s = inAgencyFmt.ReplaceAllString(s, "")
	s = bylineTail.ReplaceAllString(s, "")
	for _, part := range nameSplit.Split(s, -1) {
		part = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(part), "By "))
		if part == "" {
			continue
		}
		if a, ok := agencyName(part, extra); ok {
			agencies = appendUnique(agencies, a)
			continue
		}
		if utf8.RuneCountInString(part) <= 60 && nameLike.MatchString(part) && strings.Count(part, " ") <= 4 {
			people = appendUnique(people, part)
		}
	}
	return people, agencies
}

func appendUnique(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// authors collects the credited people and agencies: JSON-LD first, then
// <meta name=author>, then byline elements. The first source that names
// anyone is used for people; agencies are gathered from all.
func authors(m *meta, extra []string) (people, agencies []string) {
	sources := [][]string{m.ld.Authors, m.props["author"], m.props["article:author"], m.props["byl"], m.bylines}
	for _, src := range sources {
		var ps []string
		for _, s := range src {
			if strings.HasPrefix(s, "http") {
				continue // a profile URL, not a name
			}
			p, a := splitByline(s, extra)
			ps = append(ps, p...)
			for _, x := range a {
				agencies = appendUnique(agencies, x)
			}
		}
		if len(people) == 0 && len(ps) > 0 {
			for _, p := range ps {
				people = appendUnique(people, p)
			}
		}
	}
	return people, agencies
}
