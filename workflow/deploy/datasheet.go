package deploy

import (
	"fmt"
	"strings"
)

// Datasheet builds the datasheet of the project's dataset in the sections
// of Gebru et al., "Datasheets for Datasets" (Communications of the ACM,
// 2021): motivation, composition (with the column dictionary and missing
// values), collection process, preprocessing, cleaning and labelling (with
// Explore's alerts and the preparation), uses, distribution and
// maintenance.
func Datasheet(d *Definition, s State, f Facts) *Document {
	title := "Datasheet"
	if f.Data != nil {
		title += ": " + f.Data.Source
	}
	doc := &Document{ID: "datasheet", Title: title, Subtitle: sheetSubtitle(f)}
	mot := doc.add("Motivation")
	mot.fields(form(d, s, KeyDSMotivation), form(d, s, KeyDSCreators))
	if f.Target != "" {
		mot.para("In this project the data is used to predict %q (%s).", f.Target, f.Task)
	}
	sheetComposition(doc.add("Composition"), d, s, f)
	col := doc.add("Collection process")
	col.fields(form(d, s, KeyDSCollection))
	col.para("%s", dataDocumented(f).Text)
	if f.Data != nil && len(f.Data.Issues) > 0 {
		col.para("What the loader noticed:")
		col.list(f.Data.Issues...)
	}
	sheetPreprocessing(doc.add("Preprocessing, cleaning and labelling"), d, s, f)
	uses := doc.add("Uses")
	uses.fields(form(d, s, KeyDSUses))
	dist := doc.add("Distribution")
	dist.fields(form(d, s, KeyDSDistribution))
	mnt := doc.add("Maintenance")
	mnt.fields(form(d, s, KeyDSMaintenance))
	if f.Data != nil && f.Data.SHA256 != "" {
		mnt.para("A changed file is noticed when the project is opened again: its SHA-256 (%s) no longer matches.", f.Data.SHA256)
	}
	return doc
}

func sheetSubtitle(f Facts) string {
	if f.Data == nil {
		return "No data is loaded."
	}
	return fmt.Sprintf("%d rows and %d columns from %s.", f.Data.Rows, f.Data.Cols, f.Data.Source)
}

func sheetComposition(sec *DocSection, d *Definition, s State, f Facts) {
	sec.fields(form(d, s, KeyDSInstances))
	if f.Data == nil {
		return
	}
	if f.Data.NoTarget > 0 {
		sec.para("%d rows have no value for the target and are left out of training and evaluation.", f.Data.NoTarget)
	}
	if !f.Explored {
		sec.callout("info", "The Explore step has not run, so the missing values and statistics below are not known.")
	}
	missingCells, missingCols := 0, 0
	var rows [][]string
	for _, c := range f.Columns {
		flags := []string{}
		if c.Identifier {
			flags = append(flags, "identifier")
		}
		if c.Sensitive {
			flags = append(flags, "sensitive")
		}
		if c.Missing > 0 {
			missingCells += c.Missing
			missingCols++
		}
		rows = append(rows, []string{c.Name, c.Type, c.Role, strings.Join(flags, ", "), fmt.Sprint(c.Missing),
			fmt.Sprintf("%.1f%%", c.MissingPct), fmt.Sprint(c.Unique), c.Summary})
	}
	sec.para("The column dictionary: each column's type, role, flags and missing values.")
	sec.table([]string{"column", "type", "role", "flags", "missing", "missing %", "unique", "summary"}, rows)
	if f.Explored {
		sec.para("%d cells are missing, in %s.", missingCells, plural(missingCols, "column", "columns"))
		if missingCells > 0 {
			sec.figure(FigMissing, "Share of missing values per column")
		}
	}
	var why []string
	for _, c := range f.Columns {
		if c.Why != "" {
			why = append(why, fmt.Sprintf("%s: read as %s, used as %s — %s", c.Name, c.Type, c.Role, c.Why))
		}
	}
	if len(why) > 0 {
		sec.para("Types and roles chosen by hand, with the reasons given:")
		sec.list(why...)
	}
}

func sheetPreprocessing(sec *DocSection, d *Definition, s State, f Facts) {
	sec.fields(form(d, s, KeyDSLabelling))
	switch {
	case !f.Explored:
		sec.para("The Explore step has not run, so no data-quality alerts are known.")
	case len(f.Alerts) == 0:
		sec.para("Explore raised no data-quality alert.")
	default:
		var rows [][]string
		for _, a := range f.Alerts {
			rows = append(rows, []string{a.Severity, orDash(a.Column), a.Message, a.Action})
		}
		sec.para("Explore's data-quality alerts, most serious first:")
		sec.table([]string{"severity", "column", "finding", "what to do"}, rows)
	}
	if p := f.Preparation; p != nil {
		origin := "It was written for this project."
		if p.Default {
			origin = "It is Modelbench's default for this table."
		}
		sec.para("Modelbench prepared the data with these steps, fitted on the training rows only. %s", origin)
		sec.table([]string{"step", "what it does", "why"}, stepRows(p.Steps))
	}
}
