package artifact

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/model"
)

// v1Expected is what make_v1.go recorded beside each version 1 file: the
// outputs of the code that wrote it, NaN as "NaN".
type v1Expected struct {
	Predictions []json.Number   `json:"predictions"`
	Proba       [][]json.Number `json:"proba"`
	Explain     []struct {
		Base, Output json.Number
		Class        int
		Effects      []json.Number
	} `json:"explain"`
}

func bitsOf(t *testing.T, n json.Number) uint64 {
	t.Helper()
	if n == "NaN" {
		return math.Float64bits(math.NaN())
	}
	v, err := strconv.ParseFloat(string(n), 64)
	if err != nil {
		t.Fatal(err)
	}
	return math.Float64bits(v)
}

// TestLoad_Version1FilesPredictAsBefore loads the version 1 files of every
// tree kind that the code before version 2 wrote (testdata/v1, made by
// make_v1.sh) and checks that their predictions, probabilities and
// explanations of the penguins rows (missing values included) are the ones
// that code gave, bit for bit; saved again, they are version 2 files that
// predict the same.
func TestLoad_Version1FilesPredictAsBefore(t *testing.T) {
	files, _ := filepath.Glob("testdata/v1/*/" + FileName)
	if len(files) != 5 {
		t.Fatalf("%d version 1 files, want 5", len(files))
	}
	frame := loadSample(t, "penguins").Frame
	for _, file := range files {
		dir := filepath.Dir(file)
		raw, err := os.ReadFile(filepath.Join(dir, FileName))
		if err != nil || !strings.Contains(string(raw), `"version": 1,`) {
			t.Fatalf("%s: not a version 1 file (%v)", dir, err)
		}
		var want v1Expected
		b, err := os.ReadFile(filepath.Join(dir, "expected.json"))
		if err != nil || json.Unmarshal(b, &want) != nil {
			t.Fatalf("%s: expected.json: %v", dir, err)
		}
		a, err := Load(dir)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		checkV1(t, dir, a, frame, want)
		again, err := a.Save(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(again); !strings.HasPrefix(string(b), `{"format":"modelbench.model","version":2,`) {
			t.Errorf("%s saved again starts %.60s", dir, b)
		}
		a2, err := Load(again)
		if err != nil {
			t.Fatalf("%s saved again: %v", dir, err)
		}
		checkV1(t, dir+" saved again", a2, frame, want)
	}
}

func checkV1(t *testing.T, name string, a *Artifact, frame *data.Frame, want v1Expected) {
	t.Helper()
	X, err := a.Design(context.Background(), frame)
	if err != nil {
		t.Fatal(err)
	}
	pred, err := a.Model.Predict(X)
	if err != nil || len(pred) != len(want.Predictions) {
		t.Fatalf("%s: %d predictions (%v), want %d", name, len(pred), err, len(want.Predictions))
	}
	for i, v := range pred {
		if math.Float64bits(v) != bitsOf(t, want.Predictions[i]) {
			t.Fatalf("%s: row %d predicts %v, before %v", name, i+1, v, want.Predictions[i])
		}
	}
	if want.Proba != nil {
		p, err := a.Model.(model.ProbPredictor).PredictProba(X)
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range p {
			for k, v := range row {
				if math.Float64bits(v) != bitsOf(t, want.Proba[i][k]) {
					t.Fatalf("%s: row %d class %d probability %v, before %v", name, i+1, k, v, want.Proba[i][k])
				}
			}
		}
	}
	ex := a.Model.(model.Explainer)
	for n, w := range want.Explain {
		i := 7 * n
		row := make([]float64, len(X))
		for j := range X {
			row[j] = X[j][i]
		}
		e, err := ex.Explain(row)
		if err != nil {
			t.Fatal(err)
		}
		same := e.Class == w.Class && math.Float64bits(e.Base) == bitsOf(t, w.Base) &&
			math.Float64bits(e.Output) == bitsOf(t, w.Output) && len(e.Terms) == len(w.Effects)
		for k := 0; same && k < len(e.Terms); k++ {
			same = math.Float64bits(e.Terms[k].Effect) == bitsOf(t, w.Effects[k])
		}
		if !same {
			t.Fatalf("%s: row %d explained as %+v, before %+v", name, i+1, e, w)
		}
	}
}
