//go:build unix

package store

import "syscall"

// freeBytes is the space left to an unprivileged writer in dir's file
// system; ok is false when it cannot be known.
func freeBytes(dir string) (free uint64, ok bool) {
	var fs syscall.Statfs_t
	if err := syscall.Statfs(dir, &fs); err != nil {
		return 0, false
	}
	return fs.Bavail * uint64(fs.Bsize), true
}
