package normalize

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/nlnwa/gowarc/v3"
)

// mustRawHTTPWARC writes one response record whose HTTP message is head
// (status line and headers, without the blank line) and body, as sent: the
// way wget and Heritrix store chunked or gzip-encoded responses.
func mustRawHTTPWARC(tb testing.TB, url, head string, body []byte) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "raw.warc")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rb := gowarc.NewRecordBuilder(gowarc.Response, gowarc.WithAddMissingDigest(true))
	fmt.Fprintf(rb, "%s\r\n\r\n", head)
	rb.Write(body)
	rb.AddWarcHeader(gowarc.WarcTargetURI, url)
	rb.AddWarcHeader(gowarc.WarcDate, "2019-02-02T10:01:00Z")
	rb.AddWarcHeader(gowarc.WarcRecordID, "<urn:uuid:00000000-0000-0000-0000-000000000001>")
	rb.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
	rec, _, err := rb.Build()
	if err != nil {
		tb.Fatal(err)
	}
	defer rec.Close()
	if _, _, err := gowarc.NewMarshaler().Marshal(f, rec, 0); err != nil {
		tb.Fatal(err)
	}
	return path
}

func chunk(body []byte, size int) []byte {
	var b bytes.Buffer
	for len(body) > 0 {
		n := min(size, len(body))
		fmt.Fprintf(&b, "%x\r\n%s\r\n", n, body[:n])
		body = body[n:]
	}
	b.WriteString("0\r\n\r\n")
	return b.Bytes()
}

// A response stored as sent (chunked, gzip-encoded or both) gives the same
// article as the plain one: the transfer and content codings are undone.
func TestRecordUndoesHTTPEncodings(t *testing.T) {
	page := mustRead(t, "testdata/tass/ryabkov-ultimatum.html")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(page)
	zw.Close()
	const url = "https://tass.example/politics/1"
	plain, err := readOne(t, mustRawHTTPWARC(t, url, fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d", len(page)), page))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, head string
		body       []byte
	}{
		{"Chunked", "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked", chunk(page, 700)},
		{"Gzip", fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\nContent-Length: %d", gz.Len()), gz.Bytes()},
		{"ChunkedGzip", "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked", chunk(gz.Bytes(), 500)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := readOne(t, mustRawHTTPWARC(t, url, tt.head, tt.body))
			if err != nil {
				t.Fatalf("record(%s) error = %v", tt.name, err)
			}
			if a.Text != plain.Text {
				t.Errorf("record(%s).Text =\n%.300q\nwant\n%.300q", tt.name, a.Text, plain.Text)
			}
		})
	}
}
