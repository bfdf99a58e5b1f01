package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"modelbench/workflow/deploy/pack"
)

func init() {
	register(command{
		name:    "package",
		summary: "write a project's deployment package: the model, its contract, the scoring servers, Docker, Kubernetes, OpenAPI and a README",
		usage:   "package PROJECT.mbproj --out DIR [--target linux/amd64,windows/amd64,...] [--zip] [--json]",
		run:     runPackage,
	})
}

// locateServers finds the prebuilt modelbench-serve binaries; the lead
// replaces it with workflow/deploy/servebin's locator at merge.
var locateServers = pack.AppLocator

func runPackage(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "package")
	out := fs.String("out", "", "the folder to write the package into (new, empty, or an earlier package, which is replaced); with --zip, the archive")
	targets := fs.String("target", "host", "platforms to carry the server for, comma-separated: linux/amd64, linux/arm64, windows/amd64, darwin/arm64, or host (this machine)")
	zip := fs.Bool("zip", false, "write one .zip archive instead of a folder")
	asJSON := fs.Bool("json", false, "print the package's manifest as JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *out == "" {
		return usageErr("--out DIR is required")
	}
	ts, err := pack.ParseTargets(*targets)
	if err != nil {
		return usageErr("--target: %v", err)
	}
	r, err := resumeChosen(ctx, pos, "package")
	if err != nil {
		return err
	}
	m, err := r.p.ExportPackage(ctx, *out, pack.Options{Targets: ts, Zip: *zip, Binary: locateServers()}, nil)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			Path string `json:"path"`
			*pack.Manifest
		}{m.Path, m}); err != nil {
			return err
		}
	} else {
		printPackage(env.Stdout, m)
	}
	for _, l := range m.LeftOut {
		fmt.Fprintf(env.Stderr, "note: %s\n", l)
	}
	if !m.Resources.Checked {
		return errors.New("the package's server does not predict as the model does: " + m.Resources.FirstMismatch)
	}
	return nil
}

// printPackage says what was written and what was measured.
func printPackage(w io.Writer, m *pack.Manifest) {
	var size int64
	for _, f := range m.Files {
		size += f.Bytes
	}
	fmt.Fprintf(w, "wrote %s: the %s model of %s %q (version %s), %d files, %.1f MB\n", m.Path, m.Learner, m.Task, m.Target, m.ModelVersion, len(m.Files)+1, float64(size)/1e6)
	var ts []string
	for _, t := range m.Targets {
		ts = append(ts, t.Target)
	}
	fmt.Fprintf(w, "servers: %s\n", strings.Join(ts, ", "))
	r := m.Resources
	fmt.Fprintf(w, "checked: the server's predictions equal the model's on %d %s rows\n", r.CheckedRows, r.CheckedPart)
	if !r.Checked {
		fmt.Fprintf(w, "CHECK FAILED: %d of %d rows differ (%s)\n", r.Mismatches, r.CheckedRows, r.FirstMismatch)
	}
	fmt.Fprintf(w, "model file %.1f kB; memory %.1f MiB loaded, %.1f MiB after %d requests (%s, %s); single-row latency %.3f ms median, %.3f ms p90\n",
		float64(r.ModelBytes)/1e3, float64(r.MemoryLoadedBytes)/(1<<20), float64(r.MemoryBytes)/(1<<20), r.LatencyRequests,
		r.MemorySource, r.MeasuredWith, r.LatencyMS, r.LatencyP90MS)
	fmt.Fprintf(w, "kubernetes: memory request %s, limit %s; cpu request %s, limit %s\n", m.Sizing.MemoryRequest, m.Sizing.MemoryLimit, m.Sizing.CPURequest, m.Sizing.CPULimit)
	for _, e := range m.Extras {
		switch {
		case e.Error != "":
			fmt.Fprintf(w, "%s: failed: %s\n", e.Name, e.Error)
		case !e.Supported:
			fmt.Fprintf(w, "%s: not for this model: %s\n", e.Name, e.Reason)
		default:
			fmt.Fprintf(w, "%s: %s (checked: %v)\n", e.Name, e.File, e.Checked)
		}
	}
}
