package prep_test

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

// Scoring data that spells yes/no values otherwise than the training data
// did, and the rules of YesNoMatch and Spellings pinned down by hand.

// respell returns f with its j-th yes/no column (counting yes/no columns
// only) spelled as to(j, its spelling) says.
func respell(f *data.Frame, to func(j int, s data.BoolSpelling) data.BoolSpelling) *data.Frame {
	cols := f.Columns()
	j := 0
	for k, c := range cols {
		if b, ok := c.(*data.BooleanColumn); ok {
			cols[k] = b.Spelled(to(j, b.Spelling()))
			j++
		}
	}
	g, err := data.NewFrame(cols...)
	if err != nil {
		panic(err)
	}
	return g
}

// otherSpellings are the spellings new data may use.
var otherSpellings = []data.BoolSpelling{{True: "TRUE", False: "FALSE"}, {True: "y", False: "n"},
	{True: "Yes", False: "No"}, {True: "true", False: "false"}, {True: "T", False: "F"}}

// withYesNoCells returns f with each yes/no column replaced by a category
// column of the texts cell(j, i, value) gives for its present rows (j
// counts yes/no columns; "" is missing), as a file read without types
// would have them.
func withYesNoCells(f *data.Frame, cell func(j, i int, v bool) string) *data.Frame {
	cols := f.Columns()
	j := 0
	for k, c := range cols {
		b, ok := c.(*data.BooleanColumn)
		if !ok {
			continue
		}
		s := make([]string, c.Len())
		for i := range s {
			if v, present := b.At(i); present {
				s[i] = cell(j, i, v)
			}
		}
		cols[k] = data.NewCategoricalFromStrings(c.Name(), s, nil)
		j++
	}
	g, err := data.NewFrame(cols...)
	if err != nil {
		panic(err)
	}
	return g
}

// spelledOtherwise returns f as new data spelling its yes/no columns in
// other ways: read as yes/no with another spelling than f's; as words in
// mixed spellings (TRUE, " y ", Yes, no...: each value takes its most
// frequent word, the first on ties); as words of one value only, so that
// the other value's spelling is the counterpart (TRUE gives FALSE, Yes
// gives No, y gives n, yES gives no); and as 1/0 numbers.
func spelledOtherwise(f *data.Frame) map[string]*data.Frame {
	mixed := [][2]string{{"FALSE", "TRUE"}, {"n", " y "}, {"no", "Yes"}, {"f", "T"}}
	oneSided := []string{"TRUE", "Yes", "y", "yES", "F", "No", "n", "t"}
	nums := f.Columns()
	for k, c := range nums {
		if b, ok := c.(*data.BooleanColumn); ok {
			nums[k], _ = data.Convert(b, data.Numeric, data.ParseOptions{})
		}
	}
	numbers, err := data.NewFrame(nums...)
	if err != nil {
		panic(err)
	}
	return map[string]*data.Frame{
		"respelled": respell(f, func(j int, s data.BoolSpelling) data.BoolSpelling {
			for t := 0; ; t++ {
				if o := otherSpellings[(j+t)%len(otherSpellings)]; o != s {
					return o
				}
			}
		}),
		"mixed words": withYesNoCells(f, func(j, i int, v bool) string {
			return mixed[(i/2+j)%len(mixed)][b2i(v)]
		}),
		"words of one value": withYesNoCells(f, func(j, _ int, v bool) string {
			w := oneSided[j%len(oneSided)]
			if t, _ := data.ParseBool(w); t != v {
				return "" // the other value goes missing
			}
			return w
		}),
		"yes/no as 1/0": numbers,
	}
}

// flagFrame returns yes/no columns f1..f6 holding the same values, spelled
// as s (missing where ""), and a numeric target y.
func flagFrame(t *testing.T, s data.BoolSpelling, vals ...string) *data.Frame {
	t.Helper()
	truth, miss := make([]bool, len(vals)), data.NewMask(len(vals))
	y := make([]float64, len(vals))
	for i, v := range vals {
		truth[i] = v == "+"
		if v == "" {
			miss.Set(i)
		}
		y[i] = float64(i%3) + float64(b2i(truth[i]))
	}
	var cols []data.Column
	for k := 1; k <= 6; k++ {
		cols = append(cols, data.NewBoolean("f"+string(rune('0'+k)), slices.Clone(truth), slices.Clone(miss)).Spelled(s))
	}
	f, err := data.NewFrame(append(cols, data.NewNumeric("y", y, nil))...)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestExport_YesNoByHand spells out the YesNoMatch of each step that holds
// labels, for a pipeline trained on Yes/No, and what Apply does when the
// new data says TRUE/FALSE, Y/N or true/false; the applier agrees.
func TestExport_YesNoByHand(t *testing.T) {
	yesNo := data.BoolSpelling{True: "Yes", False: "No"}
	train := flagFrame(t, yesNo, "+", "-", "+", "", "-", "+", "-", "+")
	ft, err := prep.NewPipeline(
		step("one_hot", param.Values{"columns": cols("f1")}),
		step("ordinal", param.Values{"column": "f2", "order": "NO, No, Yes, maybe"}),
		step("replace_values", param.Values{"column": "f3", "values": "true, Y, n", "with": "no"}),
		step("group_rare", param.Values{"columns": cols("f4"), "min_share": 0.1}),
		step("target_encode", param.Values{"columns": cols("f5")}),
		step("impute", param.Values{"columns": cols("f6"), "strategy": "constant", "fill_value": "n"}),
	).Fit(context.Background(), train, "y", nil)
	if err != nil {
		t.Fatal(err)
	}
	px, err := ft.Export()
	if err != nil {
		t.Fatal(err)
	}
	match := func(name string, m *prep.YesNoMatch, wantTrue, wantFalse []int) {
		t.Helper()
		if m == nil || !slices.Equal(m.True, wantTrue) || !slices.Equal(m.False, wantFalse) {
			t.Errorf("%s: YesNoMatch %+v, want True %v False %v", name, m, wantTrue, wantFalse)
		}
	}
	oh := px.Steps[0].(*prep.OneHotExport).Columns[0]
	match("one_hot", oh.YesNo, []int{1}, []int{0})
	if !slices.Equal(oh.Categories, cols("No", "Yes")) {
		t.Errorf("one_hot categories %q", oh.Categories)
	}
	match("ordinal", px.Steps[1].(*prep.OrdinalExport).YesNo, []int{2}, []int{0, 1})
	match("replace_values", px.Steps[2].(*prep.ReplaceValuesExport).YesNo, []int{0, 1}, []int{2})
	g := px.Steps[3].(*prep.GroupRareExport).Columns[0]
	match("group_rare", g.YesNo, []int{0}, []int{1})
	if !slices.Equal(g.Keep, cols("Yes", "No")) {
		t.Errorf("group_rare keeps %q", g.Keep)
	}
	te := px.Steps[4].(*prep.TargetEncodeExport).Columns[0]
	match("target_encode", te.YesNo, []int{slices.Index(te.Levels, "Yes")}, []int{slices.Index(te.Levels, "No")})
	if imp := px.Steps[5].(*prep.ImputeExport).Columns[0]; imp.Label != "No" || imp.Truth || imp.Kind != data.Boolean {
		t.Errorf("impute: %+v, want the fill No (false)", imp)
	}

	nan := math.NaN()
	for _, c := range []struct {
		spelling  data.BoolSpelling
		ordinal   []float64 // of +, -, missing, +
		replaced  string    // f3 as formatted
		f6        string    // f6 as formatted
		spelledF3 data.BoolSpelling
	}{
		// replace_values: No is not among Values, and n is the one value
		// that reads as false, so false values match n and are replaced
		// (by no: false), and the column is spelled n for false after it.
		// Yes is not among them, and two values read as true: kept.
		{yesNo, []float64{2, 1, nan, 2}, "Yes|n||Yes", "Yes|No|No|Yes", data.BoolSpelling{True: "Yes", False: "n"}},
		// ordinal: FALSE is neither NO nor No, and two labels read as false:
		// no match, NaN.
		{data.BoolSpelling{True: "TRUE", False: "FALSE"}, []float64{2, nan, nan, 2}, "TRUE|n||TRUE", "TRUE|FALSE|FALSE|TRUE", data.BoolSpelling{True: "TRUE", False: "n"}},
		// Y is one of Values: replaced too.
		{data.BoolSpelling{True: "Y", False: "N"}, []float64{2, nan, nan, 2}, "n|n||n", "Y|N|N|Y", data.BoolSpelling{True: "Y", False: "n"}},
		{data.DefaultBoolSpelling, []float64{2, nan, nan, 2}, "n|n||n", "true|false|false|true", data.BoolSpelling{True: "true", False: "n"}},
		// Spellings Modelbench never makes, as a program may pass them: a
		// spelling among the labels is taken as it is (maybe is Order[3]),
		// even before a label that reads as the value; replace_values reads
		// maybe back as missing; ...
		{data.BoolSpelling{True: "maybe", False: "nope"}, []float64{3, nan, nan, 3}, "|n||", "maybe|nope|nope|maybe", data.BoolSpelling{True: "maybe", False: "n"}},
		// ... and when true and false would take the same label (No, at
		// one_hot and group_rare), both keep their spelling. replace_values
		// reads a true spelled No back as false.
		{data.BoolSpelling{True: "No", False: "nein"}, []float64{1, nan, nan, 1}, "n|n||n", "No|nein|nein|No", data.BoolSpelling{True: "No", False: "n"}},
	} {
		score := flagFrame(t, c.spelling, "+", "-", "", "+")
		out, err := ft.Apply(context.Background(), score)
		if err != nil {
			t.Fatal(err)
		}
		name := c.spelling.True + "/" + c.spelling.False
		oneHot := map[string][]float64{"f1=No": {0, 1, 0, 0}, "f1=Yes": {1, 0, 0, 1}, "f1=(missing)": {0, 0, 1, 0}, "f2": c.ordinal}
		groups := "Yes|No||Yes"
		if c.spelling.True == "No" {
			oneHot["f1=No"], oneHot["f1=Yes"], groups = []float64{1, 0, 0, 1}, []float64{0, 0, 0, 0}, "No|other||No"
		}
		for col, want := range oneHot {
			if got := out.Col(out.Index(col)).(*data.NumericColumn).Values(); !sameNumbers(got, want) {
				t.Errorf("%s: %s is %v, want %v", name, col, got, want)
			}
		}
		for col, want := range map[string]string{"f3": c.replaced, "f4": groups, "f6": c.f6} {
			if got := formatted(out, col); got != want {
				t.Errorf("%s: %s reads %q, want %q", name, col, got, want)
			}
		}
		if sp := out.Col(out.Index("f3")).(*data.BooleanColumn).Spelling(); sp != c.spelledF3 {
			t.Errorf("%s: f3 spelled %+v, want %+v", name, sp, c.spelledF3)
		}
		level := func(l string) float64 { return te.Values[0][slices.Index(te.Levels, l)] }
		wantTE := []float64{level("Yes"), level("No"), te.Default[0], level("Yes")}
		if c.spelling.True == "No" {
			wantTE = []float64{level("No"), te.Default[0], te.Default[0], level("No")}
		}
		if te5 := out.Col(out.Index("f5")).(*data.NumericColumn).Values(); !sameNumbers(te5, wantTE) {
			t.Errorf("%s: target_encode gives %v, want %v", name, te5, wantTE)
		}
		got, err := applyExport(px, score)
		if err != nil {
			t.Fatal(err)
		}
		if err := sameAsFrame(got, out); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestExport_YesNoSpellingsByHand pins down how a conversion spells a
// yes/no column (PipelineExport, Spellings): the most frequent word of
// each value, the first row's on ties, spaces removed; the counterpart
// word in the same case for a value no row has; true/false from numbers
// or when no row holds a word.
func TestExport_YesNoSpellingsByHand(t *testing.T) {
	ft, err := prep.NewPipeline().Fit(context.Background(), flagFrame(t, data.BoolSpelling{True: "Yes", False: "No"}, "+", "-"), "y", nil)
	if err != nil {
		t.Fatal(err)
	}
	px, err := ft.Export()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		cells []string
		want  data.BoolSpelling
	}{
		{[]string{"y", "Yes", "y", "Yes", "n", " N ", "N", ""}, data.BoolSpelling{True: "y", False: "N"}},
		{[]string{"Yes", "y", "Yes", "y", "no"}, data.BoolSpelling{True: "Yes", False: "no"}},
		{[]string{"Yes", "", "Yes"}, data.BoolSpelling{True: "Yes", False: "No"}},
		{[]string{"TRUE", "maybe"}, data.BoolSpelling{True: "TRUE", False: "FALSE"}},
		{[]string{"yES"}, data.BoolSpelling{True: "yES", False: "no"}},
		{[]string{" F ", "f", "F"}, data.BoolSpelling{True: "T", False: "F"}},
		{[]string{"n"}, data.BoolSpelling{True: "y", False: "n"}},
		{[]string{"", "maybe"}, data.DefaultBoolSpelling},
	} {
		flag := data.NewCategoricalFromStrings("f1", c.cells, nil)
		cols := []data.Column{flag}
		for k := 2; k <= 6; k++ {
			cols = append(cols, flag.Renamed("f"+string(rune('0'+k))))
		}
		f, err := data.NewFrame(cols...)
		if err != nil {
			t.Fatal(err)
		}
		out, err := ft.Apply(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		if sp := out.Col(0).(*data.BooleanColumn).Spelling(); sp != c.want {
			t.Errorf("%q: spelled %+v, want %+v", c.cells, sp, c.want)
		}
		got, err := applyExport(px, f)
		if err != nil {
			t.Fatal(err)
		}
		if err := sameAsFrame(got, out); err != nil {
			t.Errorf("%q: %v", c.cells, err)
		}
	}
}

func formatted(f *data.Frame, name string) string {
	c := f.Col(f.Index(name))
	s := make([]string, c.Len())
	for i := range s {
		s[i] = c.Format(i)
	}
	return strings.Join(s, "|")
}

func sameNumbers(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) })
}
