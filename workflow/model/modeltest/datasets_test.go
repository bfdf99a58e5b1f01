package modeltest

import (
	"testing"

	"modelbench/workflow/model"
)

func TestDatasets_AreValid(t *testing.T) {
	want := map[string][2]int{"iris": {150, 4}, "diabetes": {442, 10}, "synthetic": {200, 5}, "absent_class": {200, 5}}
	for _, task := range []model.Task{model.Classification, model.Regression} {
		for _, c := range Datasets(task) {
			if err := c.Data.Validate(); err != nil {
				t.Errorf("%v %s: %v", task, c.Name, err)
			}
			if w := want[c.Name]; c.Data.Rows() != w[0] || len(c.Data.X) != w[1] {
				t.Errorf("%v %s: %d rows x %d features, want %v", task, c.Name, c.Data.Rows(), len(c.Data.X), w)
			}
		}
	}
	iris := Datasets(model.Classification)[0].Data
	if got := model.ClassCounts(iris.Y, 3); got[0] != 50 || got[1] != 50 || got[2] != 50 {
		t.Errorf("iris class counts %v, want 50 each", got)
	}
	if a, b := clone(iris), iris; !sameDataset(a, b) {
		t.Error("clone differs from its source")
	}
}
