package evidence

import (
	"fmt"
	"slices"
	"strings"
)

// A traffic detail that gives each end of a call its own columns (a Latin
// American "detalle de tráfico": Numero A, Imei A, Celda A, … Numero B,
// Imei B, Celda B, with Tipo registro Saliente/Entrante) names no
// subscriber: its A party's device and cell are the A party's, but unlike
// a tower dump, whose A party alone has them (aPartyServed), its records
// are not all the A party's, and no column says whose record each is.
// Read as a tower dump, an Entrante record would be keyed under a number
// that may be the caller; it is refused, naming the columns, until --map
// names the subscriber's.

// abPartyWords and abOwnWords are the words of a party's number column and
// of its device or cell columns
// (each named with a final A or B).
var (
	abPartyWords = []string{"NUMERO", "NUMBER", "NRO", "NUM", "TELEFONO", "PARTY", "MSISDN", "RUFNUMMER"}
	abOwnWords   = []string{"IMEI", "IMSI", "CELDA", "CELL", "CELLA", "CELULA", "ZELLE", "CELLULE", "RBS", "ERB", "BTS"}
)

// abEndsError refuses a header with a number column for each of the A and
// B parties and a device or cell column for each too, when no column is
// named the subscriber (msisdn).
func abEndsError(l *Layout) error {
	if l.Has(FMSISDN) {
		return nil
	}
	own := map[string][]string{}
	party := map[string]bool{}
	for _, h := range l.Header {
		w := strings.Fields(foldWord(h))
		if len(w) < 2 || (w[len(w)-1] != "A" && w[len(w)-1] != "B") {
			continue
		}
		end, rest := w[len(w)-1], w[:len(w)-1]
		switch {
		case slices.ContainsFunc(rest, func(x string) bool { return slices.Contains(abOwnWords, x) }):
			own[end] = append(own[end], h)
		case slices.ContainsFunc(rest, func(x string) bool { return slices.Contains(abPartyWords, x) }):
			party[end] = true
		}
	}
	if !party["A"] || !party["B"] || len(own["A"]) == 0 || len(own["B"]) == 0 {
		return nil
	}
	return &LayoutError{
		Reason: fmt.Sprintf("an A/B traffic detail: each party has its own device and cell columns (%s; %s), so its records are not all the A party's "+
			"as a tower dump's are (whose A party alone has them), and no column says whose record each is",
			quoteAll(own["A"]), quoteAll(own["B"])),
		Missing: []Field{FMSISDN},
		Found:   l.Header,
		Hint:    "name the subscriber's columns with --map FIELD=COLUMN (e.g. --map msisdn=\"Numero A\" --map other=\"Numero B\")",
	}
}

func quoteAll(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}
