package assets

import (
	"bufio"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestModules_MatchGoMod keeps licences.json equal to go.mod's require
// directives (run go run ./cmd/mblicences after changing go.mod).
func TestModules_MatchGoMod(t *testing.T) {
	f, err := os.Open("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	line := regexp.MustCompile(`^(?:require\s+)?([^\s()]+)\s+(v\S+)`)
	want := map[string]string{}
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		s := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(s, "require ("):
			in = true
		case in && s == ")":
			in = false
		case in || strings.HasPrefix(s, "require "):
			if m := line.FindStringSubmatch(s); m != nil {
				want[m[1]] = m[2]
			}
		}
	}
	got := map[string]string{}
	for _, m := range Modules() {
		if m.Licence == "" {
			t.Errorf("%s has no licence", m.Path)
		}
		got[m.Path] = m.Version
	}
	for p, v := range want {
		if got[p] != v {
			t.Errorf("go.mod requires %s %s; licences.json has %q (run go run ./cmd/mblicences)", p, v, got[p])
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("licences.json lists %s, which go.mod does not require", p)
		}
	}
	if len(want) < 10 {
		t.Fatalf("read only %d requirements from go.mod", len(want))
	}
}
