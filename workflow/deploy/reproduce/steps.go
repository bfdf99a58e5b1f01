package reproduce

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"modelbench/workflow/data"
	"modelbench/workflow/prep"
	"modelbench/workflow/prep/expr"
)

// translate writes the statements that add one step to preparation().
func (s *stepCtx) translate(st prep.ExportedStep) (string, error) {
	switch x := st.(type) {
	case *prep.DropColumnsExport:
		return s.drop(x)
	case *prep.ChangeTypeExport:
		return s.changeType(x)
	case *prep.IdentityExport:
		return s.rows(x)
	case *prep.ReplaceValuesExport:
		return s.replace(x)
	case *prep.ImputeExport:
		return s.impute(x)
	case *prep.GroupRareExport:
		return s.groupRare(x)
	case *prep.OneHotExport:
		return s.oneHot(x)
	case *prep.OrdinalExport:
		return s.ordinal(x)
	case *prep.TargetEncodeExport:
		return s.targetEncode(x)
	case *prep.ScaleExport:
		return s.scale(x)
	case *prep.Log1pExport:
		return s.log1p(x)
	case *prep.YeoJohnsonExport:
		return s.yeoJohnson(x)
	case *prep.ClipExport:
		return s.clip(x)
	case *prep.BinExport:
		return s.bin(x)
	case *prep.DatePartsExport:
		return s.dateParts(x)
	case *prep.DeriveExport:
		return s.derive(x)
	case *prep.JoinExport:
		return "", s.unsupported("it adds columns from another table (%s) that Modelbench stored in the model; the script reads one file only", x.Source)
	}
	return "", s.unsupported("the script does not know this step (%T)", st)
}

// nothing is the comment of a step that has no column to work on.
func (s *stepCtx) nothing() string {
	return s.header("It has nothing to do on these columns, so there is nothing to rebuild.")
}

func (s *stepCtx) drop(x *prep.DropColumnsExport) (string, error) {
	var cols []string
	for _, c := range x.Columns {
		for _, f := range s.info.Input {
			if f.Name == c {
				cols = append(cols, c)
			}
		}
	}
	if err := s.touches(cols); err != nil {
		return "", err
	}
	if len(cols) == 0 {
		return s.nothing(), nil
	}
	return s.stepCall(s.header(""), []part{{"drop", `"drop"`, cols}}, nil, nil), nil
}

func (s *stepCtx) changeType(x *prep.ChangeTypeExport) (string, error) {
	if err := s.touches([]string{x.Column}); err != nil {
		return "", err
	}
	if err := conversionSupported(x.From, x.To, x.Layout); err != nil {
		return "", s.unsupported("%v", err)
	}
	s.p.need("change_type")
	learnt := ""
	if x.To == data.Datetime && x.From != data.Numeric {
		learnt = fmt.Sprintf("Modelbench found the date layout %q in the learning rows; it is used as it is.", x.Layout)
	}
	t := fmt.Sprintf("ChangeType(%s, %s, %s)", pyStr(x.From.String()), pyStr(x.To.String()), pyStr(x.Layout))
	return s.stepCall(s.header(learnt), []part{{"change_type", t, []string{x.Column}}}, []string{x.Column}, nil), nil
}

// rows writes the row steps: they act on the learning rows while fitting.
func (s *stepCtx) rows(x *prep.IdentityExport) (string, error) {
	switch s.info.Kind {
	case "filter_rows":
		cond := s.params.String("condition")
		fn, err := s.p.expression(s, fmt.Sprintf("condition_%d", s.info.Index), cond, s.info.Input)
		if err != nil {
			return "", err
		}
		s.p.need("expr")
		return s.header(x.Note) + fmt.Sprintf("    steps.append(RowStep(%d, \"filter_rows\", lambda rows: evaluate(%s, rows)))\n", s.info.Index, fn), nil
	case "remove_duplicates":
		return s.header(x.Note+" A row repeats an earlier one when every column, the target included, "+
			"has the same value (missing equal to missing); pandas' duplicated() says the same.") +
			fmt.Sprintf("    steps.append(RowStep(%d, \"remove_duplicates\", lambda rows: ~rows.duplicated(keep=\"first\")))\n", s.info.Index), nil
	case "rebalance":
		return "", s.unsupported("it draws learning rows with Modelbench's own random generator (%s); "+
			"scikit-learn has no way to draw the same rows", strings.TrimSuffix(x.Note, "."))
	}
	return "", s.unsupported("an unknown row step")
}

func (s *stepCtx) replace(x *prep.ReplaceValuesExport) (string, error) {
	if err := s.touches([]string{x.Column}); err != nil {
		return "", err
	}
	for _, v := range append(append([]string{}, x.Values...), x.With) {
		if err := checkText("value", v); err != nil {
			return "", s.unsupported("%v", err)
		}
	}
	s.p.need("replace_values")
	var t string
	if x.Kind == data.Numeric {
		t = fmt.Sprintf("ReplaceValues(\"numeric\", numbers=%s, with_number=%s)", pyFloats(x.Numbers, "         "), pyFloat(x.WithNumber))
	} else {
		t = fmt.Sprintf("ReplaceValues(%s, labels=%s, with_label=%s)", pyStr(x.Kind.String()), pyStrs(x.Values, "         "), pyStr(x.With))
	}
	return s.stepCall(s.header(""), []part{{"replace_values", t, []string{x.Column}}}, []string{x.Column}, nil), nil
}

func (s *stepCtx) dateParts(x *prep.DatePartsExport) (string, error) {
	if err := s.touches(x.Columns); err != nil {
		return "", err
	}
	if len(x.Columns) == 0 {
		return s.nothing(), nil
	}
	s.p.need("date_parts")
	var made []string
	for _, o := range x.Outputs {
		made = append(made, o...)
	}
	t := fmt.Sprintf("DateParts(%s)", pyStrs(x.Parts, ""))
	return s.stepCall(s.header(""), []part{{"date_parts", t, x.Columns}}, made, nil), nil
}

// derive: the Derive part reads the columns of the expression (and takes
// the column it replaces); the columns it reads pass through beside it.
func (s *stepCtx) derive(x *prep.DeriveExport) (string, error) {
	if err := s.touches([]string{x.Name}); err != nil {
		return "", err
	}
	if readsTarget(x.Tree, s.target) {
		return "", s.unsupported("the expression reads the target column %q, which new rows do not have", s.target)
	}
	fn, err := s.p.expression(s, fmt.Sprintf("derive_%d", s.info.Index), x.Expression, s.info.Input)
	if err != nil {
		return "", err
	}
	s.p.need("expr", "derive")
	read := columnsRead(x.Tree)
	keep := slices.DeleteFunc(slices.Clone(read), func(c string) bool { return c == x.Name })
	takes := slices.Clone(keep)
	if x.Replaces {
		takes = append(takes, x.Name)
	}
	if len(takes) == 0 { // a constant: ColumnTransformer skips parts without columns
		cols := s.names(s.info.Input)
		if len(cols) == 0 {
			return "", s.unsupported("the expression reads no column and the step has none to work beside")
		}
		takes, keep = cols[:1], cols[:1]
	}
	parts := []part{{"derive", fmt.Sprintf("Derive(%s, %s)", pyStr(x.Name), fn), takes}}
	if len(keep) > 0 {
		parts = append(parts, part{"read", `"passthrough"`, keep})
	}
	return s.stepCall(s.header(fmt.Sprintf("%s = %s", x.Name, x.Expression)), parts, append([]string{x.Name}, keep...), nil), nil
}

// columnsRead lists the columns an expression reads, in order of first
// appearance.
func columnsRead(n expr.Node) []string {
	var out []string
	var walk func(expr.Node)
	walk = func(n expr.Node) {
		switch x := n.(type) {
		case *expr.ColumnRef:
			if !slices.Contains(out, x.Name) {
				out = append(out, x.Name)
			}
		case *expr.Unary:
			walk(x.X)
		case *expr.Binary:
			walk(x.X)
			walk(x.Y)
		case *expr.Call:
			for _, a := range x.Args {
				walk(a)
			}
		}
	}
	walk(n)
	return out
}

// expectLine is a call of expect() in a check function.
func expectLine(what, learnt, recorded string) string {
	return fmt.Sprintf("expect(%s, %s, %s)", pyStr(what), learnt, recorded)
}

// finite reports whether every value is a finite number.
func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
