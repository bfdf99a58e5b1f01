package data

import (
	"math"
	"slices"
	"testing"
)

func TestDictionary_CodesInOrderOfFirstAppearance(t *testing.T) {
	miss := NewMask(5)
	miss.Set(3)
	cases := []struct {
		name   string
		col    Column
		codes  []int32
		levels []string
	}{
		{"numeric with NaN", NewNumeric("n", []float64{2.5, 1, 2.5, math.NaN(), 1}, nil),
			[]int32{0, 1, 0, -1, 1}, []string{"2.5", "1"}},
		{"text with a missing row", NewText("t", []string{"b", "a", "b", "", "a "}, miss),
			[]int32{0, 1, 0, -1, 2}, []string{"b", "a", "a "}},
		{"boolean", NewBoolean("b", []bool{false, true, true}, nil),
			[]int32{0, 1, 1}, []string{"false", "true"}},
		{"categorical keeps its levels", NewCategorical("c", []int32{1, -1, 0}, []string{"x", "y"}),
			[]int32{1, -1, 0}, []string{"x", "y"}},
		{"empty", NewText("e", nil, nil), []int32{}, nil},
	}
	for _, c := range cases {
		codes, levels := Dictionary(c.col)
		if !slices.Equal(codes, c.codes) || !slices.Equal(levels, c.levels) {
			t.Errorf("%s: codes %v levels %q, want %v %q", c.name, codes, levels, c.codes, c.levels)
		}
	}
}

func TestNewCategoricalFromStrings_MissingRule(t *testing.T) {
	c := NewCategoricalFromStrings("c", []string{"NA", "x", "", "x", "y"}, func(s string) bool { return s == "NA" })
	if !slices.Equal(c.Codes(), []int32{-1, 0, 1, 0, 2}) || !slices.Equal(c.Levels(), []string{"x", "", "y"}) || c.Missing() != 1 {
		t.Errorf("codes %v levels %q missing %d", c.Codes(), c.Levels(), c.Missing())
	}
	d := NewCategoricalFromStrings("d", []string{"", "z"}, nil)
	if !slices.Equal(d.Codes(), []int32{-1, 0}) || d.Missing() != 1 {
		t.Errorf("nil rule: codes %v missing %d", d.Codes(), d.Missing())
	}
}

func TestEncodeLevels_CallsInOrderAndMarksMissing(t *testing.T) {
	texts := []string{"b", "skip", "a", "b", ""}
	var calls []int
	codes, levels := EncodeLevels(len(texts), func(i int) (string, bool) {
		calls = append(calls, i)
		return texts[i], texts[i] != "skip"
	})
	if !slices.Equal(codes, []int32{0, -1, 1, 0, 2}) || !slices.Equal(levels, []string{"b", "a", ""}) {
		t.Errorf("codes %v levels %q", codes, levels)
	}
	if !slices.Equal(calls, []int{0, 1, 2, 3, 4}) {
		t.Errorf("at called for rows %v", calls)
	}
	if codes, levels := EncodeLevels(0, nil); len(codes) != 0 || levels != nil {
		t.Errorf("n = 0: %v %q", codes, levels)
	}
}
