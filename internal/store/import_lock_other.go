//go:build !unix

package store

import "os"

// tryLock is a no-op where flock is not available: SQLite's own locks
// still keep the case consistent.
func tryLock(f *os.File) (bool, error) { return true, nil }

func tryLockShared(f *os.File) (bool, error) { return true, nil }

func unlockFile(f *os.File) {}
