package evidence

import (
	"strings"
)

// T-Mobile's key to its call detail records ("Interpreting Call Detail
// Records", as released in a court's files): "Entries with outgoing calls
// to 8056377249 indicate incoming calls that are forwarded (out) to the
// voicemail system. Entries with outgoing calls to 8056377243 =
// 805-MESSAGE indicate voicemail retrieval." The first is no call the
// subscriber made: its type is kept as written and flagged, never
// VOICE_OUT, and its other party stays as written (the voicemail system;
// the caller is not in the entry). A call to 805-MESSAGE is the
// subscriber's own, to their mailbox: an outgoing call, as read.

// tmobileVoicemailIn is the number of T-Mobile's voicemail system that
// incoming calls are forwarded to.
const tmobileVoicemailIn = "8056377249"

// voicemailColumns are the party columns of a T-Mobile layout in which
// the voicemail system's number is looked for (Dialed, Called and
// Destination Number); nil for any other layout.
func voicemailColumns(l *Layout) []int {
	if _, why := l.Country(); !strings.Contains(why, "T-Mobile") {
		return nil
	}
	var cols []int
	for i, h := range l.Header {
		switch normalizeHeader(h) {
		case "dialednumber", "callednumber", "destinationnumber":
			cols = append(cols, i)
		}
	}
	return cols
}

// voicemailForward flags an outgoing record to T-Mobile's voicemail
// system, whose key says it is an incoming call forwarded there: the type
// becomes the record's own words, kept as written.
func (rd *Reader) voicemailForward(row *Row, v *VoiceRecord) {
	if v.CallType != VoiceOut || len(rd.l.VoicemailColumns) == 0 {
		return
	}
	for _, c := range rd.l.VoicemailColumns {
		if c >= len(rd.fields) || !isTMobileVoicemail(unwrapValue(string(rd.fields[c]))) {
			continue
		}
		var parts []string
		for _, w := range []string{rd.cell(FCallType), rd.cell(FDirection)} {
			if w = strings.TrimSpace(w); w != "" {
				parts = append(parts, strings.ToUpper(w))
			}
		}
		v.CallType = strings.Join(parts, "/")
		row.note(FCallType, v.CallType, "kept as written: an outgoing entry to "+tmobileVoicemailIn+
			" is, by T-Mobile's key, an incoming call forwarded to its voicemail system, not a call the subscriber made")
		return
	}
}

// isTMobileVoicemail says v is the voicemail system's number, written
// with or without the country code 1.
func isTMobileVoicemail(v string) bool {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] >= '0' && v[i] <= '9' {
			b.WriteByte(v[i])
		} else if !strings.ContainsRune("+-() .", rune(v[i])) {
			return false
		}
	}
	d := b.String()
	return d == tmobileVoicemailIn || d == "1"+tmobileVoicemailIn
}
