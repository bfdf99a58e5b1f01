package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"modelbench/workflow/data"
)

func init() {
	register(command{
		name:    "describe",
		summary: "print a table's inferred schema: types, roles, missing and unique counts",
		usage:   "describe FILE|--sample ID [--json] [options]",
		run:     runDescribe,
	})
}

// describeOutput is the JSON printed by "describe --json".
type describeOutput struct {
	File    string         `json:"file"`
	Rows    int            `json:"rows"`
	Columns []columnOutput `json:"columns"`
	Alerts  []alertOutput  `json:"alerts"`
	Issues  []data.Issue   `json:"issues,omitempty"`
}

type columnOutput struct {
	Name       string `json:"name"`
	Type       string `json:"type"`
	Label      string `json:"label"`
	Role       string `json:"role"`
	Missing    int    `json:"missing"`
	Unique     int    `json:"unique"`
	TypeReason string `json:"type_reason,omitempty"`
	RoleReason string `json:"role_reason,omitempty"`
}

type alertOutput struct {
	Kind     string `json:"kind"`
	Column   string `json:"column,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

func runDescribe(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "describe")
	var df dataFlags
	df.register(fs)
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	t, ref, err := df.load(ctx, pos, nil)
	if err != nil {
		return err
	}
	out := describeOutput{File: ref.Path, Rows: t.Frame.NumRows(), Alerts: []alertOutput{}, Issues: t.Issues}
	if ref.Sample != "" {
		out.File = "sample:" + ref.Sample
	}
	for _, f := range t.Schema.Fields {
		col, _ := t.Frame.Lookup(f.Name)
		out.Columns = append(out.Columns, columnOutput{Name: f.Name, Type: f.Kind.String(), Label: f.Label, Role: f.Role.String(),
			Missing: col.Missing(), Unique: uniqueCount(col), TypeReason: f.TypeReason, RoleReason: f.RoleReason})
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	printDescribe(env.Stdout, out)
	return nil
}

func printDescribe(w io.Writer, out describeOutput) {
	fmt.Fprintf(w, "%s: %d rows, %d columns\n\n", out.File, out.Rows, len(out.Columns))
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "COLUMN\tTYPE\tLOOKS LIKE\tROLE\tMISSING\tUNIQUE\tWHY")
	for _, c := range out.Columns {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%s\n", c.Name, c.Type, c.Label, c.Role, c.Missing, c.Unique, c.TypeReason)
	}
	tw.Flush()
	for _, is := range out.Issues {
		fmt.Fprintf(w, "%s: %s\n", is.Level, is.Text)
	}
}

// uniqueCount counts the distinct present values of a column.
func uniqueCount(c data.Column) int {
	switch col := c.(type) {
	case *data.CategoricalColumn:
		used := make([]bool, len(col.Levels()))
		n := 0
		for _, k := range col.Codes() {
			if k >= 0 && !used[k] {
				used[k] = true
				n++
			}
		}
		return n
	case *data.NumericColumn:
		seen := map[float64]struct{}{}
		for i, v := range col.Values() {
			if !col.IsMissing(i) {
				seen[v] = struct{}{}
			}
		}
		return len(seen)
	}
	seen := map[string]struct{}{}
	for i := 0; i < c.Len(); i++ {
		if !c.IsMissing(i) {
			seen[c.Format(i)] = struct{}{}
		}
	}
	return len(seen)
}
