package cli

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/eval"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
)

func init() {
	register(command{
		name:    "evaluate",
		summary: "score a saved model (model.json) on a labelled data file: every metric that applies",
		usage:   "evaluate MODEL_DIR FILE|--sample ID [--json] [options]",
		run:     runEvaluate,
	})
}

// evaluateOutput is what "evaluate --json" prints: metrics.Evaluate's
// object plus what was scored and, for classification, the confusion
// matrix (rows: true class, columns: predicted class, in Classes order).
type evaluateOutput struct {
	Learner   string             `json:"learner"`
	Target    string             `json:"target"`
	Source    string             `json:"source"`
	Task      model.Task         `json:"task"`
	Rows      int                `json:"rows"`
	Classes   []string           `json:"classes,omitempty"`
	Metrics   map[string]float64 `json:"metrics"`
	Confusion [][]int            `json:"confusion,omitempty"`
	Issues    []data.Issue       `json:"issues,omitempty"`
}

func runEvaluate(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "evaluate")
	var df dataFlags
	df.register(fs)
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	a, t, ref, err := df.modelAndData(ctx, pos)
	if err != nil {
		return err
	}
	out, err := evaluate(ctx, a, t.Frame)
	if err != nil {
		return err
	}
	out.Source = sourceName(ref)
	if *asJSON {
		return printJSON(env.Stdout, out)
	}
	printEvaluate(env.Stdout, out)
	return nil
}

// evaluate scores a on the labelled rows of f.
func evaluate(ctx context.Context, a *artifact.Artifact, f *data.Frame) (*evaluateOutput, error) {
	s, err := eval.Score(ctx, a, f)
	if err != nil {
		return nil, err
	}
	m := s.Metrics
	out := &evaluateOutput{Learner: a.Learner, Target: a.Target, Task: m.Task, Rows: m.Rows, Classes: m.Classes,
		Metrics: m.Metrics, Issues: m.Issues}
	if left := f.NumRows() - len(s.Rows); left > 0 {
		out.Issues = append(out.Issues, data.Issue{Level: "info",
			Text: fmt.Sprintf("%d rows without a value of %q were left out", left, a.Target)})
	}
	if a.Task == model.Classification {
		truth, pred := s.Predictions.Labels()
		c, err := metrics.NewConfusion(truth, pred, len(m.Classes))
		if err != nil {
			return nil, err
		}
		out.Confusion = c.Counts()
	}
	return out, nil
}

func printEvaluate(w io.Writer, out *evaluateOutput) {
	fmt.Fprintf(w, "%s on %s: %s of %q, %d rows scored\n\n", out.Learner, out.Source, out.Task, out.Target, out.Rows)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "METRIC\tVALUE\tMEANING")
	for _, sc := range metrics.Scorers(out.Task, len(out.Classes)) {
		if v, ok := out.Metrics[sc.Name]; ok {
			fmt.Fprintf(tw, "%s\t%.4f\t%s\n", sc.Name, v, sc.Help)
		}
	}
	tw.Flush()
	if out.Confusion != nil {
		fmt.Fprintln(w, "\nconfusion matrix (rows: true class, columns: predicted class):")
		tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
		fmt.Fprint(tw, "\t")
		for _, c := range out.Classes {
			fmt.Fprintf(tw, "%s\t", truncate(c, 16))
		}
		fmt.Fprintln(tw)
		for i, row := range out.Confusion {
			fmt.Fprintf(tw, "%s\t", truncate(out.Classes[i], 16))
			for _, n := range row {
				fmt.Fprintf(tw, "%d\t", n)
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
	}
	for _, is := range out.Issues {
		fmt.Fprintf(w, "%s: %s\n", is.Level, is.Text)
	}
}
