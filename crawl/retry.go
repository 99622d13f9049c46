package crawl

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// errCircuitOpen is returned, without a request being sent, for a host
// whose circuit breaker is open.
var errCircuitOpen = errors.New("circuit open: host paused after repeated failures")

// retrier retries a request that failed in a way that may pass: 408, 429,
// 5xx (but 501 and 505), a reset, a timeout. It waits what Retry-After asks
// (seconds or an HTTP date) or else Backoff·2^n with jitter, each wait
// capped at MaxBackoff (a longer Retry-After fails the request). After
// BreakerThreshold consecutive failed requests to one host it pauses the
// host (the circuit opens) for BreakerCooldown; requests to it then fail at
// once. It sits above the recorder, so every attempt is archived.
type retrier struct {
	next       http.RoundTripper
	retries    int // negative: none
	backoff    time.Duration
	maxBackoff time.Duration
	timeout    time.Duration
	threshold  int
	cooldown   time.Duration
	// hostCooldown overrides cooldown for some hosts (the Wayback Machine)
	// and says whether a refused connection opens the circuit at once.
	hostCooldown func(host string) (time.Duration, bool)
	now          func() time.Time
	sleep        func(context.Context, time.Duration) error
	log          *slog.Logger
	// onAttempt is told about each attempt at a URL.
	onAttempt func(url string)

	mu      sync.Mutex
	breaker map[string]*breakerState
}

type breakerState struct {
	fails     int
	openUntil time.Time
}

// RoundTrip implements http.RoundTripper.
func (r *retrier) RoundTrip(req *http.Request) (*http.Response, error) {
	host := req.URL.Host
	if until, open := r.isOpen(host); open {
		return nil, fmt.Errorf("%w (until %s)", errCircuitOpen, until.UTC().Format(time.RFC3339))
	}
	parent := req.Context()
	for attempt := 0; ; attempt++ {
		if r.onAttempt != nil {
			r.onAttempt(req.URL.String())
		}
		ctx, cancel := context.WithTimeout(parent, r.timeout)
		resp, err := r.next.RoundTrip(req.WithContext(ctx))
		// The recorder below has read the whole body into memory, so the
		// attempt's context can end here.
		cancel()
		if parent.Err() != nil {
			return nil, parent.Err()
		}
		if err == nil {
			resp.Request = req
		}
		retry := retryable(resp, err)
		if !retry {
			if err == nil {
				r.success(host)
			} else {
				r.failure(host)
			}
			return resp, err
		}
		if refused(err) {
			if d, instant := r.cooldownFor(host); instant {
				r.open(host, d)
				return nil, err
			}
		}
		if r.retries < 0 || attempt >= r.retries {
			r.failure(host)
			return resp, err
		}
		wait, fromServer := r.wait(resp, attempt)
		if wait > r.maxBackoff {
			r.failure(host)
			if fromServer {
				if resp != nil {
					return resp, nil
				}
			}
			return resp, err
		}
		if resp != nil {
			resp.Body.Close()
		}
		r.log.DebugContext(parent, "retry", "url", req.URL.String(), "status", statusOf(resp), "error", errString(err), "n", attempt+1, "duration", wait)
		if err := r.sleep(parent, wait); err != nil {
			return nil, err
		}
	}
}

func statusOf(resp *http.Response) int {
	if resp == nil {
		return 0
	}
	return resp.StatusCode
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// retryable says whether an attempt's outcome may change on another try:
// the transient network failures (timeouts, resets, refused or dropped
// connections) and the statuses that say "later". Other errors (a host
// that does not resolve, a bad certificate, a transport that refuses the
// host) would fail again the same way.
func retryable(resp *http.Response, err error) bool {
	if err != nil {
		var dnsErr *net.DNSError
		if errors.As(err, &dnsErr) {
			return dnsErr.IsTimeout || dnsErr.IsTemporary
		}
		var certErr *x509.UnknownAuthorityError
		var hostErr x509.HostnameError
		var invalid x509.CertificateInvalidError
		if errors.As(err, &certErr) || errors.As(err, &hostErr) || errors.As(err, &invalid) {
			return false
		}
		if errors.Is(err, context.Canceled) {
			return false
		}
		var ne net.Error
		if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
			return true
		}
		for _, e := range []error{io.EOF, io.ErrUnexpectedEOF, syscall.ECONNRESET, syscall.ECONNABORTED,
			syscall.ECONNREFUSED, syscall.EPIPE, syscall.ETIMEDOUT, syscall.EHOSTUNREACH, syscall.ENETUNREACH} {
			if errors.Is(err, e) {
				return true
			}
		}
		var op *net.OpError
		return errors.As(err, &op)
	}
	switch c := resp.StatusCode; {
	case c == http.StatusRequestTimeout, c == http.StatusTooManyRequests:
		return true
	case c == http.StatusNotImplemented, c == http.StatusHTTPVersionNotSupported:
		return false
	case c >= 500 && c <= 599:
		return true
	}
	return false
}

func refused(err error) bool {
	return err != nil && errors.Is(err, syscall.ECONNREFUSED)
}

// wait returns how long to wait before attempt+1, and whether the server
// asked for it.
func (r *retrier) wait(resp *http.Response, attempt int) (time.Duration, bool) {
	if resp != nil {
		if d, ok := retryAfter(resp.Header.Get("Retry-After"), r.now()); ok {
			return d, true
		}
	}
	d := r.backoff << attempt
	if d <= 0 || d > r.maxBackoff {
		d = r.maxBackoff
	}
	// Jitter: up to half again, so that paused crawlers do not return in
	// step.
	d += time.Duration(rand.Int64N(int64(d)/2 + 1))
	if d > r.maxBackoff {
		d = r.maxBackoff
	}
	return d, false
}

// retryAfter parses a Retry-After value: delay-seconds or an HTTP-date
// (RFC 9110 §10.2.3). A date in the past means no wait.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		// Past about 292 years n seconds overflow a Duration, and a
		// wrapped-around negative wait would retry at once.
		if n > int64(math.MaxInt64/time.Second) {
			return math.MaxInt64, true
		}
		return time.Duration(n) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	d := t.Sub(now)
	if d < 0 {
		d = 0
	}
	return d, true
}

func (r *retrier) cooldownFor(host string) (time.Duration, bool) {
	if r.hostCooldown != nil {
		if d, instant := r.hostCooldown(host); d > 0 {
			return d, instant
		}
	}
	return r.cooldown, false
}

func (r *retrier) state(host string) *breakerState {
	if r.breaker == nil {
		r.breaker = map[string]*breakerState{}
	}
	b, ok := r.breaker[host]
	if !ok {
		b = &breakerState{}
		r.breaker[host] = b
	}
	return b
}

func (r *retrier) isOpen(host string) (time.Time, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	b := r.state(host)
	if b.openUntil.IsZero() {
		return time.Time{}, false
	}
	if r.now().Before(b.openUntil) {
		return b.openUntil, true
	}
	// Half-open: let one request through; one more failure re-opens.
	b.openUntil = time.Time{}
	b.fails = r.threshold - 1
	return time.Time{}, false
}

func (r *retrier) success(host string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	b := r.state(host)
	b.fails = 0
}

func (r *retrier) failure(host string) {
	r.mu.Lock()
	b := r.state(host)
	b.fails++
	trip := r.threshold > 0 && b.fails >= r.threshold
	r.mu.Unlock()
	if trip {
		d, _ := r.cooldownFor(host)
		r.open(host, d)
	}
}

func (r *retrier) open(host string, d time.Duration) {
	r.mu.Lock()
	b := r.state(host)
	b.openUntil = r.now().Add(d)
	b.fails = 0
	r.mu.Unlock()
	r.log.Warn("host paused", "host", host, "duration", d)
}
