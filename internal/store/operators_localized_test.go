package store

import (
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// localizedCase is a return whose header and values are in the operator's
// language, imported under its numbering plan.
type localizedCase struct {
	name, country, body string
	rows, rejects       []string
}

// checkLocalized imports c and compares every record and reject.
func checkLocalized(t *testing.T, c localizedCase) {
	t.Helper()
	st := openTemp(t)
	res := importOne(t, st, writeEvidence(t, c.name, c.body), ImportOptions{Country: c.country})
	if res.Error != "" || res.Kind != "voice" {
		t.Fatalf("%s: kind %q error %q (format %q)", c.name, res.Kind, res.Error, res.Format)
	}
	if got := readRows(t, st, voiceRowsQuery); strings.Join(got, "\n") != strings.Join(c.rows, "\n") {
		t.Errorf("%s records:\n%s\nwant:\n%s", c.name, strings.Join(got, "\n"), strings.Join(c.rows, "\n"))
	}
	if got := readRows(t, st, rejectsQuery); strings.Join(got, "\n") != strings.Join(c.rejects, "\n") {
		t.Errorf("%s rejects:\n%s\nwant:\n%s", c.name, strings.Join(got, "\n"), strings.Join(c.rejects, "\n"))
	}
}

// Returns in the operator's language, each imported under its numbering
// plan, every record and reject compared:
//   - SpanishCDR: NUMERO ORIGEN, NUMERO DESTINO, FECHA, HORA, DURACION,
//     TIPO LLAMADA, IMEI, CELDA, SALIENTE/ENTRANTE in its call type, was
//     refused as an unknown layout. The subscriber is the number of every
//     record; a missed call (PERDIDA) to it is incoming by its place.
//     DURACIÓN written with its accent, in UTF-8 or as a spreadsheet
//     saves it in Windows-1252, is the same column.
//   - GermanCDR: a Verkehrsdaten return (Rufnummer A, Rufnummer B, Datum,
//     Uhrzeit, Dauer, Richtung, IMEI, Zelle) with abgehend/ankommend in
//     Richtung was refused as an unknown layout (only a FRITZ!Box list's
//     German header was known). Datum is day-first with dots, Dauer in
//     seconds. The same return with A-/B-Nummer and the connection's
//     Beginn and Ende: the duration is end − start.
//   - ItalianTabulato: CHIAMANTE, CHIAMATO, DATA, ORA, DURATA, TIPO
//     CHIAMATA, CELLA, IMEI: "Chiamata in uscita" is outgoing, never read
//     as incoming for its word "in".
//   - FrenchFadette: Numéro appelant, Numéro appelé, Date, Heure, Durée,
//     Type d'appel, Cellule, IMEI, its accents in UTF-8 and in
//     Windows-1252.
//   - BrazilianReturn: NUMERO ORIGEM, NUMERO DESTINO, DATA, HORA, DURAÇÃO,
//     TIPO CHAMADA, ERB: ORIGINADA/RECEBIDA; the ERB (the site, a name) is
//     never the cell.
func TestOperatorLocalizedReturns(t *testing.T) {
	esRows := "612345678;911234567;18/03/2024;10:15:02;62;SALIENTE;356938035643809;214-07-1234-5678\n" +
		"915550000;612345678;18/03/2024;11:00:00;30;ENTRANTE;356938035643809;214-07-1234-5679\n" +
		"612345678;699887766;19/03/2024;08:05:10;0;SMS SALIENTE;356938035643809;214-07-1234-5678\n" +
		"699887766;612345678;19/03/2024;09:00:00;0;PERDIDA;356938035643809;214-07-1234-5678\n"
	es := []string{
		"2|34612345678|VOICE_OUT|911234567|2024-03-18 10:15:02|62|214-07-1234-5678||356938035643809",
		"3|34612345678|VOICE_IN|915550000|2024-03-18 11:00:00|30|214-07-1234-5679||356938035643809",
		"4|34612345678|SMS_OUT|699887766|2024-03-19 08:05:10|0|214-07-1234-5678||356938035643809",
		"5|34612345678|VOICE_IN|699887766|2024-03-19 09:00:00|0|214-07-1234-5678||356938035643809",
	}
	esHeader := func(dur string) string {
		return "NUMERO ORIGEN;NUMERO DESTINO;FECHA;HORA;" + dur + ";TIPO LLAMADA;IMEI;CELDA\n"
	}
	de := []string{
		"2|4915112345678|VOICE_OUT|030123456|2024-03-18 10:15:02|62|262-01-1234-5678||35209900176148",
		"3|4915112345678|VOICE_IN|08912345|2024-03-18 23:59:30|125|262-01-1234-5679||35209900176148",
	}
	frRows := "0612345678;0142868000;18/03/2024;10:15:02;62;Appel sortant;208-01-1234-5678;356938035643809\n" +
		"0698765432;0612345678;18/03/2024;11:00:00;30;Appel entrant;208-01-1234-5679;356938035643809\n" +
		"0698765432;0612345678;19/03/2024;08:05:10;0;SMS reçu;208-01-1234-5678;356938035643809\n"
	fr := []string{
		"2|33612345678|VOICE_OUT|0142868000|2024-03-18 10:15:02|62|208-01-1234-5678||356938035643809",
		"3|33612345678|VOICE_IN|0698765432|2024-03-18 11:00:00|30|208-01-1234-5679||356938035643809",
		"4|33612345678|SMS_IN|0698765432|2024-03-19 08:05:10|0|208-01-1234-5678||356938035643809",
	}
	for _, c := range []struct {
		test string
		localizedCase
	}{
		{"SpanishCDR", localizedCase{"es_cdr.csv", "ES", esHeader("DURACION") + esRows, es, nil}},
		{"SpanishCDR", localizedCase{"es_cdr.csv", "ES", esHeader("DURACIÓN") + esRows, es, nil}},
		{"SpanishCDR", localizedCase{"es_cdr.csv", "ES", esHeader("DURACI\xd3N") + esRows, es, nil}},
		{"GermanCDR", localizedCase{"de_verkehrsdaten.csv", "DE", "Rufnummer A;Rufnummer B;Datum;Uhrzeit;Dauer;Richtung;IMEI;Zelle\n" +
			"015112345678;030123456;18.03.2024;10:15:02;62;abgehend;35209900176148;262-01-1234-5678\n" +
			"08912345;015112345678;18.03.2024;23:59:30;125;ankommend;35209900176148;262-01-1234-5679\n" +
			"015112345678;+33142868000;19.03.2024;08:00:00;5;abgehend;35209900176148;262-01-1234-5678\n",
			append(de[:2:2], "4|4915112345678|VOICE_OUT|+33142868000|2024-03-19 08:00:00|5|262-01-1234-5678||35209900176148"), nil}},
		{"GermanCDR", localizedCase{"de_verkehrsdaten_beginn.csv", "DE", "A-Nummer;B-Nummer;Beginn;Ende;Richtung;IMEI;Zelle\n" +
			"015112345678;030123456;18.03.2024 10:15:02;18.03.2024 10:16:04;abgehend;35209900176148;262-01-1234-5678\n" +
			"08912345;015112345678;18.03.2024 23:59:30;19.03.2024 00:01:35;ankommend;35209900176148;262-01-1234-5679\n",
			de, nil}},
		{"ItalianTabulato", localizedCase{"it_tabulato.csv", "IT", "CHIAMANTE;CHIAMATO;DATA;ORA;DURATA;TIPO CHIAMATA;CELLA;IMEI\n" +
			"3471234567;0612345678;18/03/2024;10:15:02;62;Chiamata in uscita;222-10-1234-5678;356938035643809\n" +
			"3339876543;3471234567;18/03/2024;11:00:00;30;Chiamata in entrata;222-10-1234-5679;356938035643809\n" +
			"3339876543;3471234567;19/03/2024;08:05:10;0;SMS entrante;222-10-1234-5678;356938035643809\n", []string{
			"2|393471234567|VOICE_OUT|0612345678|2024-03-18 10:15:02|62|222-10-1234-5678||356938035643809",
			"3|393471234567|VOICE_IN|3339876543|2024-03-18 11:00:00|30|222-10-1234-5679||356938035643809",
			"4|393471234567|SMS_IN|3339876543|2024-03-19 08:05:10|0|222-10-1234-5678||356938035643809",
		}, nil}},
		{"FrenchFadette", localizedCase{"fr_fadette.csv", "FR", "Numéro appelant;Numéro appelé;Date;Heure;Durée;Type d'appel;Cellule;IMEI\n" + frRows, fr, nil}},
		{"FrenchFadette", localizedCase{"fr_fadette_1252.csv", "FR", "Num\xe9ro appelant;Num\xe9ro appel\xe9;Date;Heure;Dur\xe9e;Type d'appel;Cellule;IMEI\n" +
			strings.ReplaceAll(frRows, "reçu", "re\xe7u"), fr, nil}},
		{"BrazilianReturn", localizedCase{"br_quebra.csv", "BR", "NUMERO ORIGEM;NUMERO DESTINO;DATA;HORA;DURAÇÃO;TIPO CHAMADA;IMEI;ERB\n" +
			"11987654321;2133334444;18/03/2024;10:15:02;62;ORIGINADA;356938035643809;SPPAU01 - AV PAULISTA 1000\n" +
			"2133335555;11987654321;18/03/2024;11:00:00;30;RECEBIDA;356938035643809;SPPAU01 - AV PAULISTA 1000\n" +
			"11987654321;2133334444;19/03/2024;08:05:10;0;SMS ORIGINADO;356938035643809;SPPAU02 - RUA AUGUSTA 50\n", []string{
			"2|5511987654321|VOICE_OUT|2133334444|2024-03-18 10:15:02|62|||356938035643809",
			"3|5511987654321|VOICE_IN|2133335555|2024-03-18 11:00:00|30|||356938035643809",
			"4|5511987654321|SMS_OUT|2133334444|2024-03-19 08:05:10|0|||356938035643809",
		}, nil}},
	} {
		t.Run(c.test, func(t *testing.T) { checkLocalized(t, c.localizedCase) })
	}
}

// A header that names neither party (a bare Numero beside Destino) is
// refused, never read with a guessed subscriber.
func TestOperatorLocalizedAmbiguousRefused(t *testing.T) {
	body := "Numero;Destino;Fecha;Hora;Duracion;Tipo llamada\n" +
		"612345678;911234567;18/03/2024;10:15:02;62;SALIENTE\n" +
		"915550000;612345678;18/03/2024;11:00:00;30;ENTRANTE\n"
	st := openTemp(t)
	res := importOne(t, st, writeEvidence(t, "es_bare.csv", body), ImportOptions{Country: "ES"})
	if res.Rows != 0 || !strings.Contains(res.Error, "unknown layout") || !strings.Contains(res.Error, "required fields not found: msisdn") {
		t.Fatalf("%+v", res)
	}
}

// Movistar Colombia's bare "celda" (a site and sector, 07F083-05) stands
// beside celda_origen and celda_destino: whose cell it is the name does
// not say, so it is never taken for the record's cell by its name.
func TestOperatorBareCeldaBesideQualified(t *testing.T) {
	m := map[evidence.Field]string{}
	for f, c := range movistarMap {
		if f != evidence.FCell && f != evidence.FCellLat && f != evidence.FCellLon {
			m[f] = c
		}
	}
	st := openTemp(t)
	res := importOne(t, st, writeEvidence(t, "movistar.csv", movistarVoice), ImportOptions{Map: m})
	if res.Error != "" || res.Rows != 2 {
		t.Fatalf("%+v", res)
	}
	if got := strings.Join(readRows(t, st, `SELECT line, cell FROM voice_readable ORDER BY line`), " "); got != "2| 3|" {
		t.Errorf("cells %s, want none", got)
	}
}

// Movistar Colombia's data return, its header as published: the number
// browsing, the session's start and end (YYYYMMDDhhmmss), the volumes up
// and down in bytes, the technology. Its two columns named celda (the
// cell number beside celda_, the cell with its route) say no whole cell:
// none is taken.
func TestOperatorMovistarDataSessions(t *testing.T) {
	body := "numero_que_navega,ruta_entrante,celda,trafico_de_subida,trafico_de_bajada,fecha_hora_inicio_sesion,duracion,tipo_tecnologia,fecha_hora_fin_sesion,departamento,localidad,region,latitud_n,longitud_w,proveedor,tecnologia,descripcion,direccion,celda_\n" +
		"3015468323,01,000073,1048576,5242880,20240419080000,300,6,20240419080500,BOGOTA D.C,\"BOGOTA, D.C.\",BOGOTA,\"4,6305\",\"74,0966\",HUAWEI,LTE,BOG0115 - CENTRO,Diagonal 22 A # 43-65,000073-01\n" +
		"3015468323,01,000074,2048,4096,20240419093015,45,6,20240419093100,BOGOTA D.C,\"BOGOTA, D.C.\",BOGOTA,\"4,6306\",\"74,0967\",HUAWEI,LTE,BOG0116 - SUR,Calle 1 # 2-3,000074-01\n"
	st := openTemp(t)
	res := importOne(t, st, writeEvidence(t, "movistar_datos.csv", body), ImportOptions{Country: "CO"})
	if res.Error != "" || res.Kind != "ipdr" || res.Rows != 2 {
		t.Fatalf("%+v", res)
	}
	if !strings.Contains(res.Format, "no column for dest_ip dest_port cell imei imsi") {
		t.Errorf("format %q", res.Format)
	}
	want := "2|573015468323|||||||||2024-04-19 08:00:00|2024-04-19 08:05:00||1048576|5242880|6291456|LTE||\n" +
		"3|573015468323|||||||||2024-04-19 09:30:15|2024-04-19 09:31:00||2048|4096|6144|LTE||"
	if got := strings.Join(readRows(t, st, dataRowsQuery), "\n"); got != want {
		t.Errorf("records:\n%s\nwant:\n%s", got, want)
	}
}

// A bare date or time beside the same name qualified as the end (FECHA
// beside FECHA FIN, HORA beside HORA FIN; Italian DATA FINE, Portuguese
// DATA FIM, German Datum Ende) is the start: such a return, with start
// and end dates, was refused, its FECHA dropped as if it could be either
// party's. The end columns are one minute and two seconds later, the
// duration column's 62 s.
func TestOperatorBareDateBesideEnd(t *testing.T) {
	es := "612345678;911234567;18/03/2024;10:15:02;18/03/2024;10:16:04;62;SALIENTE;356938035643809;214-07-1234-5678\n" +
		"915550000;612345678;19/03/2024;23:59:30;20/03/2024;00:00:00;30;ENTRANTE;356938035643809;214-07-1234-5679\n"
	esWant := []string{
		"2|34612345678|VOICE_OUT|911234567|2024-03-18 10:15:02|62|214-07-1234-5678||356938035643809",
		"3|34612345678|VOICE_IN|915550000|2024-03-19 23:59:30|30|214-07-1234-5679||356938035643809",
	}
	for _, end := range []string{"FECHA FIN;HORA FIN", "FECHA_FIN;HORA_FIN", "FECHA TERMINO;HORA TERMINO", "FECHA TÉRMINO;HORA TÉRMINO", "FECHA FINAL;HORA FINAL"} {
		body := "NUMERO ORIGEN;NUMERO DESTINO;FECHA;HORA;" + end + ";DURACION;TIPO LLAMADA;IMEI;CELDA\n" + es
		checkLocalized(t, localizedCase{"es_fin.csv", "ES", body, esWant, nil})
	}
	it := "CHIAMANTE;CHIAMATO;DATA;ORA;DATA FINE;ORA FINE;DURATA;TIPO CHIAMATA;CELLA;IMEI\n" +
		"3471234567;0612345678;18/03/2024;10:15:02;18/03/2024;10:16:04;62;Chiamata in uscita;222-10-1234-5678;356938035643809\n"
	checkLocalized(t, localizedCase{"it_fine.csv", "IT", it, []string{
		"2|393471234567|VOICE_OUT|0612345678|2024-03-18 10:15:02|62|222-10-1234-5678||356938035643809",
	}, nil})
	br := "NUMERO ORIGEM;NUMERO DESTINO;DATA;HORA;DATA FIM;HORA FIM;DURAÇÃO;TIPO CHAMADA;IMEI\n" +
		"2133335555;11987654321;18/03/2024;11:00:00;18/03/2024;11:00:30;30;RECEBIDA;356938035643809\n"
	checkLocalized(t, localizedCase{"br_fim.csv", "BR", br, []string{
		"2|5511987654321|VOICE_IN|2133335555|2024-03-18 11:00:00|30|||356938035643809",
	}, nil})
	de := "Rufnummer A;Rufnummer B;Datum;Uhrzeit;Datum Ende;Uhrzeit Ende;Dauer;Richtung;IMEI;Zelle\n" +
		"015112345678;030123456;18.03.2024;10:15:02;18.03.2024;10:16:04;62;abgehend;35209900176148;262-01-1234-5678\n"
	checkLocalized(t, localizedCase{"de_ende.csv", "DE", de, []string{
		"2|4915112345678|VOICE_OUT|030123456|2024-03-18 10:15:02|62|262-01-1234-5678||35209900176148",
	}, nil})
}
