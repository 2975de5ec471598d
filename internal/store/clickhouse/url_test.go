package clickhouse

import (
	"errors"
	"strings"
	"testing"
)

func TestParseURL(t *testing.T) {
	t.Setenv("CDRTUI_CLICKHOUSE_USER", "envuser")
	t.Setenv("CDRTUI_CLICKHOUSE_PASSWORD", "envsecret")
	for _, tc := range []struct {
		raw, cluster string
		want         Target
	}{
		{"clickhouse://ch1:9000/case42", "", Target{Addr: "ch1:9000", Database: "case42", User: "envuser", Password: "envsecret"}},
		{"clickhouse://ch1/case42", "fraud", Target{Addr: "ch1:9000", Database: "case42", User: "envuser", Password: "envsecret", Cluster: "fraud"}},
		{"clickhouse://ana:s3cret@ch1:9440/case42?cluster=c2", "", Target{Addr: "ch1:9440", Database: "case42", User: "ana", Password: "s3cret", Cluster: "c2"}},
		{"CLICKHOUSE://ana@ch1:9000/case42?cluster=c2", "c3", Target{Addr: "ch1:9000", Database: "case42", User: "ana", Password: "envsecret", Cluster: "c3"}},
	} {
		got, err := ParseURL(tc.raw, tc.cluster)
		if err != nil || got != tc.want {
			t.Errorf("ParseURL(%q, %q) = %+v, %v; want %+v", tc.raw, tc.cluster, got, err, tc.want)
		}
	}
	for _, raw := range []string{
		"clickhouse:///case42",                  // no host
		"clickhouse://ch1:9000/",                // no database
		"clickhouse://ch1:9000/case;DROP TABLE", // not a name
		"clickhouse://ch1:9000/db?cluster=a-b",  // cluster not a name
		"http://ch1:9000/db",
	} {
		if _, err := ParseURL(raw, ""); err == nil {
			t.Errorf("ParseURL(%q): no error", raw)
		}
	}
}

// TestPasswordNeverPrinted: the case's name and its errors leave the
// password out.
func TestPasswordNeverPrinted(t *testing.T) {
	tg, err := ParseURL("clickhouse://ana:s3cret@ch1:9000/case42", "fraud")
	if err != nil {
		t.Fatal(err)
	}
	if s := tg.String(); strings.Contains(s, "s3cret") || s != "clickhouse://ch1:9000/case42 (cluster fraud)" {
		t.Errorf("String() = %q", s)
	}
	e := clean(errors.New("auth failed for ana:s3cret"), tg)
	if strings.Contains(e.Error(), "s3cret") || !strings.Contains(e.Error(), "********") {
		t.Errorf("clean: %v", e)
	}
	if IsURL("case.db") || !IsURL("ClickHouse://h/d") {
		t.Error("IsURL")
	}
}
