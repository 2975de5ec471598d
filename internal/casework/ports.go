package casework

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// case_info keys of the port dictionary a case uses.
const (
	infoPortCSV      = "port_dictionary"           // the dictionary, as analysis.MarshalCSV writes it
	infoPortSHA      = "port_dictionary_sha256"    // its Fingerprint
	infoPortOrigin   = "port_dictionary_origin"    // what built it, in words
	infoPortStoredAt = "port_dictionary_stored_at" // RFC 3339, UTC
)

// DefaultsName is how the built-in dictionary is named to the analyst.
const DefaultsName = "cdrtui defaults"

// DictionaryInfo says which port dictionary is in force, so that a result
// can be reproduced and a report can name it.
type DictionaryInfo struct {
	Fingerprint string   `json:"fingerprint"` // SHA-256 of the dictionary's CSV
	Origin      string   `json:"origin"`      // e.g. "ops.csv over cdrtui defaults"
	Layers      []string `json:"layers"`      // rule origins, highest precedence first
	Stored      bool     `json:"stored"`      // kept in the case (false: a read-only case)
	StoredAt    string   `json:"stored_at,omitempty"`
	// DefaultsOutdated is set when the defaults kept in the case differ
	// from this cdrtui's (the case keeps the ones its results used).
	DefaultsOutdated bool `json:"defaults_outdated,omitempty"`
}

// Short is the fingerprint's first 12 digits and the origin, for a header.
func (i DictionaryInfo) Short() string {
	fp := i.Fingerprint
	if len(fp) > 12 {
		fp = fp[:12]
	}
	return fmt.Sprintf("%s · sha256 %s", i.Origin, fp)
}

// PortDictionary returns the dictionary a case uses: the one stored in it.
// A case that has none yet gets this cdrtui's defaults stored (when it can
// be written), so that results computed today can be reproduced by a
// later cdrtui whose defaults changed.
func PortDictionary(ctx context.Context, st Case) (*analysis.Dictionary, error) {
	d, _, err := PortDictionaryInfo(ctx, st)
	return d, err
}

// PortDictionaryInfo is PortDictionary with what the pane and the JSON
// show about it.
func PortDictionaryInfo(ctx context.Context, st Case) (*analysis.Dictionary, DictionaryInfo, error) {
	text, err := st.Info(ctx, infoPortCSV)
	if err != nil {
		return nil, DictionaryInfo{}, err
	}
	if text == "" {
		d := analysis.DefaultDictionary()
		if st.ReadOnly() {
			return d, describe(d, DefaultsName, false, ""), nil
		}
		info, err := StorePortDictionary(ctx, st, d, DefaultsName)
		return d, info, err
	}
	rules, err := analysis.ParseDictionary(strings.NewReader(text), "case "+infoPortCSV)
	if err != nil {
		return nil, DictionaryInfo{}, fmt.Errorf("the port dictionary stored in the case is unreadable (cdrtui ports CASE --reset replaces it): %w", err)
	}
	d := analysis.NewDictionary(rules)
	want, err := st.Info(ctx, infoPortSHA)
	if err != nil {
		return nil, DictionaryInfo{}, err
	}
	if got := d.Fingerprint(); got != want {
		return nil, DictionaryInfo{}, fmt.Errorf("the port dictionary stored in the case has fingerprint %s, not the %s stored with it: it was changed outside cdrtui (cdrtui ports CASE --reset replaces it)", got, want)
	}
	origin, err := st.Info(ctx, infoPortOrigin)
	if err != nil {
		return nil, DictionaryInfo{}, err
	}
	at, err := st.Info(ctx, infoPortStoredAt)
	if err != nil {
		return nil, DictionaryInfo{}, err
	}
	return d, describe(d, origin, true, at), nil
}

// describe builds the info of a dictionary.
func describe(d *analysis.Dictionary, origin string, stored bool, at string) DictionaryInfo {
	info := DictionaryInfo{Fingerprint: d.Fingerprint(), Origin: origin, Stored: stored, StoredAt: at}
	var defaults []analysis.PortRule
	for _, r := range d.Rules() {
		if len(info.Layers) == 0 || info.Layers[len(info.Layers)-1] != r.Origin {
			info.Layers = append(info.Layers, r.Origin)
		}
		if r.Origin == analysis.DefaultOrigin {
			defaults = append(defaults, r)
		}
	}
	if len(defaults) > 0 {
		info.DefaultsOutdated = analysis.NewDictionary(defaults).Fingerprint() != analysis.DefaultDictionary().Fingerprint()
	}
	return info
}

// StorePortDictionary keeps d in the case as the dictionary of every later
// analysis, with origin in words.
func StorePortDictionary(ctx context.Context, st Case, d *analysis.Dictionary, origin string) (DictionaryInfo, error) {
	at := time.Now().UTC().Format(time.RFC3339)
	for _, kv := range [][2]string{
		{infoPortCSV, string(d.MarshalCSV())},
		{infoPortSHA, d.Fingerprint()},
		{infoPortOrigin, origin},
		{infoPortStoredAt, at},
	} {
		if err := st.SetInfo(ctx, kv[0], kv[1]); err != nil {
			return DictionaryInfo{}, fmt.Errorf("storing the port dictionary in the case: %w", err)
		}
	}
	return describe(d, origin, true, at), nil
}

// LoadPortFiles reads analysts' dictionary files (CSV, see
// analysis.ParseDictionary) and lays them over the defaults, the last file
// taking precedence. It returns the dictionary and its origin in words,
// naming each file with the first 12 digits of its SHA-256.
func LoadPortFiles(paths []string) (*analysis.Dictionary, string, error) {
	d := analysis.DefaultDictionary()
	names := layerNames(paths)
	var described []string
	for i, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, "", fmt.Errorf("port dictionary: %w", err)
		}
		rules, err := analysis.ParseDictionary(bytes.NewReader(data), names[i])
		if err != nil {
			return nil, "", err
		}
		if len(rules) == 0 {
			return nil, "", fmt.Errorf("port dictionary %s holds no rule", p)
		}
		for j := range rules {
			// the file is the layer, whatever an origin column says (a file
			// started from "cdrtui ports CASE --csv" says "default"):
			// layers are told apart by origin when the case reads it back
			rules[j].Origin = names[i]
		}
		d = d.With(rules)
		sum := sha256.Sum256(data)
		described = append(described, fmt.Sprintf("%s (sha256 %s)", names[i], hex.EncodeToString(sum[:6])))
	}
	origin := DefaultsName
	for _, s := range described {
		origin = s + " over " + origin
	}
	return d, origin, nil
}

// layerNames names each file's rules by its base name, or by its path when
// two files share a base name (layers are told apart by name).
func layerNames(paths []string) []string {
	count := map[string]int{}
	for _, p := range paths {
		count[filepath.Base(p)]++
	}
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
		if count[out[i]] > 1 || out[i] == analysis.DefaultOrigin {
			out[i] = p
		}
	}
	return out
}

// UsePortFiles makes the dictionary of the given files (over the defaults)
// the case's dictionary. On a read-only case the dictionary is used but
// cannot be kept: Stored is false and the caller should say so.
func UsePortFiles(ctx context.Context, st Case, paths []string) (*analysis.Dictionary, DictionaryInfo, error) {
	d, origin, err := LoadPortFiles(paths)
	if err != nil {
		return nil, DictionaryInfo{}, err
	}
	if st.ReadOnly() {
		return d, describe(d, origin, false, ""), nil
	}
	info, err := StorePortDictionary(ctx, st, d, origin)
	return d, info, err
}

// ResetPortDictionary makes this cdrtui's defaults the case's dictionary.
func ResetPortDictionary(ctx context.Context, st Case) (*analysis.Dictionary, DictionaryInfo, error) {
	d := analysis.DefaultDictionary()
	info, err := StorePortDictionary(ctx, st, d, DefaultsName)
	return d, info, err
}

// DictionaryFor returns the dictionary an analysis should use: the files
// given with --ports (kept in the case), or the case's own.
func DictionaryFor(ctx context.Context, st Case, portFiles []string) (*analysis.Dictionary, DictionaryInfo, error) {
	if len(portFiles) > 0 {
		return UsePortFiles(ctx, st, portFiles)
	}
	return PortDictionaryInfo(ctx, st)
}

// DescribeDictionary returns what to show about d, a dictionary loaded
// earlier (the workbench's): the case's stored description when d is the
// dictionary the case holds, else a description saying that it is not
// (the case's dictionary was replaced since d was loaded).
func DescribeDictionary(ctx context.Context, st Case, d *analysis.Dictionary) (DictionaryInfo, error) {
	_, info, err := PortDictionaryInfo(ctx, st)
	if err != nil {
		return DictionaryInfo{}, err
	}
	if info.Fingerprint == d.Fingerprint() {
		return info, nil
	}
	return describe(d, "loaded when the workbench opened; the case now holds "+info.Short()+" (reopen to use it)", false, ""), nil
}
