package source

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"modelbench/workflow/data"
)

// jsonExpected is testdata/json/expected.json, written by
// testdata/json_expected.py with pandas.json_normalize.
type jsonExpected map[string]struct {
	Rows    int `json:"rows"`
	Columns []struct {
		Name    string   `json:"name"`
		Missing int      `json:"missing"`
		First   []any    `json:"first"`
		Sum     *float64 `json:"sum"`
	} `json:"columns"`
}

// TestReadJSON_MatchesPandas reads files written by pandas (records and
// lines) and DuckDB (nested objects and lists) and compares them with
// pandas.json_normalize.
func TestReadJSON_MatchesPandas(t *testing.T) {
	var want jsonExpected
	readJSONFile(t, "testdata/json/expected.json", &want)
	kinds := map[string]map[string]data.Kind{
		"cars-nested.json": {"tags": data.Categorical, "domestic": data.Boolean, "year": data.Datetime, "name": data.Text},
		"penguins.json":    {"species": data.Categorical, "year": data.Numeric},
		"seattle.ndjson":   {"date": data.Datetime, "weather": data.Categorical},
	}
	for file, exp := range want {
		t.Run(file, func(t *testing.T) {
			tab, err := Load(context.Background(), Spec{Kind: JSON, Path: filepath.Join("testdata", "json", file)}, nil)
			if err != nil {
				t.Fatal(err)
			}
			f := tab.Frame
			if f.NumRows() != exp.Rows || f.NumCols() != len(exp.Columns) {
				t.Fatalf("got %d x %d, want %d x %d (%v)", f.NumRows(), f.NumCols(), exp.Rows, len(exp.Columns), f.Names())
			}
			for _, ec := range exp.Columns {
				col, ok := f.Lookup(ec.Name)
				if !ok {
					t.Fatalf("no column %q in %v", ec.Name, f.Names())
				}
				if col.Missing() != ec.Missing {
					t.Errorf("%s: %d missing, want %d", ec.Name, col.Missing(), ec.Missing)
				}
				if k, ok := kinds[file][ec.Name]; ok && col.Kind() != k {
					t.Errorf("%s: kind %s, want %s", ec.Name, col.Kind(), k)
				}
				if ec.Sum != nil {
					checkSum(t, col, *ec.Sum)
				}
				for r, v := range ec.First {
					checkCell(t, col, r, v)
				}
			}
		})
	}
}

func checkSum(t *testing.T, col data.Column, want float64) {
	t.Helper()
	num, ok := col.(*data.NumericColumn)
	if !ok {
		t.Errorf("%s: got %s, want numeric", col.Name(), col.Kind())
		return
	}
	sum := 0.0
	for _, v := range num.Values() {
		if !math.IsNaN(v) {
			sum += v
		}
	}
	if math.Abs(sum-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Errorf("%s: sum %v, want %v", col.Name(), sum, want)
	}
}

// checkCell compares row r with a value decoded from JSON: nil means
// missing, numbers compare as numbers, dates by their day.
func checkCell(t *testing.T, col data.Column, r int, v any) {
	t.Helper()
	got := col.Format(r)
	switch w := v.(type) {
	case nil:
		if !col.IsMissing(r) {
			t.Errorf("%s row %d: got %q, want missing", col.Name(), r, got)
		}
	case float64:
		if n, ok := col.(*data.NumericColumn); !ok || n.At(r) != w {
			t.Errorf("%s row %d: got %q, want %v", col.Name(), r, got, w)
		}
	case bool:
		if b, ok := col.(*data.BooleanColumn); !ok {
			t.Errorf("%s: got %s, want boolean", col.Name(), col.Kind())
		} else if x, _ := b.At(r); x != w {
			t.Errorf("%s row %d: got %v, want %v", col.Name(), r, x, w)
		}
	case string:
		if col.Kind() == data.Datetime {
			if !strings.HasPrefix(w, got[:10]) {
				t.Errorf("%s row %d: got %q, want %q", col.Name(), r, got, w)
			}
		} else if got != w {
			t.Errorf("%s row %d: got %q, want %q", col.Name(), r, got, w)
		}
	}
}

func TestReadJSON_Shapes(t *testing.T) {
	cases := []struct {
		name, text string
		names      string
		kinds      []data.Kind
		rows       int
	}{
		{"array", `[{"a":1,"b":"x"},{"a":2.5,"b":null}]`, "a,b", []data.Kind{data.Numeric, data.Categorical}, 2},
		{"lines", "{\"a\":1}\n\n{\"a\":2,\"c\":true}\n", "a,c", []data.Kind{data.Numeric, data.Boolean}, 2},
		{"nested", `[{"p":{"q":{"r":1}},"s":[1,2]},{"p":{"q":{"r":2}},"s":[]}]`, "p.q.r,s", []data.Kind{data.Numeric, data.Categorical}, 2},
		{"mixed numbers and text", `[{"a":1},{"a":"x"},{"a":1},{"a":"x"}]`, "a", []data.Kind{data.Categorical}, 4},
		{"numbers as text", `[{"a":"1"},{"a":2},{"a":3}]`, "a", []data.Kind{data.Numeric}, 3},
		{"all null", `[{"a":null},{"a":null}]`, "a", []data.Kind{data.Text}, 2},
		{"empty object", `[{"a":{}},{"a":{}}]`, "a", []data.Kind{data.Categorical}, 2},
		{"bom and spaces", "\xef\xbb\xbf  [ {\"a\" : 1} ]  ", "a", []data.Kind{data.Numeric}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tab, err := ReadJSON(context.Background(), []byte(c.text), "t.json", 0, data.ParseOptions{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(tab.Frame.Names(), ","); got != c.names || tab.Frame.NumRows() != c.rows {
				t.Fatalf("got %s with %d rows, want %s with %d", got, tab.Frame.NumRows(), c.names, c.rows)
			}
			for i, k := range c.kinds {
				if got := tab.Frame.Col(i).Kind(); got != k {
					t.Errorf("column %s: %s, want %s", tab.Frame.Col(i).Name(), got, k)
				}
			}
		})
	}
	tab, _ := ReadJSON(context.Background(), []byte(`[{"s":[1,{"x":"y"}]}]`), "t.json", 0, data.ParseOptions{}, nil)
	if got := tab.Frame.Col(0).Format(0); got != `[1,{"x":"y"}]` {
		t.Errorf("an array is kept as %q", got)
	}
}

func TestReadJSON_Errors(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"empty", "  \n", "empty"},
		{"truncated", "[{\"a\":1},\n{\"a\":", "line 2: record 2: the file ends in the middle"},
		{"not objects", "[1,2]", "line 1: record 1 is a number, not an object"},
		{"string line", "{\"a\":1}\n\"x\"\n", "line 2: record 2 is a string"},
		{"syntax", "[{\"a\":1},\n{\"a\" 1}]", "line 2: record 2: invalid character"},
		{"no records", "[]", "no records"},
		{"unclosed array", "[{\"a\":1}", "line 1: record 2: the file ends"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadJSON(context.Background(), []byte(c.text), "bad.json", 0, data.ParseOptions{}, nil)
			if err == nil || !strings.Contains(err.Error(), "bad.json") || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error naming bad.json and %q", err, c.want)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Load(ctx, Spec{Kind: JSON, Path: "testdata/json/penguins.json"}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: got %v", err)
	}
}

func TestReadJSON_Limit(t *testing.T) {
	for _, f := range []string{"penguins.json", "seattle.ndjson"} {
		tab, err := Preview(context.Background(), Spec{Kind: JSON, Path: filepath.Join("testdata", "json", f)}, 5)
		if err != nil || tab.Frame.NumRows() != 5 {
			t.Errorf("%s: preview %v, %v", f, tab, err)
		}
	}
}

// FuzzReadJSON: any input either fails with the file named or gives a
// consistent table.
func FuzzReadJSON(f *testing.F) {
	b, err := os.ReadFile("testdata/json/cars-nested.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b[:2000])
	f.Add([]byte("{\"a\":1,\"b\":{\"c\":[1]}}\n{\"a\":\"x\",\"b\":null}\n"))
	f.Add([]byte(`[{"a":true},{"a":1e400},{"a":"2024-01-01"}]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		tab, err := ReadJSON(context.Background(), b, "fuzz.json", 0, data.ParseOptions{}, nil)
		checkLoaded(t, "fuzz.json", tab, err)
	})
}
