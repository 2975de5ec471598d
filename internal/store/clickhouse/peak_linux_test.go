//go:build linux

package clickhouse

import (
	"os"
	"syscall"
)

// peakRSSMB is a finished child's peak RSS in MB (its VmHWM, as the Linux
// kernel accounted it).
func peakRSSMB(ps *os.ProcessState) float64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	return float64(ru.Maxrss) / 1024
}
