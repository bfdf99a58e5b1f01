package cli

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"modelbench/workflow/artifact"
)

// labelsCSV writes a small table whose target is spelled neg/pos, with
// cells a loader re-prints if it can: numbers written "007", "1.50",
// "1e3", " 4 ", missing cells written "" and "NA", a quoted field holding
// a comma and one holding a quote, and a y/n column with a gap. The target
// is pos when score is 5 or more, so a tree learns it.
func labelsCSV(t *testing.T, neg, pos string) string {
	t.Helper()
	amounts := []string{"1.50", "007", "1e3", "", "12", "-0.5", "NA", " 4 "}
	notes := []string{`"call back, later"`, "plain", `"said ""hi"""`}
	flags := []string{"y", "n", "", "Y", "n"}
	var b strings.Builder
	b.WriteString("score,amount,note,flag,target\n")
	for i := 0; i < 40; i++ {
		v := i % 10
		score := fmt.Sprint(v)
		switch v {
		case 7:
			score = "007"
		case 2:
			score = "2.0"
		}
		label := neg
		if v >= 5 {
			label = pos
		}
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s\n", score, amounts[i%len(amounts)], notes[i%len(notes)], flags[i%len(flags)], label)
	}
	path := filepath.Join(t.TempDir(), "labels.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// TestPredict_LabelsAndCellsRoundTrip trains on targets spelled as users
// spell them and checks that the classes, the predictions, the
// probability columns and Evaluate use those spellings, and that the
// scored file carries every input cell exactly as the file has it.
func TestPredict_LabelsAndCellsRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		neg, pos string
		classes  []string // in class order: sorted strings, numbers numerically
	}{
		{"No", "Yes", []string{"No", "Yes"}},
		{"no", "yes", []string{"no", "yes"}},
		{"N", "Y", []string{"N", "Y"}},
		{"0", "1", []string{"0", "1"}},
		{"1", "2", []string{"1", "2"}},
		{"bad", "good", []string{"bad", "good"}},
		{"FALSE", "TRUE", []string{"FALSE", "TRUE"}},
	} {
		t.Run(tc.neg+"/"+tc.pos, func(t *testing.T) {
			in := labelsCSV(t, tc.neg, tc.pos)
			dir := t.TempDir()
			got := trainOK(t, in, "--target", "target", "--model", "tree", "--cv", "0", "--out", dir)
			if !slices.Equal(got.Classes, tc.classes) {
				t.Errorf("train --json classes %q, want %q", got.Classes, tc.classes)
			}
			a, err := artifact.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(a.Classes, tc.classes) {
				t.Errorf("model.json classes %q, want %q", a.Classes, tc.classes)
			}
			out := filepath.Join(t.TempDir(), "scored.csv")
			if code, _, errOut := run(t, "predict", dir, in, "--out", out); code != 0 {
				t.Fatalf("predict: exit %d: %s", code, errOut)
			}
			checkScored(t, readCSV(t, in), readCSV(t, out), tc.classes)
			ev := evaluateOK(t, dir, in)
			if !slices.Equal(ev.Classes, tc.classes) || len(ev.Confusion) != len(tc.classes) {
				t.Errorf("evaluate classes %q, confusion %v", ev.Classes, ev.Confusion)
			}
			if ev.Metrics["accuracy"] != 1 {
				t.Errorf("a tree on a target that score decides: accuracy %v", ev.Metrics["accuracy"])
			}
		})
	}
}

// checkScored compares a scored file with its input: the same header and
// fields, then the prediction and one probability column per class.
func checkScored(t *testing.T, in, out [][]string, classes []string) {
	t.Helper()
	if len(out) != len(in) {
		t.Fatalf("%d scored records for %d input records", len(out), len(in))
	}
	ncols := len(in[0])
	want := append(slices.Clone(in[0]), "prediction")
	for _, c := range classes {
		want = append(want, "probability_"+c)
	}
	if !slices.Equal(out[0], want) {
		t.Errorf("header %q, want %q", out[0], want)
	}
	for i := 1; i < len(in); i++ {
		if len(out[i]) != len(want) {
			t.Fatalf("record %d has %d fields: %q", i+1, len(out[i]), out[i])
		}
		for j, cell := range in[i] {
			if out[i][j] != cell {
				t.Errorf("record %d, column %q: %q, the file has %q", i+1, in[0][j], out[i][j], cell)
			}
		}
		if !slices.Contains(classes, out[i][ncols]) {
			t.Errorf("record %d: prediction %q is not one of %q", i+1, out[i][ncols], classes)
		}
	}
}
