package evidence

import (
	"errors"
	"net/netip"
	"strings"
	"testing"
)

var fuzzOrders = [...]DateOrder{DMY, MDY, YMD, ""}

// validWall reports what is wrong with a parsed Wall, or "".
func validWall(w Wall) string {
	switch {
	case w.Year < minYear || w.Year > maxYear:
		return "year"
	case w.Month < 1 || w.Month > 12:
		return "month"
	case w.Day < 1 || w.Day > daysIn(w.Year, w.Month):
		return "day"
	case w.Hour < 0 || w.Hour > 23 || w.Minute < 0 || w.Minute > 59 || w.Second < 0 || w.Second > 59:
		return "clock"
	case w.Nano < 0 || w.Nano >= 1e9:
		return "nano"
	case !w.HasTime && (w.Hour != 0 || w.Minute != 0 || w.Second != 0 || w.Nano != 0 || w.HasSeconds):
		return "time without HasTime"
	case !w.HasSeconds && (w.Second != 0 || w.Nano != 0):
		return "seconds without HasSeconds"
	case !w.HasOffset && w.Offset != 0:
		return "offset without HasOffset"
	case w.Offset < -maxOffsetHours*3600 || w.Offset > maxOffsetHours*3600:
		return "offset"
	}
	return ""
}

func FuzzParseDateTime(f *testing.F) {
	for _, s := range []string{
		"2014-08-28 19:29:04", "2014-08-28T19:29:04.123Z", "2014-08-28 19:29:04+05:30", "2021-04-0212:23:10",
		"28/08/2014 19:29:04", "9/22/2011 22:54:00", "9/22/2011 10:54 PM", "28.08.2014 19:29", "28-08-2014",
		"2020/2/10 22:41", "28-Aug-2014 19:29:04", "28 Aug 2014", "Aug 28 2014 19:29:04", "28-Aug-14",
		"20140828192904", "20140828 192904", "1409254144", "1409254144123", "05/06/2020", "31/02/2020",
		"Thu Aug 28 19:29:04 UTC 2014", "'15/04/2026'", "12:00 AM", "19.29.04", "192904", "0:02:40",
	} {
		for i := range fuzzOrders {
			f.Add(s, uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, s string, oi uint8) {
		order := fuzzOrders[int(oi)%len(fuzzOrders)]
		w, err := ParseDateTime(s, order)
		orders := DateOrders(s)
		if err == nil {
			if bad := validWall(w); bad != "" {
				t.Fatalf("ParseDateTime(%q, %q) = %+v: invalid %s", s, order, w, bad)
			}
			if order != YMD && orders == 0 {
				t.Fatalf("ParseDateTime(%q, %q) succeeded but DateOrders is empty", s, order)
			}
			again, err := ParseDateTime(w.String(), YMD)
			w.Nano, w.HasOffset, w.Offset, w.HasTime, w.HasSeconds, w.Label = 0, false, 0, true, true, ""
			if err != nil || again != w {
				t.Fatalf("%q re-parsed from %q as %+v, %v; want %+v", s, w.String(), again, err, w)
			}
		}
		for _, o := range orders.Orders() {
			if _, err := ParseDateTime(s, o); err != nil {
				t.Fatalf("DateOrders(%q) lists %s but ParseDateTime fails: %v", s, o, err)
			}
		}
		if d, err := ParseDate(s, order); err == nil {
			if bad := validWall(d); bad != "" || d.HasTime {
				t.Fatalf("ParseDate(%q) = %+v: invalid %s", s, d, bad)
			}
		}
		if sec, nano, err := ParseTimeOfDay(s); err == nil && (sec < 0 || sec >= 86400 || nano < 0 || nano >= 1e9) {
			t.Fatalf("ParseTimeOfDay(%q) = %d, %d", s, sec, nano)
		}
	})
}

func FuzzParseMSISDN(f *testing.F) {
	for _, s := range []string{
		"9871808000", "+919871808000", "00919871808000", "+91 98718 08000", "98718-08000", "'9714499703'",
		`="9714499703"`, "9.18E+11", "9,18E+11", "919871808000.0", "VM-HDFCBK", "", "+", "8107924651\xa5\xa5b",
		"404100433218196", "8942702111507910702", "35-209900-176148-1", "356408037586752",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if m, err := ParseMSISDN(s); err == nil {
			if len(m) < 1 || len(m) > maxMSISDNDigits || !plainDigits(m) {
				t.Fatalf("ParseMSISDN(%q) = %q: not 1..15 digits", s, m)
			}
			if again, err := ParseMSISDN(m); err != nil || again != m {
				t.Fatalf("ParseMSISDN(%q) = %q, %v; not idempotent", m, again, err)
			}
		} else if errors.Is(err, ErrPrecisionLost) && !strings.ContainsAny(s, "eE") {
			t.Fatalf("ParseMSISDN(%q): precision lost without an exponent", s)
		}
		if v, err := ParseIMSI(s); err == nil && (len(v) < 14 || len(v) > 15 || !plainDigits(v)) {
			t.Fatalf("ParseIMSI(%q) = %q", s, v)
		}
		if v, err := ParseIMEI(s); err == nil && (len(v) < 14 || len(v) > 16 || !plainDigits(v)) {
			t.Fatalf("ParseIMEI(%q) = %q", s, v)
		}
		IMEILuhnOK(s)
		if c := CleanText(s); len(c) > len(s) || !strings.Contains(s, c) {
			t.Fatalf("CleanText(%q) = %q is not a part of its input", s, c)
		}
	})
}

func FuzzParseIP(f *testing.F) {
	for _, s := range []string{
		"10.1.4.36", "010.001.002.003", "2001:DB8::1", "[2001:db8::1]", "::ffff:10.1.2.3", "10.1.2.3:443",
		"[2001:db8::1]:443", "10.1.2.256", "fe80::1%eth0", "'3.165.223.248'", "1.2.3.4/24", "::",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ip, err := ParseIP(s)
		if err != nil {
			return
		}
		a, perr := netip.ParseAddr(ip)
		if perr != nil || a.String() != ip || a.Is4In6() || a.Zone() != "" {
			t.Fatalf("ParseIP(%q) = %q: not canonical (%v)", s, ip, perr)
		}
		if again, err := ParseIP(ip); err != nil || again != ip {
			t.Fatalf("ParseIP(%q) = %q, %v; want it unchanged", ip, again, err)
		}
	})
}

func FuzzParseQuantities(f *testing.F) {
	for _, s := range []string{"443", "443.0", "1,234,567", "1.5 KB", "3 GB", "554", "00:09:14", "9m14s", "-1", "1.2E+09"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if p, err := ParsePort(s); err == nil && (p < 0 || p > 65535) {
			t.Fatalf("ParsePort(%q) = %d", s, p)
		}
		if v, err := ParseVolume(s); err == nil && v < 0 {
			t.Fatalf("ParseVolume(%q) = %d", s, v)
		}
		if d, err := ParseDuration(s); err == nil && d < 0 {
			t.Fatalf("ParseDuration(%q) = %d", s, d)
		}
	})
}
