package prep

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
	"modelbench/workflow/prep/expr"
)

// TestPipeline_BadInputNamesStepAndColumn checks that each kind of bad
// input gives an error naming the step (position and kind) and, where one
// is involved, the column, and that the pipeline is left as it was.
func TestPipeline_BadInputNamesStepAndColumn(t *testing.T) {
	f := loadFrame(t, "penguins.csv")
	ok := Configure("impute", nil, "")
	cases := []struct {
		name   string
		step   StepConfig
		column string // "" when no column is involved
		is     error  // a sentinel the error must wrap, or nil
		text   string // a phrase the message must contain
	}{
		{"condition does not parse", Configure("filter_rows", param.Values{"condition": "bill_length_mm >> 3"}, ""), "", nil, "at character 17"},
		{"condition names an unknown column", Configure("filter_rows", param.Values{"condition": "wingspan > 3"}, ""), "", nil, `no column named "wingspan"`},
		{"join key missing in data", Configure("join", param.Values{"table_path": "testdata/island_facts.csv", "key": "isle"}, ""), "isle", nil, "key column"},
		{"join keys repeat", Configure("join", param.Values{"table_path": "testdata/penguins.csv", "key": "species", "columns": []string{"year"}}, ""), "species", nil, `"Adelie" appears twice`},
		{"join column missing in table", Configure("join", param.Values{"table_path": "testdata/island_facts.csv", "key": "island", "columns": []string{"elevation"}}, ""), "elevation", nil, "no such column"},
		{"join table missing", Configure("join", param.Values{"table_path": "testdata/nope.csv", "key": "island"}, ""), "", nil, "nope.csv"},
		{"unknown column", Configure("scale", param.Values{"columns": []string{"wingspan"}}, ""), "wingspan", nil, "no such column"},
		{"wrong kind", Configure("scale", param.Values{"columns": []string{"island"}}, ""), "island", nil, "categorical"},
		{"target in columns", Configure("one_hot", param.Values{"columns": []string{"species"}}, ""), "species", nil, "target"},
		{"zero rows", Configure("filter_rows", param.Values{"condition": "year > 3000"}, ""), "", ErrNoRows, "none of the"},
		{"zero features", Configure("drop_columns", param.Values{"columns": []string{"island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year"}}, ""), "", ErrNoFeatures, "no column besides"},
		{"log of negatives", Configure("log1p", param.Values{"columns": []string{"bill_depth_mm"}}, ""), "bill_depth_mm", nil, "above -1"},
		{"ordinal misses a level", Configure("ordinal", param.Values{"column": "island", "order": "Biscoe, Dream"}, ""), "island", nil, `"Torgersen" is not in the order`},
		{"unknown kind", Configure("normalise", nil, ""), "", ErrUnknownKind, "known kinds"},
		{"bad parameter", Configure("scale", param.Values{"method": "zscore"}, ""), "", nil, "method must be one of"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := f
			if c.name == "log of negatives" {
				in = withNegative(t, f, "bill_depth_mm")
			}
			p := NewPipeline(ok, c.step)
			keep := p.Clone()
			_, err := p.Fit(context.Background(), in, "species", nil)
			var se *StepError
			if !errors.As(err, &se) {
				t.Fatalf("want a *StepError, got %v", err)
			}
			if se.Index != 2 || se.Kind != c.step.Kind {
				t.Errorf("error names step %d (%s), want 2 (%s): %v", se.Index, se.Kind, c.step.Kind, err)
			}
			if !strings.HasPrefix(err.Error(), "step 2 ("+c.step.Kind+")") {
				t.Errorf("message %q does not start with the step", err)
			}
			if c.column != "" {
				var ce *ColumnError
				if !errors.As(err, &ce) || ce.Column != c.column {
					t.Errorf("want column %q named, got %v", c.column, err)
				}
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("want %v wrapped, got %v", c.is, err)
			}
			if !strings.Contains(err.Error(), c.text) {
				t.Errorf("message %q lacks %q", err, c.text)
			}
			if !reflect.DeepEqual(p, keep) {
				t.Error("a failed Fit changed the pipeline")
			}
		})
	}
}

// withNegative returns f with one value of the named column set to -5.
func withNegative(t *testing.T, f *data.Frame, name string) *data.Frame {
	c, _ := f.Lookup(name)
	v := append([]float64(nil), c.(*data.NumericColumn).Values()...)
	v[10] = -5
	out, err := f.With(data.NewNumeric(name, v, nil))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPipeline_ParseErrorGivesPosition(t *testing.T) {
	_, err := NewStep("derive", param.Values{"name": "x", "expression": "1 + (2 * 3"})
	var pe *expr.Error
	if !errors.As(err, &pe) || pe.Pos != 11 {
		t.Fatalf("want an expression error at character 11, got %v", err)
	}
}

func TestPipelineJSON_VersionsAndKinds(t *testing.T) {
	cases := []struct {
		name, file string
		is         error
		text       string
	}{
		{"newer version", `{"format":"modelbench.pipeline","version":2,"steps":[]}`, ErrVersion, "newer Modelbench"},
		{"zero version", `{"format":"modelbench.pipeline","steps":[]}`, ErrVersion, "version 0"},
		{"other format", `{"format":"modelbench.model","version":1}`, nil, "not a pipeline file"},
		{"not JSON", `steps: []`, nil, "invalid character"},
		{"unknown kind", `{"format":"modelbench.pipeline","version":1,"steps":[{"kind":"whiten"}]}`, ErrUnknownKind, "step 1 (whiten)"},
		{"bad params", `{"format":"modelbench.pipeline","version":1,"steps":[{"kind":"bin","params":{"n_bins":1}}]}`, nil, "n_bins must be between"},
	}
	for _, c := range cases {
		var p Pipeline
		err := json.Unmarshal([]byte(c.file), &p)
		if err == nil || c.is != nil && !errors.Is(err, c.is) || !strings.Contains(err.Error(), c.text) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.text)
		}
	}
	var ft Fitted
	err := json.Unmarshal([]byte(`{"format":"modelbench.pipeline","version":1,"steps":[{"kind":"impute"}]}`), &ft)
	if !errors.Is(err, ErrNotFitted) {
		t.Errorf("an unfitted file read as fitted: got %v", err)
	}
}

func TestPipelineJSON_RoundTripAndEnabledDefault(t *testing.T) {
	src := `{"format":"modelbench.pipeline","version":1,"steps":[
		{"kind":"impute","params":{"strategy":"mean"},"why":"gaps"},
		{"kind":"scale","enabled":false}]}`
	var p Pipeline
	if err := json.Unmarshal([]byte(src), &p); err != nil {
		t.Fatal(err)
	}
	if !p.Steps[0].Enabled || p.Steps[1].Enabled {
		t.Errorf("enabled flags %v %v, want true (absent) and false", p.Steps[0].Enabled, p.Steps[1].Enabled)
	}
	if p.Steps[0].Params["indicator"] != false || p.Steps[0].Why != "gaps" {
		t.Errorf("defaults not filled in: %v", p.Steps[0])
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var back Pipeline
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p, back) {
		t.Errorf("round trip changed the pipeline:\n%v\n%v", p, back)
	}
	if !strings.HasPrefix(string(b), `{"format":"modelbench.pipeline","version":1,`) {
		t.Errorf("envelope missing: %s", b)
	}
}

func TestPipeline_EditingReturnsCopies(t *testing.T) {
	p := NewPipeline(Configure("impute", param.Values{"columns": []string{"a"}}, ""), Configure("scale", nil, ""))
	keep := p.Clone()
	q, err := p.Insert(1, Configure("log1p", nil, ""))
	if err != nil || len(q.Steps) != 3 || q.Steps[1].Kind != "log1p" {
		t.Fatalf("insert: %v %v", q, err)
	}
	q.Steps[0].Params["columns"].([]string)[0] = "changed"
	if r, err := p.Move(0, 1); err != nil || r.Steps[1].Kind != "impute" {
		t.Fatalf("move: %v %v", r, err)
	}
	if r, err := p.Remove(0); err != nil || len(r.Steps) != 1 || r.Steps[0].Kind != "scale" {
		t.Fatalf("remove: %v %v", r, err)
	}
	if _, err := p.Replace(5, Configure("scale", nil, "")); err == nil {
		t.Error("replace out of range accepted")
	}
	if !reflect.DeepEqual(p, keep) {
		t.Error("editing changed the original pipeline")
	}
}

func TestFit_Cancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := NewPipeline(Configure("impute", nil, "")).Fit(ctx, loadFrame(t, "penguins.csv"), "species", nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled, got %v", err)
	}
}
