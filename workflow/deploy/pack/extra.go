package pack

import (
	"context"
	"fmt"
	"path/filepath"

	"modelbench/workflow/artifact"
)

// Extra is a further export of the model that a package may carry: ONNX
// (model.onnx), PMML (model.pmml), a script that reproduces the training
// (reproduce.py). The exporters live in their own packages; Write calls
// Supports, and Write when it returns nil.
type Extra struct {
	// Name identifies the export ("onnx", "pmml", "reproduce").
	Name string
	// Supports returns nil when the export can describe a exactly, or an
	// error saying why not (a learner or preparation step it cannot
	// express). Nil means it supports every model.
	Supports func(a *artifact.Artifact) error
	// Write writes the export into the package folder dir and returns the
	// file it wrote (a path in dir, or relative to it) and whether its predictions were
	// checked against the app's and agreed.
	Write func(ctx context.Context, a *artifact.Artifact, dir string) (path string, checked bool, err error)
}

// ExtraEntry is what the manifest says about one extra: whether it
// supports the chosen model (and why not), the file it wrote and whether
// that file's predictions were checked.
type ExtraEntry struct {
	Name      string `json:"name"`
	Supported bool   `json:"supported"`
	Reason    string `json:"reason,omitempty"`
	File      string `json:"file,omitempty"`
	Checked   bool   `json:"checked"`
	// Error is why a supported export failed to write (the package is
	// written without it).
	Error string `json:"error,omitempty"`
}

// writeExtras runs every extra on a into root.
func writeExtras(ctx context.Context, extras []Extra, a *artifact.Artifact, root string) ([]ExtraEntry, error) {
	var out []ExtraEntry
	for _, x := range extras {
		e := ExtraEntry{Name: x.Name, Supported: true}
		if x.Supports != nil {
			if err := x.Supports(a); err != nil {
				e.Supported, e.Reason = false, err.Error()
				out = append(out, e)
				continue
			}
		}
		if x.Write == nil {
			e.Supported, e.Reason = false, "the export has no writer"
			out = append(out, e)
			continue
		}
		path, checked, err := x.Write(ctx, a, root)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if err != nil {
			e.Error = err.Error()
			out = append(out, e)
			continue
		}
		if !filepath.IsAbs(path) {
			path = filepath.Join(root, path)
		}
		rel, rerr := filepath.Rel(root, path)
		if rerr != nil || !filepath.IsLocal(rel) {
			return nil, fmt.Errorf("the %s export wrote %s, outside the package", x.Name, path)
		}
		e.File, e.Checked = filepath.ToSlash(rel), checked
		out = append(out, e)
	}
	return out, nil
}
