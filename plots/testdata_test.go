package plots

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"testing"

	"modelbench/workflow/data"
)

// datasetPath is the repository's copy of the real datasets (package
// modelbench/workflow/internal/testsets, whose README names each file's
// source); plots cannot import that internal package, so it names the
// folder.
const datasetPath = "../workflow/internal/testsets/data/"

// column reads one column of a shared dataset CSV: numbers (NaN for empty
// or unparsable fields) and the raw strings.
func column(t testing.TB, file, name string) ([]float64, []string) {
	t.Helper()
	f, err := os.Open(datasetPath + file)
	if err != nil {
		t.Fatalf("dataset not available: %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	j := -1
	for i, h := range rows[0] {
		if h == name {
			j = i
		}
	}
	if j < 0 {
		t.Fatalf("%s has no column %q", file, name)
	}
	nums := make([]float64, 0, len(rows)-1)
	strs := make([]string, 0, len(rows)-1)
	for _, r := range rows[1:] {
		v, err := strconv.ParseFloat(r[j], 64)
		if err != nil {
			v = math.NaN()
		}
		nums = append(nums, v)
		strs = append(strs, r[j])
	}
	return nums, strs
}

// codes encodes strings as category codes (empty = -1) in first-seen order.
func codes(strs []string) ([]int32, []string) {
	c := data.NewCategoricalFromStrings("", strs, nil)
	return c.Codes(), c.Levels()
}
