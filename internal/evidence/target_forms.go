package evidence

import "github.com/cdrtui/cdrtui/internal/ident"

// numberForms gathers the forms one number is written in across a file
// (AT&T's "+1 (404) 555-0001" on one row, "404-555-0001" on the next):
// each number read is counted under the first form of it seen, so that
// the target, a party of every record, is found however each record
// writes it (ident.MaySameNumber; looked up by the last seven digits,
// which every form of a number shares).
type numberForms struct {
	byTail map[string][]string
}

// of returns the first form seen of the number n (digits as ParseMSISDN
// read them from written), recording n when it is new.
func (f *numberForms) of(n, written string) string {
	if f.byTail == nil {
		f.byTail = map[string][]string{}
	}
	tail := n
	if len(tail) > 7 {
		tail = tail[len(tail)-7:]
	}
	for _, rep := range f.byTail[tail] {
		if rep == n || ident.MaySameNumber(rep, written) {
			return rep
		}
	}
	f.byTail[tail] = append(f.byTail[tail], n)
	return n
}
