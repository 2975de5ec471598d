package store

import (
	"os"
	"runtime/debug"
)

// ImportMemoryLimit is the Go heap a process importing into a local case
// keeps to (a soft limit: the collector works harder near it, never fails
// an allocation). Without it the heap grows to twice what is live, and
// what is live grows with the file (the overlap filter, 16 bits a row up
// to 16 MB; the summaries, flushed at 100,000 entries): a 10M-record
// directory of two 5M-row exports peaked at 128-136 MB of RSS, 99 MB with
// the limit, at no measurable cost in time (issue 20).
const ImportMemoryLimit = 56 << 20

// BoundImportMemory sets ImportMemoryLimit for the process unless
// GOMEMLIMIT names one. `cdrtui import` calls it, and so does the import
// benchmarks' child process, so that they measure the import as it runs.
func BoundImportMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(ImportMemoryLimit)
	}
}
