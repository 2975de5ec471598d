// Package clickhouse is the case on a ClickHouse cluster: the same
// evidence, read and validated by internal/store's import, copied in large
// batches through the native protocol (github.com/ClickHouse/clickhouse-go/v2,
// pure Go) into MergeTree tables sharded by subscriber, and the analyses'
// questions pushed down as SQL that brings back only results. It is part
// of the store layer: the only SQL here is ClickHouse's.
//
// A case is named clickhouse://HOST:PORT/DATABASE; user and password come
// from the URL or CDRTUI_CLICKHOUSE_USER and CDRTUI_CLICKHOUSE_PASSWORD and
// are never printed. With a cluster (--cluster NAME, or ?cluster=NAME) the
// record tables live on every shard behind Distributed tables; without
// one, on the server named. The SQL keeps to what ClickHouse 18.16
// (Debian's clickhouse-server) accepts.
package clickhouse

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	ch "github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// Scheme is the URL scheme naming a ClickHouse case.
const Scheme = "clickhouse://"

// IsURL says whether a case argument names a ClickHouse case.
func IsURL(s string) bool { return strings.HasPrefix(strings.ToLower(s), Scheme) }

// Target is a parsed case URL.
type Target struct {
	Addr     string // host:port of the native protocol
	Database string
	User     string
	Password string
	Cluster  string // "" for a single server
}

var identRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// ParseURL reads clickhouse://[USER[:PASSWORD]@]HOST[:PORT]/DATABASE[?cluster=NAME].
// cluster, when not "", overrides the URL's. The user and password fall
// back to CDRTUI_CLICKHOUSE_USER and CDRTUI_CLICKHOUSE_PASSWORD.
func ParseURL(raw, cluster string) (Target, error) {
	u, err := url.Parse(raw)
	if err != nil || !strings.EqualFold(u.Scheme, "clickhouse") {
		return Target{}, fmt.Errorf("not a ClickHouse case URL (want clickhouse://HOST:9000/DATABASE)")
	}
	t := Target{Addr: u.Host, Database: strings.Trim(u.Path, "/"), Cluster: u.Query().Get("cluster")}
	if cluster != "" {
		t.Cluster = cluster
	}
	if t.Addr == "" {
		return Target{}, errors.New("ClickHouse case URL names no host (want clickhouse://HOST:9000/DATABASE)")
	}
	if u.Port() == "" {
		t.Addr += ":9000"
	}
	if t.Database == "" {
		return Target{}, errors.New("ClickHouse case URL names no database (want clickhouse://HOST:9000/DATABASE)")
	}
	if !identRE.MatchString(t.Database) {
		return Target{}, fmt.Errorf("database name %q: use letters, digits and _", t.Database)
	}
	if t.Cluster != "" && !identRE.MatchString(t.Cluster) {
		return Target{}, fmt.Errorf("cluster name %q: use letters, digits and _", t.Cluster)
	}
	t.User, t.Password = os.Getenv("CDRTUI_CLICKHOUSE_USER"), os.Getenv("CDRTUI_CLICKHOUSE_PASSWORD")
	if u.User != nil {
		t.User = u.User.Username()
		if p, ok := u.User.Password(); ok {
			t.Password = p
		}
	}
	if t.User == "" {
		t.User = "default"
	}
	return t, nil
}

// String is the case's name without its password.
func (t Target) String() string {
	s := Scheme + t.Addr + "/" + t.Database
	if t.Cluster != "" {
		s += " (cluster " + t.Cluster + ")"
	}
	return s
}

// Store is an open ClickHouse case.
type Store struct {
	target   Target
	home     driver.Conn      // the server named: the case's small tables, and queries' initiator
	shards   []driver.Conn    // one per shard in the cluster's order; [home] without a cluster
	noSites  bool             // the case has no cell-site tables (and could not be given them): it holds no sites
	trail    trailWriter      // this process's chain of the audit trail (audit.go)
	made     map[string]bool  // the small tables made or found (keep.go)
	madeMu   sync.Mutex       // guards made
	complete completeList     // the complete sources, cached (complete.go)
	names    map[int64]string // subscribers' numbers read (fetch.go)
	namesMu  sync.Mutex       // guards names
	mirrors  pbxMirrors       // private SQLite copies of the PBX artefacts (pbx_mirror.go)
	// the subscriber summary is marked whole (sums.go); sumsOff (tests)
	// makes the subscriber list read the records as without it
	sumsWhole  atomic.Bool
	sumsOff    bool
	madeShards atomic.Int64 // the shards the case was made on (subshard.go): 0 unread, -1 unknown
}

// queryTimeout bounds every question asked of the cluster: a shard that
// stops answering gives an error, never a hang.
const queryTimeout = 5 * time.Minute

func dial(t Target, addr, database string) (driver.Conn, error) {
	return ch.Open(&ch.Options{
		Addr:        []string{addr},
		Auth:        ch.Auth{Database: database, Username: t.User, Password: t.Password},
		DialTimeout: 5 * time.Second,
		ReadTimeout: queryTimeout,
		Settings:    ch.Settings{"connect_timeout_with_failover_ms": 2000},
	})
}

// Open connects to the case at raw (creating its database and tables
// when missing: create) on the cluster named, if any.
func Open(ctx context.Context, raw, cluster string, create bool) (*Store, error) {
	t, err := ParseURL(raw, cluster)
	if err != nil {
		return nil, err
	}
	boot, err := dial(t, t.Addr, "default")
	if err != nil {
		return nil, fmt.Errorf("ClickHouse %s: %w", t, err)
	}
	if err := boot.Ping(ctx); err != nil {
		boot.Close()
		return nil, fmt.Errorf("ClickHouse %s does not answer: %w", t, clean(err, t))
	}
	s := &Store{target: t}
	s.home = homeConn{boot, s}
	if err := s.connectShards(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if create {
		if err := s.createSchema(ctx); err != nil {
			s.Close()
			return nil, fmt.Errorf("ClickHouse %s: create the case: %w", t, clean(err, t))
		}
	} else if ok, err := s.exists(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("ClickHouse %s: %w", t, clean(err, t))
	} else if !ok {
		s.Close()
		return nil, fmt.Errorf("no case at %s (create one with: cdrtui import %s EVIDENCE...)", t, Scheme+t.Addr+"/"+t.Database)
	}
	if err := s.ensureSiteTables(ctx); err != nil {
		if create {
			s.Close()
			return nil, err
		}
		s.noSites = true // a case made before them, opened by a user who may not create tables
	}
	return s, nil
}

// connectShards finds the cluster's shards and connects to each.
func (s *Store) connectShards(ctx context.Context) error {
	if s.target.Cluster == "" {
		s.shards = []driver.Conn{s.home}
		return nil
	}
	rows, err := s.home.Query(ctx, `SELECT host_address, port FROM system.clusters WHERE cluster = ? AND replica_num = 1 ORDER BY shard_num`, s.target.Cluster)
	if err != nil {
		return fmt.Errorf("ClickHouse %s: %w", s.target, clean(err, s.target))
	}
	var addrs []string
	for rows.Next() {
		var host string
		var port uint16
		if err := rows.Scan(&host, &port); err != nil {
			rows.Close()
			return err
		}
		addrs = append(addrs, fmt.Sprintf("%s:%d", host, port))
	}
	rows.Close()
	if len(addrs) == 0 {
		return fmt.Errorf("ClickHouse %s: the server knows no cluster %q (see system.clusters)", s.target, s.target.Cluster)
	}
	for _, a := range addrs {
		c, err := dial(s.target, a, "default")
		if err == nil {
			err = c.Ping(ctx)
		}
		if err != nil {
			return fmt.Errorf("ClickHouse %s: shard %s does not answer: %w", s.target, a, clean(err, s.target))
		}
		s.shards = append(s.shards, c)
	}
	return nil
}

// Close ends the connections.
func (s *Store) Close() error {
	s.mirrors.close()
	for _, c := range s.shards {
		if c != s.home {
			c.Close()
		}
	}
	if s.home != nil {
		s.home.Close()
	}
	return nil
}

// Path is the case's name, without its password.
func (s *Store) Path() string { return s.target.String() }

// Shards is how many shards hold the records.
func (s *Store) Shards() int { return len(s.shards) }

// clean removes the password from an error's text.
func clean(err error, t Target) error {
	if err == nil || t.Password == "" {
		return err
	}
	msg := err.Error()
	if !strings.Contains(msg, t.Password) {
		return err
	}
	return errors.New(strings.ReplaceAll(msg, t.Password, "********"))
}
