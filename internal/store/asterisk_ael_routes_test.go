package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit"
)

// An AEL dial plan's globals { OUTBOUND-TRUNK=SIP/skynet; } are kept as
// extensions.conf's [globals] are, so its Dial(${OUTBOUND-TRUNK}/${EXTEN})
// is an outbound route through SIP/skynet (a peer sip.conf defines). By
// hand: context outbound's _00X. strips 2 at line 9 through
// ${OUTBOUND-TRUNK} = SIP/skynet; _9NXX. strips 1 at line 9 through
// ${BACKUP} = IAX2/backupco (iax.conf's peer, line 10); internal's _2XX
// dials an extension, no route; line 11's ${UNSET}/${EXTEN:1} names no
// trunk and is no route. The globals are in ast_conf's globals of kind extensions with
// their lines (2 and 3).
func TestAELGlobalsRoutes(t *testing.T) {
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{
		"etc/asterisk/sip.conf": "[general]\ncontext=default\n\n[skynet]\ntype=peer\nhost=sip.skynet.example\n",
		"etc/asterisk/iax.conf": "[general]\n\n[backupco]\ntype=peer\nhost=iax.backupco.example\n",
		"etc/asterisk/extensions.ael": "globals {\n" + // 1
			"\tOUTBOUND-TRUNK=SIP/skynet;\n" + // 2
			"\tBACKUP = IAX2/backupco ;\n" + // 3
			"};\n" + // 4
			"context internal {\n" + // 5
			"\t_2XX => Dial(SIP/${EXTEN},20);\n" + // 6
			"};\n" + // 7
			"context outbound {\n" + // 8
			"\t_00X. => Dial(${OUTBOUND-TRUNK}/${EXTEN:2},60);\n" + // 9
			"\t_9NXX. => Dial(${BACKUP}/${EXTEN:1});\n" + // 10
			"\t_8X. => Dial(${UNSET}/${EXTEN:1});\n" + // 11
			"};\n", // 12
	})
	st := openTemp(t)
	ctx := context.Background()
	if _, err := st.Import(ctx, []string{root}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	routes, err := st.PBXRoutes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range routes {
		got = append(got, fmt.Sprintf("%s %s %d %s %s", r.Context, r.Pattern, r.Strip, r.Trunk, filepath.Base(r.Where)))
	}
	want := []string{
		"outbound _00X. 2 SIP/skynet extensions.ael:9",
		"outbound _9NXX. 1 IAX2/backupco extensions.ael:10",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("routes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var kept []string
	rows, err := st.db.QueryContext(ctx, `SELECT key, value, line FROM ast_conf WHERE file_kind = 'extensions' AND section = 'globals' ORDER BY line`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		var line int64
		if err := rows.Scan(&k, &v, &line); err != nil {
			t.Fatal(err)
		}
		kept = append(kept, fmt.Sprintf("%s=%s@%d", k, v, line))
	}
	if strings.Join(kept, " ") != "OUTBOUND-TRUNK=SIP/skynet@2 BACKUP=IAX2/backupco@3" {
		t.Errorf("globals kept: %v", kept)
	}
}
