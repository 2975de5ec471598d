//go:build unix

package casework

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user and system) the test process has used,
// every goroutine's: on a shared machine it measures the work where the
// wall clock measures the load.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
