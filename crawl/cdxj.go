package crawl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// indexFile is the CDXJ index of every response record the crawler wrote,
// in Config.Dir, rewritten at the end of each run.
const indexFile = "index.cdxj"

// surt returns the Sort-friendly URI Reordering Transform of raw as pywb and
// OpenWayback key their CDX(J) lines: scheme and "www." dropped, host labels
// reversed and comma-joined, ")" then the path and the query with its
// parameters sorted, all lower-case. "https://www.tass.com/world/1?b=2&a=1"
// becomes "com,tass)/world/1?a=1&b=2".
func surt(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return strings.ToLower(raw)
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimPrefix(host, "www.")
	labels := strings.Split(host, ".")
	slices.Reverse(labels)
	var b strings.Builder
	b.WriteString(strings.Join(labels, ","))
	if p := u.Port(); p != "" && !(u.Scheme == "http" && p == "80") && !(u.Scheme == "https" && p == "443") {
		b.WriteString(":" + p)
	}
	b.WriteString(")")
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	b.WriteString(strings.ToLower(path))
	if u.RawQuery != "" {
		params := strings.Split(u.RawQuery, "&")
		slices.Sort(params)
		b.WriteString("?" + strings.ToLower(strings.Join(params, "&")))
	}
	return b.String()
}

// cdxjBlock is the JSON part of a CDXJ line, with the field names pywb
// uses (all values strings, as pywb writes them).
func cdxjBlock(c capture) ([]byte, error) {
	m := map[string]string{
		"url":      c.URL,
		"status":   strconv.Itoa(c.Status),
		"offset":   strconv.FormatInt(c.Offset, 10),
		"length":   strconv.FormatInt(c.Length, 10),
		"filename": c.File,
	}
	if c.Mime != "" {
		mime := c.Mime
		if i := strings.IndexByte(mime, ';'); i >= 0 {
			mime = mime[:i]
		}
		m["mime"] = strings.TrimSpace(mime)
	}
	if c.Digest != "" {
		m["digest"] = c.Digest
	}
	if c.Truncated {
		m["truncated"] = "length"
	}
	return json.Marshal(m)
}

// writeIndex writes the CDXJ index (sorted by SURT key and timestamp, as
// bbolt keeps its keys) to dir/index.cdxj through a temporary file.
func (s *state) writeIndex(dir string) (string, error) {
	path := filepath.Join(dir, indexFile)
	tmp, err := os.CreateTemp(dir, indexFile+".tmp*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	err = s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketCDXJ).ForEach(func(k, v []byte) error {
			if i := bytes.IndexByte(k, 0); i >= 0 {
				k = k[:i]
			}
			w.Write(k)
			w.WriteByte(' ')
			w.Write(v)
			return w.WriteByte('\n')
		})
	})
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	return path, os.Rename(tmp.Name(), path)
}
