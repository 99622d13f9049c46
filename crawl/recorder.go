package crawl

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// recorder is the RoundTripper that archives every HTTP exchange that
// passes through it as a WARC request/response pair, then hands the caller
// an in-memory copy of the body. It sits under the retry layer, so failed
// attempts (429, 503) are archived too.
type recorder struct {
	next    http.RoundTripper
	w       *warcWriter
	maxBody int64
	now     func() time.Time
	// onCapture is told about every record pair written.
	onCapture func(capture)
}

// RoundTrip implements http.RoundTripper.
func (rec *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	// Ask for gzip ourselves: Go's transport then leaves the body
	// compressed, the WARC keeps the bytes as they came over the wire and
	// colly still decompresses (it checks Content-Encoding itself).
	if out.Header.Get("Accept-Encoding") == "" {
		out.Header.Set("Accept-Encoding", "gzip")
	}
	var ip string
	trace := &httptrace.ClientTrace{GotConn: func(ci httptrace.GotConnInfo) {
		if a, ok := ci.Conn.RemoteAddr().(*net.TCPAddr); ok {
			ip = a.IP.String()
		}
	}}
	out = out.WithContext(httptrace.WithClientTrace(out.Context(), trace))
	start := rec.now()
	resp, err := rec.next.RoundTrip(out)
	if err != nil {
		return nil, err
	}
	body, truncated, err := readCapped(resp.Body, rec.maxBody)
	resp.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("read body %s: %w", req.URL, err)
	}
	reqRec, respRec, err := buildPair(out, resp, body, truncated, ip, start)
	if err != nil {
		return nil, err
	}
	caps, err := rec.w.write(reqRec, respRec)
	if err != nil {
		return nil, err
	}
	c := caps[1]
	c.URL = req.URL.String()
	c.Status = resp.StatusCode
	c.Mime = resp.Header.Get("Content-Type")
	c.Digest = respRec.WarcHeader().Get(gowarc.WarcPayloadDigest)
	c.RecordID = respRec.WarcHeader().GetId(gowarc.WarcRecordID)
	c.Date = start
	c.Bytes = int64(len(body))
	c.Truncated = truncated
	c.Location = resp.Header.Get("Location")
	c.ETag = resp.Header.Get("ETag")
	c.LastModified = resp.Header.Get("Last-Modified")
	if rec.onCapture != nil {
		rec.onCapture(c)
	}
	return memResponse(req, resp, body), nil
}

// memResponse returns a copy of resp whose body is the in-memory body.
func memResponse(req *http.Request, resp *http.Response, body []byte) *http.Response {
	r := *resp
	r.Header = resp.Header.Clone()
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	r.Header.Set("Content-Length", strconv.Itoa(len(body)))
	r.TransferEncoding = nil
	r.Request = req
	return &r
}

// readCapped reads at most max bytes of r (max <= 0 means no cap) and
// reports whether more followed.
func readCapped(r io.Reader, max int64) ([]byte, bool, error) {
	if max <= 0 {
		b, err := io.ReadAll(r)
		return b, false, err
	}
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, false, err
	}
	if int64(len(b)) > max {
		return b[:max], true, nil
	}
	return b, false, nil
}

// buildPair builds the request and the response record of one exchange.
func buildPair(req *http.Request, resp *http.Response, body []byte, truncated bool, ip string, date time.Time) (gowarc.WarcRecord, gowarc.WarcRecord, error) {
	target := req.URL.String()

	var rb bytes.Buffer
	wreq := req.Clone(req.Context())
	wreq.Body = nil
	wreq.ContentLength = 0
	// Request.Write adds Host and, when missing, Go's User-Agent, as the
	// transport would; the header order is Go's, not ours.
	if err := wreq.Write(&rb); err != nil {
		return nil, nil, fmt.Errorf("record request %s: %w", target, err)
	}
	qb := gowarc.NewRecordBuilder(gowarc.Request, recordOptions...)
	qb.AddWarcHeader(gowarc.WarcTargetURI, target)
	qb.AddWarcHeaderTime(gowarc.WarcDate, date)
	qb.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=request")
	if _, err := qb.Write(rb.Bytes()); err != nil {
		return nil, nil, err
	}
	qr, _, err := qb.Build()
	if err != nil {
		return nil, nil, fmt.Errorf("record request %s: %w", target, err)
	}

	var hb bytes.Buffer
	// Go speaks HTTP/2 to some servers; WARC readers expect an HTTP/1.x
	// status line, and the header block is the same.
	proto := resp.Proto
	if resp.ProtoMajor != 1 {
		proto = "HTTP/1.1"
	}
	status := resp.Status
	if status == "" {
		status = strconv.Itoa(resp.StatusCode) + " " + http.StatusText(resp.StatusCode)
	}
	fmt.Fprintf(&hb, "%s %s\r\n", proto, status)
	h := resp.Header.Clone()
	if resp.ContentLength >= 0 && h.Get("Content-Length") == "" && len(resp.TransferEncoding) == 0 {
		h.Set("Content-Length", strconv.FormatInt(resp.ContentLength, 10))
	}
	if err := h.Write(&hb); err != nil {
		return nil, nil, err
	}
	hb.WriteString("\r\n")
	sb := gowarc.NewRecordBuilder(gowarc.Response, recordOptions...)
	sb.AddWarcHeader(gowarc.WarcTargetURI, target)
	sb.AddWarcHeaderTime(gowarc.WarcDate, date)
	sb.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
	if ip != "" {
		sb.AddWarcHeader(gowarc.WarcIPAddress, ip)
	}
	if truncated {
		sb.AddWarcHeader(gowarc.WarcTruncated, "length")
	}
	if _, err := sb.Write(hb.Bytes()); err != nil {
		return nil, nil, err
	}
	if _, err := sb.Write(body); err != nil {
		return nil, nil, err
	}
	sr, _, err := sb.Build()
	if err != nil {
		qr.Close()
		return nil, nil, fmt.Errorf("record response %s: %w", target, err)
	}
	return qr, sr, nil
}

// buildMetadata builds a metadata record about the capture of target, as
// WARC-fields lines (name: value), pointing at the response record.
func buildMetadata(target, refersTo string, date time.Time, fields [][2]string) (gowarc.WarcRecord, error) {
	var buf bytes.Buffer
	for _, f := range fields {
		fmt.Fprintf(&buf, "%s: %s\r\n", f[0], f[1])
	}
	b := gowarc.NewRecordBuilder(gowarc.Metadata, recordOptions...)
	b.AddWarcHeader(gowarc.WarcTargetURI, target)
	b.AddWarcHeaderTime(gowarc.WarcDate, date)
	if refersTo != "" {
		b.AddWarcHeader(gowarc.WarcRefersTo, "<"+refersTo+">")
	}
	b.AddWarcHeader(gowarc.ContentType, gowarc.ApplicationWarcFields)
	if _, err := b.Write(buf.Bytes()); err != nil {
		return nil, err
	}
	r, _, err := b.Build()
	if err != nil {
		return nil, fmt.Errorf("record metadata %s: %w", target, err)
	}
	return r, nil
}
