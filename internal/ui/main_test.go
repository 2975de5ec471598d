package ui

import (
	"os"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// TestMain removes the cases the tests shared (casekit.SharedCase) once
// they have run.
func TestMain(m *testing.M) {
	code := m.Run()
	casekit.RemoveShared()
	os.Exit(code)
}
