package correlation

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/casework"
)

// The figures line gives its figures whole at any width from 50 columns:
// the strongest application, then the ratio, give way (at 80 columns the
// demo's pair read "· p 7.7e-…").
func TestFiguresNeverCut(t *testing.T) {
	p := loadedPane(t, 120, 21)
	full := ansi.Strip(p.figuresLine())
	pv := "p " + casework.FormatP(p.result.P)
	if !strings.Contains(full, pv) || !strings.Contains(full, "ratio") || !strings.Contains(full, "score") {
		t.Fatalf("at 120: %q", full)
	}
	for w := 50; w <= 120; w++ {
		p.SetSize(w, 21)
		var line string
		for _, l := range strings.Split(ansi.Strip(p.View()), "\n") {
			if strings.Contains(l, "7 matches") {
				line = l
			}
		}
		if strings.Contains(line, "…") || !strings.Contains(line, pv) || !strings.Contains(line, "score") {
			t.Errorf("at %d columns the figures read %q", w, line)
		}
	}
}
