package pmml

import (
	"fmt"

	"modelbench/workflow/data"
	"modelbench/workflow/prep"
)

// StepNote says how one preparation step was written.
type StepNote struct {
	Index int    // 1-based position in the pipeline
	Kind  string // the step's registry name
	As    string // the PMML constructs that express it
}

// translate writes one step's description as derived fields (or mining
// field treatments), returning how, or an *UnsupportedError.
func (fs *fields) translate(st prep.ExportedStep) (string, error) {
	info := st.Info()
	what := fmt.Sprintf("step %d (%s)", info.Index, info.Kind)
	var as string
	var err error
	switch s := st.(type) {
	case *prep.DropColumnsExport:
		for _, c := range s.Columns {
			delete(fs.cols, c)
		}
		as = "nothing: the columns are not used"
	case *prep.IdentityExport:
		as = "nothing: it acted on the training rows only"
	case *prep.ChangeTypeExport:
		as, err = fs.changeType(what, s)
	case *prep.ImputeExport:
		as, err = fs.impute(what, s)
	case *prep.ReplaceValuesExport:
		as, err = fs.replaceValues(what, s)
	case *prep.GroupRareExport:
		as, err = fs.groupRare(what, s)
	case *prep.OneHotExport:
		as, err = fs.oneHot(what, s)
	case *prep.OrdinalExport:
		as, err = fs.ordinal(what, s)
	case *prep.TargetEncodeExport:
		as, err = fs.targetEncode(what, s)
	case *prep.ScaleExport:
		as, err = fs.scale(s)
	case *prep.Log1pExport:
		as, err = fs.log1p(s)
	case *prep.YeoJohnsonExport:
		as, err = fs.yeoJohnson(s)
	case *prep.ClipExport:
		as, err = fs.clip(s)
	case *prep.BinExport:
		as, err = fs.bin(s)
	case *prep.DatePartsExport:
		as, err = fs.dateParts(s)
	case *prep.DeriveExport:
		err = unsupported(what, "Modelbench's expressions turn every infinite intermediate result into a missing value and use three-valued and/or, which PMML's built-in functions do not; the export does not rewrite expressions")
	case *prep.JoinExport:
		err = unsupported(what, "it needs the stored table %q as a lookup, which this exporter does not write", s.Source)
	default:
		err = unsupported(what, "the exporter does not know the step description %T", st)
	}
	if err != nil {
		return "", err
	}
	return as, nil
}

// changeType converts a column between kinds where PMML can say exactly
// what Modelbench's conversion does.
func (fs *fields) changeType(what string, s *prep.ChangeTypeExport) (string, error) {
	c, err := fs.col(s.Column)
	if err != nil {
		return "", err
	}
	switch {
	case s.From == s.To:
		return "nothing: the column already has that type", nil
	case s.From == data.Boolean && s.To == data.Numeric:
		truth, err := fs.truthOf(s.Column)
		if err != nil {
			return "", err
		}
		fs.set(s.Column, truth, data.Numeric)
		return "MapValues of the yes/no words to 1 and 0", nil
	case s.From == data.Numeric && s.To == data.Boolean:
		x := c.field
		fs.set(s.Column, fs.addNumber(s.Column+"@yesno", unlessMissing(x, "double",
			ifElse(apply("notEqual", fieldRef(x), constant(0)), constant(1), constant(0)))), data.Boolean)
		return "Apply if(notEqual(x, 0), 1, 0)", nil
	case (s.From == data.Categorical || s.From == data.Text) && s.To == data.Boolean:
		// The label, spaces trimmed, read as a yes/no word: the same rule as
		// a yes/no input's text.
		fs.cols[s.Column] = column{field: c.field, kind: data.Boolean, rawBool: true}
		if _, err := fs.truthOf(s.Column); err != nil {
			return "", err
		}
		return "MapValues of the yes/no words to 1 and 0", nil
	case (s.From == data.Categorical && s.To == data.Text) || (s.From == data.Text && s.To == data.Categorical):
		if s.To == data.Categorical {
			// to categorical trims spaces; an empty result is missing
			x := c.field
			t := apply("trimBlanks", fieldRef(x))
			fs.set(s.Column, fs.addLabel(s.Column+"@category", unlessMissing(x, "string",
				ifElse(apply("equal", t, constantText("")), missingConstant("string"), apply("trimBlanks", fieldRef(x))))), data.Categorical)
			return "Apply trimBlanks (an empty label is missing)", nil
		}
		fs.set(s.Column, c.field, data.Text)
		return "nothing: a category's label is its text", nil
	}
	return "", unsupported(what, "converting %s to %s needs Modelbench's reading or writing of numbers and dates as text (shortest round-trip numbers, its number syntax, date layouts), which PMML's functions cannot reproduce", s.From, s.To)
}

// impute fills missing values: through the MiningSchema's
// missingValueReplacement when the column is an input no step has read
// and no indicator needs its missingness, else a derived FieldRef with
// mapMissingTo. Indicators are if(isMissing(x), 1, 0).
func (fs *fields) impute(what string, s *prep.ImputeExport) (string, error) {
	viaSchema, viaField := 0, 0
	for _, ic := range s.Columns {
		c, err := fs.col(ic.Name)
		if err != nil {
			return "", err
		}
		var fill string
		switch ic.Kind {
		case data.Numeric:
			fill = num(ic.Number)
		case data.Categorical, data.Text:
			fill = ic.Label
		case data.Boolean:
			fill = "0"
			if v, ok := data.ParseBool(ic.Label); ok && v || ic.Label == "true" {
				fill = "1"
			}
		default:
			return "", unsupported(what, "column %q holds %s values", ic.Name, ic.Kind)
		}
		if ic.Indicator != "" {
			src := c.field
			if ic.Kind == data.Boolean {
				if src, err = fs.truthOf(ic.Name); err != nil {
					return "", err
				}
			}
			fs.set(ic.Indicator, fs.addNumber(ic.Indicator, ifElse(apply("isMissing", fieldRef(src)), constant(1), constant(0))), data.Numeric)
		}
		if ic.Kind == data.Numeric && ic.Number != ic.Number { // a NaN fill leaves values missing
			continue
		}
		if r := fs.rawByID[c.field]; r != nil && ic.Indicator == "" && !fs.read[c.field] && r.replacement == "" {
			r.replacement, r.treatment = fill, treatmentOf(s.Strategy)
			if ic.Kind == data.Boolean {
				r.replacement = map[string]string{"1": "true", "0": "false"}[fill]
			}
			viaSchema++
			continue
		}
		src, dataType, kind := c.field, "string", ic.Kind
		if ic.Kind == data.Boolean {
			if src, err = fs.truthOf(ic.Name); err != nil {
				return "", err
			}
		}
		if ic.Kind == data.Numeric || ic.Kind == data.Boolean {
			dataType = "double"
		}
		e := el("FieldRef", "field", src)
		e.attrs = append(e.attrs, mapMissing(fill))
		if dataType == "double" {
			fs.set(ic.Name, fs.addNumber(ic.Name+"@impute", e), kind)
		} else {
			fs.set(ic.Name, fs.addLabel(ic.Name+"@impute", e), kind)
		}
		viaField++
	}
	return fmt.Sprintf("MiningField missingValueReplacement for %d column(s), FieldRef mapMissingTo for %d", viaSchema, viaField), nil
}

func treatmentOf(strategy string) string {
	switch strategy {
	case "mean":
		return "asMean"
	case "median":
		return "asMedian"
	case "most_frequent":
		return "asMode"
	}
	return "asValue"
}
