package data

import (
	"context"
	"strings"
	"testing"
)

// TestBooleanColumn_KeepsSpelling reads yes/no columns through both
// typing paths (the CSV loader's levels and BuildColumn's cells) and
// checks that they format back as the file spelled them.
func TestBooleanColumn_KeepsSpelling(t *testing.T) {
	cases := []struct {
		name   string
		cells  []string
		spell  BoolSpelling
		format []string // per cell, "" for missing
	}{
		{"Yes/No", []string{"Yes", "No", "Yes"}, BoolSpelling{"Yes", "No"}, []string{"Yes", "No", "Yes"}},
		{"yes/no", []string{"no", "yes"}, BoolSpelling{"yes", "no"}, []string{"no", "yes"}},
		{"Y/N", []string{"Y", "N", ""}, BoolSpelling{"Y", "N"}, []string{"Y", "N", ""}},
		{"TRUE/FALSE", []string{"FALSE", "TRUE"}, BoolSpelling{"TRUE", "FALSE"}, []string{"FALSE", "TRUE"}},
		{"t/f", []string{"t", "f", "NA"}, BoolSpelling{"t", "f"}, []string{"t", "f", ""}},
		{"True/False", []string{"True", "False"}, BoolSpelling{"True", "False"}, []string{"True", "False"}},
		// Mixed spellings: each value takes its most frequent one.
		{"mixed", []string{"Yes", "yes", "Yes", "no", "No", "no"}, BoolSpelling{"Yes", "no"}, []string{"Yes", "Yes", "Yes", "no", "no", "no"}},
		// One value only: the other is its counterpart, in the same case.
		{"only No", []string{"No", "No"}, BoolSpelling{"Yes", "No"}, []string{"No", "No"}},
		{"only Y", []string{"Y"}, BoolSpelling{"Y", "N"}, []string{"Y"}},
		{"only false", []string{"false"}, BoolSpelling{"true", "false"}, []string{"false"}},
		{"spaces", []string{" Yes ", "No"}, BoolSpelling{"Yes", "No"}, []string{"Yes", "No"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			built, _, err := BuildColumn("x", tc.cells, ParseOptions{}, nil, 1)
			if err != nil {
				t.Fatal(err)
			}
			in := "x,i\n"
			for i, c := range tc.cells {
				in += c + "," + string(rune('a'+i)) + "\n"
			}
			tb, err := ReadCSV(context.Background(), strings.NewReader(in), 0, "in.csv", CSVOptions{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			for path, col := range map[string]Column{"BuildColumn": built, "ReadCSV": tb.Frame.Col(0)} {
				b, ok := col.(*BooleanColumn)
				if !ok {
					t.Fatalf("%s: %T, want a boolean column", path, col)
				}
				if b.Spelling() != tc.spell {
					t.Errorf("%s: spelling %+v, want %+v", path, b.Spelling(), tc.spell)
				}
				for i, w := range tc.format {
					if got := b.Format(i); got != w {
						t.Errorf("%s: row %d formats as %q, want %q", path, i, got, w)
					}
				}
				if got := b.Take([]int{0}).Format(0); got != tc.format[0] {
					t.Errorf("%s: Take lost the spelling: %q", path, got)
				}
			}
		})
	}
}

func TestSpellingOf_NoYesNoWordsIsDefault(t *testing.T) {
	if got := SpellingOf([]string{"maybe", ""}, nil); got != DefaultBoolSpelling {
		t.Errorf("%+v", got)
	}
	if got := NewBoolean("b", []bool{true}, nil).Spelled(BoolSpelling{True: "Yes"}); got.Spelling() != (BoolSpelling{"Yes", "false"}) {
		t.Errorf("an empty field keeps the default: %+v", got.Spelling())
	}
	defer func() {
		if recover() == nil {
			t.Error("a spelling that does not tell true from false: no panic")
		}
	}()
	NewBoolean("b", nil, nil).Spelled(BoolSpelling{"x", "x"})
}

// TestSpellLike matches yes/no columns to labels learnt in another
// spelling by truth value, and leaves everything else alone.
func TestSpellLike(t *testing.T) {
	yn := NewBoolean("b", []bool{true, false}, nil).Spelled(BoolSpelling{"Yes", "No"})
	cases := []struct {
		name   string
		labels []string
		want   [2]string // rows 0 (true) and 1 (false)
	}{
		{"old true/false classes", []string{"false", "true"}, [2]string{"true", "false"}},
		{"other file's Y/N", []string{"N", "Y"}, [2]string{"Y", "N"}},
		{"own spelling", []string{"No", "Yes"}, [2]string{"Yes", "No"}},
		{"one value known", []string{"true"}, [2]string{"true", "No"}},
		{"ambiguous labels", []string{"yes", "Y", "no"}, [2]string{"Yes", "no"}},
		{"unrelated labels", []string{"a", "b"}, [2]string{"Yes", "No"}},
	}
	for _, tc := range cases {
		got := SpellLike(yn, tc.labels)
		if g := [2]string{got.Format(0), got.Format(1)}; g != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, g, tc.want)
		}
	}
	if yn.Format(0) != "Yes" {
		t.Error("SpellLike changed its input")
	}
	cat := NewCategoricalFromStrings("c", []string{"Yes"}, nil)
	if SpellLike(cat, []string{"true"}) != Column(cat) {
		t.Error("a categorical column was changed")
	}
}
