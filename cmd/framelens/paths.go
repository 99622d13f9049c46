package main

import (
	"crypto/rand"
	"encoding/hex"
	"path/filepath"
	"time"
)

// The data root holds one directory per stage's output:
//
//	DATA/.lock                     held by the run that owns the root
//	DATA/warc/                     crawl: WARC files, CDXJ index, crawl state
//	DATA/stage/                    normalize and analyze: one Parquet file per table
//	DATA/stage/cache/              normalize: articles and rejects per WARC file
//	DATA/datasets/current ->       the published snapshot (a symlink)
//	DATA/datasets/snapshots/<run>/ published snapshots, newest kept
func (m *Main) warcDir() string     { return filepath.Join(m.DataDir, "warc") }
func (m *Main) stageDir() string    { return filepath.Join(m.DataDir, "stage") }
func (m *Main) cacheDir() string    { return filepath.Join(m.DataDir, "stage", "cache") }
func (m *Main) datasetsDir() string { return filepath.Join(m.DataDir, "datasets") }

// stagePath is where a stage keeps table name between runs.
func (m *Main) stagePath(table string) string {
	return filepath.Join(m.stageDir(), table+".parquet")
}

// newRunID returns a sortable, unique run id: UTC time plus a random suffix.
func newRunID(now time.Time) string {
	var b [3]byte
	rand.Read(b[:])
	return now.UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b[:])
}
