package servebin

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func put(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("binary"), 0o755); err != nil {
		t.Fatal(err)
	}
}

func TestFind_Layouts(t *testing.T) {
	win := Target{"windows", "amd64"}
	lin := Target{"linux", "arm64"}
	cases := []struct {
		name   string
		exe    string   // relative to the temp root
		files  []string // binaries laid out, relative to the root
		env    string   // MODELBENCH_SERVE_DIR relative to the root, "" for unset
		target Target
		want   string // relative to the root, "" for not found
	}{
		{"windows folder", "app/modelbench.exe", []string{"app/serve/windows_amd64/modelbench-serve.exe"}, "", win, "app/serve/windows_amd64/modelbench-serve.exe"},
		{"linux tree", "usr/local/bin/modelbench", []string{"usr/local/lib/modelbench/serve/linux_arm64/modelbench-serve"}, "", lin, "usr/local/lib/modelbench/serve/linux_arm64/modelbench-serve"},
		{"mac bundle", "Modelbench.app/Contents/MacOS/modelbench", []string{"Modelbench.app/Contents/Resources/serve/linux_arm64/modelbench-serve"}, "", lin, "Modelbench.app/Contents/Resources/serve/linux_arm64/modelbench-serve"},
		{"source checkout", "src/modelbench", []string{"src/dist/serve/linux_arm64/modelbench-serve"}, "", lin, "src/dist/serve/linux_arm64/modelbench-serve"},
		{"environment first", "app/modelbench", []string{"app/serve/linux_arm64/modelbench-serve", "mine/linux_arm64/modelbench-serve"}, "mine", lin, "mine/linux_arm64/modelbench-serve"},
		{"other target only", "app/modelbench", []string{"app/serve/linux_amd64/modelbench-serve"}, "", lin, ""},
		{"windows needs .exe", "app/modelbench.exe", []string{"app/serve/windows_amd64/modelbench-serve"}, "", win, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			for _, f := range c.files {
				put(t, filepath.Join(root, f))
			}
			env := func(k string) string {
				if k == EnvDir && c.env != "" {
					return filepath.Join(root, c.env)
				}
				return ""
			}
			got, err := Find(c.target, filepath.Join(root, c.exe), env)
			if c.want == "" {
				if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), c.target.String()) {
					t.Fatalf("got %q, %v; want ErrNotFound naming %s", got, err, c.target)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if filepath.Clean(got) != filepath.Join(root, c.want) {
				t.Fatalf("got %s, want %s", got, c.want)
			}
		})
	}
}

func TestTargets_Names(t *testing.T) {
	var names []string
	for _, tg := range Targets {
		names = append(names, tg.String()+"/"+tg.FileName())
	}
	want := "linux_amd64/modelbench-serve linux_arm64/modelbench-serve windows_amd64/modelbench-serve.exe darwin_arm64/modelbench-serve"
	if got := strings.Join(names, " "); got != want {
		t.Fatalf("targets %q, want %q", got, want)
	}
}
