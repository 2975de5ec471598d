package uikit

import (
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// WindowText writes a time window as an analyst says it (analysis.WindowText).
func WindowText(d time.Duration) string { return analysis.WindowText(d) }
