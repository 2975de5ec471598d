//go:build !unix

package casekit

// lockFile does not lock where flock is missing: there, run one benchmark
// package at a time (go test -p 1) while a shared case is first built.
func lockFile(path string) (unlock func(), err error) { return func() {}, nil }
