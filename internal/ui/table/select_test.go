package table

import "testing"

func TestKindOf(t *testing.T) {
	for name, want := range map[string]string{
		"subscribers": "subscriber", "persona-9198-apps": "application", "persona-9198-unknown-ports": "port",
		"persona-9198-destinations": "destination", "hunt-subscribers": "hunt result", "simbox-sims": "sim",
		"asterisk-calls": "call", "correlation-contacts": "contact", "records-9198": "record", "odd": "record",
	} {
		if got := KindOf(name); got != want {
			t.Errorf("KindOf(%q) = %q, want %q", name, got, want)
		}
	}
}
