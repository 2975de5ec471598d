// Package chkit runs a real ClickHouse cluster for tests: two
// clickhouse-server processes on loopback ports, each with its own
// temporary configuration and data directories and a remote_servers
// configuration naming both as the two shards of one cluster. The servers
// are stopped (killed when they do not stop in time) and their data
// removed when the test ends, also when it fails. When clickhouse-server is
// missing it is installed from the system's packages (apt-get) where that
// is possible; otherwise the test is skipped with a line saying so. Only
// _test.go files import it.
package chkit

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// ClusterName is the name the cluster is configured under.
const ClusterName = "cdrtui_test"

// startTimeout bounds how long a server may take to answer.
const startTimeout = 60 * time.Second

// stopTimeout is how long a server may take to stop before it is killed.
const stopTimeout = 10 * time.Second

// Cluster is two running servers forming a cluster of two shards.
type Cluster struct {
	Name    string
	Servers [2]*Server
}

// Server is one clickhouse-server process.
type Server struct {
	Dir  string // its configuration, data and logs
	Port int    // native protocol (TCP)
	HTTP int
	bin  string

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{}
}

// Addr is the server's native protocol address.
func (s *Server) Addr() string { return fmt.Sprintf("127.0.0.1:%d", s.Port) }

// URL is a clickhouse:// URL naming database on the first server, with
// the cluster named: what cdrtui takes as a case.
func (c *Cluster) URL(database string) string {
	return fmt.Sprintf("clickhouse://%s/%s", c.Servers[0].Addr(), database)
}

var (
	findOnce sync.Once
	findBin  string
	findWhy  string
)

// Binary returns the path of clickhouse-server, installing the package
// when it is missing and that is possible, or skips the test saying why.
func Binary(t testing.TB) string {
	t.Helper()
	findOnce.Do(func() { findBin, findWhy = locate() })
	if findBin == "" {
		t.Skipf("SKIP ClickHouse: clickhouse-server is not installed and could not be installed (%s); install it with: apt-get install clickhouse-server", findWhy)
	}
	return findBin
}

func locate() (string, string) {
	if p := lookServer(); p != "" {
		return p, ""
	}
	if os.Getenv("CDRTUI_NO_INSTALL") != "" {
		return "", "CDRTUI_NO_INSTALL is set"
	}
	apt, err := exec.LookPath("apt-get")
	if err != nil {
		return "", "no apt-get on this machine"
	}
	if os.Geteuid() != 0 {
		return "", "installing needs root"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	install := func() error {
		cmd := exec.CommandContext(ctx, apt, "install", "-y", "clickhouse-server", "clickhouse-client")
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("apt-get install: %v: %s", err, lastLine(out))
		}
		return nil
	}
	if err := install(); err != nil {
		up := exec.CommandContext(ctx, apt, "update")
		if out, uerr := up.CombinedOutput(); uerr != nil {
			return "", fmt.Sprintf("%v; apt-get update: %v: %s", err, uerr, lastLine(out))
		}
		if err := install(); err != nil {
			return "", err.Error()
		}
	}
	if p := lookServer(); p != "" {
		return p, ""
	}
	return "", "apt-get installed the package but no clickhouse-server is on PATH"
}

// serverNames are where clickhouse-server is looked for.
var serverNames = []string{"clickhouse-server", "/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server"}

func lookServer() string {
	for _, name := range serverNames {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}

// Start starts a cluster of two shards for t and stops it when t ends.
func Start(t testing.TB) *Cluster {
	t.Helper()
	bin := Binary(t)
	root, err := os.MkdirTemp("", "cdrtui-ch-")
	if err != nil {
		t.Fatal(err)
	}
	c := &Cluster{Name: ClusterName}
	ports, err := freePorts(6)
	if err != nil {
		os.RemoveAll(root)
		t.Fatal(err)
	}
	for i := range c.Servers {
		c.Servers[i] = &Server{Dir: filepath.Join(root, fmt.Sprintf("shard%d", i+1)), Port: ports[2*i], HTTP: ports[2*i+1], bin: bin}
	}
	t.Cleanup(func() {
		for _, s := range c.Servers {
			s.Stop()
		}
		os.RemoveAll(root)
	})
	for i, s := range c.Servers {
		if err := s.configure(c, ports[4+i]); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range c.Servers {
		if err := s.launch(); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range c.Servers {
		if err := s.wait(startTimeout); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// freePorts asks the kernel for n free loopback ports.
func freePorts(n int) ([]int, error) {
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	var ports []int
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

const configTemplate = `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>{{dir}}/server.log</log><errorlog>{{dir}}/error.log</errorlog><console>0</console></logger>
  <tcp_port>{{tcp}}</tcp_port>
  <http_port>{{http}}</http_port>
  <interserver_http_port>{{inter}}</interserver_http_port>
  <listen_host>127.0.0.1</listen_host>
  <path>{{dir}}/data/</path>
  <tmp_path>{{dir}}/tmp/</tmp_path>
  <user_files_path>{{dir}}/files/</user_files_path>
  <format_schema_path>{{dir}}/schema/</format_schema_path>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <users>
    <default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default>
  </users>
  <profiles><default><max_memory_usage>1000000000</max_memory_usage><max_threads>2</max_threads>{{log_queries}}</default></profiles>
{{query_log}}  <quotas><default></default></quotas>
  <remote_servers>
    <{{cluster}}>
{{shards}}    </{{cluster}}>
  </remote_servers>
</yandex>
`

func (s *Server) configure(c *Cluster, inter int) error {
	for _, d := range []string{"data", "tmp", "files", "schema"} {
		if err := os.MkdirAll(filepath.Join(s.Dir, d), 0o755); err != nil {
			return err
		}
	}
	var shards strings.Builder
	for _, o := range c.Servers {
		fmt.Fprintf(&shards, "      <shard><replica><host>127.0.0.1</host><port>%d</port></replica></shard>\n", o.Port)
	}
	logQueries, queryLog := "", ""
	if os.Getenv("CDRTUI_CHKIT_QUERY_LOG") != "" {
		// every query in system.query_log (benchmarks read what each read)
		logQueries = "<log_queries>1</log_queries>"
		queryLog = "  <query_log><database>system</database><table>query_log</table><flush_interval_milliseconds>1000</flush_interval_milliseconds></query_log>\n"
	}
	r := strings.NewReplacer("{{dir}}", s.Dir, "{{tcp}}", fmt.Sprint(s.Port), "{{http}}", fmt.Sprint(s.HTTP),
		"{{inter}}", fmt.Sprint(inter), "{{cluster}}", c.Name, "{{shards}}", shards.String(),
		"{{log_queries}}", logQueries, "{{query_log}}", queryLog)
	return os.WriteFile(filepath.Join(s.Dir, "config.xml"), []byte(r.Replace(configTemplate)), 0o644)
}

// launch starts the process; wait says when it answers.
func (s *Server) launch() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd != nil {
		return nil
	}
	out, err := os.OpenFile(filepath.Join(s.Dir, "stdout.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	cmd := exec.Command(s.bin, "--config-file="+filepath.Join(s.Dir, "config.xml"))
	cmd.Dir = s.Dir
	cmd.Stdout, cmd.Stderr = out, out
	// its own process group, killed with it; and the kernel kills the
	// server when this test process dies (no server outlives a test
	// binary killed by its timeout)
	cmd.SysProcAttr = procAttr()
	if err := cmd.Start(); err != nil {
		out.Close()
		return fmt.Errorf("start clickhouse-server: %w", err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); out.Close(); close(done) }()
	s.cmd, s.done = cmd, done
	return nil
}

// wait polls the server with a native-protocol hello until it answers.
func (s *Server) wait(limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		s.mu.Lock()
		done := s.done
		s.mu.Unlock()
		select {
		case <-done:
			return fmt.Errorf("clickhouse-server on port %d exited at start: %s", s.Port, s.logTail())
		default:
		}
		if ping(s.Addr()) == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("clickhouse-server on port %d did not answer within %v: %s", s.Port, limit, s.logTail())
}

// ping sends the native protocol's client hello and reads the server's
// answer (packet 0, Hello): the server is ready for queries.
func ping(addr string) error {
	conn, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(2 * time.Second))
	var b bytes.Buffer
	uvarint(&b, 0) // ClientHello
	str(&b, "chkit")
	uvarint(&b, 1)
	uvarint(&b, 1)
	uvarint(&b, 54213) // revision
	str(&b, "default")
	str(&b, "default")
	str(&b, "")
	if _, err := conn.Write(b.Bytes()); err != nil {
		return err
	}
	buf := make([]byte, 1)
	if _, err := conn.Read(buf); err != nil {
		return err
	}
	if buf[0] != 0 {
		return fmt.Errorf("server answered packet %d, not Hello", buf[0])
	}
	return nil
}

func uvarint(b *bytes.Buffer, v uint64) {
	for v >= 0x80 {
		b.WriteByte(byte(v) | 0x80)
		v >>= 7
	}
	b.WriteByte(byte(v))
}

func str(b *bytes.Buffer, s string) {
	uvarint(b, uint64(len(s)))
	b.WriteString(s)
}

func (s *Server) logTail() string {
	for _, name := range []string{"error.log", "stdout.log"} {
		b, _ := os.ReadFile(filepath.Join(s.Dir, name))
		if t := strings.TrimSpace(string(b)); t != "" {
			lines := strings.Split(t, "\n")
			return strings.Join(lines[max(0, len(lines)-3):], " | ")
		}
	}
	return "no log"
}

// Running says whether the server's process is alive.
func (s *Server) Running() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return false
	}
	select {
	case <-s.done:
		return false
	default:
		return true
	}
}

// PID is the server's process id, 0 when it is not running.
func (s *Server) PID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil || s.cmd.Process == nil {
		return 0
	}
	return s.cmd.Process.Pid
}

// Stop stops the server: SIGTERM, then SIGKILL to its process group when
// it has not exited within stopTimeout.
func (s *Server) Stop() {
	s.mu.Lock()
	cmd, done := s.cmd, s.done
	s.cmd, s.done = nil, nil
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	cmd.Process.Signal(os.Interrupt)
	select {
	case <-done:
	case <-time.After(stopTimeout):
		killGroup(cmd.Process.Pid)
		<-done
	}
}

// Kill stops the server at once (SIGKILL), as a crash would.
func (s *Server) Kill() {
	s.mu.Lock()
	cmd, done := s.cmd, s.done
	s.cmd, s.done = nil, nil
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	killGroup(cmd.Process.Pid)
	<-done
}

// Restart starts a stopped server again on its port and data, and waits
// until it answers.
func (s *Server) Restart() error {
	if err := s.launch(); err != nil {
		return err
	}
	return s.wait(startTimeout)
}
