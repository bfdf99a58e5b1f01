package coach

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Thresholds of the model rules.
const (
	// MajorityShare: a target whose most common class has at least this
	// share of the rows makes accuracy misleading.
	MajorityShare = 0.6
	// RareRatio: so does one whose rarest class has fewer rows than this
	// share of the most common (Explore's imbalance ratio).
	RareRatio = 0.2
	// RowsPerFeature: fewer rows to learn from than this many per
	// prepared column is too few.
	RowsPerFeature = 10
	// TrainingGap: a score on the training rows this much better than
	// cross-validation (on a 0–1 metric) shows memorising.
	TrainingGap = 0.05
)

func init() {
	register("too_few_rows", "prepare", "Few rows for the number of features", tooFewRows)
	register("accuracy_imbalanced", "train", "Accuracy on an imbalanced target", accuracyImbalanced)
	register("baseline", "train", "No better than the baseline", noBetterThanBaseline)
	register("within_spread", "train", "A difference smaller than the spread across folds", withinSpread)
	register("training_rows", "evaluate", "Evaluated on the training rows", trainingRows)
	register("test_selection", "evaluate", "The test rows were opened more than once", testSelection)
	register("threshold_default", "evaluate", "The threshold is still 0.5 although costs were given", thresholdDefault)
}

func tooFewRows(s Snapshot) []Finding {
	p := s.Prepare
	if p == nil || !p.Done || p.Features == 0 {
		return nil
	}
	rows := p.TrainRows + p.ValidRows
	if rows >= RowsPerFeature*p.Features {
		return nil
	}
	return []Finding{{Severity: severityBy(rows < p.Features, Warning, Info),
		Saw: fmt.Sprintf("The models learn from %d rows, but the preparation gives them %d columns: %.1f rows per column.",
			rows, p.Features, float64(rows)/float64(p.Features)),
		Why: fmt.Sprintf("With few rows for each [[feature]], a model finds patterns that are only chance and [[overfitting|overfits]]; a rule of thumb asks for at least %d rows per feature. "+
			"[[one-hot encoding|One-hot encoding]] makes one column per category, so many categories multiply the columns.", RowsPerFeature),
		Do: "Use fewer, better features: leave out columns that cannot matter, group rare categories (the group_rare step), " +
			"or prefer simple models (a [[regularised]] linear model, a shallow tree). More rows help most of all.",
		Action:   &Action{Kind: GoTo, Stage: "prepare", Label: "Review the preparation"},
		Evidence: evidence(rows, p.Features)}}
}

// majority returns the most common class's share and the rarest class's
// count relative to the most common's.
func majority(d *Data) (share, rare float64, ok bool) {
	if d == nil || d.Task != "classification" || len(d.Classes) < 2 {
		return 0, 0, false
	}
	total := 0
	for _, c := range d.Classes {
		total += c.Count
	}
	top, low := d.Classes[0].Count, d.Classes[len(d.Classes)-1].Count
	if total == 0 || top == 0 {
		return 0, 0, false
	}
	return float64(top) / float64(total), float64(low) / float64(top), true
}

func accuracyImbalanced(s Snapshot) []Finding {
	t, d := s.Train, s.Data
	if t == nil || t.Metric != "accuracy" {
		return nil
	}
	share, rare, ok := majority(d)
	if !ok || share < MajorityShare && rare >= RareRatio {
		return nil
	}
	top, low := d.Classes[0], d.Classes[len(d.Classes)-1]
	return []Finding{{Severity: Warning,
		Saw: fmt.Sprintf("Models are ranked by [[accuracy]], but the classes of %q are unequal: %q has %d rows (%.0f%%) and %q only %d. "+
			"A model that always answers %q scores an accuracy of %.3f without learning anything.",
			d.Target, top.Label, top.Count, 100*share, low.Label, low.Count, top.Label, share),
		Why: "Accuracy counts every row alike, so with [[unequal classes]] it rewards models that mostly predict the common class and miss the rare one, " +
			"which is often the one that matters (the bad loan, the sick patient).",
		Do: "Rank by [[balanced accuracy]] (the average of the [[recall]] of each class; always answering one class scores 1/k), " +
			"or by [[F1]] or [[ROC AUC]], and look at the [[confusion matrix]].",
		Action:   &Action{Kind: SetMetric, Metric: "balanced_accuracy", Label: "Rank by balanced accuracy", Why: "the coach: the classes are unequal"},
		Evidence: evidence(d.Target, top.Count, low.Count, t.Metric)}}
}

// subject is the model the leaderboard rules talk about: the chosen one,
// or before a choice the best that is not the baseline.
func subject(t *Train) (Entry, bool) {
	for _, e := range t.Entries {
		if t.Chosen != "" && e.Name == t.Chosen || t.Chosen == "" && !e.Baseline {
			return e, !math.IsNaN(e.Score)
		}
	}
	return Entry{}, false
}

func baselineEntry(t *Train) (Entry, bool) {
	i := slices.IndexFunc(t.Entries, func(e Entry) bool { return e.Baseline })
	if i < 0 || math.IsNaN(t.Entries[i].Score) {
		return Entry{}, false
	}
	return t.Entries[i], true
}

func better(t *Train, a, b float64) bool {
	if t.HigherIsBetter {
		return a > b
	}
	return a < b
}

func noBetterThanBaseline(s Snapshot) []Finding {
	t := s.Train
	if t == nil || !t.Done {
		return nil
	}
	e, ok := subject(t)
	b, okB := baselineEntry(t)
	if !ok || !okB || e.Baseline {
		return nil
	}
	spread := math.Max(e.Std, b.Std)
	beats := better(t, e.Score, b.Score)
	clear := beats && math.Abs(e.Score-b.Score) >= spread
	if c := t.VsBaseline; c != nil && beats {
		clear = clear && c.Likely
	}
	if clear {
		return nil
	}
	saw := fmt.Sprintf("%s scores %.4g ± %.2g %s against the [[baseline]]'s %.4g ± %.2g on the same [[fold|folds]]", e.Name, e.Score, e.Std, term(t.MetricLabel), b.Score, b.Std)
	switch {
	case !beats:
		saw += ": it does not beat the baseline."
	case t.VsBaseline != nil:
		saw += fmt.Sprintf(": better by %.3g, but the [[paired t-test]] gives p = %.2f, so the gain could be chance.", math.Abs(e.Score-b.Score), t.VsBaseline.P)
	default:
		saw += fmt.Sprintf(": better by %.3g, less than the spread across folds (%.3g).", math.Abs(e.Score-b.Score), spread)
	}
	return []Finding{{ID: "baseline:" + e.Name, Severity: severityBy(!beats, Critical, Warning),
		Saw: saw,
		Why: "The baseline ignores every [[feature]] (it always answers the most common class, or the average). A model that cannot clearly beat it " +
			"has learned nothing useful from the features, however good its number looks on its own.",
		Do: "Look for the reason before going on: the features may not carry the answer, a [[leakage|leak]] may have been removed, the target may be mostly noise, " +
			"or the model may need different settings. Explore the relation of each feature to the [[target]].",
		Action:   &Action{Kind: GoTo, Stage: "explore", Label: "Explore the features"},
		Evidence: evidence(e.Name, round(e.Score), round(b.Score))}}
}

func withinSpread(s Snapshot) []Finding {
	t := s.Train
	if t == nil || !t.Done || t.Chosen == "" || t.VsRunnerUp == nil {
		return nil
	}
	c := t.VsRunnerUp
	e, ok := subject(t)
	if !ok || c.A != e.Name || c.Likely || !better(t, c.MeanA, c.MeanB) {
		return nil
	}
	var other Entry
	for _, x := range t.Entries {
		if x.Name == c.B {
			other = x
		}
	}
	spread := math.Max(e.Std, other.Std)
	diff := math.Abs(c.MeanA - c.MeanB)
	if diff >= spread {
		return nil
	}
	return []Finding{{ID: "within_spread:" + e.Name, Severity: Info,
		Saw: fmt.Sprintf("%s (%.4g ± %.2g) was chosen over %s (%.4g ± %.2g): a difference of %.3g, while the scores spread by %.3g across [[fold|folds]] "+
			"and the [[paired t-test]] gives p = %.2f.", e.Name, c.MeanA, e.Std, other.Name, c.MeanB, other.Std, diff, spread, c.P),
		Why: "A difference smaller than the spread between folds is what chance alone produces: on other rows the order could flip. " +
			"Choosing by it means choosing by luck.",
		Do: fmt.Sprintf("Treat %s and %s as equally good and choose on other grounds: the simpler one, the faster one, the one you can explain. "+
			"Say so in the reason for the choice.", e.Name, other.Name),
		Evidence: evidence(e.Name, other.Name, round(c.MeanA), round(c.MeanB))}}
}

func trainingRows(s Snapshot) []Finding {
	e := s.Evaluate
	if e == nil || !e.Done || e.Part != "training" {
		return nil
	}
	saw := fmt.Sprintf("%s was scored on the %d rows it learnt from: %s %.4g", e.Model, e.Rows, term(e.MetricLabel), e.Score)
	if !math.IsNaN(e.CVScore) {
		saw += fmt.Sprintf(", while [[cross-validation]] on rows it had not seen gave %.4g ± %.2g", e.CVScore, e.CVStd)
	}
	return []Finding{{Severity: Critical,
		Saw: saw + ".",
		Why: "A model has already seen the answers of its [[training rows]], so scores on them are too good. A model that memorises " +
			"(a deep tree, one nearest neighbour) scores perfectly on them and can still fail on every new row. The gap between the two numbers measures [[overfitting]].",
		Do:       "Judge the model on the [[test rows]], which it has never seen, or by its cross-validated score.",
		Action:   &Action{Kind: EvaluateTest, Label: "Evaluate on the test rows"},
		Evidence: evidence(e.Model, e.Rows, round(e.Score))}}
}

func testSelection(s Snapshot) []Finding {
	e := s.Evaluate
	if e == nil {
		return nil
	}
	models := distinct(e.TestLog)
	var prints []string
	for _, v := range e.Views {
		prints = append(prints, v.Model+"@"+v.Fingerprint)
	}
	prints = distinct(prints)
	if len(models) < 2 && len(prints) < 2 {
		return nil
	}
	var saw string
	if len(models) >= 2 {
		saw = fmt.Sprintf("The [[test rows]] have been used to score %d different models (%s).", len(models), strings.Join(models, ", "))
	} else {
		saw = fmt.Sprintf("The [[test rows]] have been opened for %d different versions of %s: it was changed and evaluated again.", len(prints), models[0])
	}
	return []Finding{{Severity: Warning,
		Saw: saw,
		Why: "The test rows are there for one honest look at the finished model. Each time you compare on them and change something, " +
			"you tune on the test rows, and the final test score becomes optimistic: it no longer says how the model does on new data.",
		Do: "Choose and tune with [[cross-validation]] in the Train step, and open the test rows once, for the model you carry forward. " +
			"Report this test score as optimistic, or keep fresh rows aside for a final check.",
		Action:   &Action{Kind: GoTo, Stage: "train", Label: "Compare in Train instead"},
		Evidence: evidence(models, prints)}}
}

func thresholdDefault(s Snapshot) []Finding {
	e := s.Evaluate
	if e == nil || !e.Done || !e.Binary || e.ThresholdSet || e.CostFP == e.CostFN || e.CostFP <= 0 && e.CostFN <= 0 {
		return nil
	}
	if e.BestCost >= e.Cost || math.Abs(e.BestThreshold-0.5) < 0.01 {
		return nil
	}
	return []Finding{{Severity: Warning,
		Saw: fmt.Sprintf("A [[false alarm]] costs %g and a missed %q costs %g, but the [[decision threshold]] is still 0.5: the mistakes on the %d evaluated rows cost %g. "+
			"At a threshold of %.3f they would cost %g.", e.CostFP, e.Positive, e.CostFN, e.Rows, e.Cost, e.BestThreshold, e.BestCost),
		Why: "0.5 treats both mistakes as equally bad. When one costs more, the best threshold moves: lower when missing a case is dear, " +
			"higher when false alarms are. Leaving it at 0.5 throws away what the costs say.",
		Do: "Set the threshold where the mistakes cost least. It was found on the [[test rows]], so treat the cost there as a little optimistic; " +
			"write the costs and the threshold into the documentation.",
		Action: &Action{Kind: SetThreshold, Value: e.BestThreshold, Label: fmt.Sprintf("Set the threshold to %.3f", e.BestThreshold),
			Why: fmt.Sprintf("the cheapest threshold for a false alarm costing %g and a missed case %g", e.CostFP, e.CostFN)},
		Evidence: evidence(e.CostFP, e.CostFN, round(e.BestThreshold), e.Model)}}
}

func distinct(xs []string) []string {
	var out []string
	for _, x := range xs {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// round keeps four significant digits, so that evidence does not change
// with the last bits of a score.
func round(v float64) string { return fmt.Sprintf("%.4g", v) }
