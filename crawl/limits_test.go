package crawl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/synctest"
	"time"
)

// fakeRT is an http.RoundTripper for synctest bubbles (which cannot use a
// real network): it answers with respond and records when each request
// came and how many were in flight at once.
type fakeRT struct {
	mu       sync.Mutex
	respond  func(req *http.Request, n int) (*http.Response, error)
	latency  time.Duration
	times    map[string][]time.Time
	n        map[string]int
	inflight map[string]int
	maxIn    int
}

func (f *fakeRT) RoundTrip(req *http.Request) (*http.Response, error) {
	f.mu.Lock()
	if f.times == nil {
		f.times, f.n, f.inflight = map[string][]time.Time{}, map[string]int{}, map[string]int{}
	}
	u := req.URL.String()
	f.times[u] = append(f.times[u], time.Now())
	f.n[u]++
	n := f.n[u]
	f.inflight[req.URL.Host]++
	f.maxIn = max(f.maxIn, f.inflight[req.URL.Host])
	f.mu.Unlock()
	if f.latency > 0 {
		time.Sleep(f.latency)
	}
	defer func() {
		f.mu.Lock()
		f.inflight[req.URL.Host]--
		f.mu.Unlock()
	}()
	return f.respond(req, n)
}

func (f *fakeRT) at(u string) []time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Time(nil), f.times[u]...)
}

func textResponse(req *http.Request, status int, body string, h ...string) *http.Response {
	hdr := http.Header{"Content-Type": {"text/plain"}}
	for i := 0; i+1 < len(h); i += 2 {
		hdr.Set(h[i], h[i+1])
	}
	return &http.Response{StatusCode: status, Status: http.StatusText(status), Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: hdr, Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)), Request: req}
}

func robotsSite(crawlDelay string) func(*http.Request, int) (*http.Response, error) {
	return func(req *http.Request, _ int) (*http.Response, error) {
		if req.URL.Path == "/robots.txt" {
			return textResponse(req, 200, "User-agent: *\nDisallow: /private/\n\nUser-agent: framelens-research-bot\nCrawl-delay: "+crawlDelay+"\n"), nil
		}
		return textResponse(req, 200, "page"), nil
	}
}

func mustDo(tb testing.TB, rt http.RoundTripper, u string) *http.Response {
	tb.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, u, nil)
	resp, err := rt.RoundTrip(req)
	if err != nil {
		tb.Fatalf("RoundTrip %s: %v", u, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

func gaps(ts []time.Time) []time.Duration {
	var out []time.Duration
	for i := 1; i < len(ts); i++ {
		out = append(out, ts[i].Sub(ts[i-1]))
	}
	return out
}

func TestPolitenessDelays(t *testing.T) {
	tests := []struct {
		name       string
		delay      time.Duration
		crawlDelay string
		want       time.Duration
	}{
		{"DefaultDelay", DefaultDelay, "0", 3 * time.Second},
		{"CrawlDelayLonger", DefaultDelay, "10", 10 * time.Second},
		{"CrawlDelayShorterThanDelay", DefaultDelay, "1", 3 * time.Second},
		{"CrawlDelayCapped", DefaultDelay, "1000", DefaultCrawlDelayCap},
		{"NoDelayStillHonoursCrawlDelay", -1, "2", 2 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				f := &fakeRT{respond: robotsSite(tt.crawlDelay), latency: 100 * time.Millisecond}
				p := &politeness{next: f, delay: tt.delay, cap: DefaultCrawlDelayCap, ua: "framelens-research-bot/test (+x)",
					now: time.Now, sleep: sleepCtx, log: slog.New(slog.DiscardHandler)}
				mustDo(t, p, "http://a.example/robots.txt")
				for range 3 {
					mustDo(t, p, "http://a.example/page")
				}
				start := f.at("http://a.example/robots.txt")[0]
				pages := f.at("http://a.example/page")
				// The pause runs from the end of one response to the start
				// of the next request.
				if got := pages[0].Sub(start) - f.latency; got != tt.want {
					t.Errorf("first page %v after robots.txt ended, want %v", got, tt.want)
				}
				for _, g := range gaps(pages) {
					if g-f.latency != tt.want {
						t.Errorf("gap between pages %v, want %v", g-f.latency, tt.want)
					}
				}
			})
		})
	}
}

func TestPolitenessSlowHost(t *testing.T) {
	tests := []struct {
		name    string
		latency time.Duration
		want    time.Duration
	}{
		{"FastHostGetsDelay", 100 * time.Millisecond, DefaultDelay},
		{"SlowHostFiveTimes", 2 * time.Second, 10 * time.Second},
		{"VerySlowHostCapped", 20 * time.Second, 30 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				f := &fakeRT{respond: robotsSite("0"), latency: tt.latency}
				p := &politeness{next: f, delay: DefaultDelay, cap: DefaultCrawlDelayCap, ua: "x", now: time.Now, sleep: sleepCtx, log: slog.New(slog.DiscardHandler)}
				for range 3 {
					mustDo(t, p, "http://a.example/page")
				}
				for _, g := range gaps(f.at("http://a.example/page")) {
					if g-tt.latency != tt.want {
						t.Errorf("pause after a %v response = %v, want %v", tt.latency, g-tt.latency, tt.want)
					}
				}
			})
		})
	}
}

func TestPolitenessOneConnectionPerHost(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeRT{respond: robotsSite("0"), latency: time.Second}
		p := &politeness{next: f, delay: -1, cap: DefaultCrawlDelayCap, ua: "x", now: time.Now, sleep: sleepCtx, log: slog.New(slog.DiscardHandler)}
		var wg sync.WaitGroup
		start := time.Now()
		for i := range 4 {
			wg.Go(func() { mustDo(t, p, "http://a.example/p"+string(rune('0'+i))) })
			wg.Go(func() { mustDo(t, p, "http://b.example/p"+string(rune('0'+i))) })
		}
		wg.Wait()
		if f.maxIn != 1 {
			t.Errorf("at most %d requests in flight per host, want 1", f.maxIn)
		}
		// Two hosts in parallel, four one-second requests each.
		if d := time.Since(start); d != 4*time.Second {
			t.Errorf("8 requests on 2 hosts took %v, want 4s", d)
		}
	})
}

func TestPolitenessWaybackInterval(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeRT{respond: robotsSite("0")}
		cdx := "http://wb.example/cdx/search/cdx"
		p := &politeness{next: f, delay: -1, cap: DefaultCrawlDelayCap, ua: "x", now: time.Now, sleep: sleepCtx, log: slog.New(slog.DiscardHandler),
			interval: func(r *http.Request) time.Duration {
				if strings.HasPrefix(r.URL.String(), cdx) {
					return DefaultWaybackCDXInterval
				}
				return DefaultWaybackInterval
			}}
		for range 3 {
			mustDo(t, p, cdx+"?url=x")
		}
		for _, g := range gaps(f.at(cdx + "?url=x")) {
			if g != DefaultWaybackCDXInterval {
				t.Errorf("CDX queries %v apart, want %v (20 a minute)", g, DefaultWaybackCDXInterval)
			}
		}
	})
}

func testRetrier(next http.RoundTripper) *retrier {
	return &retrier{next: next, retries: 3, backoff: 30 * time.Second, maxBackoff: 30 * time.Minute, timeout: 30 * time.Second,
		threshold: 2, cooldown: 10 * time.Minute, now: time.Now, sleep: sleepCtx, log: slog.New(slog.DiscardHandler)}
}

func TestRetryAfter(t *testing.T) {
	tests := []struct {
		name   string
		header func() string
		want   time.Duration
	}{
		{"Seconds", func() string { return "120" }, 120 * time.Second},
		{"HTTPDate", func() string { return time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat) }, 90 * time.Second},
		{"DateInThePast", func() string { return time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat) }, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				f := &fakeRT{respond: func(req *http.Request, n int) (*http.Response, error) {
					if n == 1 {
						return textResponse(req, http.StatusTooManyRequests, "slow down", "Retry-After", tt.header()), nil
					}
					return textResponse(req, 200, "ok"), nil
				}}
				r := testRetrier(f)
				if resp := mustDo(t, r, "http://a.example/x"); resp.StatusCode != 200 {
					t.Fatalf("status %d, want 200 after a retry", resp.StatusCode)
				}
				if g := gaps(f.at("http://a.example/x")); len(g) != 1 || g[0] != tt.want {
					t.Errorf("retry came after %v, want %v", g, tt.want)
				}
			})
		})
	}
}

func TestRetryBackoff(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeRT{respond: func(req *http.Request, n int) (*http.Response, error) {
			return textResponse(req, http.StatusServiceUnavailable, "down"), nil
		}}
		r := testRetrier(f)
		r.threshold = 0
		if resp := mustDo(t, r, "http://a.example/x"); resp.StatusCode != 503 {
			t.Fatalf("status %d, want the last 503", resp.StatusCode)
		}
		g := gaps(f.at("http://a.example/x"))
		if len(g) != 3 {
			t.Fatalf("%d attempts, want 4 (3 retries)", len(g)+1)
		}
		for i, d := range g {
			lo := r.backoff << i
			if d < lo || d > lo+lo/2 {
				t.Errorf("wait %d = %v, want in [%v, %v] (exponential with jitter)", i+1, d, lo, lo+lo/2)
			}
		}
	})
}

func TestRetryAfterTooLongFails(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeRT{respond: func(req *http.Request, n int) (*http.Response, error) {
			return textResponse(req, http.StatusTooManyRequests, "come back tomorrow", "Retry-After", "86400"), nil
		}}
		r := testRetrier(f)
		if resp := mustDo(t, r, "http://a.example/x"); resp.StatusCode != 429 {
			t.Errorf("status %d, want 429 handed back", resp.StatusCode)
		}
		if n := len(f.at("http://a.example/x")); n != 1 {
			t.Errorf("%d attempts, want 1: a Retry-After beyond MaxBackoff is not waited for", n)
		}
	})
}

func TestRetryNotOn4xx(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeRT{respond: func(req *http.Request, n int) (*http.Response, error) {
			return textResponse(req, http.StatusNotFound, "no"), nil
		}}
		mustDo(t, testRetrier(f), "http://a.example/x")
		if n := len(f.at("http://a.example/x")); n != 1 {
			t.Errorf("404 tried %d times, want 1", n)
		}
	})
}

func TestCircuitBreaker(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fakeRT{respond: func(req *http.Request, n int) (*http.Response, error) {
			if strings.HasSuffix(req.URL.Path, "/ok") {
				return textResponse(req, 200, "ok"), nil
			}
			return nil, fmt.Errorf("read tcp: %w", syscall.ECONNRESET)
		}}
		r := testRetrier(f)
		r.retries = -1
		for _, p := range []string{"/a", "/b"} {
			req, _ := http.NewRequest(http.MethodGet, "http://a.example"+p, nil)
			if _, err := r.RoundTrip(req); err == nil {
				t.Fatalf("%s: no error from a failing host", p)
			}
		}
		req, _ := http.NewRequest(http.MethodGet, "http://a.example/ok", nil)
		if _, err := r.RoundTrip(req); !errors.Is(err, errCircuitOpen) {
			t.Errorf("third request error = %v, want errCircuitOpen", err)
		}
		if n := len(f.at("http://a.example/ok")); n != 0 {
			t.Errorf("open circuit let %d requests through", n)
		}
		// Other hosts are not paused.
		mustDo(t, r, "http://b.example/ok")
		time.Sleep(r.cooldown)
		if resp := mustDo(t, r, "http://a.example/ok"); resp.StatusCode != 200 {
			t.Errorf("after the cooldown status %d, want 200", resp.StatusCode)
		}
	})
}
