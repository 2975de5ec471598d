//go:build !linux

package clickhouse

import "os"

// peakRSSMB is 0 off Linux (Maxrss is in other units there).
func peakRSSMB(*os.ProcessState) float64 { return 0 }
