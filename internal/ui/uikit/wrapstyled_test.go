package uikit

import (
	"strings"
	"testing"
)

// The Places view wraps at spaces only: a date list at 80 columns was cut
// as "2024-03-" / "30" (ansi.Wrap breaks at hyphens). Indentation stays.
func TestWrapAtSpacesKeepsDates(t *testing.T) {
	text := "    nights: 2024-03-17 2024-03-18 2024-03-19 2024-03-20 2024-03-22 2024-03-23 2024-03-24 2024-03-25 2024-03-26 2024-03-27 2024-03-28 2024-03-29 2024-03-30 2024-03-31"
	for width := 24; width <= 80; width++ { // from the first line's words up
		lines := WrapStyled(text, width, width-6)
		if !strings.HasPrefix(lines[0], "    nights: 2024-03-17") {
			t.Fatalf("width %d: first line %q", width, lines[0])
		}
		for _, l := range lines {
			for _, w := range strings.Fields(l) {
				if w != "nights:" && len(w) != len("2024-03-17") {
					t.Fatalf("width %d: a date split: %q", width, l)
				}
			}
		}
		if got := strings.Join(strings.Fields(strings.Join(lines, " ")), " "); got != strings.Join(strings.Fields(text), " ") {
			t.Fatalf("width %d: text changed: %q", width, got)
		}
	}
}
