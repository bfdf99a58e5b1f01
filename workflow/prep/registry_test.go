package prep

import (
	"context"
	"errors"
	"reflect"
	"sort"
	"strings"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/internal/testsets"
	"modelbench/workflow/param"
)

// The step kinds and parameter names the Explore alerts rely on.
var wantKinds = map[string][]string{
	"drop_columns":      {"columns"},
	"change_type":       {"column", "type"},
	"filter_rows":       {"condition"},
	"remove_duplicates": {},
	"impute":            {"columns", "fill_value", "indicator", "strategy"},
	"replace_values":    {"column", "values", "with"},
	"one_hot":           {"columns", "drop", "max_levels", "unseen"},
	"ordinal":           {"column", "order"},
	"group_rare":        {"columns", "min_share", "other_label"},
	"target_encode":     {"columns", "folds", "smoothing"},
	"scale":             {"columns", "method"},
	"log1p":             {"columns"},
	"yeo_johnson":       {"columns", "standardize"},
	"clip":              {"columns", "lower_quantile", "upper_quantile"},
	"bin":               {"columns", "encode", "n_bins", "strategy"},
	"date_parts":        {"columns", "parts"},
	"derive":            {"expression", "name"},
	"join":              {"columns", "key", "table_path"},
	"rebalance":         {"method", "seed"},
}

func TestKinds_RegistryIsComplete(t *testing.T) {
	kinds := Kinds()
	if len(kinds) != len(wantKinds) {
		t.Errorf("%d kinds, want %d", len(kinds), len(wantKinds))
	}
	for _, k := range kinds {
		want, ok := wantKinds[k.Name]
		if !ok {
			t.Errorf("unexpected kind %q", k.Name)
			continue
		}
		var names []string
		for _, s := range k.Params {
			names = append(names, s.Name)
			if s.Label == "" || len(s.Help) < 20 {
				t.Errorf("%s.%s: label or help missing", k.Name, s.Name)
			}
			if _, err := s.Validate(s.Default); err != nil {
				t.Errorf("%s.%s: default %v is invalid: %v", k.Name, s.Name, s.Default, err)
			}
		}
		sort.Strings(names)
		if !reflect.DeepEqual(names, want) && !(len(names) == 0 && len(want) == 0) {
			t.Errorf("%s params %v, want %v", k.Name, names, want)
		}
		if k.Label == "" || len(k.Help) < 150 || !strings.Contains(k.Help, "wrong") {
			t.Errorf("%s: the help must explain why to use it and what can go wrong", k.Name)
		}
		if _, ok := LookupKind(k.Name); !ok {
			t.Errorf("%s: LookupKind fails", k.Name)
		}
	}
	if _, ok := LookupKind("nope"); ok {
		t.Error("LookupKind found an unknown kind")
	}
}

func TestKinds_ReturnsCopies(t *testing.T) {
	k := Kinds()
	k[0].Params[0].Name = "changed"
	if Kinds()[0].Params[0].Name == "changed" {
		t.Error("Kinds exposed the registry's specs")
	}
}

func TestNewStep_ValidatesParams(t *testing.T) {
	bad := []struct {
		kind string
		p    param.Values
	}{
		{"drop_columns", nil},
		{"change_type", param.Values{"type": "numeric"}},
		{"change_type", param.Values{"column": "a", "type": "float"}},
		{"filter_rows", param.Values{"condition": "a >"}},
		{"replace_values", param.Values{"column": "a"}},
		{"one_hot", param.Values{"max_levels": 1}},
		{"ordinal", param.Values{"column": "a", "order": "x, y, x"}},
		{"group_rare", param.Values{"other_label": " "}},
		{"clip", param.Values{"lower_quantile": 0.9, "upper_quantile": 0.1}},
		{"date_parts", param.Values{"parts": "year,century"}},
		{"derive", param.Values{"expression": "1"}},
		{"join", param.Values{"key": "id"}},
		{"target_encode", param.Values{"folds": 1}},
		{"impute", param.Values{"strategy": "mode"}},
		{"scale", param.Values{"colums": []string{"a"}}},
	}
	for _, c := range bad {
		if _, err := NewStep(c.kind, c.p); err == nil {
			t.Errorf("%s %v accepted", c.kind, c.p)
		}
	}
	s, err := NewStep("impute", param.Values{"columns": []any{"a", "b"}, "indicator": true})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Params(); got.String("strategy") != "median" || len(got.Strings("columns")) != 2 {
		t.Errorf("params %v", got)
	}
}

func TestStep_NeedsTarget(t *testing.T) {
	s, _ := NewStep("rebalance", nil)
	if _, _, err := s.Fit(context.Background(), loadFrame(t, "penguins.csv"), ""); err == nil {
		t.Error("rebalance without a target accepted")
	}
}

func TestDefault_IsReadyForModelling(t *testing.T) {
	boolFrame := func() *data.Frame {
		m := data.NewMask(6)
		m.Set(2)
		f, _ := data.NewFrame(
			data.NewBoolean("vote", []bool{true, false, false, true, true, false}, m),
			data.NewNumeric("age", []float64{20, 30, 40, 50, 60, 70}, nil),
			data.NewCategoricalFromStrings("party", []string{"a", "b", "a", "b", "a", "b"}, nil),
		)
		return f
	}
	cases := []struct {
		name, target string
		frame        *data.Frame
		kinds        []string
	}{
		{"penguins", "species", loadFrame(t, "penguins.csv"), []string{"impute", "impute", "scale", "one_hot"}},
		{"airquality", "Ozone", loadFrame(t, "r_airquality.csv"), []string{"filter_rows", "impute", "scale"}},
		{"seattle", "weather", loadFrame(t, "vega_seattle_weather.csv"), []string{"date_parts", "impute", "scale"}},
		{"booleans", "party", boolFrame(), []string{"impute", "change_type", "impute", "scale"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			schema, err := data.NewTable(c.name, c.frame, nil).Schema.WithRole(c.target, data.Target)
			if err != nil {
				t.Fatal(err)
			}
			p := Default(schema, c.frame, true)
			var kinds []string
			for _, s := range p.Steps {
				kinds = append(kinds, s.Kind)
				if s.Why == "" || !s.Enabled {
					t.Errorf("%s: a default step needs a reason and must be on", s.Kind)
				}
			}
			if !reflect.DeepEqual(kinds, c.kinds) {
				t.Errorf("steps %v, want %v", kinds, c.kinds)
			}
			ft, train, err := p.FitTransform(context.Background(), c.frame, c.target, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := Ready(train, c.target); err != nil {
				t.Errorf("training output not ready: %v", err)
			}
			out, err := ft.Apply(context.Background(), messUp(c.frame))
			if err != nil {
				t.Fatal(err)
			}
			if err := Ready(out, c.target); err != nil {
				t.Errorf("messy new data not ready after the default pipeline: %v", err)
			}
		})
	}
}

func TestReady_NamesColumnAndFix(t *testing.T) {
	miss := data.NewMask(2)
	miss.Set(1)
	cases := []struct {
		col  data.Column
		want string
	}{
		{data.NewCategoricalFromStrings("c", []string{"a", "b"}, nil), "one_hot"},
		{data.NewNumeric("n", []float64{1, 2}, miss), "impute"},
		{data.NewDatetime("d", []int64{1, 2}, nil, ""), "date_parts"},
		{data.NewBoolean("b", []bool{true, false}, nil), "change_type"},
		{data.NewText("t", []string{"x", "y"}, nil), "drop_columns"},
	}
	target := data.NewCategoricalFromStrings("y", []string{"p", "q"}, nil)
	for _, c := range cases {
		f, _ := data.NewFrame(data.NewNumeric("ok", []float64{1, 2}, nil), c.col, target)
		err := Ready(f, "y")
		var ce *ColumnError
		if !errors.As(err, &ce) || ce.Column != c.col.Name() || !errors.Is(err, ErrNotReady) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %s suggested", c.col.Name(), err, c.want)
		}
	}
	f, _ := data.NewFrame(data.NewNumeric("ok", []float64{1, 2}, nil), target)
	if err := Ready(f, "y"); err != nil {
		t.Errorf("a ready frame was refused: %v", err)
	}
	if err := Ready(f.Drop("ok"), "y"); !errors.Is(err, ErrNoFeatures) {
		t.Errorf("a frame with only the target: %v", err)
	}
}

func TestDefaultWith_LeavesOutLeaks(t *testing.T) {
	tb, err := data.LoadCSV(context.Background(), testsets.Path("sk_iris.csv"), data.CSVOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := tb.Frame
	schema, err := data.NewTable("iris", f, nil).Schema.WithRole("target", data.Target)
	if err != nil {
		t.Fatal(err)
	}
	leaks := []Leak{{Column: "target_name", Evidence: "λ = 1 over 90 rows", Keep: "keep it with --keep"},
		{Column: "target", Evidence: "the target itself"}, {Column: "absent", Evidence: "no such column"}}
	p := DefaultWith(schema, f, DefaultOptions{Scale: true, Leaks: leaks})
	var kinds []string
	for _, s := range p.Steps {
		kinds = append(kinds, s.Kind)
	}
	if !reflect.DeepEqual(kinds, []string{"drop_columns", "impute", "scale"}) {
		t.Fatalf("steps %v", kinds)
	}
	drop := p.Steps[0]
	if got := drop.Params.Strings("columns"); !reflect.DeepEqual(got, []string{"target_name"}) {
		t.Fatalf("dropped %v", got)
	}
	for _, want := range []string{`"target_name" alone predicts the target "target"`, "λ = 1 over 90 rows", "keep it with --keep"} {
		if !strings.Contains(drop.Why, want) {
			t.Errorf("why %q lacks %q", drop.Why, want)
		}
	}
	_, out, err := p.FitTransform(context.Background(), f, "target", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := out.Lookup("target_name"); ok {
		t.Error("the leak is still in the prepared frame")
	}
	if err := Ready(out, "target"); err != nil {
		t.Error(err)
	}
	// Without leaks, the spelled-out label is one-hot encoded as before.
	if got := Default(schema, f, true); got.Steps[len(got.Steps)-1].Kind != "one_hot" {
		t.Errorf("default without leaks: %+v", got.Steps)
	}
}
