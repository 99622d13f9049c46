package datasets

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// DefaultKeep is the number of snapshots Publish keeps when Publisher.Keep
// is zero.
const DefaultKeep = 3

// A Publisher publishes snapshots into a data root:
//
//	<Root>/snapshots/<run_id>/<table>/part-00000.parquet
//	<Root>/snapshots/<run_id>/_manifest.json
//	<Root>/current -> snapshots/<run_id>
//
// Readers use <Root>/current/<table>/*.parquet. The zero value (with Root
// set) keeps DefaultKeep snapshots and logs to slog.Default(). Publish
// assumes the caller holds the data root's lock: two publishers on one root
// at once are not supported.
type Publisher struct {
	Root string
	// Keep is how many snapshots to keep, the new one included; older ones
	// are deleted after the switch. 0 means DefaultKeep; the current
	// snapshot is never deleted.
	Keep   int
	Logger *slog.Logger

	// fail, when set by a test, is called before each step of Publish and
	// stops it with its error, as a crash there would.
	fail func(step string) error
}

// Publish publishes tables as a new snapshot of root, keeping DefaultKeep
// snapshots. See Publisher.
func Publish(root string, meta Meta, tables ...Table) (*Manifest, error) {
	p := &Publisher{Root: root}
	return p.Publish(meta, tables...)
}

// Publish writes tables as the snapshot meta.RunID and makes it current.
// Each table is written to one file, under a temporary name inside a
// temporary snapshot directory; the manifest is written last, then the
// directory is renamed into place and the current link switched atomically.
// A crash at any point leaves the previous snapshot current, complete and
// readable; what it leaves behind has temporary names and is removed by the
// next Publish.
func (p *Publisher) Publish(meta Meta, tables ...Table) (*Manifest, error) {
	meta = meta.normalized()
	if err := checkRunID(meta.RunID); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, t := range tables {
		if t.def == nil {
			return nil, errors.New("publish: zero Table")
		}
		if seen[t.Name()] {
			return nil, fmt.Errorf("publish: table %s given twice", t.Name())
		}
		seen[t.Name()] = true
	}
	log := cmp.Or(p.Logger, slog.Default()).With("run_id", meta.RunID, "stage", "datasets")
	snaps := filepath.Join(p.Root, SnapshotsName)
	if err := os.MkdirAll(snaps, 0o755); err != nil {
		return nil, fmt.Errorf("publish %s: %w", p.Root, err)
	}
	removeTemps(snaps)
	removeTemps(p.Root)
	final := filepath.Join(snaps, meta.RunID)
	if _, err := os.Lstat(final); err == nil {
		return nil, fmt.Errorf("publish %s: snapshot %s: %w", p.Root, meta.RunID, fs.ErrExist)
	}
	tmp, err := os.MkdirTemp(snaps, "."+meta.RunID+".*"+tempSuffix)
	if err != nil {
		return nil, fmt.Errorf("publish %s: %w", p.Root, err)
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(tmp)
		}
	}()
	// MkdirTemp makes the directory 0700; datasets are for every reader.
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, fmt.Errorf("publish %s: %w", p.Root, err)
	}

	m := &Manifest{
		SchemaVersion: SchemaVersion,
		RunID:         meta.RunID,
		StudyID:       meta.StudyID,
		StudyHash:     meta.StudyHash,
		ToolVersion:   meta.ToolVersion,
		CreatedAt:     meta.CreatedAt,
	}
	for _, t := range tables {
		if err := step(p.fail, "write "+t.Name()); err != nil {
			return nil, err
		}
		rel := path.Join(t.Name(), "part-00000.parquet")
		f, err := writeFileAtomic(filepath.Join(tmp, filepath.FromSlash(rel)), meta, t, p.fail)
		if err != nil {
			return nil, fmt.Errorf("publish %s: %w", p.Root, err)
		}
		f.Path = rel
		m.Tables = append(m.Tables, ManifestTable{Name: t.Name(), Rows: f.Rows, Files: []File{f}})
		log.Info("table written", "table", t.Name(), "n", f.Rows, "bytes", f.Bytes)
	}
	if err := step(p.fail, "manifest"); err != nil {
		return nil, err
	}
	if err := writeManifest(tmp, m); err != nil {
		return nil, fmt.Errorf("publish %s: %w", p.Root, err)
	}
	if err := step(p.fail, "rename snapshot"); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, final); err != nil {
		return nil, fmt.Errorf("publish %s: %w", p.Root, err)
	}
	done = true
	if err := syncDir(snaps); err != nil {
		return nil, fmt.Errorf("publish %s: %w", p.Root, err)
	}
	// Readers may hold the snapshot that is current until the switch.
	previous := ""
	if target, err := os.Readlink(filepath.Join(p.Root, CurrentName)); err == nil {
		previous = filepath.Base(target)
	}
	if err := p.switchCurrent(meta.RunID); err != nil {
		return nil, fmt.Errorf("publish %s: %w", p.Root, err)
	}
	log.Info("snapshot published", "n", len(m.Tables), "dir", final)
	if err := step(p.fail, "prune"); err != nil {
		return nil, err
	}
	if err := p.prune(meta.RunID, previous); err != nil {
		// The new snapshot is current and complete; failing to delete an
		// old one is worth a warning, not a failed run.
		log.Warn("prune old snapshots", "err", err)
	}
	return m, nil
}

// switchCurrent points root/current at snapshots/<runID> atomically: a new
// link is made under a temporary name and renamed over the old one.
func (p *Publisher) switchCurrent(runID string) error {
	if err := step(p.fail, "link"); err != nil {
		return err
	}
	cur := filepath.Join(p.Root, CurrentName)
	if fi, err := os.Lstat(cur); err == nil && fi.Mode()&fs.ModeSymlink == 0 {
		return fmt.Errorf("switch %s: exists and is not a symlink", cur)
	}
	tmp := filepath.Join(p.Root, "."+CurrentName+"."+runID+tempSuffix)
	os.Remove(tmp)
	if err := os.Symlink(filepath.Join(SnapshotsName, runID), tmp); err != nil {
		return fmt.Errorf("switch %s: %w", cur, err)
	}
	if err := step(p.fail, "switch"); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, cur); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("switch %s: %w", cur, err)
	}
	return syncDir(p.Root)
}

// prune deletes the oldest complete snapshots beyond Keep, never the current
// one. Snapshots are ordered by their manifest's created_at, then name,
// except that previous (the snapshot current before this Publish, which
// readers may still be reading) comes right after current, whatever its
// created_at.
func (p *Publisher) prune(current, previous string) error {
	keep := p.Keep
	if keep <= 0 {
		keep = DefaultKeep
	}
	snaps := filepath.Join(p.Root, SnapshotsName)
	entries, err := os.ReadDir(snaps)
	if err != nil {
		return err
	}
	type snap struct {
		name string
		m    *Manifest
	}
	var all []snap
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		m, err := readManifestFile(filepath.Join(snaps, e.Name(), ManifestName))
		if err != nil {
			continue // not ours to judge: leave it
		}
		all = append(all, snap{e.Name(), m})
	}
	rank := func(s snap) int {
		if s.name == previous && previous != current {
			return 0
		}
		return 1
	}
	slices.SortFunc(all, func(a, b snap) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), b.m.CreatedAt.Compare(a.m.CreatedAt), strings.Compare(b.name, a.name))
	})
	var errs []error
	kept := 0
	for _, s := range all {
		if s.name == current || kept < keep-1 {
			if s.name != current {
				kept++
			}
			continue
		}
		errs = append(errs, os.RemoveAll(filepath.Join(snaps, s.name)))
	}
	return errors.Join(errs...)
}

// removeTemps deletes what an interrupted Publish left in dir: entries
// named ".<name>.tmp" (snapshot directories, files, current links).
func removeTemps(snaps string) {
	entries, _ := os.ReadDir(snaps)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") && strings.HasSuffix(e.Name(), tempSuffix) {
			os.RemoveAll(filepath.Join(snaps, e.Name()))
		}
	}
}

// writeManifest writes dir/_manifest.json atomically.
func writeManifest(dir string, m *Manifest) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	data = append(data, '\n')
	f, err := os.CreateTemp(dir, "."+ManifestName+".*"+tempSuffix)
	if err != nil {
		return err
	}
	tmp := f.Name()
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dir, ManifestName)); err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(dir)
}

// checkRunID reports whether id can name a snapshot directory.
func checkRunID(id string) error {
	if id == "" || id == "." || id == ".." || strings.ContainsAny(id, `/\`) || strings.HasPrefix(id, ".") || id != strings.TrimSpace(id) {
		return fmt.Errorf("publish: run id %q: not a plain directory name", id)
	}
	return nil
}
