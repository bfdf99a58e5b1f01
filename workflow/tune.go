package workflow

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"modelbench/workflow/eval"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
	"modelbench/workflow/progress"
)

// TuneRecord is a finished parameter search, kept in the project so that
// the Train screen, the journal and the model card can show it after a
// refresh or a reopen. Trials are best first.
type TuneRecord struct {
	Time    time.Time          `json:"time"`
	Learner string             `json:"learner"`
	Method  string             `json:"method"`
	Metric  string             `json:"metric"`
	Folds   int                `json:"folds"`
	Seed    uint64             `json:"seed"`
	Trials  []TunedTrial       `json:"trials"`
	Failed  []eval.FailedTrial `json:"failed,omitempty"`
	// Used says whether the best trial's parameters were taken into the
	// training settings (UseTuned).
	Used bool `json:"used,omitempty"`
}

// TunedTrial is one searched setting and its cross-validated score.
type TunedTrial struct {
	Label  string       `json:"label"`
	Params param.Values `json:"params"`
	Score  float64      `json:"score"`
	Std    float64      `json:"std"`
}

// Tune searches the parameters of one learner family (grid or random
// search over dims) with cross-validation on the development rows, the
// preparation refitted inside every fold, on the same folds and with the
// same learner seed as training. It does not change the training settings
// or results: the search is recorded (TuneRecords, and the journal), and
// the caller decides whether to use the best settings (UseTuned).
func (p *Project) Tune(ctx context.Context, learner string, opt eval.SearchOptions, report progress.Func) (*eval.SearchResult, error) {
	pr := p.Preparation()
	if pr == nil || p.Status(StagePrepare) != Done {
		return nil, errors.New("fit the preparation pipeline first")
	}
	e, ok := model.Lookup(learner)
	if !ok {
		return nil, fmt.Errorf("unknown learner %q", learner)
	}
	s := p.TrainSettings()
	dev := append(slices.Clone(pr.Split.Train), pr.Split.Valid...)
	slices.Sort(dev)
	pl, _ := p.Pipeline()
	folds := max(s.Folds, 2)
	opt.CV = eval.CVOptions{Task: pr.Task, Folds: prep.FoldSpec{K: folds, Seed: s.Seed}}
	opt.Fixed = e.Seeded(opt.Fixed, s.Seed)
	if opt.Metric == "" {
		opt.Metric = s.Metric
	}
	res, err := eval.Search(ctx, p.Table().Frame.Take(dev), pr.Target, pl, e, opt, report)
	if err != nil {
		return nil, err
	}
	rec := TuneRecord{Time: time.Now().UTC(), Learner: learner, Method: opt.Method, Metric: res.Metric, Folds: folds,
		Seed: s.Seed, Failed: res.Failed}
	if rec.Method == "" {
		rec.Method = eval.GridSearch
	}
	for _, t := range res.Trials {
		if math.IsNaN(t.Score) { // JSON has no NaN: an unscored trial is not a result
			continue
		}
		std := t.Std
		if math.IsNaN(std) {
			std = 0
		}
		rec.Trials = append(rec.Trials, TunedTrial{Label: t.Label, Params: t.Params, Score: t.Score, Std: std})
	}
	what := fmt.Sprintf("tuned %s: %s search, %d settings tried", learner, rec.Method, len(rec.Trials))
	if len(rec.Trials) > 0 {
		what += fmt.Sprintf(", best %s (%s %.4g ± %.4g)", rec.Trials[0].Label, rec.Metric, rec.Trials[0].Score, rec.Trials[0].Std)
	}
	p.mu.Lock()
	p.doc.Train.Tuning = append(p.doc.Train.Tuning, rec)
	p.doc.Journal = append(p.doc.Journal, JournalEntry{Time: rec.Time, Stage: StageTrain.String(), What: what})
	p.doc.Modified = rec.Time
	p.mu.Unlock()
	p.emit(Event{Kind: ConfigChanged, Stage: StageTrain, Message: what})
	return res, nil
}

// TuneRecords returns the searches run so far, oldest first.
func (p *Project) TuneRecords() []TuneRecord {
	return p.Document().Train.Tuning
}

// UseTuned takes the best parameters of search i (an index into
// TuneRecords) into the training settings: every candidate of that
// learner family trains with them next time (a candidate is added when
// none exists). The change is journaled with why. It fails, changing
// nothing, when there is no such search or it found nothing.
func (p *Project) UseTuned(i int, why string) (TrainSettings, error) {
	recs := p.TuneRecords()
	if i < 0 || i >= len(recs) || len(recs[i].Trials) == 0 {
		return TrainSettings{}, fmt.Errorf("there is no search %d with results", i+1)
	}
	rec := recs[i]
	best := rec.Trials[0]
	s := p.TrainSettings()
	s.Candidates = slices.Clone(s.Candidates)
	found := false
	for k, c := range s.Candidates {
		if c.Learner == rec.Learner {
			s.Candidates[k].Params, found = best.Params, true
		}
	}
	if !found {
		s.Candidates = append(s.Candidates, CandidateSpec{Name: rec.Learner + " (tuned)", Learner: rec.Learner, Params: best.Params})
	}
	if err := p.SetTrainSettings(s); err != nil {
		return TrainSettings{}, err
	}
	p.mu.Lock()
	p.doc.Train.Tuning[i].Used = true
	p.doc.Journal = append(p.doc.Journal, JournalEntry{Time: time.Now().UTC(), Stage: StageTrain.String(),
		What: fmt.Sprintf("%s will train with the tuned setting %s", rec.Learner, best.Label), Why: why})
	p.mu.Unlock()
	p.emit(Event{Kind: ConfigChanged, Stage: StageTrain})
	return s, nil
}
