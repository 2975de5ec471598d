package evidence

import "testing"

// Direction and kind words in the operator's language are read as whole
// words, accents folded (UTF-8 or Windows-1252); "in uscita" is outgoing
// despite its "in"; a value naming both directions, a data session and a
// word no list holds give no direction: kept as written, the last two
// flagged (known false) as before.
func TestNormalizeCallLocalWords(t *testing.T) {
	cases := []struct {
		callType, direction, want string
		known                     bool
	}{
		{"SALIENTE", "", "VOICE_OUT", true},
		{"ENTRANTE", "", "VOICE_IN", true},
		{"SMS SALIENTE", "", "SMS_OUT", true},
		{"Mensaje de texto recibido", "", "SMS_IN", true},
		{"Voz", "saliente", "VOICE_OUT", true},
		{"", "abgehend", "VOICE_OUT", true},
		{"", "Ankommend", "VOICE_IN", true},
		{"SMS", "eingehend", "SMS_IN", true},
		{"Chiamata in uscita", "", "VOICE_OUT", true},
		{"Chiamata in entrata", "", "VOICE_IN", true},
		{"SMS uscente", "", "SMS_OUT", true},
		{"Appel sortant", "", "VOICE_OUT", true},
		{"Appel entrant", "", "VOICE_IN", true},
		{"SMS émis", "", "SMS_OUT", true},
		{"SMS reçu", "", "SMS_IN", true},
		{"SMS re\xe7u", "", "SMS_IN", true},
		{"Chamada originada", "", "VOICE_OUT", true},
		{"CHAMADA RECEBIDA", "", "VOICE_IN", true},
		{"SALIENTE/ENTRANTE", "", "SALIENTE/ENTRANTE", false},
		{"DATOS SALIENTE", "", "DATOS SALIENTE", true},
		{"PERDIDA", "", "PERDIDA", false},
		{"", "weitergeleitet", "WEITERGELEITET", false},
		{"TERMINADA", "", "TERMINADA", false},
	}
	for _, c := range cases {
		got, known := NormalizeCall(c.callType, "", c.direction, nil)
		if got != c.want || known != c.known {
			t.Errorf("NormalizeCall(%q, %q) = %q, %v; want %q, %v", c.callType, c.direction, got, known, c.want, c.known)
		}
	}
}

// Localized names are aliases with accents folded, in UTF-8 and in
// Windows-1252; a bare name that could be either party is none.
func TestLocalizedHeaderNames(t *testing.T) {
	for h, want := range map[string]Field{
		"NUMERO ORIGEN": FAParty, "NUMERO DESTINO": FBParty, "DURACIÓN": FDuration, "DURACI\xd3N": FDuration,
		"Durée": FDuration, "Dur\xe9e": FDuration, "Numéro appelé": FBParty, "DURAÇÃO": FDuration,
		"Rufnummer A": FAParty, "Rufnummer B": FBParty, "Uhrzeit": FStartTime, "Richtung": FDirection,
		"Chiamante": FAParty, "Chiamato": FBParty, "Zelle": FCell, "Cellule": FCell, "TIPO LLAMADA": FCallType,
		"A-Nummer": FAParty, "B-Teilnehmer": FBParty, "Verbindungsbeginn": FStart, "Ende": FEnd,
	} {
		if f, ok := FieldOf(h); !ok || f != want {
			t.Errorf("FieldOf(%q) = %q, %v; want %q", h, f, ok, want)
		}
	}
	for _, h := range []string{"Numero", "Rufnummer", "Destino", "Origen", "Dirección", "Numéro"} {
		if f, ok := FieldOf(h); ok {
			t.Errorf("FieldOf(%q) = %q: either party, or a street address", h, f)
		}
	}
}

// A localized name beside the same name qualified (celda beside
// celda_origen, Data beside Data Volume) is no candidate; alone it is.
func TestBareLocalizedBesideQualified(t *testing.T) {
	_, cands, _ := mapHeader([]string{"celda_origen", "celda", "Date", "Data", "Data Volume"})
	for f, cs := range cands {
		for _, c := range cs {
			if c.col == 1 || c.col == 3 {
				t.Errorf("column %d a candidate for %s", c.col, f)
			}
		}
	}
	if _, cands, _ = mapHeader([]string{"NUMERO", "CELDA", "DATA"}); len(cands[FCell]) != 1 || len(cands[FStartDate]) != 1 {
		t.Errorf("candidates %v", cands)
	}
}

// A header stating its codes after a colon gives them (Tigo Colombia's,
// as published with a slash and as an importer quotes it with a comma);
// a header with no codes, codes naming no direction, or one direction
// twice gives none.
func TestStatedDirectionCodes(t *testing.T) {
	for _, h := range []string{"DIRECCION: O SALIENTE/ I ENTRANTE", "DIRECCION: O SALIENTE, I ENTRANTE"} {
		codes, ok := statedDirectionCodes(h)
		if !ok || len(codes) != 2 || codes["O"] != "OUT" || codes["I"] != "IN" {
			t.Errorf("%q: %v %v", h, codes, ok)
		}
	}
	for _, h := range []string{"DIRECCION", "DIRECCION: Calle 13 / Carrera 5", "DIRECCION: O SALIENTE/ I SALIENTE", "DIRECCION: O SALIENTE", "NOTA: VER ANEXO/ II ENTRANTE"} {
		if codes, ok := statedDirectionCodes(h); ok {
			t.Errorf("%q read as codes %v", h, codes)
		}
	}
}
