package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// movistarVoice is a return in Movistar Colombia's outgoing-calls layout
// (numero_que_contesta, numero_que_marca, …, latitud_n, longitud_w, …),
// the longitude written unsigned with a decimal comma as the operator
// does (west implied by the header), cells written as CGIs.
const movistarVoice = `numero_que_contesta,serial_destino,numero_que_marca,serial_origen,duracion,ruta_entrante,numero_marcado,ruta_saliente,transferencia,fecha_hora_inicio_llamada,fecha_hora_fin_llamada,switch,celda_origen,celda_destino,departamento,localidad,region,latitud_n,longitud_w,proveedor,tecnologia,descripcion,direccion,celda,azimut
+573002398578,,+573015468323,,25,33541,3002398578,5,,20240418140744,20240418140809,3160043001,732-103-1234-5678,,BOGOTA D.C,"BOGOTA, D.C.",BOGOTA,"4,71573","74,1057",HUAWEI,LTE,BOCHICA NORTE BOGOTA,CALLE 86 BIS # 96G - 27 INTERIOR 101,07F083-05,160
+573112223344,,+573015468323,,61,33541,3112223344,5,,20240418150000,20240418150101,3160043001,732-103-1234-73,,BOGOTA D.C,"BOGOTA, D.C.",BOGOTA,"4,6305","74,0966",HUAWEI,LTE,BOG0115 - CENTRO NARIÑO,Diagonal 22 A # 43-65,000073-01,90
`

var movistarMap = map[evidence.Field]string{
	evidence.FMSISDN: "numero_que_marca", evidence.FOther: "numero_que_contesta",
	evidence.FStart: "fecha_hora_inicio_llamada", evidence.FDuration: "duracion",
	evidence.FCell: "celda_origen", evidence.FCellLat: "latitud_n", evidence.FCellLon: "longitud_w",
}

// Movistar's longitud_w is the distance west of Greenwich: Bogotá's cells
// are at -74.1057 and -74.0966, not at 74 E in Asia, and the format says
// the column was read as west.
func TestOperatorMovistarWestLongitude(t *testing.T) {
	st := openTemp(t)
	path := filepath.Join(t.TempDir(), "movistar_salientes.csv")
	if err := os.WriteFile(path, []byte(movistarVoice), 0o644); err != nil {
		t.Fatal(err)
	}
	res := importOne(t, st, path, ImportOptions{Map: movistarMap})
	if res.Error != "" || res.Rows != 2 || !strings.Contains(res.Format, `"longitud_w" read as west`) {
		t.Fatalf("%+v", res)
	}
	got := strings.Join(readRows(t, st, `SELECT line, cell, lat, lon FROM cell_sites ORDER BY line`), " ")
	if want := "2|732-103-1234-5678|4.71573|-74.1057 3|732-103-1234-73|4.6305|-74.0966"; got != want {
		t.Errorf("sites %s, want %s", got, want)
	}
}

// A longitud_w whose values are written both signed and unsigned cannot be
// read either way (an unsigned one would be west, a signed export's
// positive one east): the column is refused, named in the format, and no
// record gets a position from it.
func TestOperatorWestLongitudeMixedSignsRefused(t *testing.T) {
	st := openTemp(t)
	path := filepath.Join(t.TempDir(), "movistar_mixed.csv")
	mixed := strings.Replace(movistarVoice, `"74,0966"`, `"-74,0966"`, 1)
	if err := os.WriteFile(path, []byte(mixed), 0o644); err != nil {
		t.Fatal(err)
	}
	res := importOne(t, st, path, ImportOptions{Map: movistarMap})
	if res.Rows != 2 || !strings.Contains(res.Format, `"longitud_w" not cell_lon (its header names the west, yet its values are written both with a minus sign and without`) {
		t.Fatalf("%+v", res)
	}
	if n := count(t, st, "SELECT count(*) FROM cell_sites"); n != 0 {
		t.Errorf("%d sites from a refused longitude", n)
	}
}

// WOM Colombia's data records name the site before the cell: BTS_ID (the
// eNodeB, 11648), then CELL_ID_VOZ (its cell, 11648×256+7 = 2981895) and
// SECTOR (7). The record's cell is TAC-CELL_ID_VOZ, never the site's
// number taken for a cell (before: 9010-11648, another cell's key).
func TestOperatorWOMCellNotSite(t *testing.T) {
	st := openTemp(t)
	path := filepath.Join(t.TempDir(), "wom_datos.csv")
	wom := "OPERADOR_TECNOLOGIA,BTS_ID,TAC,CELL_ID_VOZ,SECTOR,FECHA_HORA_INICIO,FECHA_HORA_FIN,OPERADOR_RAN,NUMERO_ORIGEN,DURACION_SEG,UP_DATA_BYTES,DOWN_DATA_BYTES,IMSI,LOCALIZACION_USUARIO,NOMBRE_ANTENA,DIRECCION,LATITUD,LONGITUD,LOCALIDAD,CIUDAD,DEPARTAMENTO,REGIONAL,ENTORNO_GEOGRAFICO,ULI\n" +
		"WOM 4G,11648,9010,2981895,7,2024-04-19 08:03:41,2024-04-19 09:31:58,WOM,+573505551234,5297,11438,12320,732360130234793,823702630a9d370263002d8007,BTA Ciudad Bachue I,Cr 95 G 86 B 21,\"4,7102\",\"-74,1023\",Engativa,Bogota,Cundinamarca,Center,Urbano,73236027172981895\n"
	if err := os.WriteFile(path, []byte(wom), 0o644); err != nil {
		t.Fatal(err)
	}
	res := importOne(t, st, path, ImportOptions{Map: map[evidence.Field]string{
		evidence.FMSISDN: "NUMERO_ORIGEN", evidence.FStart: "FECHA_HORA_INICIO", evidence.FEnd: "FECHA_HORA_FIN"}})
	if res.Error != "" || res.Rows != 1 || res.Kind != "ipdr" {
		t.Fatalf("%+v", res)
	}
	got := strings.Join(readRows(t, st, `SELECT subscriber, imsi, cell, uplink, downlink, start_wall, end_wall FROM ipdr_readable`), " ")
	if want := "573505551234|732360130234793|9010-2981895|11438|12320|2024-04-19 08:03:41|2024-04-19 09:31:58"; got != want {
		t.Errorf("record %s, want %s", got, want)
	}
}

// A record's "Cell Site Lat N" and "Cell Site Long W" are its cell's
// position read in the hemispheres named, with no --map: 74.0966 under
// "Long W" is -74.0966.
func TestRecordCellSiteLongWest(t *testing.T) {
	st := openTemp(t)
	path := filepath.Join(t.TempDir(), "cdr.csv")
	cdr := "Target No,B Party No,Date,Time,Duration,Call Type,First Cell ID,Cell Site Lat N,Cell Site Long W\n" +
		"+573015468323,+573002398578,18/04/2024,14:07:44,25,OUT,732-103-1234-5678,4.71573,74.1057\n"
	if err := os.WriteFile(path, []byte(cdr), 0o644); err != nil {
		t.Fatal(err)
	}
	res := importOne(t, st, path, ImportOptions{})
	if res.Error != "" || res.Rows != 1 || !strings.Contains(res.Format, `"Cell Site Long W" read as west`) {
		t.Fatalf("%+v", res)
	}
	got := strings.Join(readRows(t, st, `SELECT line, cell, lat, lon FROM cell_sites`), " ")
	if want := "2|732-103-1234-5678|4.71573|-74.1057"; got != want {
		t.Errorf("sites %s, want %s", got, want)
	}
}

// tigoCalls is a return in Tigo Colombia's layout: two DIRECCION columns
// (the direction, O or I, and the cell's street address), the APN of a
// data session (TIPO_DE_LLAMADA 200) in NUMERO MARCADO among the calls,
// coordinates with a decimal comma.
const tigoCalls = `TIPO_DE_LLAMADA,NUMERO A,NUMERO MARCADO,TRCSEXTRACODEC,DIRECCION: O SALIENTE/ I ENTRANTE,DURACION TOTAL seg,FECHA Y HORA ORIGEN,CELDA_ORIGEN_TRUNCADA,TECH,DIRECCION,CITY_DS,DEPARTMENT_DS,AZIMUTH,ALTURA,POTENCIA,LONGITUDE,LATITUDE,TIPO_COBERTURA,TIPO_ESTRUCTURA,OPERADOR,CELLID_NVAL
200,+573005722406,web.colombiamovil.com.co,10.198.50.152,O,0,28/02/2025 01:20:19,010006CC,4G,Diagonal 61D N 26A-29,BOGOTÁ. D.C.,CUNDINAMARCA,350,22,"18,2","-74,074989","4,64958",6 - 1. URBANA,12 - ROOFTOP + TOWER,TIGO,1
1,+573005722406,+573104277553,10.198.50.152,O,45,28/02/2025 01:25:19,010006CC,4G,Diagonal 61D N 26A-29,BOGOTÁ. D.C.,CUNDINAMARCA,350,22,"18,2","-74,074989","4,64958",6 - 1. URBANA,12 - ROOFTOP + TOWER,TIGO,1
1,+573005722406,+573224274851,10.198.50.152,I,120,28/02/2025 14:02:00,010006CD,4G,Calle 13 # 5-20,BOGOTÁ. D.C.,CUNDINAMARCA,120,30,"20,1","-74,081234","4,60112",6 - 1. URBANA,12 - ROOFTOP + TOWER,TIGO,1
`

// Tigo's return is refused until its columns are named (no column name
// is read as the direction: the second DIRECCION is an address); named,
// O and I are out and in, NUMERO MARCADO the other party both ways, and
// the data session whose NUMERO MARCADO is its APN is rejected saying so,
// never a call to "web.colombiamovil.com.co".
func TestOperatorTigoCalls(t *testing.T) {
	st := openTemp(t)
	path := filepath.Join(t.TempDir(), "reporte_tigo.csv")
	if err := os.WriteFile(path, []byte(tigoCalls), 0o644); err != nil {
		t.Fatal(err)
	}
	res := importOne(t, st, path, ImportOptions{})
	if res.Rows != 0 || !strings.Contains(res.Error, "required fields not found: msisdn, start") {
		t.Fatalf("unnamed: %+v", res)
	}
	st = openTemp(t)
	res = importOne(t, st, path, ImportOptions{Map: map[evidence.Field]string{
		evidence.FMSISDN: "NUMERO A", evidence.FOther: "NUMERO MARCADO", evidence.FStart: "FECHA Y HORA ORIGEN",
		evidence.FDirection: "DIRECCION: O SALIENTE/ I ENTRANTE", evidence.FDuration: "DURACION TOTAL seg", evidence.FCell: "CELDA_ORIGEN_TRUNCADA"}})
	if res.Error != "" || res.Rows != 2 || res.Rejected != 1 {
		t.Fatalf("%+v", res)
	}
	got := strings.Join(readRows(t, st, `SELECT line, subscriber, call_type, other, start_wall, duration, cell FROM voice_readable ORDER BY line`), " ")
	want := "3|573005722406|VOICE_OUT|+573104277553|2025-02-28 01:25:19|45|010006CC 4|573005722406|VOICE_IN|+573224274851|2025-02-28 14:02:00|120|010006CD"
	if got != want {
		t.Errorf("records %s\nwant %s", got, want)
	}
	rej := strings.Join(readRows(t, st, rejectsQuery), " ")
	if want := `2|row|other party "web.colombiamovil.com.co" is a host or access point name (a data session's APN), not a number: the row is no call`; rej != want {
		t.Errorf("rejects %s\nwant %s", rej, want)
	}
}
