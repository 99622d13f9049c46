package crawl

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/framelens/framelens"
)

// cdxFields are the CDX fields we ask for, in this order.
const cdxFields = "urlkey,timestamp,original,mimetype,statuscode,digest,length"

// cdxQuery returns the CDX API URL that lists one capture per URL
// (collapse=urlkey) of HTML pages answered 200 under the rule's prefix,
// within its from/to (default: the study window), as JSON with a resume
// key for paging.
func cdxQuery(base string, rule framelens.WaybackRule, w framelens.Window, limit int, resumeKey string) string {
	from, to := rule.From, rule.To
	if from == "" {
		from = strings.ReplaceAll(w.Start, "-", "")
	}
	if to == "" {
		to = strings.ReplaceAll(w.End, "-", "")
	}
	q := url.Values{}
	q.Set("url", rule.Prefix)
	q.Set("matchType", "prefix")
	if from != "" {
		q.Set("from", from)
	}
	if to != "" {
		q.Set("to", to)
	}
	q.Set("output", "json")
	q.Set("fl", cdxFields)
	q.Add("filter", "statuscode:200")
	q.Add("filter", "mimetype:text/html")
	q.Set("collapse", "urlkey")
	q.Set("limit", strconv.Itoa(limit))
	q.Set("showResumeKey", "true")
	if resumeKey != "" {
		q.Set("resumeKey", resumeKey)
	}
	return base + "?" + q.Encode()
}

// A cdxRow is one capture listed by the CDX API.
type cdxRow struct {
	URLKey, Timestamp, Original, MIME, Status, Digest, Length string
}

// Time returns the capture time of the row.
func (r cdxRow) Time() (time.Time, bool) {
	t, err := time.Parse("20060102150405", r.Timestamp)
	return t, err == nil
}

// parseCDX reads a CDX API answer in output=json form: an array of rows of
// strings whose first row names the fields; with showResumeKey the rows end
// with an empty row and then a row holding the resume key. An empty body
// means no captures.
func parseCDX(body []byte) (rows []cdxRow, resumeKey string, err error) {
	if len(strings.TrimSpace(string(body))) == 0 {
		return nil, "", nil
	}
	var raw [][]string
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, "", fmt.Errorf("parse cdx: %w", err)
	}
	if len(raw) == 0 {
		return nil, "", nil
	}
	col := map[string]int{}
	for i, name := range raw[0] {
		col[name] = i
	}
	if _, ok := col["original"]; !ok {
		return nil, "", fmt.Errorf("parse cdx: header row %q has no original field", raw[0])
	}
	if _, ok := col["timestamp"]; !ok {
		return nil, "", fmt.Errorf("parse cdx: header row %q has no timestamp field", raw[0])
	}
	get := func(row []string, name string) string {
		if i, ok := col[name]; ok && i < len(row) {
			return row[i]
		}
		return ""
	}
	body2 := raw[1:]
	for i, row := range body2 {
		if len(row) == 0 {
			// The separator before the resume key.
			if i+1 < len(body2) && len(body2[i+1]) == 1 {
				resumeKey = body2[i+1][0]
			}
			break
		}
		rows = append(rows, cdxRow{
			URLKey:    get(row, "urlkey"),
			Timestamp: get(row, "timestamp"),
			Original:  get(row, "original"),
			MIME:      get(row, "mimetype"),
			Status:    get(row, "statuscode"),
			Digest:    get(row, "digest"),
			Length:    get(row, "length"),
		})
	}
	return rows, resumeKey, nil
}

// playbackURL returns the URL of the raw capture: the id_ form serves the
// archived payload as it was, without the Wayback banner or rewritten links.
func playbackURL(web, timestamp, original string) string {
	if !strings.HasSuffix(web, "/") {
		web += "/"
	}
	return web + timestamp + "id_/" + original
}

// originalURL makes a CDX "original" field into an absolute URL without a
// default port (old captures store "example.com/x" or "http://host:80/x").
func originalURL(s string) string {
	if !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	if (u.Scheme == "http" && u.Port() == "80") || (u.Scheme == "https" && u.Port() == "443") {
		u.Host = u.Hostname()
	}
	return u.String()
}
