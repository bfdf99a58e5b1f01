package prep

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
)

var penguinNumbers = []string{"bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"}

// propertyCase is a pipeline over one of the test datasets that uses
// (between them) every step kind.
type propertyCase struct {
	name, csv, target string
	steps             []StepConfig
}

func propertyCases(t testing.TB) []propertyCase {
	s := func(kind string, p param.Values) StepConfig { return mustStep(t, kind, p) }
	return []propertyCase{
		{"penguins-all-steps", "penguins.csv", "species", []StepConfig{
			s("filter_rows", param.Values{"condition": "not missing(bill_length_mm)"}),
			s("remove_duplicates", nil),
			s("derive", param.Values{"name": "ratio", "expression": "bill_length_mm / bill_depth_mm"}),
			s("join", param.Values{"table_path": "testdata/island_facts.csv", "key": "island", "columns": []string{"latitude"}}),
			s("replace_values", param.Values{"column": "year", "values": "2009", "with": ""}),
			s("impute", param.Values{"strategy": "median", "indicator": true}),
			s("impute", param.Values{"columns": []string{"sex"}, "strategy": "most_frequent", "indicator": true}),
			s("group_rare", param.Values{"columns": []string{"island"}, "min_share": 0.2}),
			s("clip", param.Values{"columns": penguinNumbers}),
			s("log1p", param.Values{"columns": []string{"body_mass_g"}}),
			s("yeo_johnson", param.Values{"columns": []string{"bill_depth_mm"}}),
			s("bin", param.Values{"columns": []string{"flipper_length_mm"}, "encode": "onehot"}),
			s("scale", param.Values{"columns": []string{"ratio"}, "method": "robust"}),
			s("ordinal", param.Values{"column": "sex", "order": "female, male"}),
			s("target_encode", param.Values{"columns": []string{"island"}}),
			s("change_type", param.Values{"column": "year", "type": "categorical"}),
			s("one_hot", param.Values{"columns": []string{"year"}, "drop": "first"}),
			s("rebalance", param.Values{"method": "oversample", "seed": 7}),
		}},
		{"seattle-dates", "vega_seattle_weather.csv", "weather", []StepConfig{
			s("date_parts", nil),
			s("scale", param.Values{"method": "minmax"}),
			s("rebalance", param.Values{"method": "undersample"}),
		}},
		{"airquality-default", "r_airquality.csv", "Ozone", nil},
	}
}

// fitCase fits a property case on two thirds of the rows and returns the
// fitted pipeline and the remaining rows as "new data".
func fitCase(t *testing.T, pc propertyCase) (*Fitted, *data.Frame, *data.Frame) {
	t.Helper()
	f := loadFrame(t, pc.csv)
	train := f.Take(rowsWhere(f.NumRows(), func(i int) bool { return i%3 != 0 }))
	test := f.Take(rowsWhere(f.NumRows(), func(i int) bool { return i%3 == 0 }))
	p := NewPipeline(pc.steps...)
	if pc.steps == nil {
		tb := data.NewTable(pc.csv, f, nil)
		schema, err := tb.Schema.WithRole(pc.target, data.Target)
		if err != nil {
			t.Fatal(err)
		}
		p = Default(schema, f, true)
	}
	ft, err := p.Fit(context.Background(), train, pc.target, nil)
	if err != nil {
		t.Fatalf("fit: %v", err)
	}
	return ft, train, test
}

func TestFitted_JSONRoundTripAppliesBitIdentically(t *testing.T) {
	for _, pc := range propertyCases(t) {
		t.Run(pc.name, func(t *testing.T) {
			ft, _, test := fitCase(t, pc)
			b, err := json.Marshal(ft)
			if err != nil {
				t.Fatal(err)
			}
			var back Fitted
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("unmarshal: %v", err)
			}
			b2, _ := json.Marshal(&back)
			if string(b) != string(b2) {
				t.Errorf("marshal -> unmarshal -> marshal changed the file")
			}
			for _, in := range []*data.Frame{test, messUp(test)} {
				want, err := ft.Apply(context.Background(), in)
				if err != nil {
					t.Fatal(err)
				}
				got, err := back.Apply(context.Background(), in)
				if err != nil {
					t.Fatal(err)
				}
				if err := sameFrame(want, got); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

func TestFitted_ApplyIsRepeatableAndLeavesInputAlone(t *testing.T) {
	for _, pc := range propertyCases(t) {
		t.Run(pc.name, func(t *testing.T) {
			ft, train, test := fitCase(t, pc)
			for _, in := range []*data.Frame{train, test} {
				before := snapshot(in)
				a, err := ft.Apply(context.Background(), in)
				if err != nil {
					t.Fatal(err)
				}
				b, err := ft.Apply(context.Background(), in)
				if err != nil {
					t.Fatal(err)
				}
				if err := sameFrame(a, b); err != nil {
					t.Errorf("second apply differs: %v", err)
				}
				if !reflect.DeepEqual(before, snapshot(in)) {
					t.Error("Apply changed its input frame")
				}
				if a.NumRows() != in.NumRows() {
					t.Errorf("Apply returned %d rows for %d", a.NumRows(), in.NumRows())
				}
				if !reflect.DeepEqual(a.Names(), ft.Columns()) {
					t.Errorf("columns %v, want %v", a.Names(), ft.Columns())
				}
			}
		})
	}
}

func TestPipeline_FitLeavesPipelineAndFrameAlone(t *testing.T) {
	for _, pc := range propertyCases(t) {
		if pc.steps == nil {
			continue
		}
		f := loadFrame(t, pc.csv)
		p := NewPipeline(pc.steps...)
		keep := p.Clone()
		before := snapshot(f)
		if _, err := p.Fit(context.Background(), f, pc.target, nil); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(p, keep) {
			t.Errorf("%s: Fit changed the pipeline", pc.name)
		}
		if !reflect.DeepEqual(before, snapshot(f)) {
			t.Errorf("%s: Fit changed the training frame", pc.name)
		}
	}
}

func TestFitted_NewDataWithUnseenAndMissingValues(t *testing.T) {
	for _, pc := range propertyCases(t) {
		t.Run(pc.name, func(t *testing.T) {
			ft, _, test := fitCase(t, pc)
			odd := messUp(test)
			out, err := ft.Apply(context.Background(), odd)
			if err != nil {
				t.Fatalf("apply to messy new data: %v", err)
			}
			if out.NumRows() != odd.NumRows() {
				t.Errorf("%d rows for %d", out.NumRows(), odd.NumRows())
			}
			noTarget := odd.Drop(ft.Target())
			out2, err := ft.Apply(context.Background(), noTarget)
			if err != nil {
				t.Fatalf("apply without the target: %v", err)
			}
			if !reflect.DeepEqual(out2.Names(), ft.Features()) {
				t.Errorf("without target: columns %v, want %v", out2.Names(), ft.Features())
			}
		})
	}
}

func TestFitTransform_RowStepsActOnTrainingOnly(t *testing.T) {
	f := loadFrame(t, "penguins.csv")
	p := NewPipeline(
		mustStep(t, "filter_rows", param.Values{"condition": `island == "Biscoe"`}),
		mustStep(t, "rebalance", param.Values{"method": "undersample", "seed": 3}),
	)
	ft, train, err := p.FitTransform(context.Background(), f, "species", nil)
	if err != nil {
		t.Fatal(err)
	}
	island, _ := train.Lookup("island")
	for i := 0; i < train.NumRows(); i++ {
		if island.Format(i) != "Biscoe" {
			t.Fatalf("training row %d is from %s", i, island.Format(i))
		}
	}
	out, err := ft.Apply(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	if out.NumRows() != f.NumRows() {
		t.Errorf("Apply kept %d of %d rows; row steps must be the identity on new data", out.NumRows(), f.NumRows())
	}
}

func TestFitted_UnseenErrorMode(t *testing.T) {
	f := loadFrame(t, "penguins.csv")
	island, _ := f.Lookup("island")
	train := f.Take(rowsWhere(f.NumRows(), func(i int) bool { return island.Format(i) != "Dream" }))
	p := NewPipeline(mustStep(t, "one_hot", param.Values{"columns": []string{"island"}, "unseen": "error"}))
	ft, err := p.Fit(context.Background(), train, "species", nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = ft.Apply(context.Background(), f)
	var se *StepError
	var ce *ColumnError
	if !errors.As(err, &se) || !errors.As(err, &ce) || se.Index != 1 || ce.Column != "island" || ce.Row == 0 {
		t.Fatalf("want a step 1 error naming island and a row, got %v", err)
	}
}

func TestFitted_ConcurrentApplyAndEmptyInput(t *testing.T) {
	ft, _, test := fitCase(t, propertyCases(t)[0])
	want, err := ft.Apply(context.Background(), test)
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 4)
	for g := 0; g < 4; g++ {
		go func() {
			got, err := ft.Apply(context.Background(), test)
			if err == nil {
				err = sameFrame(want, got)
			}
			errs <- err
		}()
	}
	for g := 0; g < 4; g++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	empty, err := ft.Apply(context.Background(), test.Take(nil))
	if err != nil || empty.NumRows() != 0 || !reflect.DeepEqual(empty.Names(), ft.Columns()) {
		t.Errorf("empty input: %v rows, columns %v, %v", empty, ft.Columns(), err)
	}
}
