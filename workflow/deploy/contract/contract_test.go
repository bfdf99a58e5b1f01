package contract

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"modelbench/assets"
	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/model"
	_ "modelbench/workflow/model/learners"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

func penguins(t *testing.T) *data.Table {
	t.Helper()
	s, err := assets.LookupSample("penguins")
	if err != nil {
		t.Fatal(err)
	}
	r, size, err := s.Open()
	if err != nil {
		t.Fatal(err)
	}
	tb, err := data.ReadCSV(context.Background(), r, size, "penguins.csv", data.CSVOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func fit(t *testing.T, tb *data.Table, pl prep.Pipeline, learner string) *artifact.Artifact {
	t.Helper()
	a, err := artifact.Fit(context.Background(), tb.Frame, artifact.Spec{Target: "species", Task: model.Classification,
		Pipeline: pl, Learner: learner, Seed: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestFromArtifact_TypesRangesLevelsAndNullable(t *testing.T) {
	tb := penguins(t)
	a := fit(t, tb, prep.Default(tb.Schema, tb.Frame, true), "logistic")
	c, err := FromArtifact(context.Background(), a, tb.Frame)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Fields) != len(a.Input) || c.Target != "species" || len(c.Classes) != 3 {
		t.Fatalf("contract %+v", c)
	}
	bill, _ := c.Field("bill_length_mm")
	if bill.Type != TypeNumber || *bill.Min != 32.1 || *bill.Max != 59.6 || !bill.Nullable || bill.MissingShare == 0 {
		t.Fatalf("bill_length_mm %+v (penguins: 32.1..59.6 mm, 2 missing, imputed by the default preparation)", bill)
	}
	island, _ := c.Field("island")
	if island.Type != TypeCategory || strings.Join(island.Levels, ",") != "Biscoe,Dream,Torgersen" || island.Example != "Biscoe" {
		t.Fatalf("island %+v (Biscoe 168, Dream 124, Torgersen 52)", island)
	}
	if y, _ := c.Field("year"); y.Type != TypeInteger {
		t.Fatalf("year %+v", y)
	}
	// Without imputation a linear model cannot score a missing number.
	bare := prep.NewPipeline(prep.Configure("drop_columns", param.Values{"columns": []string{"island", "sex", "year"}}, ""))
	var complete []int
	bl, _ := tb.Frame.Lookup("bill_length_mm")
	for r := range tb.Frame.NumRows() {
		if !bl.IsMissing(r) {
			complete = append(complete, r)
		}
	}
	full := &data.Table{Frame: tb.Frame.Take(complete), Schema: tb.Schema}
	c2, err := FromArtifact(context.Background(), fit(t, full, bare, "logistic"), full.Frame)
	if err != nil {
		t.Fatal(err)
	}
	if f, _ := c2.Field("bill_length_mm"); f.Nullable {
		t.Fatal("a logistic model without imputation cannot take a missing bill length")
	}
	// ... a tree can.
	c3, _ := FromArtifact(context.Background(), fit(t, tb, bare, "tree"), tb.Frame)
	if f, _ := c3.Field("bill_length_mm"); !f.Nullable {
		t.Fatal("a tree sends missing values down a branch: the field is nullable")
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode(b)
	if err != nil || len(back.Fields) != len(c.Fields) {
		t.Fatalf("round trip: %v", err)
	}
}

func TestDecode_RejectsForeignNewerAndBrokenFiles(t *testing.T) {
	for _, in := range []string{`nope`, `{"format":"x","version":1}`, `{"format":"modelbench.schema","version":9}`,
		`{"format":"modelbench.schema","version":1,"fields":[{"name":"a","type":"number"},{"name":"a","type":"number"}]}`,
		`{"format":"modelbench.schema","version":1,"fields":[{"name":"a","type":"colour"}]}`} {
		if _, err := Decode([]byte(in)); err == nil {
			t.Errorf("%s accepted", in)
		}
	}
}
