package deploy

import (
	"math"
	"strings"
)

// The evidence rules about the chosen model and how it was chosen.
func init() {
	register("input_schema", "train", inputSchema)
	register("baseline_beaten", "train", baselineBeaten)
	register("baseline_score", "train", baselineScore)
	register("metric_chosen", "train", metricChosen)
	register("choice_documented", "train", choiceDocumented)
	register("tuned", "train", tuned)
	register("reproducible", "train", reproducible)
	register("explainable", "evaluate", explainable)
}

func inputSchema(f Facts) Evidence {
	if f.Model == nil {
		return missing("No model is chosen yet, so no input schema has been captured.")
	}
	if len(f.Model.Input) == 0 {
		return stamped(fail("The chosen model records no input columns."), f.Fingerprint)
	}
	names := make([]string, len(f.Model.Input))
	for i, in := range f.Model.Input {
		names[i] = in.Name + " (" + in.Type + ")"
	}
	return stamped(pass("The model records the %s it expects with their types: %s. Rows that lack one of them, or hold a value of another type, are refused when scoring.",
		plural(len(names), "input column", "input columns"), list(names)), f.Fingerprint)
}

func baselineBeaten(f Facts) Evidence {
	b := f.Baseline
	switch {
	case b == nil:
		return missing("No model is chosen from a leaderboard yet, so there is no comparison with the baseline.")
	case b.ChosenIsBaseline:
		return stamped(fail("The chosen model is the baseline itself: it always gives the most common answer (or the mean)."), f.Fingerprint)
	case !b.Compared || math.IsNaN(b.Chosen):
		return stamped(missing("The candidates were not cross-validated against the baseline on the same folds, so nothing says whether the model beats it."), f.Fingerprint)
	}
	gain := b.Chosen - b.Baseline
	if !b.HigherIsBetter {
		gain = -gain
	}
	head := "The chosen model scores " + num(b.Chosen) + " " + b.MetricLabel + " against the baseline's " + num(b.Baseline) +
		" in cross-validation"
	switch {
	case gain <= 0:
		return stamped(fail("%s: it does not beat the baseline.", head), f.Fingerprint)
	case !b.Likely:
		return stamped(fail("%s, better by %s, but the corrected paired t-test over the same %d folds gives p = %s: the gain could be chance.",
			head, num(gain), b.Folds, num(b.P)), f.Fingerprint)
	}
	return stamped(pass("%s, better by %s; the corrected paired t-test over the same %d folds gives t = %s, p = %s: the gain is likely real.",
		head, num(gain), b.Folds, num(b.T), num(b.P)), f.Fingerprint)
}

func baselineScore(f Facts) Evidence {
	if f.Board == nil {
		return missing("No models have been trained, so the baseline's score is not known.")
	}
	for _, e := range f.Board.Entries {
		if !e.Baseline {
			continue
		}
		if math.IsNaN(e.Score) {
			return missing("The baseline was not validated, so its score is not known.")
		}
		what := "always answering the most common class"
		if f.Task == "regression" {
			what = "always answering the mean of the training rows"
		}
		text := "Without a model, " + what + " scores " + num(e.Score) + " " + f.Board.MetricLabel + " in validation"
		if b := f.Baseline; b != nil && !math.IsNaN(b.Chosen) && !b.ChosenIsBaseline {
			text += "; the chosen model scores " + num(b.Chosen)
		}
		return pass("%s.", text)
	}
	return missing("The leaderboard has no baseline entry.")
}

func metricChosen(f Facts) Evidence {
	if f.Board == nil {
		return missing("No models have been trained, so no metric has been chosen.")
	}
	text := "Models were ranked by " + f.Board.MetricLabel + "."
	if t := f.Test; t != nil && t.Part == "test" {
		text += " On the test rows the chosen model scored " + num(t.Score) + "."
		var cols []string
		for _, s := range t.Slices {
			cols = append(cols, s.Column)
		}
		if len(cols) > 0 {
			text += " Per-group scores were measured by " + list(cols) + "."
		}
	}
	return pass("%s", text)
}

func choiceDocumented(f Facts) Evidence {
	b := f.Board
	switch {
	case b == nil:
		return missing("No models have been trained yet.")
	case b.Chosen == "":
		return missing("%s are on the leaderboard, but none has been chosen.", plural(len(b.Entries), "model", "models"))
	case strings.TrimSpace(b.Why) == "":
		return stamped(fail("%s was chosen without a written reason.", b.Chosen), f.Fingerprint)
	}
	return stamped(pass("%s was chosen from %s ranked by %s (%s), with the reason: “%s”. The settings are saved in the project file.",
		b.Chosen, plural(len(b.Entries), "leaderboard entry", "leaderboard entries"), b.MetricLabel, validationText(b), b.Why), f.Fingerprint)
}

func validationText(b *BoardFacts) string {
	switch b.Validation {
	case "holdout":
		return "hold-out validation"
	case "none":
		return "not validated"
	}
	return plural(b.Folds, "fold", "folds") + " of cross-validation"
}

func tuned(f Facts) Evidence {
	if f.Model == nil {
		return missing("No model is chosen yet.")
	}
	for i := len(f.Tuning) - 1; i >= 0; i-- {
		t := f.Tuning[i]
		if t.Learner != f.Model.Learner || t.Trials == 0 {
			continue
		}
		used := "the chosen model was trained with other settings"
		if t.Used {
			used = "its best setting went into training"
		}
		return pass("A %s search tried %s of %s by %s on the training folds; the best was %s (%s); %s.",
			t.Method, plural(t.Trials, "setting", "settings"), t.Learner, t.Metric, t.Best, num(t.Score), used)
	}
	return missing("No parameter search was run for %s: its settings are the ones given in Train.", f.Model.LearnerLabel)
}

func reproducible(f Facts) Evidence {
	r := f.Reproduced
	switch {
	case f.Model == nil:
		return missing("No model is chosen yet.")
	case r == nil:
		return missing("Not checked yet: run the reproducibility check, which refits the model from its recorded data, split, settings and seed and compares the predictions.")
	case !r.Identical:
		return stamped(fail("Refitted on %s from the recorded provenance: %d of %d predictions differ. %s", when(r.Time), r.Differing, r.Rows, r.Detail), r.Fingerprint)
	}
	same := ""
	if r.SameModel {
		same = " The refitted model is identical too (same fingerprint)."
	}
	return stamped(pass("Refitted on %s from the recorded data, split, settings and seed %d: all %d predictions are identical.%s",
		when(r.Time), f.Model.Seed, r.Rows, same), r.Fingerprint)
}

func explainable(f Facts) Evidence {
	if f.Model == nil {
		return missing("No model is chosen yet.")
	}
	if !f.Model.Explainable {
		return stamped(fail("%s cannot break a single prediction into parts; only permutation importance and partial dependence describe it.",
			f.Model.LearnerLabel), f.Fingerprint)
	}
	text := f.Model.LearnerLabel + " explains any single prediction in Evaluate (the contribution of each input, or the path through the tree)"
	if t := f.Test; t != nil && t.WorstRows > 0 {
		text += ", and Evaluate lists the " + plural(t.WorstRows, "worst-predicted row", "worst-predicted rows")
	}
	return stamped(pass("%s.", text), f.Fingerprint)
}
