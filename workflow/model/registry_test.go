package model_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/progress"
)

// toy is a learner registered only by this test, to check New's parameter
// handling.
type toy struct{ K int }

func (toy) Name() string               { return "toy_test" }
func (toy) Supports(t model.Task) bool { return t == model.Regression }
func (toy) Params() []param.Spec       { return toySpecs }
func (toy) Fit(context.Context, *model.Dataset, progress.Func) (model.Model, error) {
	return nil, errors.New("not used")
}

var toySpecs = []param.Spec{{Name: "k", Label: "K", Help: "a number", Kind: param.Int, Min: 1, Max: 9, HasRange: true, Default: 3}}

func init() {
	model.Register(model.Entry{Name: "toy_test", Label: "Toy", Help: "test only", Tasks: []model.Task{model.Regression}, Params: toySpecs,
		New: func(_ model.Task, v param.Values) (model.Learner, error) { return toy{K: v.Int("k")}, nil }})
}

func TestNew_ResolvesParameters(t *testing.T) {
	cases := []struct {
		name    string
		task    model.Task
		vals    param.Values
		wantK   int
		wantErr error
		errText string
	}{
		{"defaults", model.Regression, nil, 3, nil, ""},
		{"set", model.Regression, param.Values{"k": 7}, 7, nil, ""},
		{"json number", model.Regression, param.Values{"k": 5.0}, 5, nil, ""},
		{"out of range", model.Regression, param.Values{"k": 10}, 0, nil, "between"},
		{"unknown name", model.Regression, param.Values{"q": 1}, 0, nil, "unknown parameter"},
		{"wrong task", model.Classification, nil, 0, model.ErrWrongTask, ""},
	}
	for i, c := range cases {
		l, err := model.New("toy_test", c.task, c.vals)
		switch {
		case c.wantErr != nil || c.errText != "":
			if err == nil || (c.wantErr != nil && !errors.Is(err, c.wantErr)) || !strings.Contains(err.Error(), c.errText) {
				t.Errorf("%d %s: err = %v", i, c.name, err)
			}
		case err != nil:
			t.Errorf("%d %s: %v", i, c.name, err)
		case l.(toy).K != c.wantK:
			t.Errorf("%d %s: K = %d, want %d", i, c.name, l.(toy).K, c.wantK)
		}
	}
	if _, err := model.New("no such learner", model.Regression, nil); !errors.Is(err, model.ErrUnknownLearner) {
		t.Errorf("unknown learner: err = %v", err)
	}
}

func TestEntries_TeachingOrder(t *testing.T) {
	es := model.Entries()
	if len(es) < 2 || es[0].Name != "baseline" {
		t.Fatalf("Entries()[0] should be the baseline, got %v", es)
	}
	if es[len(es)-1].Name != "toy_test" {
		t.Errorf("an unlisted family should come last, got %q", es[len(es)-1].Name)
	}
	if _, ok := model.Lookup("toy_test"); !ok {
		t.Error("Lookup does not find a registered entry")
	}
}

func TestRegister_PanicsOnDuplicate(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("registering a name twice did not panic")
		}
	}()
	model.Register(model.Entry{Name: "baseline", Tasks: []model.Task{model.Regression},
		New: func(model.Task, param.Values) (model.Learner, error) { return nil, nil }})
}
