package reproduce

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestRowRanges_RunsAndLines(t *testing.T) {
	cases := []struct {
		rows []int
		want string
	}{
		{nil, ""},
		{[]int{0}, "0"},
		{[]int{0, 1, 2, 4, 6, 7}, "0-2 4 6-7"},
		{[]int{3, 5, 6, 7, 8, 100}, "3 5-8 100"},
	}
	for _, c := range cases {
		if got := rowRanges(c.rows); got != c.want {
			t.Errorf("%v: %q, want %q", c.rows, got, c.want)
		}
	}
	var many []int
	for i := 0; i < 5000; i += 2 {
		many = append(many, i)
	}
	text := rowRanges(many)
	var back []int
	for _, line := range strings.Split(text, "\n") {
		if len(line) > 96 {
			t.Errorf("a line of %d characters", len(line))
		}
		for _, f := range strings.Fields(line) {
			n, err := strconv.Atoi(f)
			if err != nil {
				t.Fatal(err)
			}
			back = append(back, n)
		}
	}
	if len(back) != len(many) || back[len(back)-1] != 4998 {
		t.Errorf("%d rows read back", len(back))
	}
}

func TestPyFloat_ReadsBackExactly(t *testing.T) {
	for _, v := range []float64{0, 1, -2, 0.1, 1e21, 1e-7, 123456789, math.MaxFloat64, math.SmallestNonzeroFloat64, math.Copysign(0, -1)} {
		s := pyFloat(v)
		if !strings.ContainsAny(s, ".e") {
			t.Errorf("%v: %q is a Python int", v, s)
		}
		if back, err := strconv.ParseFloat(s, 64); err != nil || back != v || math.Signbit(back) != math.Signbit(v) {
			t.Errorf("%v: %q reads back as %v", v, s, back)
		}
	}
	for v, want := range map[float64]string{math.NaN(): "math.nan", math.Inf(1): "math.inf", math.Inf(-1): "-math.inf"} {
		if pyFloat(v) != want {
			t.Errorf("%v: %q", v, pyFloat(v))
		}
	}
}

func TestDateRegexp_RefusesLayoutsItCannotRead(t *testing.T) {
	for _, l := range []string{"Monday, 02-Jan-06", "3:04PM", "2006-01-02 15:04 MST", "01/02", "Jan _2 2006", "02-Jan-06", "January 2, 2006", "2006-01-02T15:04:05-0700"} {
		if _, err := dateRegexp(l); err == nil {
			t.Errorf("%q was accepted", l)
		}
	}
}

func TestWrapCall_BreaksBetweenArguments(t *testing.T) {
	call := `Estimator(alpha=1.0, name="a, b", sizes=[1, 2, 3], max_features=min(3, n), random_state=42, criterion="squared_error", extra=True)`
	got := wrapCall("    return ", call)
	lines := strings.Split(got, "\n")
	if len(lines) < 2 || lines[0] != "    return Estimator(" || !strings.HasSuffix(got, "extra=True)") {
		t.Fatalf("%s", got)
	}
	joined := strings.Join(strings.Fields(strings.TrimPrefix(got, "    return ")), " ")
	if joined != strings.Replace(call, "(", "( ", 1) {
		t.Errorf("the arguments changed: %s", joined)
	}
	for _, l := range lines {
		if len(l) > 99 {
			t.Errorf("a line of %d characters", len(l))
		}
	}
	if short := wrapCall("    return ", "GaussianNB(var_smoothing=1e-09)"); short != "    return GaussianNB(var_smoothing=1e-09)" {
		t.Errorf("a short call was wrapped: %s", short)
	}
}
