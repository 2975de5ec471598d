package casework

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/store"
)

// Subscriber A of the hand-built fixture: ten data records, a change of
// handset (imeiX to imeiY) at 2018-06-04 00:00:00, records on the edges of the
// three-hour intervals, an unknown port and a record without a port.
// Subscriber B: two WhatsApp records; C, whose MSISDN ends like A's, one.
// Row i (1-based) carries uplink 10·i and downlink 100·i, so its total is
// 110·i bytes.
const (
	pfA = "919800000001"
	pfB = "919800000002"
	pfC = "449800000001"

	imsi1, imsi2, imsi3        = "404100000000001", "404100000000002", "404100000000003"
	imeiX, imeiY, imeiZ, imeiW = "352099001761481", "352099001761499", "352099001761507", "352099001761515"
)

var personaRows = []string{
	// MSISDN, IMSI, IMEI, DESTIP, DESTPORT, START, CELL_ID
	pfA + "," + imsi1 + "," + imeiX + ",157.240.1.1,5222,2018-06-03 02:59:59,C1",
	pfA + "," + imsi1 + "," + imeiX + ",157.240.1.1,5223,2018-06-03 03:00:00,C1",
	pfA + "," + imsi1 + "," + imeiX + ",157.240.1.2,5228,2018-06-03 23:59:59,C2",
	pfA + "," + imsi1 + "," + imeiY + ",157.240.1.1,5222,2018-06-04 00:00:00,C2",
	pfA + "," + imsi1 + "," + imeiY + ",142.250.1.1,443,2018-06-04 10:00:00,C2",
	pfA + "," + imsi1 + "," + imeiY + ",142.250.1.1,443,2018-06-04 10:05:00,C2",
	pfA + "," + imsi1 + "," + imeiY + ",142.250.1.1,443,2018-06-05 11:00:00,C3",
	pfA + "," + imsi1 + "," + imeiY + ",23.32.1.1,80,2018-06-05 12:00:00,C3",
	pfA + "," + imsi1 + "," + imeiY + ",185.60.1.1,12345,2018-06-05 13:00:00,C3",
	pfA + "," + imsi1 + "," + imeiY + ",185.60.1.1,,2018-06-05 14:00:00,C3",
	pfB + "," + imsi2 + "," + imeiZ + ",157.240.1.9,5222,2018-06-04 00:00:01,C1",
	pfB + "," + imsi2 + "," + imeiZ + ",157.240.1.9,5222,2018-06-06 21:00:00,C1",
	pfC + "," + imsi3 + "," + imeiW + ",157.240.1.8,5222,2018-06-07 06:00:00,C4",
}

// personaCase imports the fixture into a new case, with the wall clocks
// read in zone (nil: kept as written).
func personaCase(t *testing.T, zone *time.Location) *store.Store {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("MSISDN,IMSI,IMEI,DESTIP,DESTPORT,START,CELL_ID,UPLINK_VOLUME,DOWNLINK_VOLUME\n")
	for i, r := range personaRows {
		fmt.Fprintf(&b, "%s,%d,%d\n", r, 10*(i+1), 100*(i+1))
	}
	path := filepath.Join(dir, "ipdr.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := store.Create(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	res, err := st.Import(context.Background(), []string{path}, store.ImportOptions{Zone: zone})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].Error != "" || res[0].Rows != int64(len(personaRows)) || res[0].Rejected != 0 {
		t.Fatalf("import: %+v", res)
	}
	return st
}

// countingResolver answers from a table and counts the questions.
type countingResolver struct {
	mu    sync.Mutex
	asked []string
	names map[string][]string
	fail  map[string]error
}

func (r *countingResolver) LookupAddr(ctx context.Context, addr string) ([]string, error) {
	r.mu.Lock()
	r.asked = append(r.asked, addr)
	r.mu.Unlock()
	if err := r.fail[addr]; err != nil {
		return nil, err
	}
	if n, ok := r.names[addr]; ok {
		return n, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: addr, IsNotFound: true}
}

func (r *countingResolver) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.asked)
}

func newCountingResolver() *countingResolver {
	return &countingResolver{
		names: map[string][]string{"157.240.1.1": {"whatsapp-cdn-shv-01.example.net."}, "142.250.1.1": {"a.example.", "b.example."}},
		fail:  map[string]error{"23.32.1.1": &net.DNSError{Err: "i/o timeout", Name: "23.32.1.1", IsTimeout: true}},
	}
}
