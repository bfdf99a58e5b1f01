package pmml

import (
	"fmt"

	"modelbench/workflow/data"
	"modelbench/workflow/prep"
)

// The steps that read values as labels. They are written for category
// and text columns, whose labels are the values PMML receives; yes/no and
// numeric columns are refused, since their labels are spellings or
// formatted numbers that a PMML string comparison would not match as
// Modelbench matches them.

func labelColumn(what, name string, kind data.Kind) error {
	if kind != data.Categorical && kind != data.Text {
		return unsupported(what, "column %q holds %s values, whose labels Modelbench matches as formatted numbers or yes/no spellings; only category and text columns are written", name, kind)
	}
	return nil
}

// replaceValues: numbers equal to one of Numbers, or labels among Values,
// become the replacement (or missing).
func (fs *fields) replaceValues(what string, s *prep.ReplaceValuesExport) (string, error) {
	c, err := fs.col(s.Column)
	if err != nil {
		return "", err
	}
	x := c.field
	if s.Kind == data.Numeric {
		in := apply("isIn", fieldRef(x))
		for _, v := range s.Numbers {
			in.add(constant(v))
		}
		with := constant(s.WithNumber)
		if s.WithNumber != s.WithNumber {
			with = missingConstant("double")
		}
		fs.set(s.Column, fs.addNumber(s.Column+"@replace", unlessMissing(x, "double", ifElse(in, with, fieldRef(x)))), data.Numeric)
		return "Apply if(isIn(x, values), replacement, x)", nil
	}
	if err := labelColumn(what, s.Column, s.Kind); err != nil {
		return "", err
	}
	with := constantText(s.With)
	if s.With == "" {
		with = missingConstant("string")
	}
	var expr *elem = ifElse(isIn(x, s.Values), with, fieldRef(x))
	if s.Kind == data.Text { // an empty text is missing once read back
		expr = ifElse(isIn(x, append([]string{""}, s.Values...)), with, fieldRef(x))
		if s.With != "" {
			expr = ifElse(apply("equal", fieldRef(x), constantText("")), missingConstant("string"), ifElse(isIn(x, s.Values), with, fieldRef(x)))
		}
	}
	fs.set(s.Column, fs.addLabel(s.Column+"@replace", unlessMissing(x, "string", expr)), s.Kind)
	return "Apply if(isIn(x, values), replacement, x)", nil
}

// groupRare keeps the listed labels and turns every other present label
// into Other.
func (fs *fields) groupRare(what string, s *prep.GroupRareExport) (string, error) {
	for _, gc := range s.Columns {
		if err := labelColumn(what, gc.Name, gc.Kind); err != nil {
			return "", err
		}
		c, err := fs.col(gc.Name)
		if err != nil {
			return "", err
		}
		x := c.field
		var expr *elem = constantText(s.Other)
		if len(gc.Keep) > 0 {
			expr = ifElse(isIn(x, gc.Keep), fieldRef(x), constantText(s.Other))
		}
		fs.addValues(x, gc.Keep)
		fs.set(gc.Name, fs.addLabel(gc.Name+"@group_rare", unlessMissing(x, "string", expr)), data.Categorical)
	}
	return "Apply if(isIn(x, kept), x, other)", nil
}

// oneHot writes one 0/1 field per output: NormDiscrete for an output of
// one category, if(isIn(...)) for grouped ones, and if(isMissing(x), ...)
// for the missing category; a missing or unseen value gives 0.
func (fs *fields) oneHot(what string, s *prep.OneHotExport) (string, error) {
	if s.Unseen != "ignore" {
		return "", unsupported(what, "unseen categories make Modelbench fail (unseen=%q), which PMML cannot state", s.Unseen)
	}
	for _, oc := range s.Columns {
		if err := labelColumn(what, oc.Name, oc.Kind); err != nil {
			return "", err
		}
		c, err := fs.col(oc.Name)
		if err != nil {
			return "", err
		}
		x := c.field
		fs.addValues(x, oc.Categories)
		cats := make([][]string, len(oc.Outputs))
		for i, o := range oc.CategoryOutput {
			if o >= 0 {
				cats[o] = append(cats[o], oc.Categories[i])
			}
		}
		for o, name := range oc.Outputs {
			var e *elem
			switch len(cats[o]) {
			case 0:
				e = constant(0)
			case 1:
				e = el("NormDiscrete", "field", x, "value", cats[o][0], "mapMissingTo", "0")
			default:
				e = ifElse(isIn(x, cats[o]), constant(1), constant(0))
				e.attrs = append(e.attrs, mapMissing("0"))
			}
			if oc.MissingSeen && oc.MissingOutput == o {
				e = ifElse(apply("isMissing", fieldRef(x)), constant(1), e)
			}
			fs.set(name, fs.addNumber(name, e), data.Numeric)
		}
		delete(fs.cols, oc.Name)
	}
	return "NormDiscrete (mapMissingTo 0) per category", nil
}

// ordinal maps each label to its position; others and missing values give
// a missing value.
func (fs *fields) ordinal(what string, s *prep.OrdinalExport) (string, error) {
	if err := labelColumn(what, s.Column, s.Kind); err != nil {
		return "", err
	}
	c, err := fs.col(s.Column)
	if err != nil {
		return "", err
	}
	pos := make([]string, len(s.Order))
	for i := range pos {
		pos[i] = fmt.Sprint(i)
	}
	fs.addValues(c.field, s.Order)
	fs.set(s.Column, fs.addNumber(s.Column+"@ordinal", el("MapValues", "outputColumn", "value", "dataType", "double").
		add(el("FieldColumnPair", "field", c.field, "column", "key"), inlineTable(s.Order, pos))), data.Numeric)
	return "MapValues (unlisted and missing labels give missing)", nil
}

// targetEncode maps each label to its encodings; others and missing
// values give the training average.
func (fs *fields) targetEncode(what string, s *prep.TargetEncodeExport) (string, error) {
	for _, tc := range s.Columns {
		if err := labelColumn(what, tc.Name, tc.Kind); err != nil {
			return "", err
		}
		c, err := fs.col(tc.Name)
		if err != nil {
			return "", err
		}
		fs.addValues(c.field, tc.Levels)
		for o, name := range tc.Outputs {
			vals := make([]string, len(tc.Levels))
			for l := range vals {
				vals[l] = num(tc.Values[o][l])
			}
			mv := el("MapValues", "outputColumn", "value", "dataType", "double", "defaultValue", num(tc.Default[o])).
				add(el("FieldColumnPair", "field", c.field, "column", "key"), inlineTable(tc.Levels, vals))
			mv.attrs = append(mv.attrs, mapMissing(num(tc.Default[o])))
			base := name
			if name == tc.Name {
				base = name + "@target_encode"
			}
			fs.set(name, fs.addNumber(base, mv), data.Numeric)
		}
		if !containsName(tc.Outputs, tc.Name) {
			delete(fs.cols, tc.Name)
		}
	}
	return "MapValues (defaultValue and mapMissingTo the training average)", nil
}

func containsName(names []string, n string) bool {
	for _, x := range names {
		if x == n {
			return true
		}
	}
	return false
}
