package report

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// ReadAnyBlock finds the machine-readable block of a report in any of its
// formats: the script element of the HTML, the attachment of the PDF, the
// "figures" sheet of the workbook.
func ReadAnyBlock(doc []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(doc, []byte("%PDF-")):
		return pdfBlock(doc)
	case bytes.HasPrefix(doc, []byte("PK\x03\x04")):
		return xlsxBlock(doc)
	}
	return ReadBlock(doc)
}

var embeddedFile = regexp.MustCompile(`/Type /EmbeddedFile /Length (\d+) /Filter /FlateDecode`)

// pdfBlock inflates the PDF's embedded cdrtui-report.json (the report
// embeds no other file).
func pdfBlock(doc []byte) ([]byte, error) {
	m := embeddedFile.FindSubmatchIndex(doc)
	if m == nil {
		return nil, errors.New("the PDF holds no cdrtui report block (was it made by cdrtui report?)")
	}
	n, err := strconv.Atoi(string(doc[m[2]:m[3]]))
	if err != nil {
		return nil, err
	}
	rest := doc[m[1]:]
	i := bytes.Index(rest, []byte("stream"))
	if i < 0 {
		return nil, errors.New("the PDF's report block has no stream")
	}
	rest = rest[i+len("stream"):]
	rest = bytes.TrimLeft(rest, "\r\n")
	if len(rest) < n {
		return nil, errors.New("the PDF's report block is cut short")
	}
	zr, err := zlib.NewReader(bytes.NewReader(rest[:n]))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return io.ReadAll(io.LimitReader(zr, 1<<30))
}

// xlsxBlock joins column A of the "figures" sheet from its second row.
func xlsxBlock(doc []byte) ([]byte, error) {
	x, err := excelize.OpenReader(bytes.NewReader(doc))
	if err != nil {
		return nil, err
	}
	defer x.Close()
	rows, err := x.GetRows("figures", excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, errors.New("the workbook has no figures sheet (was it made by cdrtui report?)")
	}
	var b strings.Builder
	for i, r := range rows {
		if i == 0 || len(r) == 0 {
			continue
		}
		b.WriteString(r[0])
	}
	return []byte(b.String()), nil
}
