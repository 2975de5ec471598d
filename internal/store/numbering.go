package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/cdrtui/cdrtui/internal/analysis"
	"io"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence"
	"github.com/cdrtui/cdrtui/internal/ident"
)

// The case's numbering plan is kept in case_info: 'country' is the ISO
// code, 'country_source' how it was decided (--country, or inferred from a
// file). Without one, only numbers written with their country code are
// keyed; a file whose keys depend on a plan nobody gave is refused.
const (
	infoCountry       = "country"
	infoCountrySource = "country_source"
)

// NumberingPlan returns the case's numbering plan (the zero Plan when it
// has none) and how it was decided.
func (s *Store) NumberingPlan(ctx context.Context) (ident.Plan, string, error) {
	return numberingPlanOn(ctx, s.db)
}

type queryRower interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

func numberingPlanOn(ctx context.Context, q queryRower) (ident.Plan, string, error) {
	var country, source string
	err := q.QueryRowContext(ctx, `SELECT coalesce((SELECT value FROM case_info WHERE key = ?), ''),
		coalesce((SELECT value FROM case_info WHERE key = ?), '')`, infoCountry, infoCountrySource).Scan(&country, &source)
	if err != nil || country == "" {
		return ident.Plan{}, "", err
	}
	p, ok := ident.PlanFor(country)
	if !ok {
		return ident.Plan{}, "", fmt.Errorf("the case's numbering plan %q is unknown to this cdrtui (known: %s)", country, ident.Countries())
	}
	return p, source, nil
}

// NumberKey is the key under which the case holds a number written as
// text (an analyst's argument, a search): the E.164 key under the case's
// plan, or the number's digits when it cannot be keyed. ok is false when
// the text is not a number at all.
func (s *Store) NumberKey(ctx context.Context, text string) (string, bool, error) {
	p, _, err := s.NumberingPlan(ctx)
	if err != nil {
		return "", false, err
	}
	d, plus, ok := ident.SplitNumber(text)
	if !ok {
		return "", false, nil
	}
	if k, ok := p.Key(d, plus); ok {
		return k, true, nil
	}
	return d, true, nil
}

// planSampleRows is how many rows of a file are read to infer the
// numbering plan when the case has none.
const planSampleRows = 2000

// numberingPlan decides the plan this file's numbers are keyed by: the
// case's; --country (which sets the case's when it has none, and keys this
// file alone when the case has another: the source records it); or one
// inferred from the file's first rows, which is then kept as the case's.
// A file whose keys depend on a plan that cannot be told is refused,
// naming the number and what it would be under each plan; so is a file
// whose numbers or layout show another country's plan than the case's
// (ident.CheckPlan), naming the conflict and the --country that reads it.
func (j *importJob) numberingPlan(ctx context.Context) (ident.Plan, error) {
	p, decided, err := j.declaredPlan(ctx)
	if err != nil || (decided && j.opts.Country != "") {
		return p, err
	}
	if decided {
		subs, others, cells, err := j.sampleRows()
		if err != nil {
			return ident.Plan{}, err
		}
		hint, why, _ := planHint(j.det.layout, cells)
		if c := ident.CheckPlan(p, subs, others, hint, why); c != nil {
			return ident.Plan{}, c
		}
		return p, nil
	}
	subs, others, cells, err := j.sampleRows()
	if err != nil {
		return ident.Plan{}, err
	}
	country, needed, err := ident.InferPlan(subs, others)
	how := "inferred from " + j.path
	if err != nil {
		// the numbers fit several plans; the layout, one that only a
		// country's operators write (BSNL's "LRN of B-Party Number",
		// Verizon's "Seizure Dt Tm"), or else the country of its cells,
		// settles it when its plan is one of those that key every number
		hint, why, by := planHint(j.det.layout, cells)
		if !planCandidate(err, hint) {
			return ident.Plan{}, err
		}
		country, how = hint, how+"'s "+by+": "+why+"; its numbers fit "+hint+"'s plan"
	}
	if country == "" {
		return ident.Plan{}, nil
	}
	if !needed {
		how += " (every subscriber number written with country code " + mustPlan(country).CC + ")"
	}
	if err := j.setPlan(ctx, country, how); err != nil {
		return ident.Plan{}, err
	}
	j.det.notes = strings.TrimSpace(j.det.notes + " Numbering plan " + country + " " + how + ".")
	j.planHow = how
	j.country = country
	return mustPlan(country), nil
}

// declaredPlan is the plan the analyst or the case names for this file:
// --country (kept as the case's when the case has none; for this file
// alone, said in its notes, when the case has another), else the case's.
// decided is false when neither names one.
func (j *importJob) declaredPlan(ctx context.Context) (p ident.Plan, decided bool, err error) {
	have, source, err := numberingPlanOn(ctx, j.conn)
	if err != nil {
		return ident.Plan{}, false, err
	}
	if c := j.opts.Country; c != "" {
		want, ok := ident.PlanFor(c)
		if !ok {
			return ident.Plan{}, false, fmt.Errorf("--country %s: no numbering plan known for it (known: %s)", c, ident.Countries())
		}
		j.planHow = "--country " + want.Country
		switch {
		case have.Country == "":
			if err := j.setPlan(ctx, want.Country, "--country "+want.Country); err != nil {
				return ident.Plan{}, false, err
			}
		case have.Country != want.Country:
			j.planHow += " for this file; the case's plan stays " + have.Country + " (" + source + ")"
			j.det.notes = strings.TrimSpace(j.det.notes + " Numbers keyed under numbering plan " + want.Country +
				" (--country " + want.Country + "), not the case's " + have.Country + ".")
		}
		j.country = want.Country
		return want, true, nil
	}
	if have.Country != "" {
		j.planHow = "the case's, " + source
		j.country = have.Country
		return have, true, nil
	}
	return ident.Plan{}, false, nil
}

// planCandidate says err is InferPlan's refusal of numbers that several
// plans key differently, the plan of country among them.
func planCandidate(err error, country string) bool {
	var pe *ident.PlanError
	if country == "" || !errors.As(err, &pe) {
		return false
	}
	for _, c := range pe.Candidates {
		if c == country || c == "US" && country == "CA" {
			return true
		}
	}
	return false
}

func mustPlan(iso string) ident.Plan {
	p, _ := ident.PlanFor(iso)
	return p
}

func (j *importJob) setPlan(ctx context.Context, country, how string) error {
	for _, kv := range [][2]string{{infoCountry, country}, {infoCountrySource, how}} {
		if _, err := j.conn.ExecContext(ctx, "INSERT INTO case_info(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", kv[0], kv[1]); err != nil {
			return fmt.Errorf("%w: %w", errCaseFailed, err)
		}
	}
	return nil
}

// sampleRows reads the subscriber and other-party numbers of the file's
// first rows, as written, and their cells.
func (j *importJob) sampleRows() (subs, others, cells []string, err error) {
	var f io.ReadCloser
	if j.reopen != nil { // a sheet of a workbook: its text, not the file
		f, err = j.reopen()
	} else {
		f, err = openEvidence(j.path)
	}
	if err != nil {
		return nil, nil, nil, err
	}
	defer f.Close()
	r, err := j.det.decode(f)
	if err != nil {
		return nil, nil, nil, err
	}
	rd := evidence.NewReader(r, j.det.layout)
	written := func(digits, as string) string {
		if as != "" {
			return as
		}
		return digits
	}
	for n := 0; n < planSampleRows; {
		row, err := rd.Next()
		if err == io.EOF {
			break
		}
		var rowErr *evidence.RowError
		if errors.As(err, &rowErr) {
			continue
		}
		if err != nil {
			return nil, nil, nil, err
		}
		n++
		if j.det.layout.Kind == evidence.KindVoice {
			subs = append(subs, written(row.Voice.MSISDN, row.Voice.MSISDNAs))
			if row.Voice.Other != "" {
				others = append(others, written(row.Voice.Other, row.Voice.OtherAs))
			}
			cells = append(cells, row.Voice.Cell)
			continue
		}
		subs = append(subs, written(row.Data.MSISDN, row.Data.MSISDNAs))
		cells = append(cells, row.Data.Cell)
	}
	return subs, others, cells, nil
}

// planHint is what tells a file's country apart from its numbers: its
// layout, when only one country's operators write it (BSNL's "LRN of
// B-Party Number"), else its cells, when every one sampled is on one
// country's networks (ident.CellsCountry); by says which ("layout",
// "cells"). "" when neither tells.
func planHint(layout *evidence.Layout, cells []string) (iso, why, by string) {
	if iso, why = layout.Country(); iso != "" {
		return iso, why, "layout"
	}
	iso, why = ident.CellsCountry(cells)
	return iso, why, "cells"
}

// otherKey is the key of a voice record's other party, counting the
// numbers that get none.
func (p *producer) otherKey(v *evidence.VoiceRecord) string {
	if v.Other == "" {
		return ""
	}
	digits, plus := v.Other, false
	if v.OtherAs != "" {
		d, pl, ok := ident.SplitNumber(v.OtherAs)
		if !ok {
			return ""
		}
		digits, plus = d, pl
	}
	k, ok := p.dims.plan.Key(digits, plus)
	if !ok {
		if isDigits(digits) && len(digits) > 6 {
			p.unkeyedOthers++
			w := v.OtherAs
			if w == "" {
				w = v.Other
			}
			p.dims.noteWhy(w, digits, plus)
		}
		return ""
	}
	return k
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// keyNotes says, for the source's notes, how many numbers were kept with
// no key.
func (p *producer) keyNotes() string {
	var parts []string
	if n := p.dims.unkeyedSubs; n > 0 {
		parts = append(parts, analysis.Plural(n, "record", "records")+" whose subscriber number")
	}
	if n := p.unkeyedOthers; n > 0 {
		parts = append(parts, analysis.Plural(n, "record", "records")+" whose other party's number")
	}
	if len(parts) == 0 {
		return ""
	}
	plan := "no numbering plan (import with --country)"
	if p.dims.plan.Country != "" {
		plan = "numbering plan " + p.dims.plan.Country
	}
	s := fmt.Sprintf("%s could not be keyed under %s: kept as written, matched only as written.", strings.Join(parts, " and "), plan)
	if p.dims.why != "" {
		s += " Among them " + p.dims.why + "."
	}
	return s
}

// keysSentence says, for the import's result, which plan keyed the
// numbers and what could not be keyed.
func (p *producer) keysSentence() string {
	s := "numbers keyed without a numbering plan (only those written with their country code)"
	if c := p.dims.plan.Country; c != "" {
		s = "numbers keyed under numbering plan " + c
		if p.job.planHow != "" {
			s += " (" + p.job.planHow + ")"
		}
	}
	if n := p.keyNotes(); n != "" {
		s += "; " + strings.TrimSuffix(n, ".")
	}
	return s
}
