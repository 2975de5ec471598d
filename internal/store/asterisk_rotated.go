package store

import (
	"strings"
)

// rotatedOf is the name a rotated copy was rotated from: logrotate's
// "Master.csv.1", "Master.csv.2.gz", "Master.csv-20240301" (dateext),
// "Master.csv-2024030112", "Master.csv.gz"; name itself when it carries
// no rotation suffix. A cdr_custom or cel_custom mapping names the live
// file; its rotated copies were written by the same mapping.
func rotatedOf(name string) string {
	base := strings.TrimSuffix(name, ".gz")
	if i := strings.LastIndexAny(base, ".-"); i > 0 {
		suffix := base[i+1:]
		switch {
		case base[i] == '.' && suffix != "" && len(suffix) <= 3 && allDigits(suffix):
			return base[:i]
		case base[i] == '-' && (len(suffix) == 8 || len(suffix) == 10) && allDigits(suffix):
			return base[:i]
		}
	}
	return base
}

// allDigits says s is made of ASCII digits only.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// mappingNames says a mapping of file (as cdr_custom.conf or
// cel_custom.conf names it: a name in the folder or an absolute path on
// the seized system) wrote the file at name (in the folder) and inImage
// (its path in the image), or a rotated copy of it; rotated says which.
func mappingNames(file, name, inImage string) (match, rotated bool) {
	if file == name || file == inImage {
		return true, false
	}
	if file == rotatedOf(name) || file == rotatedOf(inImage) {
		return true, true
	}
	return false, false
}
