package reproduce

import (
	"fmt"
	"slices"
	"strings"

	"modelbench/workflow/data"
	"modelbench/workflow/prep"
)

// kindsArg is a {column: type} literal for transformers that read labels.
func (s *stepCtx) kindsArg(cols []string) string {
	m := map[string]string{}
	for _, c := range cols {
		m[c] = pyStr(s.kindOf(c).String())
	}
	return pyStrMap(m, "         ")
}

// needsLabels reports whether some column is not already a label column
// (numbers and yes/no words are turned into labels first).
func (s *stepCtx) needsLabels(cols []string) bool {
	for _, c := range cols {
		if k := s.kindOf(c); k != data.Categorical && k != data.Text {
			return true
		}
	}
	return false
}

func checkLabels(labels []string) error {
	for _, l := range labels {
		if err := checkText("label", l); err != nil {
			return err
		}
	}
	return nil
}

func (s *stepCtx) groupRare(x *prep.GroupRareExport) (string, error) {
	var cols, check []string
	for _, c := range x.Columns {
		cols = append(cols, c.Name)
		if err := checkLabels(c.Keep); err != nil {
			return "", s.unsupported("%v", err)
		}
		check = append(check, expectLine(fmt.Sprintf("step %d group_rare: the labels %s keeps", s.info.Index, c.Name),
			fmt.Sprintf("sorted(step.fitted(\"group_rare\").keep_[%s])", pyStr(c.Name)), pyStrs(sorted(c.Keep), "        ")))
	}
	if err := s.touches(cols); err != nil {
		return "", err
	}
	if len(cols) == 0 {
		return s.nothing(), nil
	}
	s.p.need("group_rare")
	share := s.params.Float("min_share")
	t := fmt.Sprintf("GroupRare(min_share=%s, other=%s, kinds=%s)", pyFloat(share), pyStr(x.Other), s.kindsArg(cols))
	note := fmt.Sprintf("Modelbench learnt which labels are present in at least %g of the learning rows; scikit-learn 1.2 groups rare categories only inside OneHotEncoder, so a small transformer is written out.", share)
	return s.stepCall(s.header(note), []part{{"group_rare", t, cols}}, cols, check), nil
}

// sklearnName is OneHotEncoder's name for Modelbench's output NAME=label.
func sklearnName(column, output string) string {
	label := strings.TrimPrefix(output, column+"=")
	switch label {
	case "(missing)":
		label = "nan"
	case "(other)":
		label = "infrequent_sklearn"
	}
	return column + "_" + label
}

func (s *stepCtx) oneHot(x *prep.OneHotExport) (string, error) {
	var cols, made, skNames []string
	var check []string
	for j, c := range x.Columns {
		cols = append(cols, c.Name)
		if err := checkLabels(c.Categories); err != nil {
			return "", s.unsupported("%v", err)
		}
		made = append(made, c.Outputs...)
		for _, o := range c.Outputs {
			skNames = append(skNames, sklearnName(c.Name, o))
		}
		items := make([]string, 0, len(c.Categories)+1)
		for _, cat := range c.Categories {
			items = append(items, pyStr(cat))
		}
		if c.MissingSeen {
			items = append(items, "math.nan")
		}
		cats := pyList(items, "        ")
		check = append(check, expectLine(fmt.Sprintf("step %d one_hot: the categories of %s", s.info.Index, c.Name),
			fmt.Sprintf("%s.categories_[%d]", "encoder", j), cats))
	}
	if err := s.touches(cols); err != nil {
		return "", err
	}
	if len(cols) == 0 {
		return s.nothing(), nil
	}
	check = append([]string{"encoder = step.fitted(\"one_hot\")" + map[bool]string{true: ".named_steps[\"encode\"]", false: ""}[s.needsLabels(cols)]}, check...)
	check = append(check, expectLine(fmt.Sprintf("step %d one_hot: the columns made (dropped and grouped ones as in Modelbench)", s.info.Index),
		"encoder.get_feature_names_out()", pyStrs(skNames, "        ")))
	drop := "None"
	switch d := s.params.String("drop"); d {
	case "first", "if_binary":
		drop = pyStr(d)
	}
	maxCats := "None"
	if n := s.params.Int("max_levels"); n > 0 {
		maxCats = fmt.Sprint(n)
	}
	unseen := "ignore"
	if x.Unseen == "error" {
		unseen = "error"
	}
	t := fmt.Sprintf("OneHotEncoder(drop=%s, max_categories=%s, handle_unknown=%s, sparse_output=False, dtype=float)", drop, maxCats, pyStr(unseen))
	if s.needsLabels(cols) {
		s.p.need("as_labels")
		t = fmt.Sprintf("Pipeline([(\"labels\", AsLabels(%s)),\n                   (\"encode\", %s)])", s.kindsArg(cols), t)
	}
	note := "Modelbench learnt the categories of the learning rows (sorted; a missing value seen there is a category of its own, last). " +
		"A value it did not see gives " + map[bool]string{true: "an error", false: "zeros"}[unseen == "error"] + "."
	return s.stepCall(s.header(note), []part{{"one_hot", t, cols}}, made, check), nil
}

func (s *stepCtx) ordinal(x *prep.OrdinalExport) (string, error) {
	if err := s.touches([]string{x.Column}); err != nil {
		return "", err
	}
	if err := checkLabels(x.Order); err != nil {
		return "", s.unsupported("%v", err)
	}
	t := fmt.Sprintf("OrdinalEncoder(categories=[%s], handle_unknown=\"use_encoded_value\", unknown_value=math.nan,\n                        encoded_missing_value=math.nan, dtype=float)", pyStrs(x.Order, "                        "))
	if x.Kind != data.Categorical && x.Kind != data.Text {
		s.p.need("as_labels")
		learnt := pyStrMap(map[string]string{x.Column: pyStrs(x.Order, "")}, "         ")
		t = fmt.Sprintf("Pipeline([(\"labels\", AsLabels(%s, learnt=%s)),\n                   (\"encode\", %s)])", s.kindsArg([]string{x.Column}), learnt, t)
	}
	note := "The order is the one given in Modelbench; a value not in it, and a missing value, give NaN."
	return s.stepCall(s.header(note), []part{{"ordinal", t, []string{x.Column}}}, []string{x.Column}, nil), nil
}

func (s *stepCtx) targetEncode(x *prep.TargetEncodeExport) (string, error) {
	var cols, made, check []string
	for _, c := range x.Columns {
		cols = append(cols, c.Name)
		made = append(made, c.Outputs...)
		if err := checkLabels(c.Levels); err != nil {
			return "", s.unsupported("%v", err)
		}
		table := map[string]string{}
		for l, level := range c.Levels {
			vals := make([]float64, len(c.Values))
			for o := range c.Values {
				vals[o] = c.Values[o][l]
			}
			table[level] = pyFloats(vals, "")
		}
		check = append(check, fmt.Sprintf("expect_encoding(%s, step.fitted(\"target_encode\"), %s,\n            %s,\n            %s)",
			pyStr(fmt.Sprintf("step %d target_encode of %s", s.info.Index, c.Name)), pyStr(c.Name), pyStrMap(table, "            "), pyFloats(c.Default, "")))
	}
	if err := s.touches(cols); err != nil {
		return "", err
	}
	if err := checkLabels(x.Classes); err != nil {
		return "", s.unsupported("%v", err)
	}
	if len(cols) == 0 {
		return s.nothing(), nil
	}
	s.p.need("target_encode")
	classes := "None"
	if x.Classes != nil {
		classes = pyStrs(x.Classes, "         ")
	}
	t := fmt.Sprintf("TargetEncode(smoothing=%s, folds=%d, classes=%s,\n                          kinds=%s)", pyFloat(s.params.Float("smoothing")), s.params.Int("folds"), classes, s.kindsArg(cols))
	note := "Modelbench learnt each label's smoothed mean target over all the learning rows (used for new rows); the learning rows themselves were encoded out of fold."
	return s.stepCall(s.header(note), []part{{"target_encode", t, cols}}, made, check), nil
}

func sorted(ss []string) []string {
	out := slices.Clone(ss)
	slices.Sort(out)
	return out
}
