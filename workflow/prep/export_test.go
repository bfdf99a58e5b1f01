package prep_test

import (
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/internal/testsets"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

// caseFrames loads a case's file and returns its fitting rows and the
// held-out rows.
func caseFrames(t *testing.T, c exportCase) (*data.Table, *data.Frame, *data.Frame) {
	t.Helper()
	tb, err := data.LoadCSV(context.Background(), testsets.Path(c.file), data.CSVOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := tb.Frame
	if c.respell != (data.BoolSpelling{}) {
		f = respell(f, func(int, data.BoolSpelling) data.BoolSpelling { return c.respell })
	}
	if c.every > 1 {
		f = f.Take(rowsWith(f.NumRows(), func(i int) bool { return i%c.every == 0 }))
	}
	return tb, f.Take(rowsWith(f.NumRows(), func(i int) bool { return i%3 != 0 })), f.Take(rowsWith(f.NumRows(), func(i int) bool { return i%3 == 0 }))
}

func rowsWith(n int, keep func(i int) bool) []int {
	var out []int
	for i := 0; i < n; i++ {
		if keep(i) {
			out = append(out, i)
		}
	}
	return out
}

// messy returns f as new data might come: numbers missing, huge, negative
// or infinite; categories unseen or missing; yes/no values as words, some
// unknown; dates missing. Yes/no columns thus arrive as categories.
func messy(f *data.Frame) *data.Frame {
	out := make([]data.Column, f.NumCols())
	for j, c := range f.Columns() {
		n := c.Len()
		switch x := c.(type) {
		case *data.NumericColumn:
			v := slices.Clone(x.Values())
			for i := range v {
				switch {
				case i%5 == 1:
					v[i] = math.NaN()
				case i%7 == 2:
					v[i] = v[i]*1000 + 1e6
				case i%11 == 3:
					v[i] = -v[i] * 1000
				case i%13 == 4:
					v[i] = math.Inf(1)
				case i%17 == 5:
					v[i] = math.Inf(-1)
				}
			}
			out[j] = data.NewNumeric(c.Name(), v, nil)
		case *data.DatetimeColumn:
			miss := data.NewMask(n)
			for i := 0; i < n; i += 5 {
				miss.Set(i)
			}
			out[j] = data.NewDatetime(c.Name(), slices.Clone(x.UnixNanos()), miss, x.Layout())
		case *data.TextColumn: // an empty text is a present value here
			s := slices.Clone(x.Values())
			miss := data.NewMask(n)
			for i := range s {
				switch {
				case i%4 == 1:
					s[i] = "Atlantis"
				case i%6 == 2:
					s[i] = ""
				case i%7 == 3:
					miss.Set(i)
				}
			}
			out[j] = data.NewText(c.Name(), s, miss)
		default:
			s := make([]string, n)
			for i := range s {
				s[i] = c.Format(i)
				switch {
				case i%4 == 1:
					s[i] = "Atlantis"
				case i%6 == 2:
					s[i] = ""
				case c.Kind() == data.Boolean && i%3 == 0 && !c.IsMissing(i):
					v, _ := c.(*data.BooleanColumn).At(i)
					s[i] = map[bool]string{true: " Yes", false: "n"}[v]
				}
			}
			out[j] = data.NewCategoricalFromStrings(c.Name(), s, nil)
		}
	}
	g, err := data.NewFrame(out...)
	if err != nil {
		panic(err)
	}
	return g
}

// textual returns f with every column as text: categories and free text
// by turns (numbers with stray spaces and some junk), as a file read
// without types would give it, so that Apply converts every column back.
func textual(f *data.Frame) *data.Frame {
	out := make([]data.Column, f.NumCols())
	for j, c := range f.Columns() {
		s := make([]string, c.Len())
		for i := range s {
			s[i] = c.Format(i)
			switch {
			case i%9 == 4:
				s[i] = "n/a"
			case i%5 == 3:
				s[i] = " " + s[i] + " "
			}
		}
		out[j] = data.NewCategoricalFromStrings(c.Name(), s, nil)
		if j%2 == 1 {
			miss := data.NewMask(len(s))
			for i := range s {
				if c.IsMissing(i) {
					miss.Set(i)
				}
			}
			out[j] = data.NewText(c.Name(), s, miss)
		}
	}
	g, err := data.NewFrame(out...)
	if err != nil {
		panic(err)
	}
	return g
}

// TestExport_ReproducesApply: on every shared dataset (default
// preparations, scaled and not) and on pipelines using every step kind,
// an applier written from the descriptions alone gives what Apply gives,
// to 1e-12, on the training rows, held-out rows, messed-up rows (missing
// values, unseen categories, infinities), rows whose columns all arrive
// as text, and rows without the target; both fail on the same inputs.
func TestExport_ReproducesApply(t *testing.T) {
	kinds := map[string]bool{}
	compared := 0
	for _, c := range exportCases() {
		t.Run(c.name, func(t *testing.T) {
			tb, train, test := caseFrames(t, c)
			p := prep.NewPipeline(c.steps...)
			if c.steps == nil {
				schema, err := tb.Schema.WithRole(c.target, data.Target)
				if err != nil {
					t.Fatal(err)
				}
				p = prep.Default(schema, tb.Frame, c.scale)
			}
			ft, err := p.Fit(context.Background(), train, c.target, nil)
			if err != nil {
				t.Fatalf("fit: %v", err)
			}
			px, err := ft.Export()
			if err != nil {
				t.Fatalf("export: %v", err)
			}
			checkExportShape(t, ft, px)
			for _, st := range px.Steps {
				kinds[st.Info().Kind] = true
			}
			frames := map[string]*data.Frame{"train": train, "test": test, "messy": messy(test),
				"textual": textual(test), "no target": messy(test).Drop(c.target)}
			for name, g := range spelledOtherwise(test) {
				frames[name] = g
			}
			for name, g := range frames {
				want, werr := ft.Apply(context.Background(), g)
				got, gerr := applyExport(px, g)
				switch {
				case werr != nil && gerr != nil:
					continue
				case werr != nil || gerr != nil:
					t.Fatalf("%s rows: Apply fails with %v, the description with %v", name, werr, gerr)
				}
				if err := sameAsFrame(got, want); err != nil {
					t.Fatalf("%s rows: %v", name, err)
				}
				compared++
			}
			if _, err := ft.Apply(context.Background(), train); err != nil {
				t.Errorf("the training rows do not apply: %v", err)
			}
		})
	}
	for _, k := range prep.Kinds() {
		if !kinds[k.Name] {
			t.Errorf("no case exports a %s step", k.Name)
		}
	}
	if compared < 100 {
		t.Errorf("only %d frames compared", compared)
	}
}

// checkExportShape checks what the applier does not: the pipeline-level
// fields and the invariants the doc comments promise.
func checkExportShape(t *testing.T, ft *prep.Fitted, px *prep.PipelineExport) {
	t.Helper()
	if px.Target != ft.Target() || !slices.Equal(px.Features, ft.Features()) || !sameFields(px.Inputs, ft.Inputs()) {
		t.Fatalf("export target %q features %v inputs %v, fitted %q %v %v", px.Target, px.Features, px.Inputs, ft.Target(), ft.Features(), ft.Inputs())
	}
	names := make([]string, len(px.Output))
	for i, f := range px.Output {
		names[i] = f.Name
	}
	if !slices.Equal(names, ft.Columns()) {
		t.Fatalf("export output %v, fitted %v", names, ft.Columns())
	}
	enabled := 0
	for _, s := range ft.Pipeline().Steps {
		if s.Enabled {
			enabled++
		}
	}
	if len(px.Steps) != enabled {
		t.Fatalf("%d steps described, %d enabled", len(px.Steps), enabled)
	}
	for _, st := range px.Steps {
		switch s := st.(type) {
		case *prep.ScaleExport:
			for _, c := range s.Columns {
				if c.Scale == 0 || math.IsNaN(c.Scale) {
					t.Errorf("scale %s: Scale %v", c.Name, c.Scale)
				}
			}
		case *prep.OneHotExport:
			for _, c := range s.Columns {
				if !slices.Equal(c.Categories, sortedCopy(c.Categories)) || len(c.CategoryOutput) != len(c.Categories) {
					t.Errorf("one_hot %s: categories %v, outputs %v", c.Name, c.Categories, c.CategoryOutput)
				}
			}
		case *prep.JoinExport:
			for _, c := range s.Columns {
				if c.Len() != len(s.Keys) {
					t.Errorf("join: column %s has %d rows for %d keys", c.Name(), c.Len(), len(s.Keys))
				}
			}
		}
	}
}

// TestExport_RoundTripsThroughJSON: a pipeline read back from its saved
// JSON describes itself identically.
func TestExport_RoundTripsThroughJSON(t *testing.T) {
	for _, c := range exportCases()[len(readmeTargets)*2:] {
		_, train, test := caseFrames(t, c)
		ft, err := prep.NewPipeline(c.steps...).Fit(context.Background(), train, c.target, nil)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		b, err := ft.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var back prep.Fitted
		if err := back.UnmarshalJSON(b); err != nil {
			t.Fatal(err)
		}
		px, err := back.Export()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		want, werr := ft.Apply(context.Background(), messy(test))
		got, gerr := applyExport(px, messy(test))
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("%s: Apply %v, description %v", c.name, werr, gerr)
		}
		if werr == nil {
			if err := sameAsFrame(got, want); err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
		}
	}
}

// TestExport_Values spells out a few descriptions in full, so that their
// meaning is pinned down by hand as well as by the applier.
func TestExport_Values(t *testing.T) {
	f, err := data.NewFrame(
		data.NewNumeric("x", []float64{1, 2, 3, math.NaN(), 10}, nil),
		data.NewCategoricalFromStrings("c", []string{"b", "a", "b", "", "b"}, nil),
		data.NewDatetime("d", []int64{0, int64(36 * time.Hour), 0, 0, 0}, data.Mask{1 << 3}, "2006-01-02"),
	)
	if err != nil {
		t.Fatal(err)
	}
	ft, err := prep.NewPipeline(
		step("impute", param.Values{"columns": cols("x"), "strategy": "median", "indicator": true}),
		step("one_hot", param.Values{"columns": cols("c")}),
		step("bin", param.Values{"columns": cols("x"), "n_bins": 2, "strategy": "uniform", "encode": "onehot"}),
		step("date_parts", param.Values{"parts": "weekday, hour"}),
	).Fit(context.Background(), f, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	px, err := ft.Export()
	if err != nil {
		t.Fatal(err)
	}
	imp := px.Steps[0].(*prep.ImputeExport)
	if c := imp.Columns[0]; c.Number != 2.5 || c.Indicator != "x_missing" || c.Kind != data.Numeric {
		t.Errorf("impute: %+v", c)
	}
	oh := px.Steps[1].(*prep.OneHotExport).Columns[0]
	if !slices.Equal(oh.Categories, cols("a", "b")) || !slices.Equal(oh.CategoryOutput, []int{0, 1}) || !oh.MissingSeen ||
		oh.MissingOutput != 2 || !slices.Equal(oh.Outputs, cols("c=a", "c=b", "c=(missing)")) {
		t.Errorf("one_hot: %+v", oh)
	}
	bin := px.Steps[2].(*prep.BinExport).Columns[0]
	if !slices.Equal(bin.Edges, []float64{1, 5.5, 10}) || !slices.Equal(bin.Outputs, cols("x=0", "x=1")) {
		t.Errorf("bin: %+v", bin)
	}
	dp := px.Steps[3].(*prep.DatePartsExport)
	if !slices.Equal(dp.Outputs[0], cols("d_weekday", "d_hour")) {
		t.Errorf("date_parts: %+v", dp)
	}
	info := px.Steps[3].Info()
	if info.Index != 4 || info.Kind != "date_parts" || info.Why != "export test" || info.Input[len(info.Input)-1].Layout != "2006-01-02" {
		t.Errorf("step info: %+v", info)
	}
	var out []string
	for _, fl := range px.Output {
		out = append(out, fl.Name+":"+fl.Kind.String())
	}
	want := cols("x=0:numeric", "x=1:numeric", "x_missing:numeric", "c=a:numeric", "c=b:numeric", "c=(missing):numeric", "d_weekday:numeric", "d_hour:numeric")
	if !slices.Equal(out, want) {
		t.Errorf("output %v, want %v", out, want)
	}
}
