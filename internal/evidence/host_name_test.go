package evidence

import "testing"

// An APN or host is a name of letters between dots; a number grouped by
// dots, an IP address, an alphanumeric sender and a SIP address are not.
func TestHostName(t *testing.T) {
	for v, want := range map[string]bool{
		"web.colombiamovil.com.co": true, "internet.movistar.com.co": true, "wap.tigo.com": true,
		"300.572.2406": false, "10.198.50.152": false, "VM-HDFCBK": false, "JP-JioPay-S": false,
		"sip:3005722406@ims.example": false, "3005722406": false, "a..b": false, ".com": false, "web.": false,
	} {
		if got := hostName(v); got != want {
			t.Errorf("%q: %v, want %v", v, got, want)
		}
	}
}
