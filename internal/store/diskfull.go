package store

import (
	"errors"
	"fmt"
	"path/filepath"

	sqlite3 "modernc.org/sqlite/lib"
)

// ErrDiskFull matches (errors.Is) every *DiskFullError.
var ErrDiskFull = errors.New("the disk holding the case is full")

// DiskFullError is a write into the case that SQLite could not make for
// want of space: it reported SQLITE_FULL, or an I/O error while the disk
// holding the case has less than a megabyte left. Nothing of the write is
// in the case (its transaction was rolled back).
type DiskFullError struct {
	Dir  string // the directory holding the case
	Free bool   // the space left was measured: under a megabyte
	Err  error  // what SQLite said
}

func (e *DiskFullError) Error() string {
	if e.Free {
		return fmt.Sprintf("%v (the disk holding the case (%s) is full: free some space and run the command again)", e.Err, e.Dir)
	}
	return fmt.Sprintf("%v (the disk holding the case (%s) ran out of space)", e.Err, e.Dir)
}

func (e *DiskFullError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrDiskFull) hold.
func (e *DiskFullError) Is(target error) bool { return target == ErrDiskFull }

// withDiskFull returns err as a *DiskFullError when it is SQLite saying
// the disk holding the case is out of space, err itself otherwise.
func withDiskFull(err error, casePath string) error {
	if err == nil || errors.Is(err, ErrDiskFull) {
		return err
	}
	code := sqliteCode(err)
	if code != sqlite3.SQLITE_FULL && code != sqlite3.SQLITE_IOERR {
		return err
	}
	dir := filepath.Dir(casePath)
	free, ok := freeBytes(dir)
	low := ok && free < 1<<20
	if code == sqlite3.SQLITE_IOERR && !low {
		return err // an I/O error with room left is not a full disk
	}
	return &DiskFullError{Dir: dir, Free: low, Err: err}
}
