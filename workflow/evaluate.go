package workflow

import (
	"context"
	"errors"
	"fmt"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/eval"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/progress"
)

// Parts a model can be evaluated on.
const (
	PartTest     = "test"     // the locked test rows: the honest estimate
	PartTraining = "training" // the rows it learnt from: for seeing overfitting only
)

// EvaluateResult is the Evaluate stage's outcome for the chosen model.
type EvaluateResult struct {
	Model      string
	Part       string // PartTest or PartTraining
	Assessment *eval.Assessment
	Issues     []data.Issue // discipline warnings (training rows, selection on the test set)
	When       time.Time
}

// RunEvaluate assesses the chosen model on the locked test rows (or, for
// teaching, on the rows it learnt from, with a warning that the numbers
// are too good). Every model scored on the test rows is recorded; from the
// second one on, a warning explains selection on the test set.
func (p *Project) RunEvaluate(ctx context.Context, part string, report progress.Func) (*EvaluateResult, error) {
	tr, pr := p.Training(), p.Preparation()
	if tr == nil || tr.Chosen == nil || pr == nil {
		return nil, errors.New("choose a model in the Train step first")
	}
	rows := pr.Split.Test
	if part == PartTraining {
		rows = tr.DevRows
	} else if part != PartTest {
		return nil, fmt.Errorf("unknown part %q", part)
	}
	if len(rows) == 0 {
		return nil, errors.New("the split has no test rows: give the test part a share in the Prepare step")
	}
	end, err := p.begin(StageEvaluate)
	if err != nil {
		return nil, err
	}
	doc := p.Document()
	opt := eval.AssessOptions{Metric: tr.Board.Metric, SliceColumns: doc.Evaluate.Slices, Seed: tr.Settings.Seed,
		Costs: costsOf(doc.Evaluate)}
	as, err := eval.Assess(ctx, tr.Chosen, p.Table().Frame.Take(rows), opt, report)
	if err != nil {
		end(nil, err)
		return nil, err
	}
	res := &EvaluateResult{Model: doc.Train.Chosen, Part: part, Assessment: as, When: time.Now().UTC()}
	what := fmt.Sprintf("evaluated %s on the %s rows: %s %.4g", res.Model, part, as.Metric, as.Metrics.Metrics[as.Metric])
	p.mu.Lock()
	if part == PartTraining {
		res.Issues = eval.TrainingRowsWarning(tr.DevRows, rows)
		p.doc.Journal = append(p.doc.Journal, JournalEntry{Time: res.When, Stage: StageEvaluate.String(), What: what + " (too good: it learnt from them)"})
	} else {
		before := len(p.doc.Evaluate.TestLog.Models)
		p.doc.Evaluate.TestLog, res.Issues = p.doc.Evaluate.TestLog.Record(res.Model)
		if len(p.doc.Evaluate.TestLog.Models) > before { // the first time this model meets the test rows
			p.doc.Journal = append(p.doc.Journal, JournalEntry{Time: res.When, Stage: StageEvaluate.String(), What: what})
		}
	}
	p.mu.Unlock()
	end(res, nil)
	return res, nil
}

func costsOf(c EvaluateConfig) metrics.Costs {
	return metrics.Costs{FalsePositive: c.CostFP, FalseNegative: c.CostFN}
}

// SetCosts records what a false positive and a false negative cost, for
// the threshold explorer; the next evaluation uses them.
func (p *Project) SetCosts(fp, fn float64) error {
	if fp < 0 || fn < 0 {
		return errors.New("costs cannot be negative")
	}
	p.mu.Lock()
	p.doc.Evaluate.CostFP, p.doc.Evaluate.CostFN = fp, fn
	p.doc.Modified = time.Now().UTC()
	// The current evaluation's threshold explorer prices mistakes with the
	// new costs at once, so the screen, the report and the documents agree.
	if r, ok := p.results[StageEvaluate].(*EvaluateResult); ok && r.Assessment != nil && r.Assessment.Threshold != nil {
		as := *r.Assessment
		as.Threshold = as.Threshold.WithCosts(costsOf(p.doc.Evaluate))
		nr := *r
		nr.Assessment = &as
		p.results[StageEvaluate] = &nr
	}
	p.mu.Unlock()
	p.emit(Event{Kind: ConfigChanged, Stage: StageEvaluate})
	return nil
}

// SetThreshold records the decision threshold the user settled on, with
// the reason, in the decision journal.
func (p *Project) SetThreshold(t float64, why string) error {
	if t < 0 || t > 1 {
		return fmt.Errorf("a threshold is a probability between 0 and 1, not %g", t)
	}
	p.mu.Lock()
	p.doc.Evaluate.Threshold = &t
	p.doc.Journal = append(p.doc.Journal, JournalEntry{Time: time.Now().UTC(), Stage: StageEvaluate.String(),
		What: fmt.Sprintf("decision threshold set to %.3f", t), Why: why})
	p.doc.Modified = time.Now().UTC()
	p.mu.Unlock()
	p.emit(Event{Kind: ConfigChanged, Stage: StageEvaluate})
	return nil
}

// Evaluation returns the last Evaluate result (possibly stale), or nil.
func (p *Project) Evaluation() *EvaluateResult {
	r, _ := p.Result(StageEvaluate).(*EvaluateResult)
	return r
}
