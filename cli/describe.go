package cli

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"modelbench/workflow/data"
	"modelbench/workflow/eda"
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
	File       string         `json:"file"`
	Rows       int            `json:"rows"`
	Target     string         `json:"target,omitempty"`
	Task       string         `json:"task,omitempty"`
	Columns    []columnOutput `json:"columns"`
	Alerts     []eda.Alert    `json:"alerts"`
	Duplicates int            `json:"duplicate_rows"`
	Issues     []data.Issue   `json:"issues,omitempty"`
}

// columnOutput is one column: the Explore statistics plus the reasons for
// its inferred type and role.
type columnOutput struct {
	eda.ColumnStats
	TypeReason string `json:"type_reason,omitempty"`
	RoleReason string `json:"role_reason,omitempty"`
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
	p, err := openProject(ctx, &df, pos, "")
	if err != nil {
		return err
	}
	rep, err := p.RunExplore(ctx, nil)
	if err != nil {
		return err
	}
	t := p.Table()
	out := describeOutput{File: dataName(p), Rows: rep.Rows, Target: rep.Target, Task: rep.Task, Alerts: rep.Alerts,
		Duplicates: rep.Duplicates.Count, Issues: t.Issues}
	if out.Alerts == nil {
		out.Alerts = []eda.Alert{}
	}
	for _, st := range rep.Columns {
		f, _ := t.Schema.Field(st.Name)
		out.Columns = append(out.Columns, columnOutput{ColumnStats: st, TypeReason: f.TypeReason, RoleReason: f.RoleReason})
	}
	if *asJSON {
		return printJSON(env.Stdout, out)
	}
	printDescribe(env.Stdout, out)
	return nil
}

func printDescribe(w io.Writer, out describeOutput) {
	fmt.Fprintf(w, "%s: %d rows, %d columns\n\n", out.File, out.Rows, len(out.Columns))
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "COLUMN\tTYPE\tLOOKS LIKE\tROLE\tMISSING\tUNIQUE\tMEAN / TOP\tWHY")
	for _, c := range out.Columns {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%s\t%s\n", c.Name, c.Type, c.Label, c.Role, c.Missing, c.Unique, centre(c.ColumnStats), c.TypeReason)
	}
	tw.Flush()
	if len(out.Alerts) > 0 {
		fmt.Fprintf(w, "\n%d alerts:\n", len(out.Alerts))
		for _, a := range out.Alerts {
			fmt.Fprintf(w, "  [%s] %s\n", a.Severity, a.Message)
		}
	}
	for _, is := range out.Issues {
		fmt.Fprintf(w, "%s: %s\n", is.Level, is.Text)
	}
}

// centre is the mean of a number or the most frequent value of a category.
func centre(c eda.ColumnStats) string {
	switch {
	case c.Mean != nil:
		return fmt.Sprintf("%.4g", *c.Mean)
	case len(c.Top) > 0:
		return fmt.Sprintf("%q", truncate(c.Top[0].Value, 20))
	}
	return ""
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
