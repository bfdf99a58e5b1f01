package reproduce

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/prep"
	"modelbench/workflow/prep/expr"
)

// The script's reading rules, run by Python, against Modelbench's own
// functions: numbers as labels (strconv.FormatFloat), numbers, yes/no
// words and missing cells as the loader reads them, dates as time.Parse
// reads every layout of data.DateLayouts, yes/no spellings as
// data.SpellingOf chooses them.

// runRules runs the read and labels sections with a driver that reads a
// JSON request from stdin and prints a JSON answer.
func runRules(t *testing.T, layouts []string, request any, driver string) json.RawMessage {
	t.Helper()
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		if os.Getenv("MODELBENCH_REQUIRE_CHROMIUM") != "" {
			t.Fatal("Debian's python3 is required")
		}
		t.Skip("no /usr/bin/python3")
	}
	var w writer
	prelude(&w, &planned{})
	w.line(`MISSING_TOKENS = ["", "NA", "N/A", "null", "NaN", "?", "-"]`)
	w.line("DECIMAL_COMMA, THOUSANDS = False, \"\"")
	w.line("DATE_FORMATS = {")
	for _, l := range layouts {
		re, err := dateRegexp(l)
		if err != nil {
			t.Fatalf("layout %q: %v", l, err)
		}
		w.linef("    %s: re.compile(r%s),", pyStr(l), pyRaw(re))
	}
	w.line("}")
	w.text(section("read"))
	w.text(section("labels"))
	w.line("request = json.load(sys.stdin)")
	w.text(driver)
	path := filepath.Join(t.TempDir(), "rules.py")
	if err := os.WriteFile(path, []byte(w.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	in, err := json.Marshal(request)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, path)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python: %v", err)
	}
	return out
}

func TestRules_NumbersAsLabelsMatchStrconv(t *testing.T) {
	vals := []float64{1, 0.1, 0.25, 3, 10, 100, 1e5, 123456, 1e6, 1234567, 1e20, 1e21, 1e22, 1.5e300, 0.0001, 0.00012345,
		1e-5, 2.5e-7, 5e-324, math.MaxFloat64, 1.0 / 3, 2.0 / 3, 123.456, 99999.5, 999999.5, 1e15 + 0.5, 4503599627370497, -7.25}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 300; i++ {
		vals = append(vals, math.Float64frombits(r.Uint64()), r.NormFloat64()*math.Pow(10, float64(r.IntN(40)-20)), float64(r.IntN(1e7)))
	}
	var finite []string
	for _, v := range vals {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			finite = append(finite, strconv.FormatFloat(v, 'g', -1, 64))
		}
	}
	out := runRules(t, nil, finite, "print(json.dumps([go_format_float(float(s)) for s in request]))\n")
	var got []string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	for i, s := range finite {
		v, _ := strconv.ParseFloat(s, 64)
		if got[i] != strconv.FormatFloat(v, 'g', -1, 64) {
			t.Errorf("%v: go_format_float %q, strconv %q", v, got[i], strconv.FormatFloat(v, 'g', -1, 64))
		}
	}
	// Negative zero and the infinities.
	out = runRules(t, nil, nil, "print(json.dumps([go_format_float(v) for v in (-0.0, math.inf, -math.inf)]))\n")
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	for i, v := range []float64{math.Copysign(0, -1), math.Inf(1), math.Inf(-1)} {
		if got[i] != strconv.FormatFloat(v, 'g', -1, 64) {
			t.Errorf("%v: go_format_float %q", v, got[i])
		}
	}
}

func TestRules_CellsMatchTheLoader(t *testing.T) {
	cells := []string{"1 234,5", "1,234", "1.234,5", "12 3", "1", " 2.5 ", "+3", "-.5", "5.", "1e3", "1E-2", "inf", "-Infinity", "+INF", "nan", "NaN", "0x10", "1_000",
		"1,5", "abc", "", " ", "1e400", "-1e400", "1e-400", "--1", "+-1", ".", "e5", "١٢", "1.2.3", "٣", "\u00a07\u00a0", "\t8",
		"NA", "n/a", "Null", "?", "-", "None", "none", "yes", " No ", "TRUE", "f", "Y", "y ", "t", "yess", "0", "1", "２"}
	type answer struct {
		Float   []*string `json:"float"` // repr, for the infinities
		Comma   []*string `json:"comma"` // with a decimal comma and a space between thousands
		Bool    []*bool   `json:"bool"`
		Missing []bool    `json:"missing"`
	}
	out := runRules(t, nil, cells, `print(json.dumps({"float": [None if v is None else repr(v) for v in (parse_float(c) for c in request)],
                  "comma": [None if v is None else repr(v) for v in (parse_float(c, True, " ") for c in request)], "bool": [parse_bool(c) for c in request], "missing": [is_missing(c) for c in request]}))
`)
	var got answer
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	opt := data.ParseOptions{}
	for i, c := range cells {
		v, ok := opt.ParseFloat(c)
		var g float64
		if got.Float[i] != nil {
			g, _ = strconv.ParseFloat(*got.Float[i], 64)
		}
		if ok != (got.Float[i] != nil) || ok && g != v {
			t.Errorf("%q: parse_float %v, Modelbench %v %v", c, g, v, ok)
		}
		v, ok = data.ParseOptions{DecimalComma: true, Thousands: ' '}.ParseFloat(c)
		g = 0
		if got.Comma[i] != nil {
			g, _ = strconv.ParseFloat(*got.Comma[i], 64)
		}
		if ok != (got.Comma[i] != nil) || ok && g != v {
			t.Errorf("%q with a decimal comma: parse_float %v, Modelbench %v %v", c, g, v, ok)
		}
		b, ok := data.ParseBool(c)
		if ok != (got.Bool[i] != nil) || ok && *got.Bool[i] != b {
			t.Errorf("%q: parse_bool %v, Modelbench %v %v", c, got.Bool[i], b, ok)
		}
		if got.Missing[i] != opt.IsMissing(c) {
			t.Errorf("%q: is_missing %v, Modelbench %v", c, got.Missing[i], opt.IsMissing(c))
		}
	}
}

func TestRules_DatesMatchTimeParse(t *testing.T) {
	instants := []time.Time{
		time.Date(2024, 3, 31, 14, 30, 5, 0, time.UTC),
		time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Date(2000, 2, 29, 0, 0, 0, 0, time.UTC),
		time.Date(2012, 1, 9, 7, 5, 0, 123456789, time.UTC),
		time.Date(2031, 11, 1, 12, 0, 0, 500000000, time.FixedZone("", 2*3600+1800)),
		time.Date(1999, 7, 4, 1, 2, 3, 0, time.FixedZone("", -5*3600)),
	}
	type req struct {
		Layout, Text string
	}
	var reqs []req
	var want []*int64
	for _, l := range data.DateLayouts {
		for _, at := range instants {
			s := at.Format(l)
			reqs = append(reqs, req{l, s})
			if p, err := time.Parse(l, s); err == nil {
				ns := p.UnixNano()
				want = append(want, &ns)
			} else {
				want = append(want, nil)
			}
		}
		// Fractions after the seconds are read even when the layout has none.
		if strings.HasSuffix(l, "05") {
			s := instants[0].Format(l) + ".25"
			reqs = append(reqs, req{l, s})
			p, err := time.Parse(l, s)
			if err != nil {
				t.Fatal(err)
			}
			ns := p.UnixNano()
			want = append(want, &ns)
		}
	}
	out := runRules(t, data.DateLayouts, reqs, "print(json.dumps([parse_date(r['Text'], r['Layout']) for r in request]))\n")
	var got []*int64
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	for i, r := range reqs {
		if (got[i] == nil) != (want[i] == nil) || got[i] != nil && *got[i] != *want[i] {
			t.Errorf("%q in layout %q: parse_date %v, time.Parse %v", r.Text, r.Layout, deref(got[i]), deref(want[i]))
		}
	}
}

func deref(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestRules_YesNoSpellingMatchesSpellingOf(t *testing.T) {
	cases := [][]string{
		{"Yes", "No", "yes", "Yes"},
		{"y", "y", "n"},
		{"TRUE", "TRUE"},
		{"False"},
		{"t", "T", "f"},
		{"No", "yes", "yes", "NO", "NO", "no"},
		{},
	}
	out := runRules(t, nil, cases, "print(json.dumps([spelling_of(texts) for texts in request]))\n")
	var got []map[string]string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	for i, texts := range cases {
		want := data.SpellingOf(texts, nil)
		counts := map[string]int{}
		var uniq []string
		for _, s := range texts {
			if counts[s]++; counts[s] == 1 {
				uniq = append(uniq, s)
			}
		}
		n := make([]int, len(uniq))
		for k, s := range uniq {
			n[k] = counts[s]
		}
		want = data.SpellingOf(uniq, n)
		if got[i]["true"] != want.True || got[i]["false"] != want.False {
			t.Errorf("%q: spelling_of %v, Modelbench %+v", texts, got[i], want)
		}
	}
}

func TestRules_ExpressionsMatchEval(t *testing.T) {
	x := []float64{math.NaN(), math.Inf(1), math.Inf(-1), -1, 0, 0.5, 2, -2.5, 1e300, 2.5}
	y := []float64{1, 0, 2, math.NaN(), 0, -0.5, 3, 2, 10, -1}
	b := []string{"yes", "no", "", "yes", "no", "", "yes", "no", "yes", "no"}
	c := []string{"a", "b", "", "a", "c", "a", "", "b", "a", "c"}
	bm := data.NewMask(len(b))
	bv := make([]bool, len(b))
	levels := []string{"a", "b", "c"}
	codes := make([]int32, len(c))
	for i := range b {
		if b[i] == "" {
			bm.Set(i)
		}
		bv[i] = b[i] == "yes"
		codes[i] = int32(slices.Index(levels, c[i])) // -1: missing
	}
	f, err := data.NewFrame(data.NewNumeric("x", x, nil), data.NewNumeric("y y", y, nil),
		data.NewBoolean("b", bv, bm).Spelled(data.BoolSpelling{True: "yes", False: "no"}), data.NewCategorical("c", codes, levels))
	if err != nil {
		t.Fatal(err)
	}
	sources := []string{"x + `y y`", "x - `y y`", "x * `y y`", "x / `y y`", "x ^ `y y`", "-x ^ 2", "log(x)", "exp(x)", "sqrt(x)", "abs(x)",
		"round(x)", "round(x * 7.77, 1)", "round(x, `y y`)", "min(x, `y y`, 1)", "max(x, `y y`)", "if(x > 0, x, `y y`)", "if(b, 1, 0)",
		"missing(x)", "missing(c)", "missing(b)", "x > 0 and `y y` > 0", "x > 0 or missing(`y y`)", "not (x > 1)", `c == "a"`, `c != "a"`,
		`if(x > 0, c, "z") == "a"`, "b and x > 0", "b or x < 0", "x", "1 / 0", "x == `y y`", "x <= `y y`", "x >= 0.5", "x != 0", "2 ^ 0.5 * x", `"a" == "a"`}
	var funcs []string
	var rows [][]*string
	p := &planned{}
	sc := &stepCtx{p: p, info: &prep.StepInfo{Index: 1, Kind: "derive"}}
	fields := []prep.Field{{Name: "x"}, {Name: "y y"}, {Name: "b", Kind: data.Boolean}, {Name: "c", Kind: data.Categorical}}
	for i, src := range sources {
		name, err := p.expression(sc, fmt.Sprintf("e%d", i), src, fields)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		funcs = append(funcs, name)
	}
	for i := range x {
		rows = append(rows, []*string{ptr(strconv.FormatFloat(x[i], 'g', -1, 64)), ptr(strconv.FormatFloat(y[i], 'g', -1, 64)), opt(b[i]), opt(c[i])})
	}
	driver := strings.Join(p.funcs, "\n") + `
X = pd.DataFrame({
    "x": [float(r[0]) for r in request],
    "y y": [float(r[1]) for r in request],
    "b": np.array([r[2] if r[2] is not None else math.nan for r in request], dtype=object),
    "c": np.array([r[3] if r[3] is not None else math.nan for r in request], dtype=object),
})
print(json.dumps([[repr(float(v)) for v in evaluate(f, X)] for f in [` + strings.Join(funcs, ", ") + `]]))
`
	var w writer
	w.text(section("expr"))
	out := runRules(t, nil, rows, w.String()+driver)
	var got [][]string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for i, src := range sources {
		e, err := expr.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		want, _, err := e.Eval(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		for r, w := range want {
			g, _ := strconv.ParseFloat(got[i][r], 64)
			if math.IsNaN(w) != math.IsNaN(g) || !math.IsNaN(w) && math.Abs(g-w) > 1e-12*math.Max(1, math.Abs(w)) {
				t.Errorf("%s, row %d: Python %v, Eval %v", src, r, g, w)
			}
		}
	}
}

func ptr(s string) *string { return &s }

func opt(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
