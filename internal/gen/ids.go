package gen

import "strconv"

// identities hands out distinct MSISDNs and IMSIs and Luhn-valid IMEIs.
type identities struct {
	r      *rng
	msisdn map[uint64]bool
	imsi   map[uint64]bool
	imei   map[string]bool
}

func newIdentities(r *rng) *identities {
	return &identities{r: r, msisdn: map[uint64]bool{}, imsi: map[uint64]bool{}, imei: map[string]bool{}}
}

// MSISDN returns a new 12-digit Indian mobile number: "91", a leading 6..9
// and 9 more digits.
func (id *identities) MSISDN() string {
	for {
		n := randomMSISDN(id.r)
		if !id.msisdn[n] {
			id.msisdn[n] = true
			return strconv.FormatUint(n, 10)
		}
	}
}

// randomMSISDN draws a number without remembering it (called parties).
func randomMSISDN(r *rng) uint64 {
	return 91_000_000_0000 + uint64(6+r.intn(4))*1_000_000_000 + uint64(r.intn(1_000_000_000))
}

// IMSI returns a new 15-digit IMSI of MCC 404, MNC 10.
func (id *identities) IMSI() string {
	for {
		n := uint64(r10(id.r))
		if !id.imsi[n] {
			id.imsi[n] = true
			s := strconv.FormatUint(n, 10)
			return "40410" + zeros[:10-len(s)] + s
		}
	}
}

// tacs are type allocation codes of common handsets; gatewayTAC is a
// GSM-gateway module's.
var tacs = []string{"35209900", "35332510", "86798604", "35391110", "86453103", "35467811", "86893104", "35875009"}

const gatewayTAC = "86306303"

// IMEI returns a new 15-digit IMEI with a handset TAC and a correct Luhn
// check digit.
func (id *identities) IMEI() string { return id.imeiWithTAC(tacs[id.r.intn(len(tacs))]) }

func (id *identities) imeiWithTAC(tac string) string {
	for {
		s := strconv.Itoa(id.r.intn(1_000_000))
		body := tac + zeros[:6-len(s)] + s
		if id.imei[body] {
			continue
		}
		id.imei[body] = true
		return body + strconv.Itoa(luhnDigit(body))
	}
}

func r10(r *rng) int { return r.intn(10_000_000_000) }

const zeros = "0000000000"

// luhnDigit returns the check digit that makes body+digit Luhn-valid.
func luhnDigit(body string) int {
	sum := 0
	double := true // the digit left of the check digit is doubled
	for i := len(body) - 1; i >= 0; i-- {
		d := int(body[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return (10 - sum%10) % 10
}

// ipv4 is an address as a number; pools are /16 prefixes.
type ipv4 uint32

func ip(a, b, c, d int) ipv4 { return ipv4(a<<24 | b<<16 | c<<8 | d) }

// appendIP writes the dotted-quad form.
func appendIP(buf []byte, a ipv4) []byte {
	buf = strconv.AppendUint(buf, uint64(a>>24), 10)
	buf = append(buf, '.')
	buf = strconv.AppendUint(buf, uint64(a>>16&255), 10)
	buf = append(buf, '.')
	buf = strconv.AppendUint(buf, uint64(a>>8&255), 10)
	buf = append(buf, '.')
	return strconv.AppendUint(buf, uint64(a&255), 10)
}

func (a ipv4) String() string { return string(appendIP(nil, a)) }

// inPool returns a host of the /16 pool: any third octet, fourth 1..254.
func inPool(r *rng, pool ipv4) ipv4 {
	return pool | ipv4(r.intn(256)<<8) | ipv4(1+r.intn(254))
}
