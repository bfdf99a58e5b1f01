package prep

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
)

// yesNoFrames returns a frame with a yes/no column spelled Yes/No (one
// value missing), the same values spelled Y/N and spelled true/false, and
// a numeric target.
func yesNoFrames() (yesNo, yn, tf *data.Frame) {
	vals := []bool{true, true, false, true, false, true, false, true}
	miss := data.NewMask(len(vals))
	miss.Set(2)
	y := make([]float64, len(vals))
	for i, v := range vals {
		if v {
			y[i] = 1
		}
	}
	build := func(s data.BoolSpelling) *data.Frame {
		m := data.NewMask(len(vals))
		m.Set(2)
		f, _ := data.NewFrame(data.NewBoolean("flag", append([]bool(nil), vals...), m).Spelled(s),
			data.NewNumeric("y", append([]float64(nil), y...), nil))
		return f
	}
	return build(data.BoolSpelling{True: "Yes", False: "No"}), build(data.BoolSpelling{True: "Y", False: "N"}), build(data.DefaultBoolSpelling)
}

// TestSteps_MatchYesNoByTruthValue fits the steps that learn yes/no values
// as labels on a Yes/No column and applies them to the same values
// spelled Y/N and true/false (as new files, or a model file saved before
// labels kept their spelling, have them): the output is the same.
func TestSteps_MatchYesNoByTruthValue(t *testing.T) {
	yesNo, yn, tf := yesNoFrames()
	steps := []struct {
		kind string
		p    param.Values
	}{
		{"impute", param.Values{"columns": []string{"flag"}, "strategy": "most_frequent", "indicator": true}},
		{"impute", param.Values{"columns": []string{"flag"}, "strategy": "constant", "fill_value": "no"}},
		{"one_hot", param.Values{"columns": []string{"flag"}, "drop": "none"}},
		{"ordinal", param.Values{"column": "flag", "order": "No, Yes"}},
		{"ordinal", param.Values{"column": "flag", "order": "false, true"}}, // written before spellings were kept
		{"group_rare", param.Values{"columns": []string{"flag"}, "min_share": 0.1}},
		{"target_encode", param.Values{"columns": []string{"flag"}}},
		{"replace_values", param.Values{"column": "flag", "values": "true", "with": "no"}},
	}
	for _, s := range steps {
		ft, _ := fitOne(t, yesNo, "y", s.kind, s.p)
		want, err := ft.Apply(context.Background(), yesNo)
		if err != nil {
			t.Fatal(err)
		}
		for name, f := range map[string]*data.Frame{"Y/N": yn, "true/false": tf} {
			got, err := ft.Apply(context.Background(), f)
			if err != nil {
				t.Fatalf("%s %v on %s: %v", s.kind, s.p, name, err)
			}
			if err := sameFrame(truthValues(got), truthValues(want)); err != nil {
				t.Errorf("%s %v on %s: %v", s.kind, s.p, name, err)
			}
		}
	}
}

// truthValues turns yes/no columns into 1/0, whatever their spelling.
func truthValues(f *data.Frame) *data.Frame {
	cols := f.Columns()
	for j, c := range cols {
		if c.Kind() == data.Boolean {
			cols[j], _ = data.Convert(c, data.Numeric, data.ParseOptions{})
		}
	}
	out, _ := data.NewFrame(cols...)
	return out
}

// TestImpute_YesNoFillsTheMostFrequentValue checks the fill of a Yes/No
// column: the most frequent value (Yes), in the column's spelling.
func TestImpute_YesNoFillsTheMostFrequentValue(t *testing.T) {
	yesNo, _, _ := yesNoFrames()
	_, out := fitOne(t, yesNo, "y", "impute", param.Values{"columns": []string{"flag"}, "strategy": "most_frequent"})
	c, _ := out.Lookup("flag")
	if c.IsMissing(2) || c.Format(2) != "Yes" || c.Format(3) != "Yes" || c.Format(4) != "No" {
		t.Errorf("filled %q, kept %q %q; want Yes, Yes, No", c.Format(2), c.Format(3), c.Format(4))
	}
	// A model file saved before spellings were kept holds the fill "true".
	old := []byte(`{"strategy":"most_frequent","columns":[{"name":"flag","type":"boolean","label":"true"}]}`)
	var st imputeState
	if err := json.Unmarshal(old, &st); err != nil {
		t.Fatal(err)
	}
	got, err := st.Apply(context.Background(), yesNo)
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := got.Lookup("flag"); c.Format(2) != "Yes" {
		t.Errorf("the old fill \"true\" gives %q", c.Format(2))
	}
}

// TestJoin_StoredYesNoKeepsSpelling checks that a joined yes/no column
// keeps its spelling through the fitted state's JSON.
func TestJoin_StoredYesNoKeepsSpelling(t *testing.T) {
	table := filepath.Join(t.TempDir(), "facts.csv")
	if err := os.WriteFile(table, []byte("k,member\na,Y\nb,N\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, _ := data.NewFrame(data.NewCategoricalFromStrings("k", []string{"a", "b", "c"}, nil))
	ft, _ := fitOne(t, f, "", "join", param.Values{"table_path": table, "key": "k"})
	b, err := json.Marshal(ft)
	if err != nil {
		t.Fatal(err)
	}
	var back Fitted
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	out, err := back.Apply(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := out.Lookup("member")
	if c.Kind() != data.Boolean || c.Format(0) != "Y" || c.Format(1) != "N" || !c.IsMissing(2) {
		t.Errorf("joined %s %q %q %v", c.Kind(), c.Format(0), c.Format(1), c.IsMissing(2))
	}
}
