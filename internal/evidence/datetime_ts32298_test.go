package evidence

import (
	"strings"
	"testing"
)

// TS 32.298 time stamps as a decoder writes their octets in hex, worked
// out by hand: 2405140912442B0200 is 2024-05-14 09:12:44 at +02:00, so
// 07:12:44 UTC (1715670764); 2503111053392D0400 is 2025-03-11 10:53:39
// at -04:00, 14:53:39 UTC (1741704819). Before, they were refused as "a
// 13-digit number" followed by text.
func TestTS32298TimeStamp(t *testing.T) {
	checkStampInstants(t, []stampInstant{
		{"2405140912442B0200", 1715670764, 7200},
		{"2503111053392d0400", 1741704819, -14400},
	})
	for _, bad := range []string{"2413140912442B0200", "2405140960442B0200", "2405140912442B1500"} {
		if w, err := ParseDateTime(bad, ""); err == nil {
			t.Errorf("%s read as %s", bad, w)
		}
	}
}

// The same stamps as a decoder writes them when it turns the sign's octet
// into its character: twelve digits and an offset. 240514091244+0200 is
// the instant above (it was refused as "year 2405"); 250311105339-0400 too.
// 201105121530+0100 reads as 2020-11-05 12:15:30 (TS 32.298) and as
// 2011-05-12 15:30 (YYYYMMDDhhmm): it was read the second way without a
// word, and is refused now naming both. 202405140912+0200 is no TS 32.298
// stamp (month 24) and stays 2024-05-14 09:12 at +02:00, 07:12:00 UTC.
func TestTS32298TimeStampAsText(t *testing.T) {
	checkStampInstants(t, []stampInstant{
		{"240514091244+0200", 1715670764, 7200},
		{"250311105339-0400", 1741704819, -14400},
		{"202405140912+0200", 1715670720, 7200},
	})
	w, err := ParseDateTime("201105121530+0100", "")
	if err == nil {
		t.Fatalf("201105121530+0100 read as %s; want refused as reading two ways", w)
	}
	for _, want := range []string{"reads two ways", "2020-11-05 12:15:30", "2011-05-12 15:30"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal %q does not say %q", err, want)
		}
	}
}

// stampInstant is a time stamp and the instant and offset it names,
// worked out by hand.
type stampInstant struct {
	in   string
	unix int64
	off  int32
}

func checkStampInstants(t *testing.T, cases []stampInstant) {
	t.Helper()
	for _, c := range cases {
		w, err := ParseDateTime(c.in, "")
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if u, off := w.In(nil); u != c.unix || off != c.off {
			t.Errorf("%s: %d %+d, want %d %+d", c.in, u, off, c.unix, c.off)
		}
	}
}
