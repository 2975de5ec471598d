package evidence

import "strings"

// The words operators write a record's direction and kind in, in their own
// language, folded as foldWord folds them (upper case, accents dropped):
// Spanish (saliente/entrante), Portuguese (originada/recebida), Italian
// (uscente/entrante, in uscita/in entrata), German (abgehend/ankommend),
// French (sortant/entrant). Each is a whole word, never a part of one: a
// direction read wrong is worse than none, and a word not listed is kept
// as written and flagged.
var (
	localOutWords = []string{
		"SALIENTE", "SALIENTES", "ORIGINADA", "ORIGINADO", "EFECTUADA", "REALIZADA", "ENVIADO", "ENVIADA", // Spanish, Portuguese
		"USCENTE", "USCENTI", "USCITA", "EFFETTUATA", "INVIATO", // Italian
		"ABGEHEND", "AUSGEHEND", "GESENDET", // German
		"SORTANT", "SORTANTE", "SORTANTS", "EMIS", "EMISE", "ENVOYE", // French
	}
	localInWords = []string{
		"ENTRANTE", "ENTRANTES", "RECIBIDA", "RECIBIDO", "RECEBIDA", "RECEBIDO", // Spanish, Portuguese
		"ENTRANTI", "ENTRATA", "RICEVUTA", "RICEVUTO", // Italian
		"ANKOMMEND", "EINGEHEND", "EMPFANGEN", // German
		"ENTRANT", "ENTRANTS", "RECU", "RECUE", // French
	}
	// localSMSWords name a short message: Spanish and Portuguese
	// "mensaje"/"mensagem", Italian "messaggio", German "Kurznachricht".
	localSMSWords = []string{"MENSAJE", "MENSAJES", "MENSAGEM", "MENSAGENS", "MESSAGGIO", "KURZNACHRICHT"}
	// localOtherWords name records that are neither a call nor a short
	// message: data sessions and forwarded calls.
	localOtherWords = []string{"DATOS", "DADOS", "DATI", "DATEN", "DONNEES", "INTERNET",
		"DESVIO", "DESVIADA", "INOLTRO", "INOLTRATA", "DEVIATA", "UMLEITUNG", "WEITERLEITUNG", "WEITERGELEITET", "UMGELEITET", "RENVOI", "RENVOYE"}
)

// localDirectionOf reads OUT or IN from the words of w in an operator's
// language; found is false when none of them is there, and a word of each
// direction gives no direction at all.
func localDirectionOf(w string) (dir string, found bool) {
	out, in := hasToken(w, localOutWords...), hasToken(w, localInWords...)
	switch {
	case out && in:
		return "", true
	case out:
		return "OUT", true
	case in:
		return "IN", true
	}
	return "", false
}

// statedDirectionCodes reads the codes a direction column's header states
// after a colon, each a short code and the direction it names in words:
// Tigo Colombia's "DIRECCION: O SALIENTE/ I ENTRANTE" (or "…: O SALIENTE,
// I ENTRANTE") is O outgoing and I incoming. ok is false unless every
// part is such a code and both directions are named, each once.
func statedDirectionCodes(header string) (codes map[string]string, ok bool) {
	i := strings.IndexByte(header, ':')
	if i < 0 {
		return nil, false
	}
	parts := strings.FieldsFunc(header[i+1:], func(r rune) bool { return r == '/' || r == ',' || r == ';' || r == '|' })
	if len(parts) != 2 {
		return nil, false
	}
	codes = map[string]string{}
	for _, p := range parts {
		words := strings.Fields(foldWord(p))
		if len(words) < 2 || len(words[0]) > 2 {
			return nil, false
		}
		dir, found := localDirectionOf(strings.Join(words[1:], " "))
		if !found {
			dir = directionOf(strings.Join(words[1:], " "))
		}
		if dir == "" || codes[words[0]] != "" {
			return nil, false
		}
		codes[words[0]] = dir
	}
	seen := map[string]bool{}
	for _, d := range codes {
		seen[d] = true
	}
	return codes, seen["IN"] && seen["OUT"]
}
