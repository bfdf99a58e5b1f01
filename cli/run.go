package cli

import (
	"context"
	"fmt"
	"io"
	"math"
	"path/filepath"

	"modelbench/workflow"
	"modelbench/workflow/data"
	"modelbench/workflow/eval"
)

func init() {
	register(command{
		name: "run",
		summary: "replay a project headless: load, prepare, train and compare the candidates, choose one, " +
			"evaluate it once on the test rows, save",
		usage: "run P.mbproj [--data FILE] [--answers FILE] [--json] [options for reading FILE]",
		run:   runRun,
	})
}

// runOutput is what "run --json" prints.
type runOutput struct {
	Project string             `json:"project"`
	Data    string             `json:"data"`
	Rows    int                `json:"rows"`
	Target  string             `json:"target"`
	Task    string             `json:"task"`
	Metric  string             `json:"metric"`
	Board   []boardRow         `json:"leaderboard"`
	Chosen  string             `json:"chosen"`
	Why     string             `json:"why"`
	Test    map[string]float64 `json:"test"`
	Issues  []data.Issue       `json:"issues,omitempty"`
}

// boardRow is one leaderboard entry; Score and Std are null when the entry
// was not validated.
type boardRow struct {
	Name     string   `json:"name"`
	Learner  string   `json:"learner"`
	Score    *float64 `json:"score"`
	Std      *float64 `json:"std"`
	Baseline bool     `json:"baseline,omitempty"`
}

// runRun replays every stage of a saved project through workflow.Project,
// as the window would, and saves the project with the results.
func runRun(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "run")
	var df dataFlags
	df.register(fs)
	dataFile := fs.String("data", "", "use this data file instead of the project's (same columns)")
	answers := fs.String("answers", "", "apply this answers file (checklist, ML tests, purpose, model card, datasheet) after the run")
	asJSON := fs.Bool("json", false, "print the outcome as JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("expected one project file, got %d arguments", len(pos))
	}
	var data []string
	if *dataFile != "" {
		data = []string{*dataFile}
	}
	p, err := openProject(ctx, &df, data, pos[0])
	if err != nil {
		return err
	}
	log := io.Discard
	if !*asJSON {
		log = env.Stdout
	}
	out, err := replay(ctx, p, log)
	if err != nil {
		return err
	}
	if *answers != "" {
		r := &resumed{p: p}
		if err := r.applyAnswers(*answers); err != nil {
			return err
		}
		fmt.Fprintf(log, "applied the answers in %s\n", *answers)
	}
	if out.Project, err = p.Save(pos[0]); err != nil {
		return err
	}
	if *asJSON {
		return printJSON(env.Stdout, out)
	}
	fmt.Fprintf(env.Stdout, "saved %s\n", filepath.Clean(out.Project))
	return nil
}

// replay runs Prepare, Train, the choice and the test evaluation, telling
// log what it does.
func replay(ctx context.Context, p *workflow.Project, log io.Writer) (*runOutput, error) {
	t := p.Table()
	target, task, err := projectTarget(p)
	if err != nil {
		return nil, err
	}
	out := &runOutput{Data: dataName(p), Rows: t.Frame.NumRows(), Target: target, Task: task.String()}
	fmt.Fprintf(log, "data: %s, %d rows, target %q (%s)\n", out.Data, out.Rows, target, task)
	pr, err := p.RunPrepare(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	fmt.Fprintf(log, "prepare: %d training, %d validation, %d test rows; %d steps fitted on the training rows\n",
		len(pr.Split.Train), len(pr.Split.Valid), len(pr.Split.Test), len(pr.Fitted.Transforms()))
	chosen, why := p.Document().Train.Chosen, p.Document().Train.Why
	s := p.TrainSettings()
	tr, err := p.RunTrain(ctx, s, nil)
	if err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	out.Metric, out.Issues = tr.Board.Metric, tr.Board.Issues
	fmt.Fprintf(log, "train: %d candidates and the baseline, ranked by %s:\n", len(s.Candidates), tr.Board.Metric)
	for _, e := range tr.Board.Entries {
		out.Board = append(out.Board, boardRow{Name: e.Name, Learner: e.Learner, Score: number(e.Score), Std: number(e.Std), Baseline: e.Baseline})
		fmt.Fprintf(log, "  %-24s %.4f ± %.4f\n", e.Name, e.Score, e.Std)
	}
	if chosen == "" || !onBoard(tr.Board, chosen) {
		chosen, why = bestCandidate(tr.Board), "the best "+tr.Board.Metric+" on the leaderboard (chosen by modelbench run)"
	}
	if _, err := p.ChooseModel(ctx, chosen, why, nil); err != nil {
		return nil, fmt.Errorf("choose: %w", err)
	}
	out.Chosen, out.Why = chosen, why
	fmt.Fprintf(log, "chose %s: %s\n", chosen, why)
	if len(pr.Split.Test) == 0 {
		fmt.Fprintln(log, "evaluate: skipped, the split has no test rows")
		return out, nil
	}
	ev, err := p.RunEvaluate(ctx, workflow.PartTest, nil)
	if err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	out.Test = ev.Assessment.Metrics.Metrics
	out.Issues = append(out.Issues, ev.Issues...)
	fmt.Fprintf(log, "evaluate: on %d test rows, %s %.4f\n", ev.Assessment.Metrics.Rows, tr.Board.Metric, out.Test[tr.Board.Metric])
	printIssues(log, ev.Issues)
	notes, _ := coachIssues(p)
	out.Issues = append(out.Issues, notes...)
	printIssues(log, notes)
	return out, nil
}

func onBoard(lb *eval.Leaderboard, name string) bool {
	for _, e := range lb.Entries {
		if e.Name == name {
			return true
		}
	}
	return false
}

// bestCandidate is the best-ranked entry that is not the baseline (the
// baseline when it is alone).
func bestCandidate(lb *eval.Leaderboard) string {
	for _, e := range lb.Entries {
		if !e.Baseline {
			return e.Name
		}
	}
	return eval.BaselineName
}

func number(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}
