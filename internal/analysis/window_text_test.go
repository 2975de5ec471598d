package analysis

import (
	"testing"
	"time"
)

func TestWindowAndTalkText(t *testing.T) {
	for d, want := range map[time.Duration]string{15 * time.Minute: "15 min", time.Hour: "1 h", 90 * time.Second: "90 s", 2 * time.Hour: "2 h"} {
		if got := WindowText(d); got != want {
			t.Errorf("WindowText(%v) = %q, want %q", d, got, want)
		}
	}
	for s, want := range map[int64]string{0: "0s", 12: "12s", 59: "59s", 60: "1m00s", 245: "4m05s", 3723: "1h02m03s", 36000: "10h00m00s"} {
		if got := TalkText(s); got != want {
			t.Errorf("TalkText(%d) = %q, want %q", s, got, want)
		}
	}
}
