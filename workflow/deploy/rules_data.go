package deploy

import (
	"fmt"
	"strings"
)

// The evidence rules about the data and its preparation.
func init() {
	register("data_documented", "data", dataDocumented)
	register("prep_documented", "prepare", prepDocumented)
	register("prep_train_only", "prepare", prepTrainOnly)
	register("sensitive_columns", "data", sensitiveColumns)
}

func dataDocumented(f Facts) Evidence {
	d := f.Data
	if d == nil {
		return missing("No data is loaded.")
	}
	text := fmt.Sprintf("The data comes from %s: %d rows and %d columns", d.Source, d.Rows, d.Cols)
	for _, s := range d.TimeSpans {
		text += fmt.Sprintf("; %s runs from %s to %s", s.Column, s.First, s.Last)
	}
	if d.SHA256 == "" {
		return fail("%s. It has no content hash (a database query or a partial read), so nobody can check later that the data is the same.", text)
	}
	return pass("%s. Its content has SHA-256 %s…, so anyone can check that they have the same data.", text, ShortHash(d.SHA256))
}

func prepDocumented(f Facts) Evidence {
	p := f.Preparation
	if p == nil {
		return missing("The preparation has not been fitted yet.")
	}
	var enabled, silent []string
	for _, s := range p.Steps {
		if !s.Enabled {
			continue
		}
		name := fmt.Sprintf("step %d (%s)", s.Index, s.Kind)
		enabled = append(enabled, name)
		if strings.TrimSpace(s.Why) == "" {
			silent = append(silent, name)
		}
	}
	switch {
	case len(enabled) == 0:
		return pass("No preparation step is used: the model reads the columns as they were loaded.")
	case len(silent) > 0:
		return fail("%s without a reason: %s. Write why in the Prepare step.", plural(len(silent), "step has", "steps have"), list(silent))
	}
	origin := "your"
	if p.Default {
		origin = "the default"
	}
	return pass("Each of the %s of %s preparation says why it is there; the documents list them with their settings and what they learnt.",
		plural(len(enabled), "step", "steps"), origin)
}

func prepTrainOnly(f Facts) Evidence {
	p := f.Preparation
	switch {
	case p == nil:
		return missing("The preparation has not been fitted yet.")
	case !p.Checked:
		return missing("The Prepare step fits on the %d training rows only; no model is chosen yet, so the rows its own preparation was fitted on cannot be counted.", p.TrainRows)
	case p.TestOverlap > 0:
		return stamped(fail("%d of the %d rows the chosen model's preparation was fitted on are test rows: its test score is too good.", p.TestOverlap, p.FitRows), f.Fingerprint)
	}
	test := 0
	if f.Split != nil {
		test = f.Split.TestRows
	}
	return stamped(pass("Every statistic the preparation learnt comes from rows the model learns from: the Prepare step fits on the %d training rows, cross-validation refits the preparation inside every fold, "+
		"and the chosen model's preparation was fitted on its %d learning rows (training and validation). None of the %d test rows is among them, checked row by row.",
		p.TrainRows, p.FitRows, test), f.Fingerprint)
}

func sensitiveColumns(f Facts) Evidence {
	if len(f.Columns) == 0 {
		return missing("No data is loaded.")
	}
	var ids, flagged, inputs []string
	reviewed := false
	for _, c := range f.Columns {
		reviewed = reviewed || c.Reviewed
		if c.Identifier {
			ids = append(ids, c.Name)
		}
		if c.Sensitive {
			flagged = append(flagged, c.Name)
			if c.Input {
				inputs = append(inputs, c.Name)
			}
		}
	}
	idText := "No column looks like an identifier."
	if len(ids) > 0 {
		idText = "Identifiers: " + list(ids) + "."
	}
	if !reviewed {
		return missing("No column has been marked as personal or sensitive, or as not sensitive. %s Mark the columns that hold personal data in the Data step.", idText)
	}
	text := idText + " No column is flagged as personal or sensitive."
	if len(flagged) > 0 {
		text = idText + " Flagged as personal or sensitive: " + list(flagged) + "."
	}
	if len(inputs) > 0 {
		text += " The model's input schema includes " + list(inputs) + ", so requests carry personal data that must be protected in transit and in logs."
	}
	return pass("%s", text)
}
