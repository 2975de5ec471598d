package ident

// MaySameNumber reports whether two numbers as written may be one number:
// the same digits, or one key under some plan cdrtui knows (7035550001
// and tel:+17035550001 under the NANP's, 07700900123 and 447700900123
// under the UK's). It is true where only some plans make them one: a
// caller is then not taken for the other party of the subscriber it may
// be. Two numbers whose last seven digits differ are never one.
func MaySameNumber(a, b string) bool {
	da, pa, ok := SplitNumber(a)
	if !ok {
		return false
	}
	db, pb, ok := SplitNumber(b)
	if !ok {
		return false
	}
	if da == db {
		return true
	}
	const tail = 7
	if len(da) < tail || len(db) < tail || da[len(da)-tail:] != db[len(db)-tail:] {
		return false
	}
	for i := range plans {
		ka, okA := plans[i].Key(da, pa)
		kb, okB := plans[i].Key(db, pb)
		if okA && okB && ka == kb {
			return true
		}
	}
	return false
}
