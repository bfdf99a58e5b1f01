package eda

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

func TestDescribe_Errors(t *testing.T) {
	if _, err := Describe(context.Background(), nil, Options{}, nil); !errors.Is(err, ErrNoTable) {
		t.Errorf("nil table: %v", err)
	}
	f, _ := data.NewFrame(mkNum("a", 1, 2, 3))
	tb := data.NewTable("t", f, nil)
	if _, err := Describe(context.Background(), tb, Options{Columns: []string{"nope"}}, nil); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("unknown column: %v", err)
	}
	if _, err := Describe(context.Background(), tb, Options{Target: "zzz"}, nil); err == nil || !strings.Contains(err.Error(), `"zzz"`) {
		t.Errorf("unknown target: %v", err)
	}
}

func TestDescribe_Cancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Describe(ctx, synthTable(2000), Options{}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

// TestDescribe_CancelledMidway cancels from the progress callback once the
// first column is done, as a UI's cancel button would.
func TestDescribe_CancelledMidway(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	_, err := Describe(ctx, synthTable(5000), Options{Workers: 1}, func(r progress.Report) {
		calls++
		cancel()
	})
	if !errors.Is(err, context.Canceled) || calls == 0 {
		t.Fatalf("got %v after %d reports, want context.Canceled", err, calls)
	}
}

func TestDescribe_Progress(t *testing.T) {
	var got []progress.Report
	rep, err := Describe(context.Background(), synthTable(3000), Options{}, func(r progress.Report) { got = append(got, r) })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < len(rep.Columns) {
		t.Fatalf("%d reports for %d columns", len(got), len(rep.Columns))
	}
	for i := 1; i < len(got); i++ {
		if got[i].Fraction < got[i-1].Fraction {
			t.Errorf("progress went back: %v then %v", got[i-1], got[i])
		}
	}
	if last := got[len(got)-1]; last.Fraction != 1 {
		t.Errorf("last report %v, want fraction 1", last)
	}
}

func TestDescribe_WorkersAgree(t *testing.T) {
	tb := synthTable(4000)
	one, err := Describe(context.Background(), tb, Options{Workers: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	two, err := Describe(context.Background(), tb, Options{Workers: 4}, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(one)
	b, _ := json.Marshal(two)
	if string(a) != string(b) {
		t.Error("the report depends on the number of workers")
	}
}

// TestReport_JSON checks that odd columns (all missing, constant, text,
// dates) encode without NaN and with the keys the command line promises.
func TestReport_JSON(t *testing.T) {
	day := int64(86400e9)
	rep := describeCols(t, "",
		mkNum("empty", nan, nan, nan, nan),
		mkNum("const", 5, 5, 5, 5),
		mkNum("x", 1, 2, 3, 10),
		mkText("note", "a b", "c", "", "dd"),
		data.NewDatetime("when", []int64{0, day, 2 * day, 30 * day}, nil, ""),
		data.NewBoolean("flag", []bool{true, false, true, true}, nil),
	)
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Columns []map[string]any `json:"columns"`
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	x := back.Columns[2]
	for _, k := range []string{"name", "type", "label", "role", "count", "missing", "missing_pct", "unique", "mean", "std", "min", "p05", "q1", "median", "q3", "p95", "max", "skew", "kurtosis", "zeros", "negatives", "histogram", "outliers"} {
		if _, ok := x[k]; !ok {
			t.Errorf("numeric column lacks key %q", k)
		}
	}
	if _, ok := back.Columns[0]["mean"]; ok {
		t.Error("an all-missing column has a mean")
	}
	if _, ok := back.Columns[1]["skew"]; !ok {
		t.Error("a constant column has no skewness (pandas gives 0)")
	}
	if back.Columns[3]["text_length"] == nil || back.Columns[4]["dates"] == nil || back.Columns[5]["levels"] == nil {
		t.Errorf("text, date or boolean details missing: %v", back.Columns[3:])
	}
	when := rep.Column("when").Dates
	if when.TypicalStep != 86400 || when.GapCount != 1 || when.Gaps[0].Seconds != 28*86400 {
		t.Errorf("dates %+v, want a 1-day step and one 28-day gap", when)
	}
}

func TestDescribe_ColumnsOption(t *testing.T) {
	f, _ := data.NewFrame(mkNum("a", 1, 2, 3), mkNum("b", 3, 2, 1), mkCat("y", "u", "v", "u"))
	rep, err := Describe(context.Background(), data.NewTable("t", f, nil), Options{Columns: []string{"b"}, Target: "y"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Columns) != 2 || rep.Columns[0].Name != "b" || rep.Columns[1].Name != "y" || rep.Columns[1].Role != data.Target {
		t.Errorf("columns %v, want b then the target y", rep.Columns)
	}
}
