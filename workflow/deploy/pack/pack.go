package pack

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

// Input is what a package is made of: the chosen model and the rows and
// numbers that describe it.
type Input struct {
	// Artifact is the chosen model with its fitted preparation (required).
	Artifact *artifact.Artifact
	// Train are the raw rows the model learnt from (at least its input
	// columns; the target too for the baseline's predictions to mean
	// anything): the contract's ranges and levels and the drift baseline
	// are taken from them (required).
	Train *data.Frame
	// Profiled names the input columns the drift baseline profiles (nil:
	// every input column). Leave out identifiers and other columns the
	// preparation drops: they differ in every window and would always
	// "drift".
	Profiled []string
	// Check are rows the server's predictions are compared with the
	// app's on, and the example request's rows come from: the test rows.
	// CheckPart names them ("test"). Nil checks on the first rows of
	// Train instead (CheckPart "training").
	Check     *data.Frame
	CheckPart string
	// Validation and Test are the model's scores by metric name
	// (workflow/eval/metrics' names); Metric is the metric it was chosen
	// by. Either map may be nil; metrics.json holds what there is and is
	// not written when both are empty. LeftOut says, for people, what is
	// missing and why ("no test metrics: not evaluated on the test rows").
	Validation map[string]float64
	Test       map[string]float64
	Metric     string
	LeftOut    []string
	// Name is the model's short name: the package turns it into a
	// Kubernetes name and the Open Inference Protocol's model name
	// (lower case, digits and hyphens; "model" when empty). Title is how
	// people call it (default: Name).
	Name, Title string
	// Purpose says what the predictions are for and IntendedUse who may
	// use them how (the Deploy step's answers); empty ones are left out of
	// the README.
	Purpose, IntendedUse string
	// Source names the data the model learnt from ("sample:titanic",
	// a file).
	Source string
	// AppVersion is Modelbench's version, recorded in the manifest.
	AppVersion string
}

// Options say what to put in the package and where to find the servers.
type Options struct {
	// Targets are the platforms to carry the server for; empty is the
	// machine's own (Host).
	Targets []Target
	// Zip writes one .zip archive (out, with .zip added when missing)
	// instead of a folder.
	Zip bool
	// Binary finds the prebuilt modelbench-serve for each target
	// (required).
	Binary Locator
	// Extras are further exports of the model (ONNX, PMML, a
	// reproduction script) written when they support it.
	Extras []Extra
	// LatencyRequests is how many single-row requests the latency is the
	// median of (default 50).
	LatencyRequests int
	// Port is the port the container and the Kubernetes Service use
	// (default 8080).
	Port int
	// Now is the export's time (default: the current time).
	Now time.Time
}

// Errors of Write that callers may want to tell apart.
var (
	ErrNoModel  = errors.New("no model is chosen")
	ErrNoBinary = errors.New("no modelbench-serve binary")
)

// The package's files.
const (
	ManifestFile        = "manifest.json"
	OpenAPIFile         = "openapi.yaml"
	ExampleRequestFile  = "example-request.json"
	ExampleResponseFile = "example-response.json"
	ReadmeFile          = "README.md"
	DockerFile          = "Dockerfile"
	DockerIgnoreFile    = ".dockerignore"
	DeploymentFile      = "k8s/deployment.yaml"
	ServiceFile         = "k8s/service.yaml"
	HPAFile             = "k8s/hpa.yaml"
)

// exampleRows is how many rows example-request.json holds.
const exampleRows = 3

// Write writes the deployment package of in to out: a folder, or with
// opt.Zip the archive out(.zip). It runs the package's own server for
// this machine on 127.0.0.1 to measure its memory and latency and to
// check its predictions against the app's (see Resources), so it takes a
// few seconds. A folder out must not exist, be empty, or hold an earlier
// package (which is replaced); nothing is left half-written when Write
// fails. Errors: ErrNoModel without an artifact, ErrTarget for a
// platform a package cannot carry, ErrNoBinary (with the target and
// where the locator looked) for a server that cannot be found; others
// name the file or step that failed. Progress runs from 0 to 1; a
// cancelled ctx returns ctx.Err(). Write is safe to call concurrently
// for different outputs.
func Write(ctx context.Context, in *Input, out string, opt Options, report progress.Func) (*Manifest, error) {
	if err := checkInput(in, out, "exporting a package", "the package"); err != nil {
		return nil, err
	}
	opt = opt.withDefaults()
	for _, t := range opt.Targets {
		if !t.supported() {
			return nil, fmt.Errorf("%w %s: a package can carry the server for %s", ErrTarget, t, targetList())
		}
	}
	bins, err := locate(opt)
	if err != nil {
		return nil, err
	}
	final := out
	if opt.Zip && !strings.HasSuffix(strings.ToLower(final), ".zip") {
		final += ".zip"
	}
	if err := checkOut(final, opt.Zip); err != nil {
		return nil, err
	}
	parent := filepath.Dir(final)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	root, err := os.MkdirTemp(parent, ".modelbench-package-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(root)
	if err := os.Chmod(root, 0o755); err != nil { // MkdirTemp makes it private
		return nil, err
	}
	w := &writer{in: in, opt: opt, root: root, bins: bins, report: report}
	m, err := w.write(ctx)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	report.Send(0.97, "finishing the package")
	if opt.Zip {
		if err := zipFolder(root, final); err != nil {
			return nil, err
		}
	} else if err := replace(root, final); err != nil {
		return nil, err
	}
	m.Path = final
	report.Send(1, "done")
	return m, nil
}

func (o Options) withDefaults() Options {
	if len(o.Targets) == 0 {
		o.Targets = []Target{Host()}
	}
	if o.LatencyRequests <= 0 {
		o.LatencyRequests = 50
	}
	if o.Port <= 0 {
		o.Port = 8080
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	return o
}

// locate finds and checks every target's binary.
func locate(opt Options) (map[Target]string, error) {
	if opt.Binary == nil {
		return nil, fmt.Errorf("%w: no way to find the prebuilt servers was given", ErrNoBinary)
	}
	bins := map[Target]string{}
	for _, t := range opt.Targets {
		p, err := opt.Binary(t.OS, t.Arch)
		if err != nil {
			return nil, fmt.Errorf("%w for %s: %v", ErrNoBinary, t, err)
		}
		if err := checkBinary(p, t); err != nil {
			return nil, fmt.Errorf("%w for %s: %v", ErrNoBinary, t, err)
		}
		bins[t] = p
	}
	return bins, nil
}

// checkOut refuses to overwrite what is not an earlier package.
func checkOut(out string, zip bool) error {
	st, err := os.Stat(out)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if zip {
		if st.IsDir() {
			return fmt.Errorf("%s is a folder; choose another name for the archive", out)
		}
		return nil // an archive is replaced
	}
	if !st.IsDir() {
		return fmt.Errorf("%s is a file, not a folder", out)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(out, ManifestFile)); err != nil {
		return fmt.Errorf("%s is a folder that holds other files and no earlier package; choose an empty or new folder", out)
	}
	return nil
}

// replace moves the written folder to out, replacing an earlier package.
func replace(root, out string) error {
	if _, err := os.Stat(out); err == nil {
		old := out + ".old-" + filepath.Base(root)
		if err := os.Rename(out, old); err != nil {
			return fmt.Errorf("replacing the earlier package in %s: %w", out, err)
		}
		if err := os.Rename(root, out); err != nil {
			_ = os.Rename(old, out)
			return err
		}
		return os.RemoveAll(old)
	}
	return os.Rename(root, out)
}

var slugRE = regexp.MustCompile(`[^a-z0-9]+`)

// slug turns a name into a DNS label (RFC 1123): lower case letters,
// digits and hyphens, at most 40 characters, "model" when nothing is left.
func slug(name string) string {
	s := strings.Trim(slugRE.ReplaceAllString(strings.ToLower(name), "-"), "-")
	if len(s) > 40 {
		s = strings.TrimRight(s[:40], "-")
	}
	if s == "" || s[0] < 'a' {
		s = "model-" + s
		s = strings.TrimRight(s, "-")
	}
	return s
}
