package crawl

import (
	"fmt"
	"io"
	"time"
)

// progress redraws one line per outlet on a terminal: what has been
// discovered, fetched, kept by the relevance filter and has failed, and
// what is left queued. It draws at most five times a second.
type progress struct {
	w    io.Writer
	now  func() time.Time
	last time.Time
}

func (p *progress) show(s *OutletStats, done bool) {
	if p.w == nil {
		return
	}
	now := p.now()
	if !done && now.Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last = now
	end := ""
	if done {
		end = "\n"
	}
	fmt.Fprintf(p.w, "\r%-12s discovered %6d  fetched %6d  kept %6d  failed %5d  robots %4d%s",
		s.Outlet, s.Discovered, s.Fetched, s.Kept, s.Failed, s.Robots, end)
}
