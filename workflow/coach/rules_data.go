package coach

import (
	"fmt"
	"strings"
)

// Kinds of Explore alert the rules read (eda's Kind* names).
const (
	alertIdentifier = "identifier_like"
	alertLeakage    = "target_leakage"
	alertDates      = "numbers_are_dates"
	alertCodes      = "numbers_are_categories"
)

func init() {
	register("target_missing", "data", "Rows without a target value", targetMissing)
	register("fit_before_split", "data", "Something was learnt from all rows before the split", fitBeforeSplit)
	register("identifier_feature", "prepare", "An identifier is used as a feature", identifierFeature)
	register("leak_feature", "prepare", "A likely leak is used as a feature", leakFeature)
	register("leak_left_out", "prepare", "A likely leak was left out", leakLeftOut)
	register("number_codes", "prepare", "Dates or codes used as plain numbers", numberCodes)
}

func targetMissing(s Snapshot) []Finding {
	d := s.Data
	if d == nil || d.Target == "" || d.TargetMissing == 0 {
		return nil
	}
	share := 100 * float64(d.TargetMissing) / float64(max(d.Rows, 1))
	return []Finding{{Severity: severityBy(share >= 20, Warning, Info),
		Saw: fmt.Sprintf("%d of the %d rows (%.1f%%) have no value in the [[target]] %q.", d.TargetMissing, d.Rows, share, d.Target),
		Why: "A row without the answer cannot teach the model anything, and it cannot check it either, so these rows are left out of training and testing. " +
			"If the answer is missing for a reason (the customers who never replied, the patients who were never tested), " +
			"the model learns only from the others and may do worse on people like the missing ones.",
		Do: "Find out why the values are missing. Never fill in the target with a guess; collect the answers if you can, " +
			"and say in the documentation which rows were left out.",
		Evidence: evidence(d.Target, d.TargetMissing, d.Rows)}}
}

// fitBeforeSplit speaks when something may have been learnt from rows that
// are now test rows. Inside Modelbench that cannot happen: every learnt
// value of the preparation (a mean, a scale, a category list) is fitted on
// the training rows only, again inside every cross-validation fold, and
// the rule checks that invariant (FitTestRows) instead of assuming it. It
// can still happen before the data reaches Modelbench: a file whose
// numbers were already standardised or squeezed into [0, 1] was scaled
// with statistics of every row, test rows included.
func fitBeforeSplit(s Snapshot) []Finding {
	var out []Finding
	if p := s.Prepare; p != nil && p.FitTestRows > 0 {
		out = append(out, Finding{ID: "fit_before_split:pipeline", Stage: "prepare", Severity: Critical,
			Saw: fmt.Sprintf("The preparation learnt its values from %d rows, %d of which are [[test rows]].", p.FitRows, p.FitTestRows),
			Why: "What the preparation learns (means, scales, categories) must come from the [[training rows]] only; " +
				"otherwise the test rows have already influenced the model and its test score is too good.",
			Do:       "Prepare again: Modelbench fits the preparation on the training rows of the current split.",
			Action:   &Action{Kind: GoTo, Stage: "prepare", Label: "Go to Prepare"},
			Evidence: evidence(p.FitRows, p.FitTestRows)})
	}
	d := s.Data
	if d == nil || len(d.Scaled) == 0 {
		return out
	}
	var names, how []string
	for _, c := range d.Scaled {
		names = append(names, c.Column)
		switch c.How {
		case "standardised":
			how = append(how, fmt.Sprintf("%s: mean %.3g, [[standard deviation]] %.3g", c.Column, c.Mean, c.Std))
		default:
			how = append(how, fmt.Sprintf("%s: from %g to %g", c.Column, c.Min, c.Max))
		}
	}
	return append(out, Finding{Severity: Warning,
		Saw: fmt.Sprintf("%d numeric %s [[scaled|scaling]] over all %d rows (%s), before Modelbench made its [[split]].",
			len(names), plural(len(names), "column of the file already looks", "columns of the file already look"), d.Rows, strings.Join(how, "; ")),
		Why: "If the file was scaled with the mean and spread of every row, the rows that are now [[test rows]] helped decide the scale: " +
			"a little of the answer has leaked into the [[training rows]]. With a few rows per value, the effect is noticeable.",
		Do: "If you can, load the data as it was before scaling and let the preparation scale it: Modelbench learns the scale on the training rows only. " +
			"If the columns are naturally like this, dismiss this note.",
		Evidence: evidence(names, d.Rows)})
}

// inputs returns the columns the learners receive.
func inputs(d *Data) map[string]Column {
	out := map[string]Column{}
	for _, c := range d.Columns {
		if c.Input {
			out[c.Name] = c
		}
	}
	return out
}

func identifierFeature(s Snapshot) []Finding {
	d := s.Data
	if d == nil || s.Prepare == nil {
		return nil
	}
	in := inputs(d)
	seen := map[string]bool{}
	var out []Finding
	add := func(col, saw string) {
		if seen[col] {
			return
		}
		seen[col] = true
		out = append(out, Finding{ID: "identifier_feature:" + col, Severity: Warning,
			Saw: saw,
			Why: "An [[identifier]] names a row; it says nothing about a new one. A model can still use it to memorise the [[training rows]] " +
				"(row 17 was a yes), which looks good in training and is useless, or misleading, on new rows.",
			Do:       fmt.Sprintf("Give %q the role identifier, so that it is kept for reference and never used as a [[feature]].", col),
			Action:   &Action{Kind: SetRole, Column: col, Role: "identifier", Label: fmt.Sprintf("Make %s an identifier", col), Why: "the coach: it names rows"},
			Evidence: evidence(col)})
	}
	for _, c := range d.Columns {
		if c.Input && c.Label == "identifier" {
			add(c.Name, fmt.Sprintf("%q looks like an identifier (a different value in almost every row) but the model receives it as a [[feature]].", c.Name))
		}
	}
	if s.Explore != nil {
		for _, a := range s.Explore.Alerts {
			if a.Kind == alertIdentifier && in[a.Column].Input {
				add(a.Column, fmt.Sprintf("Explore says: %s The model receives %q as a [[feature]].", a.Message, a.Column))
			}
		}
	}
	return out
}

func leakFeature(s Snapshot) []Finding {
	d := s.Data
	if d == nil || s.Prepare == nil {
		return nil
	}
	in := inputs(d)
	seen := map[string]bool{}
	var out []Finding
	add := func(col, saw string) {
		if seen[col] {
			return
		}
		seen[col] = true
		out = append(out, Finding{ID: "leak_feature:" + col, Severity: Critical,
			Saw: saw,
			Why: "A feature that gives the answer away is usually a copy or a consequence of the [[target]]: a code for it, or something only known afterwards. " +
				"This is [[leakage]]. The model leans on it, looks perfect when tested, and fails in use, where the column is missing or means something else.",
			Do: fmt.Sprintf("Find out what %q means and when it becomes known. If it comes from the answer, leave it out (role ignored); "+
				"keep it only if it will really be there, with the same meaning, when the model is used.", col),
			Action:   &Action{Kind: SetRole, Column: col, Role: "ignored", Label: fmt.Sprintf("Leave %s out", col), Why: "the coach: it gives the answer away"},
			Evidence: evidence(col, saw)})
	}
	for _, l := range d.Leaks {
		if l.Kept && in[l.Column].Input {
			add(l.Column, fmt.Sprintf("%q alone predicts the target %q on the [[training rows]] (%s), and you kept it as a [[feature]].", l.Column, d.Target, l.Evidence))
		}
	}
	if s.Explore != nil {
		for _, a := range s.Explore.Alerts {
			if a.Kind == alertLeakage && in[a.Column].Input {
				add(a.Column, "Explore says: "+a.Message+" The model receives it as a [[feature]].")
			}
		}
	}
	return out
}

// leakLeftOut tells what the default preparation did on its own, so that
// nothing is left out silently.
func leakLeftOut(s Snapshot) []Finding {
	d, p := s.Data, s.Prepare
	if d == nil || p == nil || !p.Default {
		return nil
	}
	var out []Finding
	for _, l := range d.Leaks {
		if l.Kept {
			continue
		}
		out = append(out, Finding{ID: "leak_left_out:" + l.Column, Severity: Warning,
			Saw: fmt.Sprintf("%q alone predicts the [[target]] %q on the [[training rows]] (%s), so the default preparation leaves it out.", l.Column, d.Target, l.Evidence),
			Why: "A column that gives the answer away is almost always a copy or a consequence of it ([[leakage]]): the spelled-out label next to its code, " +
				"a date only known afterwards. Training on it would report a perfect score that means nothing.",
			Do: fmt.Sprintf("Check that %q is not what you meant to predict. If it truly is known in advance and means the same in use, "+
				"keep it by choosing the role [[feature]] for it (on the command line: --keep %q).", l.Column, l.Column),
			Action:   &Action{Kind: SetRole, Column: l.Column, Role: "feature", Label: fmt.Sprintf("Keep %s anyway", l.Column), Why: "kept although it alone predicts the target"},
			Evidence: evidence(l.Column, l.Evidence)})
	}
	return out
}

func numberCodes(s Snapshot) []Finding {
	d, e := s.Data, s.Explore
	if d == nil || e == nil || s.Prepare == nil {
		return nil
	}
	in := inputs(d)
	var out []Finding
	for _, a := range e.Alerts {
		c, ok := in[a.Column]
		if !ok || c.Changed || c.Kind != "numeric" || a.Kind != alertDates && a.Kind != alertCodes {
			continue
		}
		what, why := "codes", "A model reads a number as an amount: it assumes 30 is between 20 and 40 and three times 10. "+
			"For codes (a postcode, a product number, a year used as a label) that order and those distances mean nothing."
		if a.Kind == alertDates {
			what, why = "dates", "A date written as a number (20240131) is read as an amount, so 20240201 looks 70 times further from it than 20240130: "+
				"months and years jump. The parts of a date (year, month, weekday) are what carry seasons and trends."
		}
		f := Finding{ID: "number_codes:" + a.Column, Severity: Info,
			Saw:      fmt.Sprintf("Explore says: %s The model still receives it as a plain number.", a.Message),
			Why:      why,
			Do:       fmt.Sprintf("If %q holds %s, change how it is read (the step Explore suggests does it); if it really is an amount, dismiss this note.", a.Column, what),
			Evidence: evidence(a.Column, a.Kind)}
		if a.Fix != nil {
			f.Action = &Action{Kind: AddStep, Step: a.Fix.Step, Params: a.Fix.Params, Label: fmt.Sprintf("Read %s as %s", a.Column, what),
				Why: "the coach: " + what + " are not amounts"}
		}
		out = append(out, f)
	}
	return out
}

func severityBy(cond bool, yes, no Severity) Severity {
	if cond {
		return yes
	}
	return no
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
