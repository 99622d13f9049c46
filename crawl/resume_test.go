package crawl

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/framelens/framelens"
)

// wantAllOnce checks that no page of the site was fetched twice, allowing
// up to `slack` paths a second fetch (a page in flight at a kill).
func wantAllOnce(t *testing.T, site *testSite, slack int) {
	t.Helper()
	site.mu.Lock()
	defer site.mu.Unlock()
	twice := 0
	for p, n := range site.hits {
		if p == "/robots.txt" {
			continue
		}
		if n > 2 || (n == 2 && twice >= slack) {
			t.Errorf("%s fetched %d times", p, n)
		}
		if n == 2 {
			twice++
		}
	}
}

// wantComplete checks that the log has a final outcome for every page of
// a complete crawl of the test site.
func wantComplete(t *testing.T, site *testSite, log []framelens.CrawlEntry) {
	t.Helper()
	m := byURL(log)
	for _, p := range []string{"/world/", "/world/page2.html", "/world/1001", "/world/1002", "/world/1003", "/private/2001",
		"/sitemap-news.xml", "/sitemap-2018.xml.gz", "/politics/2002", "/politics/2003", "/politics/2004"} {
		e, ok := m[site.URL+p]
		if !ok || e.Outcome == "" || e.Outcome == framelens.OutcomeFailed {
			t.Errorf("log entry for %s = %+v, want a final outcome", p, e)
		}
	}
}

func mustScanClean(t *testing.T, files []string) {
	t.Helper()
	for _, f := range files {
		if _, err := scanWARC(f, 0, nil); err != nil {
			t.Errorf("%s does not read to its end: %v", f, err)
		}
	}
}

func TestResumeAfterMaxPages(t *testing.T) {
	site := mustStartSite(t)
	cfg := testConfig(t, testStudy(site))
	cfg.MaxPages = 4
	first, err := Run(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Run 1: %v", err)
	}
	if q := first.Outlets[0].Queued; q == 0 {
		t.Fatalf("after 4 pages nothing is queued")
	}
	cfg.MaxPages = 0
	second, err := Run(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Run 2: %v", err)
	}
	if len(second.Log) <= len(first.Log) || second.Log[len(first.Log)-1] != first.Log[len(first.Log)-1] {
		t.Errorf("second run's log (%d entries) does not continue the first (%d)", len(second.Log), len(first.Log))
	}
	if len(second.WARCFiles) != 2 {
		t.Errorf("WARCFiles = %d, want one per run", len(second.WARCFiles))
	}
	wantComplete(t, site, second.Log)
	wantAllOnce(t, site, 0)
	mustScanClean(t, second.WARCFiles)
}

// TestResumeFromWARCsAlone loses the whole state: the WARC files alone must
// be enough not to fetch anything again.
func TestResumeFromWARCsAlone(t *testing.T) {
	site := mustStartSite(t)
	cfg := testConfig(t, testStudy(site))
	res, err := Run(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	hits := site.TotalHits()
	dir := t.TempDir()
	for _, f := range res.WARCFiles {
		mustCopy(t, f, filepath.Join(dir, filepath.Base(f)))
	}
	cfg.Dir = dir
	res2, err := Run(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if got := site.TotalHits(); got != hits {
		t.Errorf("rerun on the WARCs alone made %d requests, want 0", got-hits)
	}
	m := byURL(res2.Log)
	if e := m[site.URL+"/world/1001"]; e.Outcome != framelens.OutcomeDuplicate || !e.Relevant || e.WARCFile != filepath.Base(res.WARCFiles[0]) {
		t.Errorf("/world/1001 after rerun = %+v, want already_archived, relevant, in the first WARC", e)
	}
	wantComplete(t, site, res2.Log)
}

// TestResumeTruncatedWARC cuts the last record of a WARC left open, as a
// kill -9 mid-write leaves it: the file is repaired and only the page whose
// record was cut is fetched again.
func TestResumeTruncatedWARC(t *testing.T) {
	site := mustStartSite(t)
	cfg := testConfig(t, testStudy(site))
	res, err := Run(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	src := res.WARCFiles[0]
	var last scannedRecord
	scanWARC(src, 0, func(sr scannedRecord) error {
		if sr.Type.String() == "response" {
			last = sr
		}
		return nil
	})
	dir := t.TempDir()
	dst := filepath.Join(dir, filepath.Base(src)+openSuffix)
	mustCopy(t, src, dst)
	// Cut the file inside the last response record (and drop anything
	// after it).
	if err := os.Truncate(dst, last.capture.Offset+last.capture.Length/2); err != nil {
		t.Fatal(err)
	}
	lastPath := last.capture.URL[len(site.URL):]
	before := site.Hits(lastPath)
	hits := site.TotalHits()
	cfg.Dir = dir
	res2, err := Run(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if got := site.Hits(lastPath) - before; got != 1 {
		t.Errorf("%s (its record cut) fetched %d more times, want 1", lastPath, got)
	}
	if got := site.TotalHits() - hits; got != 1 {
		t.Errorf("rerun made %d requests, want 1", got)
	}
	if _, err := os.Stat(dst); !os.IsNotExist(err) {
		t.Errorf("%s still has its .open suffix", dst)
	}
	mustScanClean(t, res2.WARCFiles)
	wantComplete(t, site, res2.Log)
}

func mustCopy(tb testing.TB, from, to string) {
	tb.Helper()
	in, err := os.Open(from)
	if err != nil {
		tb.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
}

// TestKillAndResume kills a crawl running in another process with SIGKILL
// part-way and resumes it here.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	site := mustStartSite(t)
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrawlChild$")
	cmd.Env = append(os.Environ(), "FRAMELENS_CRAWL_CHILD_DIR="+dir, "FRAMELENS_CRAWL_CHILD_SITE="+site.URL)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for site.TotalHits() < 7 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	killedAt := site.TotalHits()
	if killedAt < 7 || killedAt >= 16 {
		t.Fatalf("child made %d requests before the kill; want the kill mid-crawl", killedAt)
	}
	cfg := testConfig(t, testStudy(site))
	cfg.Dir = dir
	res, err := Run(t.Context(), cfg)
	if err != nil {
		t.Fatalf("resume: %v", err)
	}
	wantComplete(t, site, res.Log)
	wantAllOnce(t, site, 1)
	mustScanClean(t, res.WARCFiles)
	t.Logf("killed after %d requests; %d in total", killedAt, site.TotalHits())
}

// TestCrawlChild is the crawl TestKillAndResume kills; it runs only in the
// subprocess.
func TestCrawlChild(t *testing.T) {
	dir := os.Getenv("FRAMELENS_CRAWL_CHILD_DIR")
	if dir == "" {
		t.Skip("run by TestKillAndResume")
	}
	cfg := testConfig(t, studyFor(os.Getenv("FRAMELENS_CRAWL_CHILD_SITE")))
	cfg.Dir = dir
	cfg.Delay = 30 * time.Millisecond
	Run(t.Context(), cfg)
}

func TestFailedRetriedNextRun(t *testing.T) {
	site := mustStartSite(t)
	study := testStudy(site)
	study.Outlets[0].Discovery = framelens.Discovery{}
	cfg := testConfig(t, study)
	cfg.Retries = -1
	cfg.URLs = []string{site.URL + "/fault/503", site.URL + "/fault/notfound"}
	if _, err := Run(t.Context(), cfg); err != nil {
		t.Fatal(err)
	}
	res, err := Run(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if n := site.Hits("/fault/503"); n != 2 {
		t.Errorf("/fault/503 (failed) fetched %d times in two runs, want 2", n)
	}
	if n := site.Hits("/fault/notfound"); n != 1 {
		t.Errorf("/fault/notfound (archived 404) fetched %d times in two runs, want 1", n)
	}
	failed := 0
	for _, e := range res.Log {
		if e.URL == site.URL+"/fault/503" && e.Outcome == framelens.OutcomeFailed {
			failed++
		}
	}
	if failed != 2 {
		t.Errorf("log has %d failed entries for /fault/503, want one per run (2)", failed)
	}
}
