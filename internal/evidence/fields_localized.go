package evidence

import (
	"strings"
	"unicode/utf8"
)

// localizedAliases are the header names of operator and law-enforcement
// returns written in the operator's language: Spanish (Spain and Latin
// America), Portuguese (Brazil), Italian ("tabulati"), German
// (Verkehrsdaten) and French ("fadettes"). They are compared as every
// alias is, after normalizeHeader, which folds accents: DURACIÓN and
// DURACION, Durée and Duree are one name. Each ranks after every English
// alias of its field, and a column is taken for one only when its values
// fit the field too (strictAlias): a bare "Data" may be an English
// volume, a bare "Hora" an hour of something else. A name that could be
// either party (a bare "Numero", "Rufnummer", "Destino") is no alias.
var localizedAliases = map[Field][]string{
	FAParty: {
		"numeroorigen", "nroorigen", "numerodeorigen", "numerollamante", // Spanish
		"numeroorigem", "numerodeorigem", "numerochamador", // Portuguese
		"chiamante", "numerochiamante", "utenzachiamante", // Italian
		"rufnummera", "anrufer", "anrufendenummer", "anummer", "ateilnehmer", // German
		"numeroappelant", "appelant", "numerodelappelant", // French
	},
	FBParty: {
		"numerodestino", "nrodestino", "numerodedestino", "numerollamado", // Spanish, Portuguese
		"numerochamado",                                // Portuguese
		"chiamato", "numerochiamato", "utenzachiamata", // Italian
		"rufnummerb", "angerufenenummer", "zielrufnummer", "bnummer", "bteilnehmer", // German
		"numeroappele", "appele", "numerodelappele", // French
	},
	FStart: {"fechahorainiciosesion", "beginn", "verbindungsbeginn", "dataora", "dataeora", "dataehora", "datumuhrzeit", "dateheure", "dateetheure"},
	// fecha_inicial, hora_inicial: a Salvadoran bitácora's start
	FStartDate: {"fecha", "data", "datum", "fechainicial", "fechainicio", "fechadeinicio"},
	FStartTime: {"hora", "ora", "uhrzeit", "heure", "horainicial", "horainicio", "horadeinicio"},
	FDuration:  {"duracion", "duracao", "durata", "dauer", "duree", "duracionseg", "duracionsegundos"},
	FCallType: {
		"tipollamada", "tipochamada", "tipodechamada", "tipochiamata",
		"anrufart", "verbindungsart", "typeappel", "typedappel",
	},
	FDirection: {"sentido", "sentidollamada", "direzione", "richtung", "verkehrsrichtung", "sens", "sensappel"},
	FCell:      {"celda", "idcelda", "cella", "idcella", "zelle", "zellid", "zellenid", "cellule", "celula", "codceldainicial", "celdainicial"},
	// Movistar Colombia's data return: numero_que_navega (the number
	// browsing), fecha_hora_inicio_sesion, fecha_hora_fin_sesion,
	// trafico_de_subida, trafico_de_bajada, tecnologia
	FMSISDN:   {"numeroquenavega"},
	FEnd:      {"fechahorafinsesion", "ende", "verbindungsende"},
	FUplink:   {"traficodesubida", "traficosubida"},
	FDownlink: {"traficodebajada", "traficobajada"},
	FRAT:      {"tecnologia"},
}

// strictAlias holds the normalised localized aliases: a column so named
// is taken only when its sampled values read as the field.
var strictAlias = map[string]bool{}

func init() {
	for f, names := range localizedAliases {
		for _, n := range names {
			k := normalizeHeader(n)
			if g, ok := aliasIndex[k]; ok && g != f {
				panic("evidence: localized alias " + n + " is already an alias of " + string(g))
			}
			aliasIndex[k] = f
			strictAlias[k] = true
			fieldAliases[f] = append(fieldAliases[f], n)
		}
	}
}

// foldAccent is the ASCII letter(s) a Latin letter with a diacritic is
// written as when its accent is dropped (é e, ñ n, ç c, ß ss), and r itself
// when it has none.
func foldAccent(r rune) string {
	if r < 0x80 {
		return string(r)
	}
	if s, ok := accentFolds[r]; ok {
		return s
	}
	return ""
}

var accentFolds = func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'Æ': "AE", 'æ': "ae", 'Œ': "OE", 'œ': "oe", 'Ø': "O", 'ø': "o"}
	for base, letters := range map[string]string{
		"A": "ÀÁÂÃÄÅ", "a": "àáâãäå", "C": "Ç", "c": "ç", "E": "ÈÉÊË", "e": "èéêë",
		"I": "ÌÍÎÏ", "i": "ìíîï", "N": "Ñ", "n": "ñ", "O": "ÒÓÔÕÖ", "o": "òóôõö",
		"U": "ÙÚÛÜ", "u": "ùúûü", "Y": "Ý", "y": "ýÿ",
	} {
		for _, r := range letters {
			m[r] = base
		}
	}
	return m
}()

// foldAccents writes s with its accented Latin letters as plain ones;
// other characters outside ASCII are dropped. Text that is not UTF-8 is
// read as Windows-1252, as a spreadsheet in a Western European locale
// saves its CSV (DURACI\xd3N is DURACION): its accented letters are
// Latin-1's.
func foldAccents(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			var b strings.Builder
			if !utf8.ValidString(s) {
				for j := 0; j < len(s); j++ {
					b.WriteString(foldAccent(rune(s[j])))
				}
				return b.String()
			}
			for _, r := range s {
				b.WriteString(foldAccent(r))
			}
			return b.String()
		}
	}
	return s
}

// dropBareBesideQualified takes away a localized alias's candidacy when
// another column of the header is the same name, or the same name qualified (Movistar
// Colombia's bare "celda" beside "celda_origen" and "celda_destino"): the
// bare one may be either party's, or the site's reference, and a wrong
// cell or party is worse than none.
func dropBareBesideQualified(cells []string, cands map[Field][]candidate) {
	for f, cs := range cands {
		kept := cs[:0]
		for _, c := range cs {
			bare := normalizeHeader(cells[c.col])
			if c.strict && qualifiedBeside(cells, c.col, bare) {
				continue
			}
			kept = append(kept, c)
		}
		if len(kept) == 0 {
			delete(cands, f)
			continue
		}
		cands[f] = kept
	}
}

// qualifiedBeside reports another header cell whose name is bare, alone
// (two columns of one name: Movistar's "celda" and "celda_") or followed
// by more letters or digits, other than the bare name qualified as the
// end: a bare FECHA beside FECHA FIN (HORA and HORA FIN, DATA and DATA
// FINE or DATA FIM, Datum and Datum Ende) is the start, the other column
// naming the end, and such a return (start and end dates, a common
// layout) would otherwise lose its start.
func qualifiedBeside(cells []string, col int, bare string) bool {
	for i, h := range cells {
		n := normalizeHeader(h)
		if i != col && strings.HasPrefix(n, bare) && !endQualifier[strings.TrimPrefix(n, bare)] {
			return true
		}
	}
	return false
}

// endQualifier holds the words that qualify a name as the end, normalised
// (accents folded): Spanish fin, final, término (de fin), Italian fine,
// Portuguese fim, German Ende.
var endQualifier = map[string]bool{
	"fin": true, "final": true, "termino": true, "defin": true, "determino": true,
	"fine": true, "difine": true, "fim": true, "defim": true, "ende": true,
}
