package uikit

import (
	"testing"
	"time"
)

func TestWindowText(t *testing.T) {
	for d, want := range map[time.Duration]string{30 * time.Minute: "30 min", time.Hour: "1 h", 2 * time.Hour: "2 h",
		90 * time.Second: "90 s", 10 * time.Minute: "10 min", 90 * time.Minute: "90 min"} {
		if got := WindowText(d); got != want {
			t.Errorf("WindowText(%v) = %q, want %q", d, got, want)
		}
	}
}
