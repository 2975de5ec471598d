package clickhouse

import (
	"fmt"

	"github.com/cdrtui/cdrtui/internal/evidence"
	"github.com/cdrtui/cdrtui/internal/store"
)

// keptKinds are the kinds of evidence a ClickHouse case keeps: the
// operator records its tables hold. Cell sites and base layers come by
// ImportSites.
var keptKinds = map[string]bool{string(evidence.KindData): true, string(evidence.KindVoice): true}

// refuseUnkept turns the results of staged sources a ClickHouse case does
// not keep (a seized PBX's artefacts, a disk image's zone files) into
// refusals that name what to do, and returns their staged ids, which are
// not copied: such a file is said not imported, never counted in a case
// that cannot show it.
func refuseUnkept(results []store.FileResult) map[int64]bool {
	refused := map[int64]bool{}
	for i := range results {
		r := &results[i]
		if r.SourceID == 0 || keptKinds[r.Kind] {
			continue
		}
		refused[r.SourceID] = true
		r.Error = fmt.Sprintf("%s: a ClickHouse case keeps operator records (IPDR, voice CDRs) and cell sites, not these yet (PBX artefacts and a seized host's files stay in a local case: cdrtui import CASE.db FILE)", r.Kind)
		r.Rows, r.Rejected, r.Dropped, r.SourceID = 0, 0, 0, 0
	}
	return refused
}
