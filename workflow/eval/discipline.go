package eval

import (
	"fmt"
	"slices"
	"strings"

	"modelbench/workflow/data"
	"modelbench/workflow/eval/metrics"
)

// OverfitGap is how much better a model may score on its training rows
// than in cross-validation (on a metric where higher is better) before
// OverfitWarning speaks up: 0.1, ten points of accuracy.
const OverfitGap = 0.1

// TrainingRowsWarning returns a warning when some evaluated rows are rows
// the model was trained on (both are row positions in the same frame), and
// nil when there is no overlap. Scores on training rows are too good: the
// model has seen those answers, and a model that memorises (a deep tree,
// 1-nearest neighbour) scores perfectly on them while failing on new rows.
func TrainingRowsWarning(trainRows, evalRows []int) []data.Issue {
	if len(evalRows) == 0 {
		return nil
	}
	train := make(map[int]bool, len(trainRows))
	for _, r := range trainRows {
		train[r] = true
	}
	overlap := 0
	for _, r := range evalRows {
		if train[r] {
			overlap++
		}
	}
	switch {
	case overlap == 0:
		return nil
	case overlap == len(evalRows):
		return []data.Issue{{Level: "warning", Text: "These scores were measured on the rows the model was trained on, so they are too good: " +
			"the model has already seen these answers. Judge the model by cross-validation or on held-out test rows."}}
	}
	return []data.Issue{{Level: "warning", Text: fmt.Sprintf("%d of the %d evaluated rows (%.0f%%) were also used for training, "+
		"so these scores are too good. Evaluate on rows the model has not seen.", overlap, len(evalRows), 100*float64(overlap)/float64(len(evalRows)))}}
}

// OverfitWarning compares a score on the training rows with the
// cross-validated score of the same metric and warns when the training
// score is much better (by OverfitGap for higher-is-better metrics, by a
// factor SliceMaxLossRatio for losses): the model memorises its training
// rows.
func OverfitWarning(metric string, train, cv float64) []data.Issue {
	sc, err := metrics.Lookup(metric)
	if err != nil {
		return nil
	}
	gap := train-cv > OverfitGap
	if !sc.HigherIsBetter {
		gap = cv > train*SliceMaxLossRatio
	}
	if !gap {
		return nil
	}
	return []data.Issue{{Level: "warning", Text: fmt.Sprintf("%s is %.3g on the training rows but %.3g in cross-validation: "+
		"the model fits its training rows far better than new ones (overfitting). Try a simpler model or stronger regularisation.",
		sc.Label, train, cv)}}
}

// TestSetLog records which models have been scored on the locked test
// set. It is a value: Record returns an updated copy, so a Project can
// keep it in its saved state. The zero value has seen no model.
type TestSetLog struct {
	Models []string `json:"models"`
}

// Record notes that model (a candidate's name) was scored on the test
// set and returns the updated log with the warnings that now apply: from
// the second distinct model on, choosing among them by their test scores
// makes the winner's test score optimistic.
func (l TestSetLog) Record(model string) (TestSetLog, []data.Issue) {
	out := TestSetLog{Models: slices.Clone(l.Models)}
	if !slices.Contains(out.Models, model) {
		out.Models = append(out.Models, model)
	}
	return out, out.Warnings()
}

// Warnings returns the selection-on-the-test-set warning when two or more
// models have been scored on the test set, and nil otherwise.
func (l TestSetLog) Warnings() []data.Issue {
	if len(l.Models) < 2 {
		return nil
	}
	return []data.Issue{{Level: "warning", Text: fmt.Sprintf("%d models have been scored on the locked test set (%s). "+
		"If you pick one of them because of its test score, that score is no longer an honest estimate: you have tuned on the test set. "+
		"Choose with cross-validation on the training rows and open the test set once, for the chosen model.",
		len(l.Models), strings.Join(l.Models, ", "))}}
}
