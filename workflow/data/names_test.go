package data

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestFixNames(t *testing.T) {
	cases := []struct {
		in, want []string
		warnings int
	}{
		{[]string{"a", "b"}, []string{"a", "b"}, 0},
		{[]string{" a ", "", "a", "a_2"}, []string{"a", "column_2", "a_3", "a_2"}, 2},
		{[]string{"x", "x", "x"}, []string{"x", "x_2", "x_3"}, 2},
		{[]string{"", "column_1"}, []string{"column_1", "column_1_2"}, 2},
		{nil, []string{}, 0},
	}
	for _, c := range cases {
		in := slices.Clone(c.in)
		got, issues := FixNames("f.csv, line 1", in)
		if !slices.Equal(got, c.want) || len(issues) != c.warnings {
			t.Errorf("FixNames(%q) = %q with %d issues, want %q with %d", c.in, got, len(issues), c.want, c.warnings)
		}
		if !slices.Equal(in, c.in) {
			t.Errorf("FixNames modified its input: %q", in)
		}
		for _, is := range issues {
			if is.Level != "warning" || !strings.HasPrefix(is.Text, "f.csv, line 1, column ") {
				t.Errorf("issue %+v does not say where", is)
			}
		}
	}
}

func TestLooksLikeIdentifier(t *testing.T) {
	seq := func(n int) []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = float64(i + 1)
		}
		return v
	}
	repeat := seq(12)
	repeat[5] = 1
	half := seq(12)
	half[3] = 3.5
	gap := seq(12)
	gap[7] = math.NaN()
	cases := []struct {
		col  *NumericColumn
		want bool
	}{
		{NewNumeric("id", seq(12), nil), true},
		{NewNumeric("customer_id", seq(12), nil), true},
		{NewNumeric("Unnamed: 0", seq(12), nil), true},
		{NewNumeric("ID", seq(12), nil), true},
		{NewNumeric("id", seq(9), nil), false},   // too few
		{NewNumeric("id", repeat, nil), false},   // a repeat
		{NewNumeric("id", half, nil), false},     // not whole
		{NewNumeric("id", gap, nil), false},      // a missing value
		{NewNumeric("age", seq(12), nil), false}, // a measurement's name
		{NewNumeric("identity_score", seq(12), nil), false},
		{nil, false},
	}
	for i, c := range cases {
		name := "<nil>"
		if c.col != nil {
			name = c.col.Name()
		}
		if got := LooksLikeIdentifier(c.col); got != c.want {
			t.Errorf("case %d (%s): %v, want %v", i, name, got, c.want)
		}
	}
}

func ExampleFixNames() {
	names, issues := FixNames("sales.csv, line 1", []string{"region", "", "region"})
	fmt.Println(names)
	for _, is := range issues {
		fmt.Println(is.Text)
	}
	// Output:
	// [region column_2 region_2]
	// sales.csv, line 1, column 2: the column has no name; it is called "column_2"
	// sales.csv, line 1, column 3: the name "region" is used twice; this column is called "region_2"
}
