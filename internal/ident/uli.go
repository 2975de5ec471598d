package ident

import (
	"encoding/hex"
	"strings"
)

// A packet-core charging record (3GPP TS 32.298 PGW-CDR, SGW-CDR) keeps
// where the subscriber was in userLocationInformation: the User Location
// Information of GTPv2 (3GPP TS 29.274 §8.21) as octets, which decoders
// write in hex ("1862F210126762F2100A1B2C01"). Its first octet flags which
// identities follow, in this order: CGI (bit 1), SAI (2), RAI (3), TAI
// (4), ECGI (5), LAI (6), macro eNodeB id (7), extended macro eNodeB id
// (8). Each begins with the network, MCC and MNC packed in three octets as
// TS 24.008 writes them (digits swapped in each octet, an F filling a
// two-digit MNC).

// uliParts are the octets each flagged identity takes, bit 1 first.
var uliParts = [8]int{7, 7, 7, 5, 7, 5, 6, 6}

// uliCell reads the cell of a User Location Information written in hex: an
// ECGI (with the TAI's TAC when one is given) or a CGI; ok is false when
// the value is no such ULI (its length must be exactly what its flags
// say) or names no cell (a SAI, RAI or LAI alone is an area, not a cell).
func uliCell(s string) (Cell, bool) {
	if len(s) < 2+2*5 || len(s)%2 != 0 || !isHex(s) {
		return Cell{}, false
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return Cell{}, false
	}
	flags, rest := b[0], b[1:]
	if flags == 0 {
		return Cell{}, false
	}
	var part [8][]byte
	for bit := range uliParts {
		if flags&(1<<bit) == 0 {
			continue
		}
		if len(rest) < uliParts[bit] {
			return Cell{}, false
		}
		part[bit], rest = rest[:uliParts[bit]], rest[uliParts[bit]:]
	}
	if len(rest) != 0 {
		return Cell{}, false
	}
	const cgi, tai, ecgi = 0, 3, 4
	switch {
	case part[ecgi] != nil:
		mcc, mnc, ok := plmnOctets(part[ecgi][:3])
		if !ok {
			return Cell{}, false
		}
		e := part[ecgi][3:]
		c := Cell{MCC: mcc, MNC: mnc, LAC: -1, CI: int64(e[0]&0x0F)<<24 | int64(e[1])<<16 | int64(e[2])<<8 | int64(e[3])}
		if part[tai] != nil {
			tmcc, tmnc, ok := plmnOctets(part[tai][:3])
			if !ok {
				return Cell{}, false
			}
			if tmcc == mcc && tmnc == mnc { // a TAI of another network: its TAC is not this cell's
				c.LAC = int64(part[tai][3])<<8 | int64(part[tai][4])
			}
		}
		return c, true
	case part[cgi] != nil:
		mcc, mnc, ok := plmnOctets(part[cgi][:3])
		if !ok {
			return Cell{}, false
		}
		g := part[cgi][3:]
		return Cell{MCC: mcc, MNC: mnc, LAC: int64(g[0])<<8 | int64(g[1]), CI: int64(g[2])<<8 | int64(g[3])}, true
	}
	return Cell{}, false
}

// plmnOctets reads an MCC and MNC packed as TS 24.008 §10.5.1.3 writes
// them: octet 1 MCC digit 2 | digit 1, octet 2 MNC digit 3 | MCC digit 3,
// octet 3 MNC digit 2 | digit 1; an MNC digit 3 of F means a two-digit MNC.
func plmnOctets(p []byte) (mcc, mnc string, ok bool) {
	digit := func(n byte) (byte, bool) { return '0' + n, n <= 9 }
	var d [6]byte
	nibbles := [6]byte{p[0] & 0x0F, p[0] >> 4, p[1] & 0x0F, p[2] & 0x0F, p[2] >> 4, p[1] >> 4}
	for i, n := range nibbles[:5] {
		if d[i], ok = digit(n); !ok {
			return "", "", false
		}
	}
	mcc, mnc = string(d[:3]), string(d[3:5])
	if nibbles[5] != 0x0F {
		third, ok := digit(nibbles[5])
		if !ok {
			return "", "", false
		}
		mnc = twoDigitMNC(mcc, mnc+string(third))
	}
	return mcc, mnc, true
}

// uliValue strips the "0x" a decoder may write before the octets.
func uliValue(s string) string {
	return strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
}
