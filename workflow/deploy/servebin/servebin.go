package servebin

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// EnvDir is the environment variable that names a serve folder to use
// instead of the one beside the app: it holds <os>_<arch>/ sub-folders.
const EnvDir = "MODELBENCH_SERVE_DIR"

// Target is one system the scoring service is built for.
type Target struct {
	OS, Arch string // GOOS and GOARCH values
}

// Targets are the systems make package builds modelbench-serve for.
var Targets = []Target{{"linux", "amd64"}, {"linux", "arm64"}, {"windows", "amd64"}, {"darwin", "arm64"}}

// String returns "os_arch", the target's folder name.
func (t Target) String() string { return t.OS + "_" + t.Arch }

// FileName is the binary's name on the target: modelbench-serve, with .exe
// for Windows.
func (t Target) FileName() string {
	if t.OS == "windows" {
		return "modelbench-serve.exe"
	}
	return "modelbench-serve"
}

// ErrNotFound is wrapped by Find when no folder holds the binary.
var ErrNotFound = errors.New("modelbench-serve binary not found")

// Dirs returns the serve folders Find looks in, in order, for an app whose
// executable is exe: $MODELBENCH_SERVE_DIR when set; serve/ beside the
// executable (an unpacked Windows folder); ../lib/modelbench/serve (the
// Linux tree usr/local/bin + usr/local/lib); ../Resources/serve (inside a
// macOS .app bundle); dist/serve beside the executable (a source checkout
// after make package). env looks a variable up (os.Getenv when nil).
func Dirs(exe string, env func(string) string) []string {
	if env == nil {
		env = os.Getenv
	}
	var dirs []string
	if d := strings.TrimSpace(env(EnvDir)); d != "" {
		dirs = append(dirs, d)
	}
	if exe != "" {
		base := filepath.Dir(exe)
		dirs = append(dirs,
			filepath.Join(base, "serve"),
			filepath.Join(base, "..", "lib", "modelbench", "serve"),
			filepath.Join(base, "..", "Resources", "serve"),
			filepath.Join(base, "dist", "serve"),
		)
	}
	return dirs
}

// Find returns the path of the modelbench-serve binary for t, looking in
// Dirs(exe, env) in order; the first regular file found wins. The error
// wraps ErrNotFound and names every place looked at.
func Find(t Target, exe string, env func(string) string) (string, error) {
	dirs := Dirs(exe, env)
	var looked []string
	for _, d := range dirs {
		p := filepath.Join(d, t.String(), t.FileName())
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p, nil
		}
		looked = append(looked, p)
	}
	return "", fmt.Errorf("%w for %s (looked at %s; build it with make package, or set %s)", ErrNotFound, t, strings.Join(looked, ", "), EnvDir)
}

// FindForApp is Find for the running program's own executable.
func FindForApp(t Target) (string, error) {
	exe, err := os.Executable()
	if err != nil {
		exe = ""
	} else if r, err := filepath.EvalSymlinks(exe); err == nil {
		exe = r
	}
	return Find(t, exe, nil)
}
