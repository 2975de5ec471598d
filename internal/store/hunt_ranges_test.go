package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// inKeyRange is whether an address's key, as the import writes it, falls
// in the range the destination index is read over.
func inKeyRange(text string, r ipKeyRange) bool {
	k := ipKeyOf(text)
	if !k.ok || k.hi < r.hiLo || k.hi > r.hiHi {
		return false
	}
	if r.v4 && k.v6 {
		return false // the probe asks dest_lo IS NULL
	}
	return !r.lo || k.v6 && k.lo >= r.loLo && k.lo <= r.loHi
}

func TestIPKeyRangesCases(t *testing.T) {
	tests := []struct {
		prefix string
		where  string
		args   string
		ok     bool
	}{
		// 104.198.99.79 = 0x68c6634f = 1757832015
		{"104.198.99.79/32", "dest_hi = ? AND dest_lo IS NULL", "[1757832015]", true},
		{"104.198.99.0/24", "dest_hi BETWEEN ? AND ? AND dest_lo IS NULL", "[1757831936 1757832191]", true},
		{"104.198.96.0/20", "dest_hi BETWEEN ? AND ? AND dest_lo IS NULL", "[1757831168 1757835263]", true},
		{"255.255.255.255/32", "dest_hi = ? AND dest_lo IS NULL", "[4294967295]", true},
		{"128.0.0.0/1", "dest_hi BETWEEN ? AND ? AND dest_lo IS NULL", "[2147483648 4294967295]", true},
		{"0.0.0.0/0", "", "", false},
		{"::/0", "", "", false},
		// 2001:0db8:: = 0x20010db800000000 = 2306139568115548160
		{"2001:db8::/32", "dest_hi BETWEEN ? AND ?", "[2306139568115548160 2306139572410515455]", true},
		{"2001:db8::/64", "dest_hi = ?", "[2306139568115548160]", true},
		{"2001:db8::/96", "dest_hi = ? AND dest_lo BETWEEN ? AND ?", "[2306139568115548160 0 4294967295]", true},
		{"2001:db8::1/128", "dest_hi = ? AND dest_lo = ?", "[2306139568115548160 1]", true},
		// the upper half of IPv6 is below zero as a signed integer
		{"ff00::/8", "dest_hi BETWEEN ? AND ?", "[-72057594037927936 -1]", true},
		{"::/16", "dest_hi BETWEEN ? AND ?", "[0 281474976710655]", true},
		{"::1/128", "dest_hi = ? AND dest_lo = ?", "[0 1]", true},
	}
	for _, tt := range tests {
		r, ok := ipKeyRangeOf(netip.MustParsePrefix(tt.prefix))
		if ok != tt.ok {
			t.Errorf("ipKeyRangeOf(%s): ok %v, want %v", tt.prefix, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		where, args := r.where()
		if where != tt.where || fmt.Sprint(args) != tt.args {
			t.Errorf("ipKeyRangeOf(%s): %s %v; want %s %s", tt.prefix, where, args, tt.where, tt.args)
		}
	}
	for text, want := range map[string]ipKey{
		"104.198.99.79":         {hi: 1757832015, ok: true},
		"::ffff:104.198.99.79":  {hi: 1757832015, ok: true}, // as the hunt reads it: IPv4
		"2001:db8::1":           {hi: 2306139568115548160, lo: 1, v6: true, ok: true},
		"ffff:ffff:ffff:ffff::": {hi: -1, lo: 0, v6: true, ok: true},
		"fe80::1%eth0":          {}, // a zone: no hunt matches it
		"104.198.099.79":        {}, // not an address netip reads
		"":                      {},
		"not an address at all": {},
	} {
		if got := ipKeyOf(text); got != want {
			t.Errorf("ipKeyOf(%q) = %+v, want %+v", text, got, want)
		}
	}
}

// Every address a network holds has its key in the network's range; for
// IPv4 no other IPv4 address has. Checked on random networks of every
// length against addresses near and inside them, IPv6 ones with many zero
// bytes (so that some share the key space of IPv4).
func TestIPKeyRangesProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for range 3000 {
		var a [4]byte
		for i := range a {
			a[i] = byte(rng.IntN(256))
		}
		bits := rng.IntN(33)
		p := netip.PrefixFrom(netip.AddrFrom4(a), bits).Masked()
		r, ok := ipKeyRangeOf(p)
		if !ok {
			if bits != 0 {
				t.Fatalf("%v: no range", p)
			}
			continue
		}
		for range 40 {
			b := a
			// flip a few low bits, sometimes outside the network
			for k := range 4 {
				if rng.IntN(3) == 0 {
					b[k] ^= byte(rng.IntN(256)) >> rng.IntN(8)
				}
			}
			addr := netip.AddrFrom4(b)
			if in, got := p.Contains(addr), inKeyRange(addr.String(), r); in != got {
				t.Fatalf("%v: %v contained %v, in range %v", p, addr, in, got)
			}
		}
	}
	for range 3000 {
		var a [16]byte
		for i := range a {
			if rng.IntN(3) > 0 {
				a[i] = byte(rng.IntN(256))
			}
		}
		bits := rng.IntN(129)
		p := netip.PrefixFrom(netip.AddrFrom16(a), bits).Masked()
		r, ok := ipKeyRangeOf(p)
		if !ok {
			if bits != 0 {
				t.Fatalf("%v: no range", p)
			}
			continue
		}
		for range 20 {
			b := p.Addr().As16()
			for i := bits / 8; i < 16; i++ {
				if rng.IntN(2) == 0 {
					b[i] = byte(rng.IntN(256))
				}
			}
			addr := netip.AddrFrom16(b)
			if p.Contains(addr) && !addr.Is4In6() && !inKeyRange(addr.String(), r) {
				t.Fatalf("%v: %v (%s) outside its range %+v", p, addr, addr.String(), r)
			}
		}
	}
}

// Random hunts on a random case give exactly what a brute-force pass over
// every record with the query's own rules gives, by the indexes and by a
// full scan.
func TestHuntScanAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	ips := []string{"1.2.3.4", "1.2.3.40", "1.2.30.4", "11.2.3.4", "1.22.3.4", "104.198.99.79", "104.198.99.80",
		"104.198.100.1", "104.199.0.1", "10.0.0.1", "2001:db8::1", "2001:db8:0:1::5", "2001:db9::1", "fe80::1", "::1",
		"255.255.255.255", "0.0.0.0", "::68c6:634f", "::ffff:104.198.99.79", "ff02::1:2", "2001:db8::ffff:1"}
	cells := []string{"234-15-101-7", "234-15-101-70", "234-15-102-1", "404-45-1-1", "17"}
	dir := t.TempDir()
	var paths []string
	for f := range 3 {
		var b strings.Builder
		b.WriteString(huntFixtureHeader)
		for range 400 {
			wall := time.Date(2017, 5, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rng.IntN(3*86400)) * time.Second)
			ip, port, cell := ips[rng.IntN(len(ips))], []string{"80", "443", "8080", ""}[rng.IntN(4)], cells[rng.IntN(len(cells))]
			if rng.IntN(10) == 0 {
				cell = ""
			}
			fmt.Fprintf(&b, "%s,4477009%05d,,,%s,%s,%s,1,1\n", wall.Format("2006-01-02 15:04:05"), rng.IntN(40), ip, port, cell)
		}
		p := filepath.Join(dir, fmt.Sprintf("f%d.csv", f))
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	st, err := Create(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if _, err := st.Import(ctx, paths[:1], ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import(ctx, paths[1:2], ImportOptions{Zone: time.FixedZone("+05:30", 5*3600+1800)}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import(ctx, paths[2:], ImportOptions{Zone: time.FixedZone("-08:00", -8*3600)}); err != nil {
		t.Fatal(err)
	}
	type rec struct {
		id         int64
		ip, cell   string
		port       int
		start, off int64
	}
	var all []rec
	rows, err := st.DB().Query("SELECT r.id, coalesce(r.dest_ip, ''), coalesce(c.cell, ''), coalesce(r.dest_port, -1), r.start, r.wall_offset FROM ipdr r LEFT JOIN cells c ON c.id = r.cell_id")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var r rec
		if err := rows.Scan(&r.id, &r.ip, &r.cell, &r.port, &r.start, &r.off); err != nil {
			t.Fatal(err)
		}
		all = append(all, r)
	}
	rows.Close()
	if len(all) != 1200 {
		t.Fatalf("%d records imported", len(all))
	}
	dests := []string{"1.2.3.4", "1.2.3.0/24", "1.2.0.0/16", "1.0.0.0/8", "1.2.0.0/12", "104.198.99.64/26", "104.198.96.0/19",
		"104.0.0.0/7", "0.0.0.0/0", "2001:db8::/32", "2001:db8::/48", "::/0", "::1", "fe80::/10", "10.0.0.1:8080", "[2001:db8::1]:443",
		"::/96", "::/64", "::/1", "8000::/1", "2001:db8::/64", "2001:db8::/100", "255.255.255.255", "128.0.0.0/1", "ff00::/8"}
	portsPool := []string{"", "", "443", "80, 8080", "0-500"}
	cellsPool := []string{"", "", "234-15-101-7", "234-15-101-*", "17, 404-*", "nowhere"}
	windows := [][2]string{{"", ""}, {"2017-05-01 12:00", "2017-05-02 03:00"}, {"2017-05-02", ""}, {"", "2017-05-01 06:30:15"}}
	checked, found := 0, 0
	for i := range 300 {
		var f analysis.HuntForm
		for range 1 + rng.IntN(2) {
			if rng.IntN(4) > 0 {
				f.Dests += dests[rng.IntN(len(dests))] + " "
			}
		}
		f.Ports, f.Cells = portsPool[rng.IntN(len(portsPool))], cellsPool[rng.IntN(len(cellsPool))]
		w := windows[rng.IntN(len(windows))]
		f.From, f.To = w[0], w[1]
		q, err := f.Parse()
		if err != nil {
			continue // nothing to hunt for
		}
		checked++
		var want []int64
		for _, r := range all {
			if q.Match(r.ip, r.port, r.cell, analysis.Moment{Unix: r.start, Offset: int32(r.off)}) {
				want = append(want, r.id)
			}
		}
		if len(want) > 0 {
			found++
		}
		for _, full := range []bool{false, true} {
			var got []int64
			if _, err := st.HuntScan(ctx, q, HuntScanOptions{FullScan: full}, func(r HuntRow) error { got = append(got, r.ID); return nil }); err != nil {
				t.Fatal(err)
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("hunt %d %+v (full scan %v): %d rows, brute force %d", i, f, full, len(got), len(want))
			}
		}
	}
	if checked < 200 || found < 100 {
		t.Errorf("only %d hunts checked, %d finding anything: the test is too weak", checked, found)
	}
	t.Logf("%d hunts checked, %d found records", checked, found)
}
