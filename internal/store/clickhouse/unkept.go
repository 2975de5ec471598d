package clickhouse

import (
	"fmt"

	"github.com/cdrtui/cdrtui/internal/evidence"
	"github.com/cdrtui/cdrtui/internal/store"
)

// keptKinds are the kinds of evidence a ClickHouse case keeps as records:
// the operator records its sharded tables hold. A seized PBX's artefacts
// (store.PBXKinds) are kept whole beside them (pbx.go); cell-site lists
// (store.KindCells), which `import --cells` reads among the evidence, are
// copied into the cell-site table as ImportSites copies them; base layers
// come by ImportSites only.
var keptKinds = map[string]bool{string(evidence.KindData): true, string(evidence.KindVoice): true}

// refuseUnkept turns the results of staged sources a ClickHouse case does
// not keep (a kind neither of operator records nor of a PBX's artefacts:
// none the import reads today, but a kind added to the local import is
// refused here until the cluster keeps it) into refusals that name what to
// do, and returns their staged ids, which are not copied: such a file is
// said not imported, never counted in a case that cannot show it.
func refuseUnkept(results []store.FileResult) map[int64]bool {
	refused := map[int64]bool{}
	for i := range results {
		r := &results[i]
		if r.SourceID == 0 || keptKinds[r.Kind] || store.PBXKinds[r.Kind] || r.Kind == store.KindCells {
			continue
		}
		refused[r.SourceID] = true
		r.Error = fmt.Sprintf("%s: a ClickHouse case keeps operator records (IPDR, voice CDRs) and a seized PBX's artefacts, not these yet (they stay in a local case: cdrtui import CASE.db FILE)", r.Kind)
		r.Rows, r.Rejected, r.Dropped, r.SourceID = 0, 0, 0, 0
	}
	return refused
}
