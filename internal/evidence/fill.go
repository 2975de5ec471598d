package evidence

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/cdrtui/cdrtui/internal/ident"
)

// fillData turns the current cells into a data record. A non-empty return
// is the reason the row is rejected; lesser problems become field issues.
func (rd *Reader) fillData(row *Row) string {
	d := &row.Data
	*d = DataRecord{Line: row.Line, PrivatePort: Absent, PublicPort: Absent, DestPort: Absent,
		Uplink: Absent, Downlink: Absent, Total: Absent}
	msisdn, reason := rd.subscriber(false)
	if reason != "" {
		return reason
	}
	d.MSISDN, d.MSISDNAs = msisdn, rd.writtenAs

	start, off, reason := rd.startTime()
	if reason != "" {
		return reason
	}
	d.Start, d.WallOffset = start, off
	d.End, d.HasEnd = rd.endTime(row, start)
	d.IMSI = rd.identifier(row, FIMSI, ParseIMSI)
	d.IMEI, d.DeviceID = rd.deviceIdentity(row)
	d.PrivateIP = rd.addressWithIPv6(row, FPrivateIP)
	d.PublicIP = rd.addressWithIPv6(row, FPublicIP)
	d.DestIP = rd.addressWithIPv6(row, FDestIP)
	d.PrivatePort = rd.port(row, FPrivatePort)
	d.PublicPort = rd.port(row, FPublicPort)
	d.DestPort = rd.port(row, FDestPort)
	d.Uplink = rd.volume(row, FUplink)
	d.Downlink = rd.volume(row, FDownlink)
	d.Total = rd.volume(row, FTotal)
	if d.Total == Absent && d.Uplink != Absent && d.Downlink != Absent {
		d.Total = d.Uplink + d.Downlink
	}
	d.Cell = rd.cellID(row)
	d.Site = rd.cellPosition(row, d.Cell)
	d.RAT = rd.cell(FRAT)
	d.Domain = rd.cell(FDomain)
	return ""
}

// fillVoice turns the current cells into a voice record.
func (rd *Reader) fillVoice(row *Row) string {
	v := &row.Voice
	*v = VoiceRecord{Line: row.Line, Duration: Absent}
	service := rd.cell(FService)
	if service == "" {
		service = rd.l.ServiceAll
	}
	if s, ok := rd.l.ServiceCodes[strings.TrimSpace(service)]; ok {
		service = s
	}
	ct, known := NormalizeCall(rd.cell(FCallType), service, rd.cell(FDirection), rd.l.DirectionCodes)
	if rd.l.Target != "" && !strings.HasSuffix(ct, "_IN") && !strings.HasSuffix(ct, "_OUT") {
		// the direction is where the target stands: the originating number calls
		dir := "IN"
		if a, err := ParseMSISDN(rd.cell(FAParty)); err == nil && (a == rd.l.Target || rd.maySame(rd.l.Target, rd.cell(FAParty))) {
			dir = "OUT"
		}
		ct, known = NormalizeCall(rd.cell(FCallType), service, dir, nil)
	}
	if !known && !strings.HasSuffix(ct, "_IN") && !strings.HasSuffix(ct, "_OUT") {
		if dir := rd.partyDirection(); dir != "" {
			if t, _ := NormalizeCall(rd.cell(FCallType), service, dir, nil); strings.HasSuffix(t, "_"+dir) {
				row.note(FDirection, rd.cell(FDirection), "read from the parties: the subscriber is the "+
					map[string]string{"OUT": "calling", "IN": "called"}[dir]+" party (no key explains the code)")
				ct, known = t, true
			}
		}
	}
	v.CallType = ct
	for _, f := range [...]Field{FAParty, FBParty, FOther} {
		if m, why := PartyMarks(rd.cell(f)); m != "" {
			row.note(f, m, why)
		}
	}
	if !known {
		row.note(FCallType, ct, "kept as written: no direction or kind of call is known for this code")
	}
	if reason := rd.unknownParty(v.CallType); reason != "" {
		return reason
	}
	msisdn, reason := rd.subscriber(strings.HasSuffix(v.CallType, "_IN"))
	if reason != "" {
		return reason
	}
	v.MSISDN, v.MSISDNAs = msisdn, rd.writtenAs
	// the subscriber of an incoming record is the called party: its IMSI,
	// IMEI and cell are the called party's columns, where a file has both
	rd.called, rd.calling = strings.HasSuffix(v.CallType, "_IN"), strings.HasSuffix(v.CallType, "_OUT")
	defer func() { rd.called, rd.calling = false, false }()
	start, off, reason := rd.startTime()
	if reason != "" {
		return reason
	}
	v.Start, v.WallOffset = start, off
	v.Other = rd.otherParty(row, msisdn, v.MSISDNAs)
	if hostName(v.Other) {
		if !strings.HasPrefix(v.CallType, "SMS") {
			// Tigo Colombia's returns list data sessions among the calls,
			// the APN in NUMERO MARCADO: no call was made to it
			return fmt.Sprintf("other party %q is a host or access point name (a data session's APN), not a number: the row is no call", v.Other)
		}
		row.note(FOther, v.Other, "kept as written: a host name, not a number")
	}
	badDuration := false
	v.OtherAs = rd.writtenAs
	rd.voicemailForward(row, v)
	if s := rd.cell(FDuration); s != "" {
		if _, why := rd.joinedReason(FDuration); why != "" {
			row.issue(FDuration, s, errors.New(why)) // minutes and seconds not counted
			badDuration = true
		} else if n, err := rd.duration(s); err != nil {
			row.issue(FDuration, s, err) // once: the end is not derived from it again
			badDuration = true
		} else {
			v.Duration = n
		}
	}
	if v.Duration == Absent && !badDuration {
		// a call written with its end and no duration lasted end - start
		if end, ok := rd.endTime(row, start); ok {
			v.Duration = end - start
		}
	}
	v.Cell = rd.cellID(row)
	v.Site = rd.cellPosition(row, v.Cell)
	v.IMSI = rd.identifier(row, FIMSI, ParseIMSI)
	v.IMEI = rd.identifier(row, FIMEI, ParseIMEI)
	return ""
}

// subscriber reads the MSISDN the record belongs to: the target's column
// when the file has one, else the party the switch served, the A party of
// an outgoing record and the B party of an incoming one (the caller of an
// incoming call is the other party, not the subscriber).
func (rd *Reader) subscriber(incoming bool) (string, string) {
	if rd.l.Target != "" {
		rd.writtenAs = "" // never the form the last row's other party was written in
		return rd.l.Target, ""
	}
	f := FMSISDN
	if !rd.has(FMSISDN) {
		f = FAParty
		switch {
		case rd.l.AServed: // a tower dump's A party, whichever way the call went
		case incoming && rd.has(FBParty):
			f = FBParty
		case incoming && rd.has(FOther): // "Calling Number" beside "Called Number"
			f = FOther
		case incoming && rd.l.CallerParty:
			return "", fmt.Sprintf("an incoming record whose only number, %s %q, is the caller's: the subscriber, who was called, is in no column", rd.l.Header[rd.l.Columns[FAParty]], rd.cell(FAParty))
		}
	}
	raw := rd.cell(f)
	if rd.l.FritzBox && f == FMSISDN {
		raw = fritzOwnNumber(raw)
	}
	if raw == "" {
		return "", fmt.Sprintf("%s is empty", f)
	}
	if written, why := rd.addressWhy(f); why != "" {
		return "", fmt.Sprintf("%s %q not read: %s", f, written, why)
	}
	m, err := ParseMSISDN(raw)
	if err != nil {
		return "", identifierReason(f, raw, err)
	}
	rd.writtenAs = writtenAs(raw, m)
	return m, ""
}

// unknownParty refuses a record whose subscriber no column names: no
// subscriber or target column, a calling and a called number, and no
// direction (an AT&T tower dump: many subscribers, CT "Voice"). Its IMSI,
// IMEI and cell are the served party's, which may be either number;
// taking the calling one would give a caller the device and the place of
// whoever they called.
func (rd *Reader) unknownParty(callType string) string {
	if rd.l.Target != "" || rd.has(FMSISDN) || rd.l.AServed || !rd.has(FAParty) ||
		!(rd.has(FBParty) || rd.has(FOther)) ||
		strings.HasSuffix(callType, "_IN") || strings.HasSuffix(callType, "_OUT") {
		return ""
	}
	return fmt.Sprintf("no direction (call type %q) and no subscriber or target column: which of the calling and the called number is the subscriber, whose IMSI, IMEI and cell the record gives, is not known", callType)
}

// writtenAs is raw when it is not the digits it was read as, else "":
// the form a number was written in is kept beside its digits (a '+'
// decides how it is keyed).
func writtenAs(raw, digits string) string {
	raw = annotatedFirst(raw) // a dialled number marked after it is noted apart
	if raw == digits {
		return ""
	}
	if v := unwrapValue(raw); v != digits {
		return v
	}
	return ""
}

// errCallerEmpty is why an incoming record's called number, the
// subscriber's own, is not its other party.
var errCallerEmpty = errors.New("the subscriber's own number; the calling number, the other party of this incoming record, is empty")

// otherParty is the B number (or the other party's column), or the A
// number when the file lists both and the subscriber is the B party. A number mangled by a spreadsheet is never
// kept as a number.
//
// The subscriber is recognised in a party column however either is
// written (ident.MaySameNumber): a Verizon VoLTE return's MSISDN
// 7035550001 is its Called Prty Addr sip:+17035550001@…, never its own
// other party.
func (rd *Reader) otherParty(row *Row, msisdn, msisdnAs string) string {
	subscriber := msisdn
	if msisdnAs != "" {
		subscriber = msisdnAs
	}
	isSubscriber := func(n, written string) bool {
		return n == msisdn || rd.maySame(subscriber, written)
	}
	other, from := rd.cell(FOther), FOther
	if other == "" {
		other, from = rd.cell(FBParty), FBParty
	}
	rd.writtenAs = ""
	if other == "" && !rd.has(FOther) && !rd.has(FBParty) && !rd.l.AServed {
		// a calling number beside the subscriber's and no called number
		// (an MSC's mtCallRecord: servedMSISDN, callingNumber): the
		// caller is the other party unless it is the subscriber
		if a := rd.cell(FAParty); a != "" {
			if n, err := ParseMSISDN(a); err != nil || !isSubscriber(n, a) {
				other, from = a, FAParty
			}
		}
	}
	if other == "" {
		return ""
	}
	n, err := ParseMSISDN(other)
	if a := rd.cell(FAParty); err == nil && isSubscriber(n, other) && rd.has(FAParty) && !rd.l.AServed {
		// the subscriber is the called party: the other one is the caller
		if a == "" {
			// a withheld caller: no other party, never the subscriber's own number
			row.issue(FOther, other, errCallerEmpty)
			return ""
		}
		other, from = a, FAParty
		n, err = ParseMSISDN(other)
	}
	if raw, why := rd.addressWhy(from); why != "" {
		row.issue(FOther, raw, errors.New(why))
		return ""
	}
	if placeholder(other) {
		// "NA", "-", "null": no number written, never a correspondent
		row.issue(FOther, unwrapValue(other), errNoValueMark)
		return ""
	}
	if err == nil {
		rd.writtenAs = writtenAs(other, n)
		return n
	}
	if errors.Is(err, ErrPrecisionLost) {
		row.issue(FOther, other, err)
		return ""
	}
	other = unwrapValue(other)
	if SenderName(other) {
		row.note(FOther, other, "kept as written: an alphanumeric sender, not a number")
	} else if _, isURI := ident.URINumber(other); isURI {
		row.note(FOther, other, "kept as written: a SIP address, not a telephone number")
	}
	return other // short codes, alphanumeric senders ("VM-HDFCBK") are kept as written
}

func (rd *Reader) identifier(row *Row, f Field, parse func(string) (string, error)) string {
	if v, reason := rd.joinedReason(f); reason != "" {
		row.issue(f, v, errors.New(reason))
		return ""
	}
	s := rd.cell(f)
	if s == "" {
		return ""
	}
	v, err := parse(s)
	if err != nil {
		row.issue(f, s, err)
		return ""
	}
	return v
}

// deviceIdentity reads the IMEI and, from a device-id column (IMEI or MAC
// address), what is not an IMEI: kept as written, never as an IMEI. A
// value of a device-id column taken for the IMEI that fails the strict
// check (a MAC address on one row, a 15-digit number whose check digit is
// wrong) is flagged and kept as the device id.
func (rd *Reader) deviceIdentity(row *Row) (imei, deviceID string) {
	ds := rd.slot(FDeviceID)
	dc, hasDev := ds.c, ds.ok
	is := rd.slot(FIMEI)
	ic, hasIMEI := is.c, is.ok
	if !hasDev || (hasIMEI && ic != dc) {
		imei = rd.identifier(row, FIMEI, ParseIMEI)
		if hasDev {
			deviceID = unwrapValue(strings.TrimSpace(rd.cell(FDeviceID)))
		}
		return imei, deviceID
	}
	s := rd.cell(FDeviceID)
	if s == "" || placeholder(s) {
		return "", ""
	}
	if hasIMEI && StrictIMEI(s) {
		v, _ := ParseIMEI(s)
		return v, ""
	}
	if hasIMEI {
		row.issue(FIMEI, s, errors.New("not an IMEI (a device id of another kind, or a check digit that fails): kept as the device id"))
	}
	return "", unwrapValue(strings.TrimSpace(s))
}

func (rd *Reader) ip(row *Row, f Field) string {
	s := rd.cell(f)
	if s == "" {
		return ""
	}
	v, err := ParseIP(s)
	if err != nil {
		row.issue(f, s, err)
		return ""
	}
	return v
}

func (rd *Reader) port(row *Row, f Field) int {
	s := rd.cell(f)
	if s == "" {
		return Absent
	}
	v, err := ParsePort(s)
	if err != nil {
		row.issue(f, s, err)
		return Absent
	}
	return v
}

func (rd *Reader) volume(row *Row, f Field) int64 {
	s := rd.cell(f)
	if s == "" {
		return Absent
	}
	v, err := ParseVolumeIn(s, rd.slot(f).volume)
	if err != nil {
		row.issue(f, s, err)
		return Absent
	}
	return v
}

// cellID returns the cell as written, or composes MCC-MNC-LAC-CI when the
// file gives the parts in separate columns and the cell is a bare number
// (the network from --plmn when the file has no MCC and MNC columns; with
// neither, LAC-CI, which names no network and places nowhere). A value of
// a hexadecimal column (cell_base.go) is written 0x…, so that its base
// goes with it.
func (rd *Reader) cellID(row *Row) string {
	ci := rd.cell(FCell)
	if ci == "" {
		return rd.lteCell(row)
	}
	if rd.packedOfLTE(row, ci) {
		return ""
	}
	ciHex := rd.hexColumn(FCell)
	if ciHex && !isHexText(strings.TrimPrefix(strings.TrimPrefix(ci, "0x"), "0X")) {
		ci = hexCellText(ci) // a CGI in parts
	}
	lac := rd.cell(FLAC)
	lacNumber := allDigits(lac)
	if rd.hexColumn(FLAC) {
		if h, ok := hexNumber(unwrapValue(lac)); ok {
			lac, lacNumber = h, true
		}
	}
	if lac == "" {
		return rd.switchCell(row, ci)
	}
	if h, ok := hexNumber(ci); ok && ciHex {
		ci = h
	} else if !allDigits(ci) {
		return ci
	}
	parts := []string{lac, ci}
	if mcc, mnc := rd.cell(FMCC), rd.cell(FMNC); mcc != "" && mnc != "" {
		parts = append([]string{mcc, mnc}, parts...)
	} else if !rd.l.namesNetwork() && rd.l.PLMN.MCC != "" && lacNumber {
		// a file with no network columns: the serving network --plmn named
		parts = append([]string{rd.l.PLMN.MCC, rd.l.PLMN.MNC}, parts...)
	}
	return strings.Join(parts, "-")
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// duration reads a call's duration in seconds: a plain number in the unit
// the column's header names (milliseconds, minutes), anything else as
// ParseDuration reads it.
func (rd *Reader) duration(s string) (int64, error) {
	if rd.l.FritzBox {
		return hoursMinutes(s)
	}
	s, err := rd.l.durationText(s)
	if err != nil {
		return 0, err
	}
	scale := rd.l.DurationScale
	if scale == 0 {
		return ParseDuration(s)
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || f < 0 || math.IsInf(f, 0) || math.IsNaN(f) || f*scale > math.MaxInt32 {
		return ParseDuration(s)
	}
	return int64(math.Round(f * scale)), nil
}
