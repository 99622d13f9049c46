package crawl

import (
	"bytes"
	"compress/gzip"
	"io"
	"mime"
	"net/http"
	"strings"

	"golang.org/x/net/html/charset"
)

// decoder is the layer colly talks to. It hands colly bodies that are
// decompressed and, for HTML, in UTF-8 with a Content-Type that says so.
// Everything below it (the WARC recorder) keeps the bytes as they came.
//
// Why: colly v2.3.0 transcodes only from the charset in the Content-Type
// header; a windows-1251 page that names its charset only in <meta> reaches
// OnHTML as raw bytes, and its DetectCharset guesses wrongly (crawl.md
// §3.2). Here the encoding is settled the way browsers do it (HTML
// standard "determine the encoding"): a byte order mark wins, then the
// header, then <meta> in the first 1024 bytes, then UTF-8 if the bytes are
// valid UTF-8, else windows-1252.
type decoder struct {
	next http.RoundTripper
	// maxBody caps a decompressed body (a gzip bomb would otherwise
	// expand without bound); zero means no cap.
	maxBody int64
}

// RoundTrip implements http.RoundTripper.
func (d *decoder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := d.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	body = gunzipMaybe(body, resp.Header.Get("Content-Encoding"), resp.Header.Get("Content-Type"), req.URL.Path, d.maxBody)
	resp.Header.Del("Content-Encoding")
	resp.Uncompressed = true
	if isHTML(resp.Header.Get("Content-Type"), body) {
		if utf8Body, ct, ok := toUTF8(body, resp.Header.Get("Content-Type")); ok {
			body = utf8Body
			resp.Header.Set("Content-Type", ct)
		}
	}
	return memResponse(req, resp, body), nil
}

// gunzipMaybe decompresses a gzip body: one sent with Content-Encoding
// gzip, or a .gz file (sitemap.xml.gz) served as such, keeping at most max
// bytes (max <= 0: all). A body that does not decompress (mislabelled) is
// returned as it is; one cut short by MaxBodySize yields what decompresses.
func gunzipMaybe(body []byte, encoding, contentType, path string, max int64) []byte {
	if len(body) < 2 || body[0] != 0x1f || body[1] != 0x8b {
		return body
	}
	enc := strings.ToLower(encoding)
	ct := strings.ToLower(contentType)
	if !strings.Contains(enc, "gzip") && !strings.Contains(ct, "gzip") && !strings.HasSuffix(strings.ToLower(path), ".gz") {
		return body
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return body
	}
	var r io.Reader = zr
	if max > 0 {
		r = io.LimitReader(zr, max)
	}
	out, err := io.ReadAll(r)
	if err != nil && len(out) == 0 {
		return body
	}
	return out
}

// isHTML says whether a body is HTML by its Content-Type or, when that is
// missing, by its first bytes.
func isHTML(contentType string, body []byte) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch mt {
	case "text/html", "application/xhtml+xml":
		return true
	case "":
		return strings.HasPrefix(http.DetectContentType(body), "text/html")
	}
	return false
}

// toUTF8 converts an HTML body to UTF-8. It returns the new body and a
// Content-Type with charset=utf-8, or ok false when nothing needs doing.
func toUTF8(body []byte, contentType string) ([]byte, string, bool) {
	mt, params, _ := mime.ParseMediaType(contentType)
	if mt == "" {
		mt = "text/html"
	}
	ct := mime.FormatMediaType(mt, map[string]string{"charset": "utf-8"})
	enc, name, _ := charset.DetermineEncoding(body, contentType)
	// DetermineEncoding strips a BOM only through its reader; drop it here
	// so goquery does not see U+FEFF.
	trimmed := trimBOM(body, name)
	if name == "utf-8" {
		return trimmed, ct, len(trimmed) != len(body) || params["charset"] == "" || !strings.EqualFold(params["charset"], "utf-8")
	}
	body = trimmed
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, "", false
	}
	return out, ct, true
}

func trimBOM(b []byte, name string) []byte {
	switch {
	case name == "utf-8" && bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return b[3:]
	case strings.HasPrefix(name, "utf-16") && len(b) >= 2 && (b[0] == 0xFE && b[1] == 0xFF || b[0] == 0xFF && b[1] == 0xFE):
		return b[2:]
	}
	return b
}
