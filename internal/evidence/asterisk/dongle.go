package asterisk

import (
	"fmt"
	"strings"
)

// Dongle is one chan_dongle device section of dongle.conf.
type Dongle struct {
	Name     string // section name, used in channel names (Dongle/<name>-...)
	IMEI     string // modem identity; "" when empty or absent
	IMSI     string // SIM identity as written (may be an ICCID, see Notes)
	Exten    string // extension for incoming calls (often the SIM's number)
	Context  string // dial-plan context for incoming calls
	AudioDev string // audio= tty
	DataDev  string // data= tty
	Group    string // group=
	Line     int    // line of the section header
	Notes    []string
}

// sampleIdentity is the imei=/imsi= placeholder of chan_dongle's sample
// dongle.conf, and sampleExten its exten= placeholder.
const (
	sampleIdentity = "123456789012345"
	sampleExten    = "+1234567890"
)

// Dongles extracts the chan_dongle devices: every section except [general],
// [defaults] and templates, in file order. Values a device lacks come from
// its templates and then from [defaults], as chan_dongle does. For imei=
// and imsi= the first value written in the device's own section is kept
// and a later one is noted (chan_dongle itself would use the later one);
// an empty value is "" with no note. An imsi= of 18 to 20 digits is an
// ICCID (the SIM's serial), kept as written and noted; an imei that fails
// its Luhn check digit or equals the sample placeholder is noted, and so is
// the sample exten=+1234567890.
func Dongles(c *Conf) []Dongle {
	var out []Dongle
	done := map[string]bool{}
	for _, s := range c.Sections {
		lname := strings.ToLower(s.Name)
		if s.Name == "" || s.IsTemplate || lname == "general" || lname == "defaults" || done[lname] {
			continue
		}
		done[lname] = true
		d := Dongle{Name: s.Name, Line: s.Line}
		get := func(key string) string {
			if v, ok := c.Get(s.Name, key); ok {
				return v
			}
			v, _ := c.Get("defaults", key)
			return v
		}
		d.Exten, d.Context, d.Group = get("exten"), get("context"), get("group")
		d.AudioDev, d.DataDev = get("audio"), get("data")
		d.IMEI = firstIdentity(c, s.Name, "imei", &d.Notes)
		d.IMSI = firstIdentity(c, s.Name, "imsi", &d.Notes)
		d.Notes = append(d.Notes, identityNotes(d)...)
		out = append(out, d)
	}
	return out
}

// firstIdentity returns the first imei=/imsi= value of the section's own
// entries (falling back to templates and [defaults]) and notes repeats.
func firstIdentity(c *Conf, section, key string, notes *[]string) string {
	var first *Entry
	for _, s := range c.named(section) {
		for j := range s.Entries {
			e := &s.Entries[j]
			if !strings.EqualFold(e.Key, key) {
				continue
			}
			if first == nil {
				first = e
				continue
			}
			*notes = append(*notes, fmt.Sprintf(
				"%s= appears again at line %d (%q); the first, %q at line %d, is kept (chan_dongle itself would use the later one)",
				key, e.Line, e.Value, first.Value, first.Line))
		}
	}
	if first != nil {
		return first.Value
	}
	if v, ok := c.Get(section, key); ok {
		return v
	}
	v, _ := c.Get("defaults", key)
	return v
}

// identityNotes checks the shapes of a device's IMEI and IMSI.
func identityNotes(d Dongle) []string {
	var notes []string
	if d.IMEI != "" {
		switch {
		case !isDigits(d.IMEI) || len(d.IMEI) != 15:
			notes = append(notes, fmt.Sprintf("imei=%s is not 15 digits, so it is not a full IMEI", d.IMEI))
		case !luhnValid(d.IMEI):
			n := fmt.Sprintf("imei=%s fails the IMEI (Luhn) check digit: a placeholder or a typing error", d.IMEI)
			if d.IMEI == sampleIdentity {
				n += "; it is the placeholder of chan_dongle's sample dongle.conf"
			}
			notes = append(notes, n)
		}
	}
	if d.IMSI != "" {
		switch {
		case isDigits(d.IMSI) && len(d.IMSI) >= 18 && len(d.IMSI) <= 20:
			check := "its Luhn check digit is valid"
			if !luhnValid(d.IMSI) {
				check = "its Luhn check digit is NOT valid"
			}
			notes = append(notes, fmt.Sprintf(
				"imsi=%s has %d digits: it is an ICCID (the SIM card's serial number) put in the imsi key, not an IMSI; %s",
				d.IMSI, len(d.IMSI), check))
		case !isDigits(d.IMSI) || len(d.IMSI) < 14 || len(d.IMSI) > 15:
			notes = append(notes, fmt.Sprintf("imsi=%s is not 14-15 digits, so it is not a full IMSI", d.IMSI))
		case d.IMSI == sampleIdentity:
			notes = append(notes, fmt.Sprintf("imsi=%s is the placeholder of chan_dongle's sample dongle.conf", d.IMSI))
		}
	}
	if d.Exten == sampleExten {
		notes = append(notes, "exten="+sampleExten+" is the placeholder of chan_dongle's sample dongle.conf, not the SIM's number")
	}
	if d.IMEI == "" && d.IMSI == "" && d.AudioDev == "" && d.DataDev == "" {
		notes = append(notes, "names no device: audio=, data=, imei= and imsi= are all empty")
	}
	return notes
}

// luhnValid reports whether a digit string passes the Luhn check used by
// IMEIs and ICCIDs.
func luhnValid(s string) bool {
	sum := 0
	for i := 0; i < len(s); i++ {
		d := int(s[len(s)-1-i] - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}
