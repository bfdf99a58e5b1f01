package source

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"modelbench/workflow/data"
)

// arffExpected is testdata/arff/expected.json, written by
// testdata/arff_expected.py from scipy.io.arff.loadarff (dense numeric and
// nominal files) and from Weka's own CSVSaver (string and date files).
type arffExpected map[string]struct {
	Rows    int `json:"rows"`
	Columns []struct {
		Name    string    `json:"name"`
		Type    string    `json:"type"`
		Levels  []string  `json:"levels"`
		Missing int       `json:"missing"`
		Sum     float64   `json:"sum"`
		First   []any     `json:"first"`
		Values  []*string `json:"values"`
	} `json:"columns"`
}

func readJSONFile(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func loadARFFFile(t *testing.T, name string) *data.Table {
	t.Helper()
	tab, err := Load(context.Background(), Spec{Kind: ARFF, Path: filepath.Join("testdata", "arff", name+".arff")}, nil)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return tab
}

// TestReadARFF_MatchesScipy compares Weka's sample files with what
// scipy.io.arff.loadarff reads from them.
func TestReadARFF_MatchesScipy(t *testing.T) {
	var want arffExpected
	readJSONFile(t, "testdata/arff/expected.json", &want)
	for _, name := range []string{"weather.numeric", "iris", "labor", "credit-g", "breast-cancer", "penguins"} {
		t.Run(name, func(t *testing.T) {
			exp := want[name]
			f := loadARFFFile(t, name).Frame
			if f.NumRows() != exp.Rows || f.NumCols() != len(exp.Columns) {
				t.Fatalf("got %d rows x %d cols, want %d x %d", f.NumRows(), f.NumCols(), exp.Rows, len(exp.Columns))
			}
			for i, ec := range exp.Columns {
				col := f.Col(i)
				if col.Name() != ec.Name || col.Missing() != ec.Missing {
					t.Errorf("column %d: got %q with %d missing, want %q with %d", i, col.Name(), col.Missing(), ec.Name, ec.Missing)
				}
				switch ec.Type {
				case "nominal":
					cat, ok := col.(*data.CategoricalColumn)
					if !ok {
						t.Fatalf("%s: got %s, want categorical", ec.Name, col.Kind())
					}
					if strings.Join(cat.Levels(), "|") != strings.Join(ec.Levels, "|") {
						t.Errorf("%s: levels %q, want %q", ec.Name, cat.Levels(), ec.Levels)
					}
					for r, v := range ec.First {
						if got := col.Format(r); v != nil && got != v.(string) || v == nil && got != "" {
							t.Errorf("%s row %d: got %q, want %v", ec.Name, r, got, v)
						}
					}
				default:
					num, ok := col.(*data.NumericColumn)
					if !ok {
						t.Fatalf("%s: got %s, want numeric", ec.Name, col.Kind())
					}
					sum := 0.0
					for _, v := range num.Values() {
						if !math.IsNaN(v) {
							sum += v
						}
					}
					if math.Abs(sum-ec.Sum) > 1e-9*math.Max(1, math.Abs(ec.Sum)) {
						t.Errorf("%s: sum %v, want %v", ec.Name, sum, ec.Sum)
					}
					for r, v := range ec.First {
						if v == nil && !num.IsMissing(r) || v != nil && num.At(r) != v.(float64) {
							t.Errorf("%s row %d: got %v, want %v", ec.Name, r, num.At(r), v)
						}
					}
				}
			}
		})
	}
}

// TestReadARFF_MatchesWeka compares files with string and date attributes
// with what Weka itself writes out as CSV (testdata/arff_expected.py).
func TestReadARFF_MatchesWeka(t *testing.T) {
	var want arffExpected
	readJSONFile(t, "testdata/arff/expected.json", &want)
	kinds := map[string][]data.Kind{
		"dates":           {data.Datetime, data.Datetime, data.Numeric, data.Categorical, data.Text},
		"reuters-excerpt": {data.Text, data.Categorical},
	}
	for name, wantKinds := range kinds {
		t.Run(name, func(t *testing.T) {
			exp := want[name]
			f := loadARFFFile(t, name).Frame
			if f.NumRows() != exp.Rows {
				t.Fatalf("got %d rows, want %d", f.NumRows(), exp.Rows)
			}
			for i, ec := range exp.Columns {
				col := f.Col(i)
				if col.Name() != ec.Name || col.Kind() != wantKinds[i] {
					t.Errorf("column %d: got %q (%s), want %q (%s)", i, col.Name(), col.Kind(), ec.Name, wantKinds[i])
				}
				for r, v := range ec.Values {
					got := col.Format(r)
					switch {
					case v == nil:
						if !col.IsMissing(r) {
							t.Errorf("%s row %d: got %q, want missing", ec.Name, r, got)
						}
					case col.Kind() == data.Numeric:
						w, _ := strconv.ParseFloat(*v, 64)
						if g, _ := strconv.ParseFloat(got, 64); g != w {
							t.Errorf("%s row %d: got %v, want %v", ec.Name, r, g, w)
						}
					case got != *v:
						t.Errorf("%s row %d: got %q, want %q", ec.Name, r, got, *v)
					}
				}
			}
		})
	}
}

// TestReadARFF_SparseEqualsDense reads weather.sparse.arff, which Weka's
// NonSparseToSparse filter made from weather.numeric.arff, and expects the
// same table (omitted values are 0 or the first nominal value).
func TestReadARFF_SparseEqualsDense(t *testing.T) {
	dense := loadARFFFile(t, "weather.numeric").Frame
	sparse := loadARFFFile(t, "weather.sparse").Frame
	if dense.NumRows() != sparse.NumRows() || dense.NumCols() != sparse.NumCols() {
		t.Fatalf("sparse %dx%d, dense %dx%d", sparse.NumRows(), sparse.NumCols(), dense.NumRows(), dense.NumCols())
	}
	for c := 0; c < dense.NumCols(); c++ {
		for r := 0; r < dense.NumRows(); r++ {
			if d, s := dense.Col(c).Format(r), sparse.Col(c).Format(r); d != s {
				t.Errorf("column %s row %d: sparse %q, dense %q", dense.Col(c).Name(), r, s, d)
			}
		}
	}
}

func TestReadARFF_Inference(t *testing.T) {
	tab := loadARFFFile(t, "iris")
	f, _ := tab.Schema.Field("class")
	if f.Role != data.Target || f.Kind != data.Categorical || !strings.Contains(f.TypeReason, "Iris-setosa") {
		t.Errorf("class field: %+v", f)
	}
	tab = loadARFFFile(t, "credit-g")
	if f, _ := tab.Schema.Field("duration"); f.Label != data.LabelInteger {
		t.Errorf("duration: %+v", f)
	}
	if tab.Schema.Fields[len(tab.Schema.Fields)-1].Role != data.Target {
		t.Errorf("credit-g target: %+v", tab.Schema.Fields[len(tab.Schema.Fields)-1])
	}
}

func TestReadARFF_Limit(t *testing.T) {
	tab, err := Preview(context.Background(), Spec{Kind: ARFF, Path: "testdata/arff/iris.arff"}, 7)
	if err != nil {
		t.Fatal(err)
	}
	if tab.Frame.NumRows() != 7 {
		t.Errorf("preview has %d rows, want 7", tab.Frame.NumRows())
	}
}

// TestReadARFF_Errors checks that broken files fail with the line (and
// attribute) at fault.
func TestReadARFF_Errors(t *testing.T) {
	const head = "@relation r\n@attribute a numeric\n@attribute b {x,y}\n@data\n"
	cases := []struct {
		name, text string
		want       []string
	}{
		{"empty", "", []string{"no @relation"}},
		{"no relation", "@attribute a numeric\n@data\n1\n", []string{"line 1", "must start with @relation"}},
		{"no data", "@relation r\n@attribute a numeric\n", []string{"never reaches an @data"}},
		{"unknown type", "@relation r\n@attribute a numbr\n@data\n", []string{"line 2", "unknown type", "numbr"}},
		{"unclosed nominal", "@relation r\n@attribute a {x,y\n@data\n", []string{"line 2", "not closed"}},
		{"duplicate level", "@relation r\n@attribute a {x,x}\n@data\n", []string{"line 2", "twice"}},
		{"relational", "@relation r\n@attribute a relational\n@data\n", []string{"relational"}},
		{"bad date format", "@relation r\n@attribute a date 'yyyy-QQ'\n@data\n", []string{"line 2", "QQ"}},
		{"unclosed quote", "@relation r\n@attribute 'a numeric\n@data\n", []string{"line 2", "quote"}},
		{"data first", "@relation r\n@data\n1\n", []string{"line 2", "before any @attribute"}},
		{"not a number", head + "1,x\nabc,y\n", []string{"line 6", "column 1", `"a"`, "not a number"}},
		{"undeclared value", head + "1,z\n", []string{"line 5", "column 2", `"b"`, "declared values {x, y}"}},
		{"too few values", head + "1\n", []string{"line 5", "1 values", "2 attributes"}},
		{"bad sparse index", head + "{5 1}\n", []string{"line 5", "index 5 is out of range"}},
		{"sparse twice", head + "{0 1, 0 2}\n", []string{"line 5", "given twice"}},
		{"sparse unclosed", head + "{0 1, 1 x\n", []string{"line 5", "not closed"}},
		{"no instances", head, []string{"no instances"}},
		{"truncated quote", head + "1,'x\n", []string{"line 5", "quote"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadARFF(context.Background(), strings.NewReader(c.text), 0, "bad.arff", 0, nullOnly, nil)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range append(c.want, "bad.arff") {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
	_, err := ReadARFF(context.Background(), strings.NewReader("@relation r\n@attribute a {x\n@data\n"), 0, "h.arff", 0, nullOnly, nil)
	if !errors.Is(err, ErrARFFHeader) {
		t.Errorf("a header error does not wrap ErrARFFHeader: %v", err)
	}
}

func TestReadARFF_Cancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Load(ctx, Spec{Kind: ARFF, Path: "testdata/arff/credit-g.arff"}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

func TestJavaDateLayout(t *testing.T) {
	cases := map[string]string{
		"yyyy-MM-dd'T'HH:mm:ss":   "2006-01-02T15:04:05",
		"dd/MM/yy hh:mm a":        "02/01/06 03:04 PM",
		"yyyy.MM.dd HH:mm:ss.SSS": "2006.01.02 15:04:05.000",
		"d MMM yyyy":              "2 Jan 2006",
		"''yyyy''":                "'2006'",
	}
	for in, want := range cases {
		got, err := javaDateLayout(in)
		if err != nil || got != want {
			t.Errorf("javaDateLayout(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// FuzzReadARFF feeds arbitrary text to the reader: it must never panic,
// and a table it returns must be consistent.
func FuzzReadARFF(f *testing.F) {
	for _, name := range []string{"weather.numeric", "weather.sparse", "dates", "labor"} {
		b, err := os.ReadFile(filepath.Join("testdata", "arff", name+".arff"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("@relation r\n@attribute a {x,y}\n@attribute 'b c' date\n@data\n{0 y}\nx,'2024-01-01T00:00:00',{2}\n")
	f.Fuzz(func(t *testing.T, text string) {
		tab, err := ReadARFF(context.Background(), strings.NewReader(text), 0, "fuzz.arff", 0, nullOnly, nil)
		checkLoaded(t, "fuzz.arff", tab, err)
	})
}
