package analysis

import (
	"fmt"
	"time"
)

// WindowText writes a time window as an analyst says it: 30 min, 1 h,
// 90 s (time.Duration writes 30m0s, 1h0m0s). The panes and the CLI write
// windows with it, so both say the same.
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

// TalkText writes a talk time of s seconds as 12s, 4m05s or 1h02m03s: the
// Calls pane and `cdrtui calls` write it alike.
func TalkText(s int64) string {
	switch {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s < 3600:
		return fmt.Sprintf("%dm%02ds", s/60, s%60)
	}
	return fmt.Sprintf("%dh%02dm%02ds", s/3600, s/60%60, s%60)
}
