package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"
)

// appendN appends n entries to the case at path through a handle of its
// own opened read-only, as an analysis command does.
func appendN(path, who string, n int) error {
	st, err := OpenReadOnly(path)
	if err != nil {
		return err
	}
	defer st.Close()
	for i := 0; i < n; i++ {
		if _, err := st.AppendAudit(context.Background(), AuditEntry{Analyst: who, Action: "persona",
			Params: fmt.Sprintf(`{"i":%d}`, i), ResultSHA256: fmt.Sprintf("%064d", i)}); err != nil {
			return err
		}
	}
	return nil
}

// TestAuditHelperProcess is the other process of
// TestAuditChainAcrossProcesses; it does nothing unless asked to.
func TestAuditHelperProcess(t *testing.T) {
	path := os.Getenv("CDRTUI_AUDIT_HELPER_CASE")
	if path == "" {
		t.Skip("helper process only")
	}
	n, _ := strconv.Atoi(os.Getenv("CDRTUI_AUDIT_HELPER_N"))
	AuditWait = 30 * time.Second
	if err := appendN(path, os.Getenv("CDRTUI_AUDIT_HELPER_WHO"), n); err != nil {
		t.Fatal(err)
	}
}

// Two processes and two goroutines append at once, each through its own
// read-only handle: every entry is kept, numbered 1..n without a gap, and
// the chain verifies.
func TestAuditChainAcrossProcesses(t *testing.T) {
	st := auditCase(t, 1)
	path := st.Path()
	const perWriter = 25
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for p := 0; p < 2; p++ {
		wg.Add(1)
		go func(p int) {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "-test.run=^TestAuditHelperProcess$", "-test.count=1")
			cmd.Env = append(os.Environ(), "CDRTUI_AUDIT_HELPER_CASE="+path, "CDRTUI_AUDIT_HELPER_N="+strconv.Itoa(perWriter),
				fmt.Sprintf("CDRTUI_AUDIT_HELPER_WHO=process%d", p))
			if out, err := cmd.CombinedOutput(); err != nil {
				errs <- fmt.Errorf("process %d: %v\n%s", p, err, out)
			}
		}(p)
	}
	old := AuditWait
	AuditWait = 30 * time.Second
	t.Cleanup(func() { AuditWait = old })
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			if err := appendN(path, fmt.Sprintf("goroutine%d", g), perWriter); err != nil {
				errs <- fmt.Errorf("goroutine %d: %w", g, err)
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	c := verify(t, st)
	if !c.OK || c.Entries != 1+4*perWriter {
		t.Fatalf("after concurrent appends: %+v", c)
	}
	es, _ := st.AuditEntries(context.Background())
	byWho := map[string]int{}
	for _, e := range es {
		byWho[e.Analyst]++
	}
	for _, who := range []string{"process0", "process1", "goroutine0", "goroutine1"} {
		if byWho[who] != perWriter {
			t.Errorf("%s: %d entries, want %d (%v)", who, byWho[who], perWriter, byWho)
		}
	}
}

// A case that cannot be written (a read-only medium) says why and is an
// ErrReadOnly; nothing is appended.
func TestAuditReadOnlyMediumNotRecorded(t *testing.T) {
	st := auditCase(t, 1)
	caseWritable = func(string) bool { return false }
	t.Cleanup(func() { caseWritable = writable })
	ro, err := OpenReadOnly(st.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	_, err = ro.AppendAudit(context.Background(), AuditEntry{Action: "persona"})
	var nr *NotRecordedError
	if !errors.As(err, &nr) || !errors.Is(err, ErrReadOnly) || nr.Why == "" {
		t.Fatalf("append on a read-only medium: %v", err)
	}
	if c := verify(t, st); c.Entries != 1 {
		t.Fatalf("trail grew: %+v", c)
	}
}

// While another program holds the case's write lock, an append waits
// AuditWait, then gives up with a CaseBusyError (not a raw SQLite error).
func TestAuditBusyGivesUp(t *testing.T) {
	st := auditCase(t, 1)
	conn, err := st.DB().Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK")
	old := AuditWait
	AuditWait = 200 * time.Millisecond
	t.Cleanup(func() { AuditWait = old })
	ro, err := OpenReadOnly(st.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	start := time.Now()
	_, err = ro.AppendAudit(context.Background(), AuditEntry{Action: "persona"})
	var busy *CaseBusyError
	if !errors.As(err, &busy) {
		t.Fatalf("append while the case is held: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("gave up after %v, not about AuditWait", d)
	}
}
