package crawl

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/framelens/framelens"
)

// The crawl state lives in one bbolt file in Config.Dir. It is what lets a
// crawl resume after a kill and what keeps memory bounded: the frontier and
// the set of URLs seen are on disk, not in maps.
//
//	seen      url -> item (JSON): every URL ever discovered and its state
//	frontier  outlet 0x00 seq -> url: URLs waiting to be fetched, FIFO per outlet
//	log       seq -> framelens.CrawlEntry (JSON): the crawl log, all runs
//	archived  url -> capture (JSON): the latest archived response per URL
//	cdxj      "surt timestamp" 0x00 file 0x00 offset -> CDXJ JSON block
//	warcs     file -> offset up to which its records are in archived/cdxj
//	failed    url -> outlet: URLs whose last fetch failed (retried next run)
const stateFile = "state.db"

var (
	bucketSeen     = []byte("seen")
	bucketFrontier = []byte("frontier")
	bucketLog      = []byte("log")
	bucketArchived = []byte("archived")
	bucketCDXJ     = []byte("cdxj")
	bucketWARCs    = []byte("warcs")
	bucketFailed   = []byte("failed")
)

// kind says what a fetched URL is and so how its response is read.
type kind string

const (
	kindSection kind = "section" // listing page: article links + pagination
	kindSitemap kind = "sitemap" // sitemap or sitemap index
	kindFeed    kind = "feed"    // RSS or Atom
	kindCDX     kind = "cdx"     // Wayback CDX API answer
	kindArticle kind = "article" // article candidate
)

// An item is a discovered URL with how it was found.
type item struct {
	URL    string `json:"url"`
	Outlet string `json:"outlet"`
	Kind   kind   `json:"kind"`
	Via    string `json:"via"`
	From   string `json:"from,omitempty"`
	// Section is the index of the section rule in the outlet's discovery
	// (kindSection); Page counts pages walked in that section, from 1.
	Section int `json:"section,omitempty"`
	Page    int `json:"page,omitempty"`
	// Date is the date the discovery source gave (sitemap lastmod, feed
	// pubDate, CDX timestamp); zero when none.
	Date time.Time `json:"date,omitzero"`
	// Original and Memento describe a Wayback capture: the URL as
	// published and the 14-digit capture timestamp.
	Original  string `json:"original,omitempty"`
	Memento   string `json:"memento,omitempty"`
	CDXDigest string `json:"cdx_digest,omitempty"`
	// Rule is the Wayback rule's prefix a CDX query belongs to.
	Rule string `json:"rule,omitempty"`
	// Done is set when the URL's fetch ended (or it was ruled out), at
	// Fetched; a URL done is on no frontier.
	Done    bool      `json:"done,omitempty"`
	Fetched time.Time `json:"fetched,omitzero"`
}

type state struct {
	db *bolt.DB
}

// openState opens (creating) the state database in dir. A second crawl on
// the same directory gets framelens.ErrLocked.
func openState(dir string) (*state, error) {
	// The freelist is not written on each commit (bbolt rebuilds it on open)
	// and is kept as a map: the crawler commits once per page, and this
	// took BenchmarkFrontier100k from 18.7 s to 10.4 s and its allocations
	// from 7.5 GB to 2.8 GB.
	db, err := bolt.Open(filepath.Join(dir, stateFile), 0o644, &bolt.Options{
		Timeout: time.Second, NoFreelistSync: true, FreelistType: bolt.FreelistMapType})
	if err != nil {
		if errors.Is(err, berrors.ErrTimeout) {
			return nil, fmt.Errorf("open crawl state %s: %w", dir, framelens.ErrLocked)
		}
		return nil, fmt.Errorf("open crawl state %s: %w", dir, err)
	}
	// Commits skip fsync; the crawler syncs every few seconds and at the
	// end. A kill -9 loses nothing (the OS keeps the pages); a power cut may
	// lose the last seconds, which the WARC scan at start-up recovers.
	db.NoSync = true
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketSeen, bucketFrontier, bucketLog, bucketArchived, bucketCDXJ, bucketWARCs, bucketFailed} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open crawl state %s: %w", dir, err)
	}
	return &state{db: db}, nil
}

func (s *state) close() error {
	err := s.db.Sync()
	return errors.Join(err, s.db.Close())
}

func u64(n uint64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	return b[:]
}

func frontierKey(outlet string, seq uint64) []byte {
	return append(append([]byte(outlet), 0), u64(seq)...)
}

// enqueue records it as seen and puts it on its outlet's frontier. It
// returns false, changing nothing, when the URL was seen before.
func enqueue(tx *bolt.Tx, it item) (bool, error) {
	seen := tx.Bucket(bucketSeen)
	if seen.Get([]byte(it.URL)) != nil {
		return false, nil
	}
	return true, pushFrontier(tx, seen, it)
}

// requeueFailed puts the outlet's failed URLs back on its frontier.
func requeueFailed(tx *bolt.Tx, outlet string) error {
	seen := tx.Bucket(bucketSeen)
	fb := tx.Bucket(bucketFailed)
	var urls [][]byte
	err := fb.ForEach(func(k, v []byte) error {
		if string(v) == outlet {
			urls = append(urls, append([]byte(nil), k...))
		}
		return nil
	})
	if err != nil {
		return err
	}
	front := tx.Bucket(bucketFrontier)
	for _, u := range urls {
		seq, err := front.NextSequence()
		if err != nil {
			return err
		}
		if err := front.Put(frontierKey(outlet, seq), u); err != nil {
			return err
		}
		if err := fb.Delete(u); err != nil {
			return err
		}
		// Queued again, so not done: requeueStale must not queue it twice.
		var it item
		if err := getJSON(seen, u, &it); err != nil {
			return err
		}
		it.Done = false
		if err := putJSON(seen, u, it); err != nil {
			return err
		}
	}
	return nil
}

// requeueStale puts it back on its outlet's frontier when it is a
// discovery source (refreshable) seen before, done, and last fetched before
// cutoff; it then takes the new item's Via, From and section position. It returns
// false, changing nothing, otherwise. The last fetch is the later of the
// item's Fetched and its latest archived capture.
func requeueStale(tx *bolt.Tx, it item, cutoff time.Time) (bool, error) {
	seen := tx.Bucket(bucketSeen)
	var old item
	if err := getJSON(seen, []byte(it.URL), &old); err != nil {
		return false, err
	}
	if !old.Done || !refreshable(old.Kind) || !refreshable(it.Kind) {
		return false, nil
	}
	last := old.Fetched
	if v := tx.Bucket(bucketArchived).Get([]byte(it.URL)); v != nil {
		var c capture
		if err := json.Unmarshal(v, &c); err != nil {
			return false, err
		}
		if c.Date.After(last) {
			last = c.Date
		}
	}
	if !last.Before(cutoff) {
		return false, nil
	}
	it.Done, it.Fetched = false, old.Fetched
	return true, pushFrontier(tx, seen, it)
}

// markSeen records it as seen and done without fetching it (out of scope
// URLs). It returns false when the URL was seen before.
func markSeen(tx *bolt.Tx, it item) (bool, error) {
	seen := tx.Bucket(bucketSeen)
	if seen.Get([]byte(it.URL)) != nil {
		return false, nil
	}
	it.Done = true
	return true, putJSON(seen, []byte(it.URL), it)
}

// next returns the first URL on the outlet's frontier and its key; ok is
// false when the frontier is empty. The entry stays until finish deletes
// it, so a crash mid-fetch leaves it queued.
func (s *state) next(outlet string) (it item, key []byte, ok bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		prefix := append([]byte(outlet), 0)
		c := tx.Bucket(bucketFrontier).Cursor()
		k, v := c.Seek(prefix)
		if k == nil || len(k) != len(prefix)+8 || string(k[:len(prefix)]) != string(prefix) {
			return nil
		}
		key = append([]byte(nil), k...)
		if err := getJSON(tx.Bucket(bucketSeen), v, &it); err != nil {
			return err
		}
		ok = true
		return nil
	})
	return it, key, ok, err
}

// frontierLen counts the outlet's queued URLs.
func (s *state) frontierLen(outlet string) (n int, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		prefix := append([]byte(outlet), 0)
		c := tx.Bucket(bucketFrontier).Cursor()
		for k, _ := c.Seek(prefix); k != nil && len(k) == len(prefix)+8 && string(k[:len(prefix)]) == string(prefix); k, _ = c.Next() {
			n++
		}
		return nil
	})
	return n, err
}

// appendLog adds entries to the crawl log.
func appendLog(tx *bolt.Tx, entries ...framelens.CrawlEntry) error {
	b := tx.Bucket(bucketLog)
	for _, e := range entries {
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		if err := putJSON(b, u64(seq), e); err != nil {
			return err
		}
	}
	return nil
}

// readLog returns the whole crawl log in the order it was written.
func (s *state) readLog() ([]framelens.CrawlEntry, error) {
	var out []framelens.CrawlEntry
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketLog).ForEach(func(_, v []byte) error {
			var e framelens.CrawlEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return err
			}
			out = append(out, e)
			return nil
		})
	})
	return out, err
}

// putCapture indexes an archived response: latest capture per URL and its
// CDXJ line. A 304 Not Modified does not replace the capture whose body it
// confirms: that capture stays the URL's latest, dated by the 304 (the time
// its content was last known current), with the 304's validators if it
// sent any.
func putCapture(tx *bolt.Tx, c capture) error {
	latest := c
	if c.Status == http.StatusNotModified {
		if v := tx.Bucket(bucketArchived).Get([]byte(c.URL)); v != nil {
			var old capture
			if err := json.Unmarshal(v, &old); err != nil {
				return err
			}
			if old.Status == http.StatusOK {
				latest = old
				latest.Date = c.Date
				if c.ETag != "" {
					latest.ETag = c.ETag
				}
				if c.LastModified != "" {
					latest.LastModified = c.LastModified
				}
			}
		}
	}
	if err := putJSON(tx.Bucket(bucketArchived), []byte(c.URL), latest); err != nil {
		return err
	}
	key := fmt.Sprintf("%s %s\x00%s\x00%020d", surt(c.URL), c.Date.UTC().Format("20060102150405"), c.File, c.Offset)
	line, err := cdxjBlock(c)
	if err != nil {
		return err
	}
	if err := tx.Bucket(bucketCDXJ).Put([]byte(key), line); err != nil {
		return err
	}
	wb := tx.Bucket(bucketWARCs)
	if old := wb.Get([]byte(c.File)); old == nil || int64(binary.BigEndian.Uint64(old)) < c.Offset {
		return wb.Put([]byte(c.File), u64(uint64(c.Offset)))
	}
	return nil
}

// archivedCapture returns the latest archived capture of url.
func (s *state) archivedCapture(url string) (c capture, ok bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketArchived).Get([]byte(url))
		if v == nil {
			return nil
		}
		ok = true
		return json.Unmarshal(v, &c)
	})
	return c, ok, err
}

// scannedUpTo returns the offset from which file's records may be missing
// from the index (0 when the file is unknown).
func (s *state) scannedUpTo(file string) (off int64, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketWARCs).Get([]byte(file)); v != nil {
			off = int64(binary.BigEndian.Uint64(v))
		}
		return nil
	})
	return off, err
}

func putJSON(b *bolt.Bucket, k []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(k, data)
}

func getJSON(b *bolt.Bucket, k []byte, v any) error {
	data := b.Get(k)
	if data == nil {
		return fmt.Errorf("crawl state: missing %q", k)
	}
	return json.Unmarshal(data, v)
}

// pushFrontier records it in the seen bucket and appends its URL to its
// outlet's frontier.
func pushFrontier(tx *bolt.Tx, seen *bolt.Bucket, it item) error {
	if err := putJSON(seen, []byte(it.URL), it); err != nil {
		return err
	}
	fb := tx.Bucket(bucketFrontier)
	seq, err := fb.NextSequence()
	if err != nil {
		return err
	}
	return fb.Put(frontierKey(it.Outlet, seq), []byte(it.URL))
}
