package main

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/framelens/framelens"
	"github.com/framelens/framelens/datasets"
	"github.com/framelens/framelens/normalize"
)

var cmdNormalize = &command{
	Name:  "normalize",
	Args:  "[WARC files...]",
	Short: "turn archived pages into clean articles (and rejects)",
	Long: `
normalize reads WARC files — by default every WARC file in DATA/warc, or the
files named on the command line, from any tool (Heritrix, wget --warc-file,
Common Crawl) — extracts each HTML response into an article (title, dates,
byline, dateline, body paragraphs, language, canonical URL), marks duplicates,
and writes DATA/stage/articles.parquet and DATA/stage/rejects.parquet.
A page that cannot be used is a row in rejects with its reason, never a crash.

WARC files already normalized (same path, size and modification time) are
read from DATA/stage/cache instead of being parsed again.`,
	Run: func(ctx context.Context, m *Main, args []string) error {
		study, err := m.lockStudy()
		if err != nil {
			return err
		}
		files := args
		if len(files) == 0 {
			if files, err = warcFiles(m.warcDir()); err != nil {
				return err
			}
		}
		arts, rejects, err := m.normalize(ctx, study, files)
		if err != nil {
			return err
		}
		if err := m.writeStage(study, datasets.Articles(arts), datasets.Rejects(rejects)); err != nil {
			return err
		}
		return m.checkNormalizeFailures(arts, rejects)
	},
}

// warcFiles lists the WARC files under dir, sorted.
func warcFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if !d.IsDir() && (strings.HasSuffix(name, ".warc.gz") || strings.HasSuffix(name, ".warc")) {
			files = append(files, path)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no WARC files: %s does not exist (run framelens crawl first)", dir)
	}
	sort.Strings(files)
	return files, err
}

// normalize extracts articles from files, one WARC file at a time, reusing
// the cached result of files unchanged since they were last normalized, and
// then finds duplicates across all of them.
func (m *Main) normalize(ctx context.Context, study *framelens.Study, files []string) ([]framelens.Article, []framelens.Reject, error) {
	cfg := normalize.Config{Study: study, Logger: m.Logger}
	if err := os.MkdirAll(m.cacheDir(), 0o755); err != nil {
		return nil, nil, err
	}
	var arts []framelens.Article
	var rejects []framelens.Reject
	cached := 0
	for _, file := range files {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		key, err := m.cacheKey(study, file)
		if err != nil {
			return nil, nil, err
		}
		ap := filepath.Join(m.cacheDir(), key+".articles.parquet")
		rp := filepath.Join(m.cacheDir(), key+".rejects.parquet")
		a, aerr := datasets.ReadArticles(ap)
		r, rerr := datasets.ReadRejects(rp)
		if aerr == nil && rerr == nil {
			cached++
		} else {
			a, r, err = normalize.Run(ctx, cfg, []string{file})
			if err != nil {
				return nil, nil, err
			}
			rel := m.relPath(file)
			for i := range a {
				a[i].WARCFile = rel
			}
			for i := range r {
				r[i].WARCFile = rel
			}
			meta := m.meta(study)
			if err := datasets.WriteTable(rp, meta, datasets.Rejects(r)); err != nil {
				return nil, nil, err
			}
			// Articles last: its presence marks the cache entry complete.
			if err := datasets.WriteTable(ap, meta, datasets.Articles(a)); err != nil {
				return nil, nil, err
			}
		}
		arts = append(arts, a...)
		rejects = append(rejects, r...)
	}
	// Capture order, whether the rows came from the cache (stored sorted by
	// table key) or fresh from the WARC, so the tables, the analyzers' input
	// and the run's fingerprint do not depend on where the rows came from.
	slices.SortStableFunc(arts, func(a, b framelens.Article) int {
		return cmp.Or(cmp.Compare(a.WARCFile, b.WARCFile), cmp.Compare(a.WARCOffset, b.WARCOffset))
	})
	slices.SortStableFunc(rejects, func(a, b framelens.Reject) int {
		return cmp.Or(cmp.Compare(a.WARCFile, b.WARCFile), cmp.Compare(a.WARCOffset, b.WARCOffset), cmp.Compare(a.URL, b.URL))
	})
	// Duplicates are judged over the whole collection, not per file.
	for i := range arts {
		arts[i].DuplicateOf = ""
	}
	normalize.Dedupe(arts)
	rel := framelens.NewRelevance(study)
	for i := range arts {
		arts[i].Relevant = rel.Article(arts[i])
	}
	m.Logger.InfoContext(ctx, "normalize done", "stage", "normalize", "n", len(arts),
		"rejects", len(rejects), "warc_files", len(files), "cached", cached)
	return arts, rejects, nil
}

// cacheKey names the cache entry of a WARC file: it changes when the file's
// path, size or modification time, the study or the tool version changes.
func (m *Main) cacheKey(study *framelens.Study, file string) (string, error) {
	fi, err := os.Stat(file)
	if err != nil {
		return "", err
	}
	abs, _ := filepath.Abs(file)
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%d\x00%d\x00%s\x00%s", abs, fi.Size(), fi.ModTime().UnixNano(), study.Hash, version)
	base := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(file), ".gz"), ".warc")
	return base + "-" + hex.EncodeToString(h.Sum(nil))[:16], nil
}

// relPath returns file relative to the data root when it lies inside it, so
// provenance columns survive moving the root.
func (m *Main) relPath(file string) string {
	if rel, err := filepath.Rel(m.DataDir, file); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return file
}
