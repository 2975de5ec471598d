package store

import (
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// Tigo Colombia's direction column states its own codes in its header
// ("DIRECCION: O SALIENTE/ I ENTRANTE"): it is the direction, O outgoing
// and I incoming, with no --map naming it, and the format says whose
// codes were read. The second DIRECCION (the cell's street address) is no
// direction.
func TestOperatorTigoStatedDirectionCodes(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, writeEvidence(t, "reporte_tigo.csv", tigoCalls), ImportOptions{Map: map[evidence.Field]string{
		evidence.FMSISDN: "NUMERO A", evidence.FOther: "NUMERO MARCADO", evidence.FStart: "FECHA Y HORA ORIGEN",
		evidence.FDuration: "DURACION TOTAL seg", evidence.FCell: "CELDA_ORIGEN_TRUNCADA"}})
	if res.Error != "" || res.Rows != 2 || res.Rejected != 1 || res.Flagged != 0 ||
		!strings.Contains(res.Format, `direction codes of its header ("DIRECCION: O SALIENTE/ I ENTRANTE")`) {
		t.Fatalf("%+v", res)
	}
	got := strings.Join(readRows(t, st, `SELECT line, subscriber, call_type, other, start_wall, duration, cell FROM voice_readable ORDER BY line`), " ")
	want := "3|573005722406|VOICE_OUT|+573104277553|2025-02-28 01:25:19|45|010006CC 4|573005722406|VOICE_IN|+573224274851|2025-02-28 14:02:00|120|010006CD"
	if got != want {
		t.Errorf("records %s\nwant %s", got, want)
	}
}

// The A/B traffic detail in the column order of the task (Numero A, Numero
// B, Imei A, Imei B, Celda A, Celda B, Fecha, Hora, Duracion, Tipo
// registro) is refused the same way, never read as a tower dump keying an
// Entrante record under the A number; named with --map, it is read as
// named: Numero A the subscriber, Tipo registro the direction.
func TestOperatorABTrafficDetail(t *testing.T) {
	body := "Numero A,Numero B,Imei A,Imei B,Celda A,Celda B,Fecha,Hora,Duracion,Tipo registro\n" +
		"56912345671,56987654322,356938035643809,352099001761481,12011,22013,14/02/2026,21:03:09,75,Saliente\n" +
		"56912345671,56222334455,356938035643809,352099001761482,12012,22014,15/02/2026,08:30:00,40,Entrante\n"
	st := openTemp(t)
	path := writeEvidence(t, "detalle_trafico.csv", body)
	res := importOne(t, st, path, ImportOptions{Country: "CL"})
	if res.Rows != 0 || !strings.Contains(res.Error, `an A/B traffic detail: each party has its own device and cell columns ("Imei A", "Celda A"; "Imei B", "Celda B")`) ||
		!strings.Contains(res.Error, `--map msisdn="Numero A"`) {
		t.Fatalf("%+v", res)
	}
	st = openTemp(t)
	res = importOne(t, st, path, ImportOptions{Country: "CL", Map: map[evidence.Field]string{
		evidence.FMSISDN: "Numero A", evidence.FOther: "Numero B", evidence.FIMEI: "Imei A",
		evidence.FCell: "Celda A", evidence.FDirection: "Tipo registro"}})
	if res.Error != "" || res.Rows != 2 {
		t.Fatalf("mapped: %+v", res)
	}
	got := strings.Join(readRows(t, st, voiceRowsQuery), "\n")
	want := "2|56912345671|VOICE_OUT|56987654322|2026-02-14 21:03:09|75|12011||356938035643809\n" +
		"3|56912345671|VOICE_IN|56222334455|2026-02-15 08:30:00|40|12012||356938035643809"
	if got != want {
		t.Errorf("records:\n%s\nwant:\n%s", got, want)
	}
}

// A Salvadoran bitácora as an analysis tool lists its columns
// (tipo_llamada, numero_origen, imei_origen, numero_destino,
// fecha_inicial, hora_inicial, fecha_hora_final, duracion_seg,
// cod_celda_inicial, …, imsi, longitud_inicial, latitud_inicial, …,
// fecha, hora) was refused for want of a start: its bare fecha and hora
// stand beside fecha_inicial and hora_inicial, which now name the start,
// duracion_seg the duration and cod_celda_inicial the first cell. The
// investigated number is the calling party of every record, so VOZ and
// SMS are outgoing by where it stands. El Salvador has no numbering plan
// here: the 8-digit numbers are kept as written.
func TestOperatorSalvadoranBitacora(t *testing.T) {
	body := "tipo_llamada,numero_origen,imei_origen,numero_destino,fecha_inicial,hora_inicial,fecha_hora_final,duracion_seg,cod_celda_inicial,ubicacion_inicio,cod_celda_final,ubicacion_final,imsi,longitud_inicial,latitud_inicial,azimut_inicial,longitud_final,latitud_final,azimut_final,fecha,hora\n" +
		"VOZ,61090192,860766049463800,77665544,13/01/2020,02:02:00,13/01/2020 02:03:05,65,39512 0473 3,SAN SALVADOR CENTRO,39512 0473 3,SAN SALVADOR CENTRO,706040000000001,-89.1872,13.6929,120,-89.1872,13.6929,120,13/01/2020,02:02:00\n" +
		"SMS,61090192,860766049463800,78889999,14/01/2020,04:01:00,14/01/2020 04:01:00,0,39512 0473 9,SAN SALVADOR CENTRO,39512 0473 9,SAN SALVADOR CENTRO,706040000000001,-89.1872,13.6929,240,-89.1872,13.6929,240,14/01/2020,04:01:00\n"
	checkLocalized(t, localizedCase{"bitacora_sv.csv", "", body, []string{
		"2|61090192|VOICE_OUT|77665544|2020-01-13 02:02:00|65|39512 0473 3|706040000000001|860766049463800",
		"3|61090192|SMS_OUT|78889999|2020-01-14 04:01:00|0|39512 0473 9|706040000000001|860766049463800",
	}, nil})
}
