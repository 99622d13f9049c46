package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/framelens/framelens"
)

// A dataLock is an exclusive advisory lock on a data root, held by one run.
// The kernel drops it when the process dies, so a killed run never leaves a
// stale lock behind.
type dataLock struct{ f *os.File }

// lockDataRoot takes the lock on dir/.lock without waiting. If another run
// holds it, the error wraps framelens.ErrLocked and names that run's pid.
func lockDataRoot(dir string) (*dataLock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	path := filepath.Join(dir, ".lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder := "another run"
		if b, rerr := os.ReadFile(path); rerr == nil {
			if pid, perr := strconv.Atoi(strings.TrimSpace(string(b))); perr == nil {
				holder = fmt.Sprintf("run with pid %d", pid)
			}
		}
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w: %s is held by %s", framelens.ErrLocked, dir, holder)
		}
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	f.Truncate(0)
	fmt.Fprintf(f, "%d\n", os.Getpid())
	return &dataLock{f: f}, nil
}

// Close releases the lock.
func (l *dataLock) Close() error {
	syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	return l.f.Close()
}
