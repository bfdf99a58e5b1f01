package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"modelbench/workflow"
	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
)

// openProject returns the Project a command works on, so the command line
// goes through the same stages as the window: the saved project named by
// projectPath (with its own data unless FILE or --sample is given), or a
// new project on FILE. --role and --target are applied through the
// project, so they are recorded as the user's choices.
func openProject(ctx context.Context, df *dataFlags, pos []string, projectPath string) (*workflow.Project, error) {
	var p *workflow.Project
	if projectPath != "" {
		var err error
		if p, err = workflow.Open(ctx, projectPath, nil); err != nil {
			return nil, err
		}
		if len(pos) == 0 && df.sample == "" {
			if p.Table() == nil {
				return nil, fmt.Errorf("%s: the project's data could not be read: %s", projectPath, p.Error(workflow.StageData))
			}
			return p, applyRoles(p, df)
		}
	} else {
		p = workflow.New()
	}
	ref, err := df.ref(pos)
	if err != nil {
		return nil, err
	}
	// Paths on the command line are relative to the working folder, not to
	// the project file's.
	ref.Path = absPath(ref.Path)
	if ref.Source != nil {
		ref.Source.Path = absPath(ref.Source.Path)
	}
	if err := p.LoadData(ctx, ref, nil); err != nil {
		return nil, err
	}
	return p, applyRoles(p, df)
}

// applyRoles applies --role NAME=ROLE, --target NAME and --keep NAME to
// the project.
func applyRoles(p *workflow.Project, df *dataFlags) error {
	roles := append([]string(nil), df.roles...)
	if df.target != "" {
		roles = append(roles, df.target+"=target")
	}
	for _, r := range roles {
		name, role, ok := strings.Cut(r, "=")
		if !ok {
			return usageErr("--role must be NAME=ROLE, not %q", r)
		}
		rl, err := data.ParseRole(role)
		if err != nil {
			return usageErr("--role %s: %v", r, err)
		}
		if err := p.SetColumnRole(name, rl, "given on the command line"); err != nil {
			return fmt.Errorf("--role %s: %w (columns: %s)", r, err, strings.Join(p.Table().Frame.Names(), ", "))
		}
	}
	for _, name := range df.keep {
		if err := p.SetColumnRole(name, data.Feature, "kept as a feature on the command line (--keep)"); err != nil {
			return fmt.Errorf("--keep %s: %w (columns: %s)", name, err, strings.Join(p.Table().Frame.Names(), ", "))
		}
	}
	return nil
}

// projectTarget returns the project's target column and its task, or a
// usage error listing the columns when there is none.
func projectTarget(p *workflow.Project) (string, model.Task, error) {
	t := p.Table()
	target, ok := t.Schema.Target()
	if !ok {
		return "", 0, usageErr("--target COL is required (columns: %s)", strings.Join(t.Frame.Names(), ", "))
	}
	c, _ := t.Frame.Lookup(target)
	return target, model.InferTask(c), nil
}

// splitFor is the split a command asks for: test holds out that share of
// the rows (stratified by class for classification), the rest is for
// learning; test 0 learns from every row.
func splitFor(task model.Task, test float64, seed uint64) prep.SplitSpec {
	s := prep.SplitSpec{Method: prep.SplitRandom, Train: 1 - test, Test: test, Seed: seed}
	if task == model.Classification {
		s.Method = prep.SplitStratified
	}
	return s
}

// dataName says where the project's data came from, for outputs.
func dataName(p *workflow.Project) string {
	if ref := p.Document().Data; ref != nil {
		return sourceName(*ref)
	}
	return ""
}

func absPath(path string) string {
	if path == "" || filepath.IsAbs(path) || strings.Contains(path, "://") {
		return path
	}
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}
