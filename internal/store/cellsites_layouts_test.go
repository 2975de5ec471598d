package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// Published cell-site layouts (testdata/cellsites, README there says
// where each was published), each imported through ImportCells, every
// field of every row asserted, every rejected row with its reason, and the
// case's records placed on the cells: the numbers the CLI prints as
// "placed: N of M records". Every expected value was worked out by hand
// from the file (an ECI is eNodeB×256 + cell: 1201×256 + 1 = 307457; a
// UMTS long cell id is RNC×65536 + CI: 5×65536 + 4660 = 332340; DMS
// 6°19'15.6" = 6 + 19/60 + 15.6/3600 = 6.321).

// siteRowsSQL is one line per cell_sites row: line | key | alt key | cell
// as written | radio | lat | lon | azimuth | beam | range | samples |
// address ("-" for none).
const siteRowsSQL = `SELECT line || '|' || cell_key || '|' || coalesce(alt_key, '') || '|' || cell || '|' || radio || '|' ||
	round(lat, 6) || '|' || round(lon, 6) || '|' || coalesce(azimuth, '-') || '|' || coalesce(beam, '-') || '|' ||
	coalesce(range_m, '-') || '|' || coalesce(samples, '-') || '|' || address
	FROM cell_sites WHERE source_id = ? ORDER BY line`

type layoutCase struct {
	file     string
	plmn     string
	cdr      string // the records' cells, one a line
	format   string // a part of the format the file is read as
	rows     []string
	rejects  []string // line: reason
	placed   int
	fileNote string // the file's error ("" when it imports)
}

func (lc layoutCase) run(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	st := openTemp(t)
	var b strings.Builder
	b.WriteString("MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION,CELL_ID\n")
	cells := strings.Fields(lc.cdr)
	for i, c := range cells {
		fmt.Fprintf(&b, "919714499703,VOICE_OUT,919812345678,18/03/2024,%02d:00:00,60,%s\n", 10+i, c)
	}
	if res := importOne(t, st, writeEvidence(t, "cdr.csv", b.String()), ImportOptions{}); res.Error != "" || res.Rows != int64(len(cells)) {
		t.Fatalf("records: %+v", res)
	}
	res, err := st.ImportCells(ctx, []string{filepath.Join("testdata", "cellsites", lc.file)}, CellImportOptions{Sites: siteOpts(lc.plmn)})
	if err != nil {
		t.Fatal(err)
	}
	r := res[0]
	if lc.fileNote != "" {
		if !strings.Contains(r.Error, lc.fileNote) || r.SourceID != 0 {
			t.Fatalf("%s: want an error with %q, got %+v", lc.file, lc.fileNote, r)
		}
		if n := count(t, st, "SELECT count(*) FROM cell_sites"); n != 0 {
			t.Errorf("%s: %d sites kept from a refused file", lc.file, n)
		}
		return
	}
	if r.Error != "" || r.Rows != int64(len(lc.rows)) || r.Rejected != int64(len(lc.rejects)) || !strings.Contains(r.Format, lc.format) {
		t.Errorf("%s: %+v", lc.file, r)
	}
	got := strings1(t, st, siteRowsSQL, r.SourceID)
	if strings.Join(got, "\n") != strings.Join(lc.rows, "\n") {
		t.Errorf("%s rows:\n%s\nwant:\n%s", lc.file, strings.Join(got, "\n"), strings.Join(lc.rows, "\n"))
	}
	rej, err := st.Rejects(ctx, r.SourceID, 20)
	if err != nil {
		t.Fatal(err)
	}
	var gotRej []string
	for _, x := range rej {
		gotRej = append(gotRej, fmt.Sprintf("%d: %s", x.Line, x.Reason))
	}
	if strings.Join(gotRej, "\n") != strings.Join(lc.rejects, "\n") {
		t.Errorf("%s rejects:\n%s\nwant:\n%s", lc.file, strings.Join(gotRej, "\n"), strings.Join(lc.rejects, "\n"))
	}
	cov, err := st.CoverageOf(ctx, 0)
	if err != nil || cov.Records != int64(len(cells)) || cov.Placed != int64(lc.placed) {
		t.Errorf("%s: placed %d of %d, want %d of %d (%v)", lc.file, cov.Placed, cov.Records, lc.placed, len(cells), err)
	}
}

// OpenCellID's API / AIMSICD export: lat and lon first, "cellid" the long
// cell id (RNC and CI of a UMTS cell), an LTE cell's TAC in "tac" with
// "lac" empty, range -1 for none; a row with lat and lon swapped (88.37 N,
// 22.58 E is in the Arctic, not India) and a CDMA row (no LAC and CI)
// refused. Before: the LTE row was refused (empty LAC) and the swapped row
// imported at 88.37 N.
func TestCellLayoutOpenCellIDAPI(t *testing.T) {
	layoutCase{
		file:   "ocid_api.csv",
		cdr:    "404-10-7301-12345 404-10-7302-4660 404100ABCDE1 404-10-7303-777 404-10-7304-888 404-10-9999-1",
		format: "lac=lac, ci=cellid, lat=lat, lon=lon",
		rows: []string{
			"2|404-10-7301-12345||404-10-7301-12345|GSM|22.5726|88.3639|-|-|1000.0|12|",
			"3|404-10-7302-332340|404-10-7302-4660|404-10-7302-332340|UMTS|22.55|88.35|-|-|800.0|5|",
			"4|404-10-501-11259361|404-10-?-11259361|404-10-501-11259361|LTE|22.6|88.4|-|-|500.0|3|",
			"5|404-10-7303-777||404-10-7303-777|GSM|22.61|88.41|-|-|-|1|",
		},
		rejects: []string{
			"6: latitude and longitude swapped: 88.37, 22.58 is outside India (MCC 404), 22.58, 88.37 inside",
			"7: a CDMA base station (its SID, NID and BID written as MNC, LAC and CI) is no GSM, UMTS or LTE cell: not keyed",
		},
		placed: 4, // all but 7304-888 (its row refused) and 9999-1
	}.run(t)
}

// Network Signal Guru's cell file (NSG-4G-celldb): no MCC, MNC or TAC,
// the 28-bit ECI in "ECellID", Longitude before Latitude. Keyed with
// --plmn 262-02 as MCC-MNC-?-ECI, found by an ECGI and by a CGI with any
// TAC. Before: the file was refused (no column was taken for the cell).
func TestCellLayoutNSGCellFile(t *testing.T) {
	rows := []string{
		"2|262-02-?-10240257||10240257||50.9413|6.9583|70.0|-|-|-|",
		"3|262-02-?-10240258||10240258||50.9413|6.9583|190.0|-|-|-|",
		"4|262-02-?-10240259||10240259||50.9413|6.9583|310.0|-|-|-|",
		"6|262-02-?-10240769||10240769||50.93|6.97|-|-|-|-|",
	}
	layoutCase{
		file:   "nsg_celldb.csv",
		plmn:   "262-02",
		cdr:    "2620209C4101 2620209C4102 2620209C4201 262-02-1234-10240769",
		format: "ci=ECellID",
		rows:   rows,
		rejects: []string{
			"5: latitude and longitude swapped: 6.96, 50.95 is outside Germany (MCC 262), 50.95, 6.96 inside",
		},
		placed: 3, // 40002's cell: its row refused
	}.run(t)
	layoutCase{
		file:     "nsg_celldb.csv",
		cdr:      "2620209C4101",
		fileNote: `nothing imported: no row gave a cell and a position (5 rejected: cell "…" is a cell identity with no MCC and MNC (name the network with --plmn MCC-MNC) (5))`,
	}.run(t)
}

// Orange Liberia's 4G cell table: "eNodeB ID" and the cell's number under
// it in "Cell ID" (with "Cell ID1" and "SectorID" beside), TAC, MCC 618
// and MNC 7. The ECI is eNodeB×256 + cell; a "Cell ID" that is already
// that eNodeB's ECI (307459 = 1201×256 + 3) is taken as it is; 999 under
// eNodeB 1202 is neither and is refused. Before: the cells were keyed by
// "Cell ID" alone (618-07-101-1), so a record of the wrong cell
// 618-07-101-1 was placed on eNodeB 1201's first sector.
func TestCellLayoutOrangeLTE(t *testing.T) {
	layoutCase{
		file:   "orange_lr_4g.csv",
		cdr:    "618-07-101-307457 61807004B102 618-07-101-307459 618-07-101-1",
		format: "enodeb=eNodeB ID",
		rows: []string{
			"2|618-07-101-307457|618-07-?-307457|618-07-101-307457||6.2907|-10.7605|30.0|-|-|-|",
			"3|618-07-101-307458|618-07-?-307458|618-07-101-307458||6.2907|-10.7605|150.0|-|-|-|",
			"4|618-07-101-307459|618-07-?-307459|618-07-101-307459||6.2907|-10.7605|270.0|-|-|-|",
		},
		rejects: []string{
			"5: cell id 999 is neither a local cell id (0 to 255) nor an ECI of eNodeB 1202",
			`6: eNodeB "" and cell "1" are not numbers`,
		},
		placed: 3, // not 618-07-101-1: no such cell
	}.run(t)
}

// Orange Liberia's 3G cell table: "SectorID" before "CellID" (the cell is
// CellID, the sector its antenna), NodeB position in NodeBLON/NodeBLAT,
// beam width in "HBWD". Before: the cells were keyed by SectorID
// (618-07-1100-1) and placed nothing; HBWD was not read.
func TestCellLayoutOrangeUMTS(t *testing.T) {
	layoutCase{
		file:   "orange_lr_3g.csv",
		cdr:    "618-07-1100-31011 618-07-1100-31012 618-07-1100-31013 618-07-1100-1",
		format: "ci=CellID",
		rows: []string{
			"2|618-07-1100-31011||618-07-1100-31011||6.3156|-10.7972|40.0|65.0|-|-|",
			"3|618-07-1100-31012||618-07-1100-31012||6.3156|-10.7972|160.0|65.0|-|-|",
			"4|618-07-1100-31013||618-07-1100-31013||6.3156|-10.7972|280.0|-|-|-|",
		},
		placed: 3,
	}.run(t)
}

// Orange Liberia's 2G cell table: "CellID" (the cell's number at its
// site) before "CI", positions as written (decimal, degrees-minutes-
// seconds, degrees and decimal minutes, and one with the hemisphere
// letters of the other axis: swapped), "Antenna Horizontal Beamwidth"
// before "Antenna Vertical Beamwidth", "SiteName" before "Address".
// Before: keyed by CellID (618-07-110-1: nothing placed), the DMS rows
// refused as not numbers.
func TestCellLayoutOrangeGSM(t *testing.T) {
	layoutCase{
		file:   "orange_lr_2g.csv",
		cdr:    "618-07-110-10011 618-07-110-10012 618-07-110-10013 618-07-110-10014",
		format: "ci=CI",
		rows: []string{
			"2|618-07-110-10011||618-07-110-10011||6.321|-10.806|0.0|65.0|-|-|UN Drive, Monrovia",
			"3|618-07-110-10012||618-07-110-10012||6.321|-10.806|120.0|65.0|-|-|UN Drive, Monrovia",
			"4|618-07-110-10013||618-07-110-10013||6.321|-10.806|240.0|65.0|-|-|UN Drive, Monrovia",
		},
		rejects: []string{
			`5: "10.8060W" in the latitude column is on the other axis (W): latitude and longitude swapped?`,
		},
		placed: 3,
	}.run(t)
}

// Ofcom's Sitefinder: masts with operator, grid reference and position
// but no cell identity. Refused as a whole, saying so: nothing could be
// placed on it. Before: the generic "no cell-site table".
func TestCellLayoutSitefinderRefused(t *testing.T) {
	layoutCase{
		file:     "sitefinder.csv",
		cdr:      "234-10-1-1",
		fileNote: `its columns "Sitelat" and "Sitelng" name a position but none names a cell`,
	}.run(t)
}

// Ericsson-style cell data as a radius-optimisation tool loads it
// (tab-separated): Rogers' 32 columns with a "CELL" name before "ci",
// the azimuth in "cell_dir" and the beam width in "sector_angle", MCC 302
// with its three-digit MNC 720; India's 11 columns with the azimuth in
// "ANT_DIRECTION" (400 is no azimuth: none kept). Before: Rogers' file
// imported nothing (the cell names in "CELL" were taken for CIs), India's
// azimuths were not read.
func TestCellLayoutEricssonCellData(t *testing.T) {
	layoutCase{
		file:   "ericsson_rogers.tsv",
		cdr:    "302-720-2001-10011 302-720-2001-10012 302-720-2001-10013",
		format: "ci=ci, lat=latitude, lon=longitude, azimuth=cell_dir, beam=sector_angle",
		rows: []string{
			"2|302-720-2001-10011||302-720-2001-10011||43.6532|-79.3832|30.0|65.0|-|-|",
			"3|302-720-2001-10012||302-720-2001-10012||43.6532|-79.3832|150.0|65.0|-|-|",
		},
		rejects: []string{`4: LAC "2001" and CI "n/a" are not decimal numbers`},
		placed:  2,
	}.run(t)
	layoutCase{
		file:   "ericsson_india.tsv",
		cdr:    "404-31-7301-12345 404311C853039 404-31-7301-12346",
		format: "azimuth=ANT_DIRECTION, beam=ANT_BEAM_WIDTH",
		rows: []string{
			"2|404-31-7301-12345||404-31-7301-12345||22.5726|88.3639|120.0|65.0|-|-|",
			"3|404-31-7301-12346||404-31-7301-12346||22.5726|88.3639|-|65.0|-|-|",
		},
		placed: 3,
	}.run(t)
}

// A cellref file ("; #NetworkData - datafile"): commented header lines
// for sites and for GSM and WCDMA cells, then site rows (position) and
// cell rows (MCC, MNC, LAC, CI, azimuth, beam width) joined by site id.
// A cell of a site at 0,0, one of a site the file lacks, and a WCDMA cell
// (its table gives RNC and CI, no LAC) are refused, each saying why.
// Before: refused whole (no one table named both a cell and a position).
func TestCellLayoutCellref(t *testing.T) {
	layoutCase{
		file:   "cellref.txt",
		cdr:    "226-01-1001-10011 226-01-1001-10012 226-01-1001-10021 226-01-1001-10091",
		format: "cellref (sites and cells in tables of their own, joined by site id)",
		rows: []string{
			"13|226-01-1001-10011||226-01-1001-10011|GSM|45.6427|25.5887|40.0|65.0|-|-|Brasov Centru",
			"14|226-01-1001-10012||226-01-1001-10012|GSM|45.6427|25.5887|160.0|65.0|-|-|Brasov Centru",
		},
		rejects: []string{
			`15: site "BV002" of cell 226-01-1001-10021: 0,0 is the placeholder of no position`,
			`16: site "BV009" of cell 226-01-1001-10091 is in no site row above it`,
			"17: a WCDMA_Cell row gives no LAC (its header has no LAC column): its cell cannot be keyed",
		},
		placed: 2,
	}.run(t)
}

func siteOpts(plmn string) evidence.SiteOptions { return evidence.SiteOptions{PLMN: plmn} }
