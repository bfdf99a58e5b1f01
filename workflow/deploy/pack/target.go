package pack

import (
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"errors"
	"fmt"
	"modelbench/workflow/deploy/servebin"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
)

// Target is a platform the scoring server is packaged for, as Go names
// it (GOOS and GOARCH).
type Target struct {
	OS, Arch string
}

// Targets are the platforms a package can carry: the ones `make package`
// builds modelbench-serve for.
var Targets = []Target{{"linux", "amd64"}, {"linux", "arm64"}, {"windows", "amd64"}, {"darwin", "arm64"}}

// Host is the machine's own platform.
func Host() Target { return Target{runtime.GOOS, runtime.GOARCH} }

// String is "os/arch".
func (t Target) String() string { return t.OS + "/" + t.Arch }

// Dir is the target's folder in a package: bin/<os>_<arch>.
func (t Target) Dir() string { return "bin/" + t.OS + "_" + t.Arch }

// BinaryName is the server's file name on the target.
func (t Target) BinaryName() string {
	if t.OS == "windows" {
		return ServerName + ".exe"
	}
	return ServerName
}

// Binary is the server's path in a package, with forward slashes.
func (t Target) Binary() string { return t.Dir() + "/" + t.BinaryName() }

// ServerName is the scoring server's program name.
const ServerName = "modelbench-serve"

// supported reports whether t is one of Targets.
func (t Target) supported() bool { return slices.Contains(Targets, t) }

// ErrTarget is the error of a platform a package cannot carry.
var ErrTarget = errors.New("unknown target")

// ParseTargets reads a comma-separated list of targets ("linux/amd64,
// windows/amd64", "linux_arm64" too); "host" is the machine's own.
// Repeats are dropped. An empty list is the host alone. A platform outside Targets is an error
// wrapping ErrTarget that lists the ones there are.
func ParseTargets(list string) ([]Target, error) {
	var out []Target
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		t := Host()
		if item != "host" {
			os, arch, ok := strings.Cut(strings.ReplaceAll(item, "_", "/"), "/")
			if !ok {
				return nil, fmt.Errorf("%w %q: write os/arch, one of %s", ErrTarget, item, targetList())
			}
			t = Target{strings.ToLower(os), strings.ToLower(arch)}
		}
		if !t.supported() {
			return nil, fmt.Errorf("%w %q: a package can carry the server for %s", ErrTarget, item, targetList())
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		if h := Host(); !h.supported() {
			return nil, fmt.Errorf("%w: this machine is %s, which a package cannot carry; choose among %s", ErrTarget, h, targetList())
		}
		out = []Target{Host()}
	}
	return out, nil
}

func targetList() string {
	names := make([]string, len(Targets))
	for i, t := range Targets {
		names[i] = t.String()
	}
	return strings.Join(names, ", ")
}

// Locator finds the prebuilt modelbench-serve binary for a platform and
// returns its path. When there is none, its error says where it looked.
// The desktop app's locator looks beside the app (workflow/deploy/servebin).
type Locator func(goos, goarch string) (path string, err error)

// EnvServeDir is the environment variable that names a folder of
// prebuilt servers, one <os>_<arch> folder per platform.
const EnvServeDir = "MODELBENCH_SERVE_DIR"

// DirLocator looks for <dir>/<os>_<arch>/modelbench-serve[.exe] in each
// of dirs in turn, after the folder EnvServeDir names when it is set.
// Empty entries are skipped. Its error lists every path it tried.
func DirLocator(dirs ...string) Locator {
	return func(goos, goarch string) (string, error) {
		t := Target{goos, goarch}
		var tried []string
		all := append([]string{os.Getenv(EnvServeDir)}, dirs...)
		for _, d := range all {
			if d == "" {
				continue
			}
			p := filepath.Join(d, goos+"_"+goarch, t.BinaryName())
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				return p, nil
			}
			tried = append(tried, p)
		}
		if len(tried) == 0 {
			return "", fmt.Errorf("no folder of prebuilt servers is known (set %s to a folder with %s_%s/%s)", EnvServeDir, goos, goarch, t.BinaryName())
		}
		return "", fmt.Errorf("no prebuilt %s for %s/%s in %s (build them with `make package`, or set %s)", ServerName, goos, goarch, strings.Join(tried, ", "), EnvServeDir)
	}
}

// checkBinary verifies that the file at path is an executable for t, by
// its header (ELF, PE or Mach-O, and the machine).
func checkBinary(path string, t Target) error {
	got, err := binaryTarget(path)
	if err != nil {
		return fmt.Errorf("%s is not a %s executable: %w", path, t, err)
	}
	if got != t {
		return fmt.Errorf("%s is an executable for %s, not %s", path, got, t)
	}
	return nil
}

// binaryTarget reads an executable's platform from its header.
func binaryTarget(path string) (Target, error) {
	if f, err := elf.Open(path); err == nil {
		defer f.Close()
		switch f.Machine {
		case elf.EM_X86_64:
			return Target{"linux", "amd64"}, nil
		case elf.EM_AARCH64:
			return Target{"linux", "arm64"}, nil
		}
		return Target{"linux", strings.ToLower(strings.TrimPrefix(f.Machine.String(), "EM_"))}, nil
	}
	if f, err := pe.Open(path); err == nil {
		defer f.Close()
		switch f.Machine {
		case pe.IMAGE_FILE_MACHINE_AMD64:
			return Target{"windows", "amd64"}, nil
		case pe.IMAGE_FILE_MACHINE_ARM64:
			return Target{"windows", "arm64"}, nil
		}
		return Target{"windows", fmt.Sprintf("machine %#x", f.Machine)}, nil
	}
	if f, err := macho.Open(path); err == nil {
		defer f.Close()
		switch f.Cpu {
		case macho.CpuArm64:
			return Target{"darwin", "arm64"}, nil
		case macho.CpuAmd64:
			return Target{"darwin", "amd64"}, nil
		}
		return Target{"darwin", strings.ToLower(f.Cpu.String())}, nil
	}
	return Target{}, errors.New("it is not an ELF, PE or Mach-O executable")
}

// AppLocator finds the prebuilt servers the way the desktop app ships
// them (workflow/deploy/servebin: MODELBENCH_SERVE_DIR, serve/ beside the
// program, the Linux and macOS install trees, dist/serve beside it), then
// dist/serve/ in the working directory (a checkout after make package).
func AppLocator() Locator {
	cwd := DirLocator(filepath.Join("dist", "serve"))
	return func(goos, goarch string) (string, error) {
		path, err := servebin.FindForApp(servebin.Target{OS: goos, Arch: goarch})
		if err == nil {
			return path, nil
		}
		if p, err2 := cwd(goos, goarch); err2 == nil {
			return p, nil
		}
		return "", err
	}
}
