package evidence

import "github.com/cdrtui/cdrtui/internal/ident"

// sameMemoMax bounds the answers a reader remembers: a file's subscriber
// and target are written in a few forms, its other parties in many.
const sameMemoMax = 4096

// maySame is ident.MaySameNumber(a, b), remembered: a return writing its
// target as "+1 (404) 555-0001" and its rows as "404-555-0001" asks the
// same question on every row, and each answer tries every numbering plan.
// Each parsing worker has its own Reader, so the memo is not shared.
func (rd *Reader) maySame(a, b string) bool {
	if a == b {
		return true
	}
	k := a + "\x00" + b
	if v, ok := rd.sameMemo[k]; ok {
		return v
	}
	if rd.sameMemo == nil || len(rd.sameMemo) >= sameMemoMax {
		rd.sameMemo = make(map[string]bool)
	}
	v := ident.MaySameNumber(a, b)
	rd.sameMemo[k] = v
	return v
}
