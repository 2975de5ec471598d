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
