package crawl_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"

	"github.com/framelens/framelens"
	"github.com/framelens/framelens/crawl"
)

// A crawl of a one-page section and the article it links to, on a test
// server: every URL ends in the log with its outcome, and the article is
// kept by the relevance filter (a study keyword, a date in the window).
func ExampleRun() {
	pages := map[string]string{
		"/world/": `<html><body><a href="/world/1">Talks in Geneva</a></body></html>`,
		"/world/1": `<html><head><title>Talks in Geneva</title>
			<meta property="article:published_time" content="2019-01-15T12:00:00Z"></head>
			<body><p>Delegations discussed the INF Treaty for five hours.</p></body></html>`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, body)
	}))
	defer srv.Close()

	dir, err := os.MkdirTemp("", "crawl-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	study := &framelens.Study{
		ID:       "example",
		Window:   framelens.Window{Start: "2018-10-01", End: "2019-08-31"},
		Keywords: []string{"INF"},
		Outlets: []framelens.Outlet{{
			ID:        "agency",
			Domains:   []string{"127.0.0.1"},
			Discovery: framelens.Discovery{Sections: []framelens.Section{{URL: srv.URL + "/world/"}}},
		}},
	}
	res, err := crawl.Run(context.Background(), crawl.Config{
		Study: study, Dir: dir, Delay: -1, // no politeness delay: loopback only
		Logger: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range res.Log {
		u, _ := url.Parse(e.URL)
		fmt.Println(u.Path, e.DiscoveredVia, e.Outcome, e.Status, e.Relevant)
	}
	fmt.Println(len(res.WARCFiles), "WARC file")
	// Output:
	// /robots.txt robots archived 404 false
	// /world/ seed archived 200 false
	// /world/1 section archived 200 true
	// 1 WARC file
}

// Replay serves captures from WARC files written by any tool; here a
// Heritrix-style file with a recorded redirect, which the client follows
// as it did when the page was captured.
func ExampleNewReplayTransport() {
	rt, err := crawl.NewReplayTransport("testdata/foreign/heritrix-style.warc.gz")
	if err != nil {
		log.Fatal(err)
	}
	client := &http.Client{Transport: rt}
	resp, err := client.Get("http://example.net/world/42")
	if err != nil {
		log.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.StatusCode, resp.Request.URL)
	fmt.Println(strings.Contains(string(body), "Moscow answers on the INF Treaty."))

	resp, _ = client.Get("http://example.net/never-captured")
	fmt.Println(resp.StatusCode)
	// Output:
	// 200 http://www.example.net/world/42
	// true
	// 404
}
