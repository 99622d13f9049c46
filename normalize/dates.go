package normalize

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// dateLayouts are the forms pages write dates in, tried in order. A layout
// without a zone is read as UTC.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z0700",
	"2006-01-02 15:04:05 -0700 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	time.DateOnly,
	"2006/01/02 15:04:05",
	"2006/01/02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"January 2, 2006 15:04",
	"January 2, 2006 3:04 PM",
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006 15:04",
	"2 January 2006",
	"2 Jan 2006",
	"02.01.2006 15:04",
	"02.01.2006",
	"20060102",
}

// parseDate reads a date in any of dateLayouts and returns it in UTC.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	s = strings.Replace(s, "Sept.", "Sep", 1)
	s = strings.Replace(s, ".,", ",", 1)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if t.Year() < 1990 || t.Year() > 2100 {
				return time.Time{}, false
			}
			if strings.Contains(l, "MST") && !strings.Contains(l, "-0700") {
				t = zoneByName(t)
			}
			return t.UTC(), true
		}
	}
	// "Nov. 19, 2019 8:03 am ET" and the like: keep the date part.
	if m := proseDate.FindString(s); m != "" && m != s {
		return parseDate(m)
	}
	return time.Time{}, false
}

// zoneOffsets are the offsets, in hours east of UTC, of the zone
// abbreviations the study's outlets write. time.Parse reads an abbreviation
// it does not know as a zero offset, which would put "05:30 MSK" at 05:30
// UTC instead of 02:30.
var zoneOffsets = map[string]int{"MSK": 3, "EET": 2, "EEST": 3, "CET": 1, "CEST": 2, "BST": 1, "WET": 0, "WEST": 1,
	"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7}

// zoneByName moves t, parsed from a layout with a zone abbreviation and no
// numeric offset, to the offset its abbreviation stands for. An unknown
// abbreviation is left as time.Parse read it (UTC).
func zoneByName(t time.Time) time.Time {
	name, _ := t.Zone()
	h, ok := zoneOffsets[strings.ToUpper(name)]
	if !ok {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.FixedZone(name, h*3600))
}

var proseDate = regexp.MustCompile(`(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.? \d{1,2}, \d{4}|\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}`)

// urlDate finds a date written into a URL path: /2019/02/01/, /2019-02-01/,
// /20190201/.
var urlDate = regexp.MustCompile(`/(20\d\d|19\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:[/-]|$)|/(20\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/`)

func dateFromURL(u string) (time.Time, string, bool) {
	m := urlDate.FindStringSubmatch(u)
	if m == nil {
		return time.Time{}, "", false
	}
	y, mo, d := m[1], m[2], m[3]
	if y == "" {
		y, mo, d = m[4], m[5], m[6]
	}
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(mo)
	di, _ := strconv.Atoi(d)
	t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if t.Day() != di {
		return time.Time{}, "", false // February 31 and the like: time.Date would roll it over
	}
	return t, strings.Trim(m[0], "/-"), true
}
