package store

// Integer keys of the destination addresses: the destination index
// ipdr_by_dest is on (dest_hi, dest_lo, dest_port, start), not on the
// address text, so that a network is one range of integers (a /20 one
// seek, not sixteen text ranges) and the index's keys are narrow (an IPv4
// address is 4 to 6 bytes instead of its 7 to 15 characters).

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"net/netip"
)

// ipKey is the integer key of a destination address as ipdr keeps it:
// an IPv4 address is its 32-bit value in hi and no lo (NULL); an IPv6
// address is its two 64-bit halves, each read as a signed integer (the
// order of SQLite's integers), in hi and lo. ok is false for a text that
// is not an address, or an address with a zone: no hunt can match it
// (analysis.HuntQuery.MatchDestination), and its key is NULL.
//
// The key is read from the text exactly as MatchDestination reads it
// (netip.ParseAddr, then Unmap), so that every address a network holds
// has a key in that network's key range (ipKeyRanges).
type ipKey struct {
	hi, lo int64
	v6, ok bool
}

func ipKeyOf(text string) ipKey {
	if text == "" {
		return ipKey{}
	}
	a, err := netip.ParseAddr(text)
	if err != nil || a.Zone() != "" {
		return ipKey{}
	}
	return ipKeyOfAddr(a.Unmap())
}

func ipKeyOfAddr(a netip.Addr) ipKey {
	if a.Is4() {
		b := a.As4()
		return ipKey{hi: int64(binary.BigEndian.Uint32(b[:])), ok: true}
	}
	b := a.As16()
	return ipKey{hi: int64(binary.BigEndian.Uint64(b[:8])), lo: int64(binary.BigEndian.Uint64(b[8:])), v6: true, ok: true}
}

// hiValue and loValue are the key's columns as the insert writes them.
func (k ipKey) hiValue() any {
	if !k.ok {
		return nil
	}
	return k.hi
}

func (k ipKey) loValue() any {
	if !k.v6 {
		return nil
	}
	return k.lo
}

// ipKeyRange is the keys of every address of a network: hi in [hiLo,
// hiHi]; and, when lo is set (an IPv6 network longer than /64), lo in
// [loLo, loHi] with hi = hiLo = hiHi. It may hold keys of other
// addresses (an IPv6 address whose first 64 bits are below 2^32 has a key
// beside IPv4's); the hunt checks every row exactly.
type ipKeyRange struct {
	hiLo, hiHi int64
	v4         bool // an IPv4 network: lo is NULL
	lo         bool
	loLo, loHi int64
}

// exact reports whether the range is one address: the index is then
// read by equality on the whole key, and on the port and start after it.
func (r ipKeyRange) exact() bool {
	return r.hiLo == r.hiHi && (r.v4 || r.lo && r.loLo == r.loHi)
}

// ipKeyRangeOf returns the range of keys of p's addresses; ok is false
// for /0 (every address: no range narrows it).
func ipKeyRangeOf(p netip.Prefix) (ipKeyRange, bool) {
	p = p.Masked()
	bits := p.Bits()
	if bits <= 0 {
		return ipKeyRange{}, false
	}
	if p.Addr().Is4() {
		lo := uint64(binary.BigEndian.Uint32(p.Addr().AsSlice()))
		return ipKeyRange{hiLo: int64(lo), hiHi: int64(lo | (1<<(32-bits) - 1)), v4: true}, true
	}
	b := p.Addr().As16()
	hi, lo := binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])
	if bits <= 64 {
		// the first bit is fixed (bits >= 1), so the unsigned range is
		// one range of signed integers too
		return ipKeyRange{hiLo: int64(hi), hiHi: int64(hi | (1<<(64-bits) - 1))}, true
	}
	if bits == 128 {
		return ipKeyRange{hiLo: int64(hi), hiHi: int64(hi), lo: true, loLo: int64(lo), loHi: int64(lo)}, true
	}
	return ipKeyRange{hiLo: int64(hi), hiHi: int64(hi), lo: true, loLo: int64(lo), loHi: int64(lo | (1<<(128-bits) - 1))}, true
}

// where is the range as a condition on ipdr_by_dest's first columns.
func (r ipKeyRange) where() (string, []any) {
	switch {
	case r.v4 && r.hiLo == r.hiHi:
		return "dest_hi = ? AND dest_lo IS NULL", []any{r.hiLo}
	case r.v4:
		return "dest_hi BETWEEN ? AND ? AND dest_lo IS NULL", []any{r.hiLo, r.hiHi}
	case r.hiLo != r.hiHi:
		return "dest_hi BETWEEN ? AND ?", []any{r.hiLo, r.hiHi}
	case !r.lo:
		return "dest_hi = ?", []any{r.hiLo} // an IPv6 /64
	case r.loLo == r.loHi:
		return "dest_hi = ? AND dest_lo = ?", []any{r.hiLo, r.loLo}
	default:
		return "dest_hi = ? AND dest_lo BETWEEN ? AND ?", []any{r.hiLo, r.loLo, r.loHi}
	}
}

// destIndexSQL is the destination index on the integer keys.
const destIndexSQL = "CREATE INDEX ipdr_by_dest ON ipdr(dest_hi, dest_lo, dest_port, start)"

// backfillIPKeys keys the destinations of a case made before the keys
// existed (migration ip_keys): the distinct addresses are read through the
// old text index, keyed in Go, and written into every record by one
// UPDATE with the index dropped; the index is then built on the keys.
func backfillIPKeys(ctx context.Context, conn *sql.Conn) error {
	ips, err := column(ctx, conn, "SELECT DISTINCT dest_ip FROM ipdr WHERE dest_ip IS NOT NULL")
	if err != nil {
		return err
	}
	for _, q := range []string{
		"DROP INDEX IF EXISTS ipdr_by_dest",
		// an import stopped with its indexes down left the old index's
		// statement to build again: the key index below replaces it
		"DELETE FROM case_info WHERE key = '" + pendingIndexKey + "ipdr_by_dest'",
		"CREATE TEMP TABLE ip_keys_backfill(ip TEXT PRIMARY KEY, hi INTEGER, lo INTEGER) WITHOUT ROWID",
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	for _, ip := range ips {
		k := ipKeyOf(ip)
		if !k.ok {
			continue
		}
		if _, err := conn.ExecContext(ctx, "INSERT INTO temp.ip_keys_backfill(ip, hi, lo) VALUES (?, ?, ?)", ip, k.hiValue(), k.loValue()); err != nil {
			return err
		}
	}
	for _, q := range []string{
		"UPDATE ipdr SET dest_hi = k.hi, dest_lo = k.lo FROM temp.ip_keys_backfill k WHERE k.ip = ipdr.dest_ip",
		"DROP TABLE temp.ip_keys_backfill",
		destIndexSQL,
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("destination keys: %w", err)
		}
	}
	return nil
}
