package gen

import "strconv"

// The IPDR files' first lines.
const (
	headerA = "MSISDN,IMSI,IMEI,PRIVATEIP,PRIVATEPORT,PUBLICIP,PUBLICPORT,DESTIP,DESTPORT,START_DATE,START_TIME,END_DATE,END_TIME,CELL_ID,UPLINK_VOLUME,DOWNLINK_VOLUME,TOTAL_VOLUME,I_RATTYPE\n"
	headerB = "Start Time;End Time;Subscriber Number;IMSI;IMEI;Source IP;Source Port;NAT IP;NAT Port;Destination IP Address;Dest Port;Cell Global Identity;Bytes Uplink;Bytes Downlink;RAT Type\r\n"
	headerV = "MSISDN\tIMSI\tIMEI\tDURATION\tCELL_ID\tCALL_TYPE\tB_NUMBER\tCALL_DATE\tCALL_TIME\n"
)

// preambleB is operator B's BOM and two lines before its header.
func preambleB(seed int64) string {
	return "\ufeffOPERATOR B - IPDR EXPORT\r\nGenerated for case SYN-" + strconv.FormatInt(seed, 10) +
		"; wall clock local time\r\n" + headerB
}

// row is one data record with everything a file writes.
type row struct {
	msisdn, imsi, imei string
	private            ipv4
	privatePort        int
	public             ipv4
	publicPort         int
	dst                ipv4
	dstPort            int
	start, end         int64
	cell               string
	up, down           int64
	rat                int
}

// appendClock writes seconds of the day as H:MM:SS, with a leading zero
// on the hour when pad is set.
func appendClock(buf []byte, sec int64, pad bool) []byte {
	sec %= daySeconds
	h, m, s := sec/3600, sec/60%60, sec%60
	if pad && h < 10 {
		buf = append(buf, '0')
	}
	buf = strconv.AppendInt(buf, h, 10)
	buf = append(buf, ':', byte('0'+m/10), byte('0'+m%10), ':', byte('0'+s/10), byte('0'+s%10))
	return buf
}

// appendRowA writes the paper's Table I layout: comma, LF, DD/MM/YYYY and
// H:MM:SS.
func appendRowA(buf []byte, w *world, x *row) []byte {
	buf = append(buf, x.msisdn...)
	buf = append(buf, ',')
	buf = append(buf, x.imsi...)
	buf = append(buf, ',')
	buf = append(buf, x.imei...)
	buf = append(buf, ',')
	buf = appendIP(buf, x.private)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, int64(x.privatePort), 10)
	buf = append(buf, ',')
	buf = appendIP(buf, x.public)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, int64(x.publicPort), 10)
	buf = append(buf, ',')
	buf = appendIP(buf, x.dst)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, int64(x.dstPort), 10)
	buf = append(buf, ',')
	buf = append(buf, w.dateA[w.day(x.start)]...)
	buf = append(buf, ',')
	buf = appendClock(buf, x.start, false)
	buf = append(buf, ',')
	buf = append(buf, w.dateA[w.day(x.end)]...)
	buf = append(buf, ',')
	buf = appendClock(buf, x.end, false)
	buf = append(buf, ',')
	buf = append(buf, x.cell...)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, x.up, 10)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, x.down, 10)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, x.up+x.down, 10)
	buf = append(buf, ',')
	buf = append(buf, ratA[x.rat]...)
	return append(buf, '\n')
}

// appendRowB writes operator B's layout: ';', CRLF, "YYYY-MM-DD HH:MM:SS",
// no total column.
func appendRowB(buf []byte, w *world, x *row) []byte {
	buf = append(buf, w.dateB[w.day(x.start)]...)
	buf = append(buf, ' ')
	buf = appendClock(buf, x.start, true)
	buf = append(buf, ';')
	buf = append(buf, w.dateB[w.day(x.end)]...)
	buf = append(buf, ' ')
	buf = appendClock(buf, x.end, true)
	buf = append(buf, ';')
	buf = append(buf, x.msisdn...)
	buf = append(buf, ';')
	buf = append(buf, x.imsi...)
	buf = append(buf, ';')
	buf = append(buf, x.imei...)
	buf = append(buf, ';')
	buf = appendIP(buf, x.private)
	buf = append(buf, ';')
	buf = strconv.AppendInt(buf, int64(x.privatePort), 10)
	buf = append(buf, ';')
	buf = appendIP(buf, x.public)
	buf = append(buf, ';')
	buf = strconv.AppendInt(buf, int64(x.publicPort), 10)
	buf = append(buf, ';')
	buf = appendIP(buf, x.dst)
	buf = append(buf, ';')
	buf = strconv.AppendInt(buf, int64(x.dstPort), 10)
	buf = append(buf, ';')
	buf = append(buf, x.cell...)
	buf = append(buf, ';')
	buf = strconv.AppendInt(buf, x.up, 10)
	buf = append(buf, ';')
	buf = strconv.AppendInt(buf, x.down, 10)
	buf = append(buf, ';')
	buf = append(buf, ratB[x.rat]...)
	return append(buf, '\r', '\n')
}

// appendRowV writes one voice CDR row: tab, LF, M/D/YYYY and HH:MM:SS.
func appendRowV(buf []byte, w *world, x *call, msisdn, imsi, imei string) []byte {
	buf = append(buf, msisdn...)
	buf = append(buf, '\t')
	buf = append(buf, imsi...)
	buf = append(buf, '\t')
	buf = append(buf, imei...)
	buf = append(buf, '\t')
	buf = strconv.AppendInt(buf, x.dur, 10)
	buf = append(buf, '\t')
	buf = append(buf, w.cells.names[x.cell]...)
	buf = append(buf, '\t')
	buf = append(buf, callTypes[x.kind]...)
	buf = append(buf, '\t')
	if x.text != "" {
		buf = append(buf, x.text...)
	} else {
		buf = strconv.AppendUint(buf, x.other, 10)
	}
	buf = append(buf, '\t')
	buf = append(buf, w.dateV[w.day(x.t)]...)
	buf = append(buf, '\t')
	buf = appendClock(buf, x.t, true)
	return append(buf, '\n')
}
