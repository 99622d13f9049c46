package crawl

import (
	"time"

	bolt "go.etcd.io/bbolt"
)

// Scheduled runs. A crawl directory is meant to be crawled again and again
// (a daily cron job): the discovery sources that list new articles are
// fetched again once their last fetch is older than Config.Refresh, while
// article pages, once archived, are not. See the package documentation.

// robotsMaxAge is how long a collector's robots.txt rules are trusted
// before it is replaced (RFC 9309 §2.4: a crawler should not use a cached
// robots.txt for more than 24 hours). Each run reads robots.txt afresh;
// this bounds a run that lasts longer, as Wayback crawls do.
const robotsMaxAge = 24 * time.Hour

// refreshable reports whether URLs of kind k are discovery sources whose
// content changes and so are fetched again after Config.Refresh. A Wayback
// CDX answer is not: a query over a past window lists the same captures
// tomorrow (the Archive adds captures of today, outside the window).
func refreshable(k kind) bool {
	return k == kindSection || k == kindSitemap || k == kindFeed
}

// cutoff is the time before which a discovery source's last fetch is
// stale: Refresh before now, and never later than the start of this run,
// so that a run fetches each source at most once whatever Refresh is. ok is
// false when Refresh is negative (never refetch).
func (cr *crawler) cutoff() (t time.Time, ok bool) {
	if cr.cfg.Refresh < 0 {
		return time.Time{}, false
	}
	t = cr.cfg.Now().Add(-cr.cfg.Refresh)
	if cr.started.Before(t) {
		t = cr.started
	}
	return t, true
}

// queue enqueues it, or, when it was seen before and is a discovery source
// whose last fetch is stale, queues it again (refreshed).
func (cr *crawler) queue(tx *bolt.Tx, it item) (added, refreshed bool, err error) {
	added, err = enqueue(tx, it)
	if err != nil || added || !refreshable(it.Kind) {
		return added, false, err
	}
	cut, ok := cr.cutoff()
	if !ok {
		return false, false, nil
	}
	refreshed, err = requeueStale(tx, it, cut)
	return false, refreshed, err
}

// refetch tells the archive layer not to answer from the WARCs: the
// request is for a discovery source and the archived capture c is stale.
// Redirect hops of such a request are judged the same way.
func (cr *crawler) refetch(c capture) bool {
	if !refreshable(cr.sink.kind()) {
		return false
	}
	cut, ok := cr.cutoff()
	return ok && c.Date.Before(cut)
}

// conditional reports whether the request under way may be conditional:
// sitemaps and feeds, whose servers commonly keep validators. Section pages
// are asked for in full (pages rendered per request rarely validate).
func (cr *crawler) conditional() bool {
	k := cr.sink.kind()
	return k == kindSitemap || k == kindFeed
}
