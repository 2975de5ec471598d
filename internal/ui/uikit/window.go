package uikit

import (
	"fmt"
	"time"
)

// WindowText writes a time window as an analyst says it: 30 min, 1 h,
// 90 s (time.Duration writes 30m0s, 1h0m0s).
func WindowText(d time.Duration) string {
	s := int64(d / time.Second)
	switch {
	case s > 0 && s%3600 == 0:
		return fmt.Sprintf("%d h", s/3600)
	case s > 0 && s%60 == 0:
		return fmt.Sprintf("%d min", s/60)
	}
	return fmt.Sprintf("%d s", s)
}
