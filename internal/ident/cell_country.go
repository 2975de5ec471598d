package ident

import (
	"slices"
	"strings"
)

// CellsCountry names the one country (ISO code, of a numbering plan cdrtui
// knows) whose networks serve every cell among cells that ParseCell reads,
// and why ("every cell sampled is on Bangladesh's networks (MCC 470)");
// "" when no cell reads, or the cells are on several countries' networks
// or a country with no plan. An operator writes the numbers of its
// returns in its own country's plan, and its cells carry that country's
// MCC: a file whose numbers fit two plans (Bangladesh's 01711000001 is
// also an Indian landline, 0171 1000001) is settled by where its cells
// are.
func CellsCountry(cells []string) (iso, why string) {
	var mccs []string
	for _, c := range cells {
		if c == "" {
			continue
		}
		cell, ok := ParseCell(c)
		if !ok {
			continue
		}
		country := mccISO(cell.MCC)
		if country == "" {
			return "", ""
		}
		if iso != "" && country != iso {
			return "", ""
		}
		iso = country
		if !slices.Contains(mccs, cell.MCC) {
			mccs = append(mccs, cell.MCC)
		}
	}
	if iso == "" {
		return "", ""
	}
	slices.Sort(mccs)
	name := MCCCountry(mccs[0])
	if name == "" {
		name = iso
	}
	return iso, "every cell sampled is on " + name + "'s networks (MCC " + strings.Join(mccs, ", ") + ")"
}

// mccISO is the ISO code of the country of a mobile country code among
// the plans' (isoMCCs), "" when none; Canada's 302 is CA, whose numbers
// key as the US's.
func mccISO(mcc string) string {
	for iso, list := range isoMCCs {
		if slices.Contains(list, mcc) {
			return iso
		}
	}
	return ""
}
