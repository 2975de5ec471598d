package casework

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"os/user"
	"path/filepath"
	"strings"

	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
)

// AnalystEnv names the analyst when no --analyst is given (before the OS
// user).
const AnalystEnv = "CDRTUI_ANALYST"

// Analyst is who is at the keyboard: the name given, else $CDRTUI_ANALYST,
// else the OS user, else "unknown".
func Analyst(given string) string {
	if given != "" {
		return given
	}
	if v := os.Getenv(AnalystEnv); v != "" {
		return v
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if v := os.Getenv("USER"); v != "" {
		return v
	}
	return "unknown"
}

// Digest is a SHA-256 already computed (of a file streamed to disk).
type Digest string

// ResultHash is the SHA-256 of a result as its --json prints it (JSONText
// of v: `cdrtui persona CASE A --json | sha256sum` gives the hash a pane
// showing that persona records), or of v itself when it is bytes; a
// Digest is taken as it is.
func ResultHash(v any) string {
	var b []byte
	switch x := v.(type) {
	case Digest:
		return string(x)
	case []byte:
		b = x
	case string:
		b = []byte(x)
	default:
		b, _ = JSONText(v)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// JSONText is v as every --json prints it: indented by two spaces, one
// newline at the end, C1 controls and bidi overrides escaped (inert).
func JSONText(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return inert.JSON(b.Bytes()), nil
}

// Trail is a case's audit trail: a local case keeps one hash chain under
// SQLite's write lock; a case on ClickHouse keeps one chain per writer
// (clickhouse.Store.AppendAudit, store.VerifyChains).
type Trail interface {
	AppendAudit(ctx context.Context, e store.AuditEntry) (store.AuditEntry, error)
	AuditTrail(ctx context.Context) (store.AuditCheck, []store.AuditEntry, error)
}

var _ Trail = (*store.Store)(nil)

// Record appends an act to the case's audit trail: who, what, with which
// parameters (any JSON-encodable value), and the hash of what it produced.
// A case opened read-only cannot record: store.ErrReadOnly is returned and
// the caller says so; nothing else fails because of it.
func Record(ctx context.Context, t Trail, analyst, action string, params, result any) (store.AuditEntry, error) {
	p, err := json.Marshal(params)
	if err != nil {
		return store.AuditEntry{}, err
	}
	return t.AppendAudit(ctx, store.AuditEntry{Analyst: Analyst(analyst), Action: action, Params: string(p), ResultSHA256: ResultHash(result)})
}

// NotRecorded reports whether err only says the case could not record
// (read-only), which callers report as a warning.
func NotRecorded(err error) bool { return errors.Is(err, store.ErrReadOnly) }

// VerifyAudit proves the case's trail unbroken or names the first entry
// altered, removed or out of place.
func VerifyAudit(ctx context.Context, t Trail) (store.AuditCheck, []store.AuditEntry, error) {
	return t.AuditTrail(ctx)
}

// AuditParamsShown is an entry's parameters as `cdrtui audit` shows them:
// as recorded, but for a time scope recorded as Unix seconds (entries
// made before TimeScope.AuditValue), shown as that value would record it.
// The entry's hash is of the parameters as recorded (--json prints them
// so).
func AuditParamsShown(params string) string {
	d := json.NewDecoder(strings.NewReader(params))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil || d.More() {
		return params
	}
	old, ok := m["time_scope"].(map[string]any)
	if !ok {
		return params
	}
	var s TimeScope
	for k, v := range old {
		n, isNum := v.(json.Number)
		sec, err := n.Int64()
		if !isNum || err != nil || k != "from" && k != "to" {
			return params // not the old form
		}
		if k == "from" {
			s.From = sec
		} else {
			s.To = sec
		}
	}
	if !s.Set() {
		return params
	}
	m["time_scope"] = s.AuditValue()
	b, err := json.Marshal(m)
	if err != nil {
		return params
	}
	return string(b)
}

// AbsolutePaths maps each path a run read or wrote (the case, evidence
// files and directories), as given, to the absolute path it named from
// the directory the run was made in, for the audit trail: an entry that
// kept only "evidence/" or "case.db" could not say which files they were.
// A case's URL is no path and is left out.
func AbsolutePaths(paths ...string) map[string]string {
	abs := map[string]string{}
	for _, p := range paths {
		if strings.Contains(p, "://") {
			continue
		}
		if a, err := filepath.Abs(p); err == nil {
			abs[p] = a
		}
	}
	return abs
}
