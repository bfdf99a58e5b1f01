package deploy

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// The evidence rules about the evaluation on the locked test rows.
func init() {
	register("test_result", "evaluate", testResult)
	register("test_once", "evaluate", testOnce)
	register("slices_checked", "evaluate", slicesChecked)
	register("slices_ok", "evaluate", slicesOK)
	register("importance_checked", "evaluate", importanceChecked)
	register("costs_set", "evaluate", costsSet)
}

// fromTest stamps evidence drawn from the evaluation: with the evaluated
// model's fingerprint, and stale when the evaluation is out of date.
func fromTest(e Evidence, t *TestFacts) Evidence {
	e.Fingerprint = t.Fingerprint
	if t.Stale {
		e.Stale = true
		e.Text += " This evaluation is out of date: the model or the data changed since; evaluate again."
	}
	return e
}

func testResult(f Facts) Evidence {
	t := f.Test
	switch {
	case t == nil:
		return missing("The chosen model has not been evaluated on the locked test rows yet.")
	case t.Part != "test":
		return fromTest(fail("The model was evaluated only on the rows it learnt from, whose scores are too good; evaluate it on the test rows."), t)
	}
	return fromTest(pass("On the %d locked test rows, %s scored %s %s (evaluated %s).", t.Rows, t.Model, num(t.Score), t.Label, when(t.When)), t)
}

func testOnce(f Facts) Evidence {
	log := f.TestLog
	if len(log) == 0 {
		return missing("No model has been scored on the locked test rows yet.")
	}
	chosen := ""
	if f.Board != nil {
		chosen = f.Board.Chosen
	}
	if len(log) > 1 {
		return fail("%d models have been scored on the test rows (%s): if one was picked for its test score, that score is optimistic, so the test rows no longer give an honest estimate.",
			len(log), list(log))
	}
	if chosen != "" && log[0] != chosen {
		return fail("The test rows were used to score %s, not the chosen model %s.", log[0], chosen)
	}
	if t := f.Test; t != nil && len(t.Issues) > 0 {
		var warn []string
		for _, is := range t.Issues {
			if strings.Contains(is, "test set") || strings.Contains(is, "trained on") || strings.Contains(is, "used for training") {
				warn = append(warn, is)
			}
		}
		if len(warn) > 0 {
			return fail("Evaluate warned: %s", strings.Join(warn, " "))
		}
	}
	return pass("Only %s has been scored on the locked test rows, once chosen: its test score is an honest estimate.", log[0])
}

// worstGroup returns the worst-scoring group of any slice with enough
// rows to judge (flagged or not), with its slice.
func worstGroup(t *TestFacts, higherIsBetter bool) (SliceFact, GroupFact, bool) {
	var bs SliceFact
	var bg GroupFact
	found := false
	for _, s := range t.Slices {
		for _, g := range s.Groups {
			if math.IsNaN(g.Score) || g.Note != "" && !g.Flagged {
				continue // undefined, or too few rows to judge
			}
			better := g.Score < bg.Score
			if !higherIsBetter {
				better = g.Score > bg.Score
			}
			if !found || better {
				bs, bg, found = s, g, true
			}
		}
	}
	return bs, bg, found
}

func higherIsBetter(f Facts) bool { return f.Board == nil || f.Board.HigherIsBetter }

func slicesChecked(f Facts) Evidence {
	if f.Test == nil {
		return missing("The chosen model has not been evaluated yet, so no groups have been checked.")
	}
	return fromTest(slicesSeen(f), f.Test)
}

// slicesSeen judges whether groups were checked, without stamping.
func slicesSeen(f Facts) Evidence {
	t := f.Test
	switch {
	case t.Part != "test":
		return missing("Groups are checked on the test rows; the model was evaluated only on its training rows.")
	case len(t.Slices) == 0:
		return fail("No column was used to check groups: choose columns to slice by in Evaluate (a column with a few levels, such as a region or an age band).")
	}
	groups := 0
	var cols []string
	for _, s := range t.Slices {
		groups += len(s.Groups)
		cols = append(cols, s.Column)
	}
	text := fmt.Sprintf("%s of %s (%s) were scored on the test rows.", plural(groups, "group", "groups"), plural(len(cols), "column", "columns"), list(cols))
	if s, g, ok := worstGroup(t, higherIsBetter(f)); ok {
		text += fmt.Sprintf(" The worst is %s = %s: %s %s on %d rows, against %s on all rows.", s.Column, g.Level, t.Label, num(g.Score), g.Rows, num(s.Overall))
	} else {
		text += " No group has enough rows to be judged."
	}
	return pass("%s", text)
}

func slicesOK(f Facts) Evidence {
	if f.Test == nil {
		return missing("The chosen model has not been evaluated yet, so no groups have been checked.")
	}
	e := slicesSeen(f)
	if e.Verdict != Pass {
		return fromTest(e, f.Test)
	}
	var flagged []string
	for _, s := range f.Test.Slices {
		for _, g := range s.Groups {
			if g.Flagged {
				flagged = append(flagged, fmt.Sprintf("%s = %s (%s)", s.Column, g.Level, num(g.Score)))
			}
		}
	}
	if len(flagged) > 0 {
		return fromTest(fail("%s much worse than all rows: %s.", plural(len(flagged), "group does", "groups do"), list(flagged)), f.Test)
	}
	return fromTest(pass("No group with enough rows to judge does much worse than all rows. %s", e.Text), f.Test)
}

func importanceChecked(f Facts) Evidence {
	t := f.Test
	switch {
	case t == nil:
		return missing("The chosen model has not been evaluated yet, so the inputs' importance is not known.")
	case len(t.Importance) == 0:
		return fromTest(missing("Evaluate computed no permutation importance for this model."), t)
	}
	var useless []string
	for _, im := range t.Importance {
		if !(im.Mean > 0) {
			useless = append(useless, im.Column)
		}
	}
	top := slices.Clone(t.Importance)
	if len(top) > 3 {
		top = top[:3]
	}
	var best []string
	for _, im := range top {
		best = append(best, fmt.Sprintf("%s (%s)", im.Column, num(im.Mean)))
	}
	if len(useless) > 0 {
		return fromTest(fail("Shuffling %s does not lower the score on the test rows (importance ≤ 0): %s. The most important: %s.",
			plural(len(useless), "input", "inputs"), list(useless), strings.Join(best, ", ")), t)
	}
	return fromTest(pass("Every one of the %d inputs lowers the score when shuffled on the test rows; the most important: %s.", len(t.Importance), strings.Join(best, ", ")), t)
}

func costsSet(f Facts) Evidence {
	c := f.Costs
	switch {
	case c == nil:
		return missing("Costs are priced in the threshold explorer, which applies to yes/no predictions with probabilities; it has not been used for this model.")
	case c.FalsePositive == 0 && c.FalseNegative == 0:
		return withCostStale(missing("No costs are set in the threshold explorer in Evaluate."), c)
	}
	thr := "the default threshold 0.5"
	if c.ThresholdSet {
		thr = "the chosen threshold " + fmt.Sprintf("%.3f", c.Threshold)
	}
	return withCostStale(pass("A false alarm (calling a row %s wrongly) costs %s and a missed case %s. At %s the evaluated rows have %d false alarms and %d missed cases, costing %s in all.",
		c.Positive, num(c.FalsePositive), num(c.FalseNegative), thr, c.FalseAlarms, c.Missed, num(c.Cost)), c)
}

func withCostStale(e Evidence, c *CostFacts) Evidence {
	if c.Stale {
		e.Stale = true
		e.Text += " The evaluation these figures come from is out of date."
	}
	return e
}
