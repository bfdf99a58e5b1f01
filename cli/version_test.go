package cli

import (
	"os"
	"regexp"
	"testing"

	"modelbench/workflow"
)

// TestVersion_MatchesFyneApp keeps the version compiled into the code (what
// a plain `go build` shows) equal to FyneApp.toml's, which make package
// stamps into release builds.
func TestVersion_MatchesFyneApp(t *testing.T) {
	b, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^Version\s*=\s*"([^"]+)"`).FindSubmatch(b)
	if m == nil {
		t.Fatal("FyneApp.toml has no Version")
	}
	want := string(m[1])
	if Version != want || workflow.AppVersion != want {
		t.Fatalf("cli.Version %q, workflow.AppVersion %q, FyneApp.toml %q", Version, workflow.AppVersion, want)
	}
}
