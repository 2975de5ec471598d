package chkit

import (
	"context"
	"os"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
)

func connect(t *testing.T, s *Server) clickhouse.Conn {
	t.Helper()
	conn, err := clickhouse.Open(&clickhouse.Options{Addr: []string{s.Addr()}, DialTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// TestClusterOfTwoShards starts the two servers, finds both shards in
// the cluster from either, runs a query over the cluster, and checks that
// the end of the test stops both processes and removes their data.
func TestClusterOfTwoShards(t *testing.T) {
	var pids []int
	var dirs []string
	t.Run("running", func(t *testing.T) {
		c := Start(t)
		ctx := context.Background()
		for _, s := range c.Servers {
			pids = append(pids, s.PID())
			dirs = append(dirs, s.Dir)
			conn := connect(t, s)
			var ports []int
			rows, err := conn.Query(ctx, "SELECT port FROM system.clusters WHERE cluster = ?", c.Name)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var p uint16
				if err := rows.Scan(&p); err != nil {
					t.Fatal(err)
				}
				ports = append(ports, int(p))
			}
			rows.Close()
			sort.Ints(ports)
			want := []int{c.Servers[0].Port, c.Servers[1].Port}
			sort.Ints(want)
			if len(ports) != 2 || ports[0] != want[0] || ports[1] != want[1] {
				t.Fatalf("server %d: cluster ports %v, want %v", s.Port, ports, want)
			}
		}
		// a query over the cluster reaches both processes
		var n uint64
		conn := connect(t, c.Servers[0])
		if err := conn.QueryRow(ctx, "SELECT count() FROM remote('127.0.0.1:"+itoa(c.Servers[0].Port)+",127.0.0.1:"+itoa(c.Servers[1].Port)+"', system.one)").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 2 {
			t.Fatalf("rows from the two shards: %d, want 2", n)
		}
	})
	if len(pids) != 2 {
		t.Fatal("the servers did not start")
	}
	for i, pid := range pids {
		if alive(pid) {
			t.Errorf("server %d (pid %d) still running after the test", i+1, pid)
		}
		if _, err := os.Stat(dirs[i]); !os.IsNotExist(err) {
			t.Errorf("server %d's directory %s still there: %v", i+1, dirs[i], err)
		}
	}
}

// TestStopAndRestart stops one shard and starts it again on its data.
func TestStopAndRestart(t *testing.T) {
	c := Start(t)
	s := c.Servers[1]
	s.Kill()
	if s.Running() || ping(s.Addr()) == nil {
		t.Fatal("killed server still answers")
	}
	if err := s.Restart(); err != nil {
		t.Fatal(err)
	}
	if err := ping(s.Addr()); err != nil {
		t.Fatalf("restarted server: %v", err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestMissingServerSaysWhy: with no clickhouse-server and installing
// forbidden, the reason is given (Binary skips with it).
func TestMissingServerSaysWhy(t *testing.T) {
	saved := serverNames
	serverNames = []string{"/nonexistent/clickhouse-server"}
	t.Cleanup(func() { serverNames = saved })
	t.Setenv("CDRTUI_NO_INSTALL", "1")
	bin, why := locate()
	if bin != "" || why != "CDRTUI_NO_INSTALL is set" {
		t.Fatalf("locate() = %q, %q", bin, why)
	}
}
