package main

import (
	"strings"
	"testing"
)

// trends --app of an application with no port of its own (Apple push is
// only another reading of ports given to others) says "(ports none)", not
// "(ports )", above the note that nothing is counted.
func TestTrendsAppWithoutPortsText(t *testing.T) {
	casePath, _ := flagsCase(t)
	out := runOK(t, "trends", casePath, flagsA, "--app", "Apple push (APNs)")
	if !strings.HasPrefix(out, "Apple push (APNs) (ports none), hours of the wall clock") || !strings.Contains(out, "so no record is counted") {
		t.Errorf("trends of an application without ports:\n%s", out)
	}
}
