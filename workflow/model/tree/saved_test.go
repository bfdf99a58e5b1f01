package tree

import (
	"bytes"
	"context"
	"math"
	"reflect"
	"testing"

	"modelbench/workflow/model"
)

// withHoles returns a copy of d with about one value in every of its
// features missing (NaN), at places spread over rows and columns.
func withHoles(d *model.Dataset, every int) *model.Dataset {
	out := *d
	out.X = make([][]float64, len(d.X))
	for j, col := range d.X {
		out.X[j] = append([]float64(nil), col...)
		for i := range col {
			if (i*7+j*3)%every == 0 {
				out.X[j][i] = math.NaN()
			}
		}
	}
	return &out
}

// nanCase is a dataset with missing values for the saved-form and view tests.
type nanCase struct {
	name string
	d    *model.Dataset
}

// nanCases returns real datasets with missing values: pima_diabetes2 (two
// classes, its own missing values), penguins (three classes) and
// airquality (regression), the last two with holes punched in every
// feature.
func nanCases(t *testing.T) []nanCase {
	t.Helper()
	ref := loadQualityRef(t)
	load := func(name string) *model.Dataset { return loadPrepared(t, name, ref.Cases[name]).all }
	return []nanCase{
		{"pima_diabetes2", load("pima_diabetes2")},
		{"penguins_holes", withHoles(load("penguins"), 9)},
		{"airquality_holes", withHoles(load("airquality"), 11)},
	}
}

// treeLearners are the three kinds, small enough for quick tests.
func treeLearners() map[string]model.Learner {
	return map[string]model.Learner{
		"tree":   DecisionTree{Seed: 1},
		"forest": RandomForest{Trees: 15, Seed: 2},
		"gbt":    GradientBoosting{MaxIter: 25, Seed: 3},
	}
}

// rowOf returns row i of the column-major X.
func rowOf(X [][]float64, i int) []float64 {
	row := make([]float64, len(X))
	for j := range X {
		row[j] = X[j][i]
	}
	return row
}

// shownNodes returns every node of every tree of m, as Nodes and Tree give them.
func shownNodes(m model.Model) [][]Node {
	switch x := m.(type) {
	case *TreeModel:
		return [][]Node{x.Nodes()}
	case *ForestModel:
		var out [][]Node
		for i := range x.NumTrees() {
			out = append(out, x.Tree(i))
		}
		return out
	case *BoostingModel:
		var out [][]Node
		for i := range x.NumTrees() {
			out = append(out, x.Tree(i))
		}
		return out
	}
	return nil
}

// TestSaved_RoundTripIsBitIdentical saves every tree kind fitted on data
// with missing values, compactly and readably, and checks that the loaded
// models predict, give probabilities and explain bit for bit as the fitted
// one, show the same nodes and pruning path, save to the same bytes, and
// that SavedSize is the exact saved length.
func TestSaved_RoundTripIsBitIdentical(t *testing.T) {
	ctx := context.Background()
	for _, c := range nanCases(t) {
		for name, l := range treeLearners() {
			m, err := l.Fit(ctx, c.d, nil)
			if err != nil {
				t.Fatalf("%s %s: %v", c.name, name, err)
			}
			b, err := model.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			if got := m.(model.Sizer).SavedSize(); got != len(b) {
				t.Errorf("%s %s: SavedSize %d, saved %d bytes", c.name, name, got, len(b))
			}
			r, err := model.MarshalReadable(m)
			if err != nil {
				t.Fatal(err)
			}
			if len(r) <= len(b) || (c.d.Task == model.Classification && len(r) < 2*len(b)) {
				t.Errorf("%s %s: readable %d bytes, compact %d", c.name, name, len(r), len(b))
			}
			for form, saved := range map[string][]byte{"compact": b, "readable": r} {
				back, err := model.Unmarshal(saved)
				if err != nil {
					t.Fatalf("%s %s %s: %v", c.name, name, form, err)
				}
				what := c.name + " " + name + " " + form
				checkSameModel(t, what, m, back, c.d.X)
				if again, _ := model.Marshal(back); !bytes.Equal(again, b) {
					t.Errorf("%s: saves to other bytes", what)
				}
			}
		}
	}
}

// checkSameModel compares the outputs of m and back on X bit for bit.
func checkSameModel(t *testing.T, what string, m, back model.Model, X [][]float64) {
	t.Helper()
	p1, _ := m.Predict(X)
	p2, err := back.Predict(X)
	if err != nil || !sameFloats(p1, p2) {
		t.Fatalf("%s: predictions differ (%v)", what, err)
	}
	if m.Task() == model.Classification {
		q1, _ := m.(model.ProbPredictor).PredictProba(X)
		q2, _ := back.(model.ProbPredictor).PredictProba(X)
		for i := range q1 {
			if !sameFloats(q1[i], q2[i]) {
				t.Fatalf("%s: row %d: probabilities differ", what, i+1)
			}
		}
	}
	for i := 0; i < len(p1); i += 5 {
		row := rowOf(X, i)
		e1, _ := m.(model.Explainer).Explain(row)
		e2, err := back.(model.Explainer).Explain(row)
		if err != nil || !sameExplanation(e1, e2) {
			t.Fatalf("%s: row %d explained differently (%v): %+v, %+v", what, i+1, err, e1, e2)
		}
	}
	if !reflect.DeepEqual(shownNodes(m), shownNodes(back)) {
		t.Errorf("%s: the nodes shown differ", what)
	}
	if tm, ok := m.(*TreeModel); ok {
		a1, i1 := tm.PruningPath()
		a2, i2 := back.(*TreeModel).PruningPath()
		if !sameFloats(a1, a2) || !sameFloats(i1, i2) {
			t.Errorf("%s: pruning paths differ", what)
		}
	}
}

func sameFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

// sameExplanation compares explanations with their numbers bit for bit
// (a term's Value may be NaN).
func sameExplanation(a, b model.Explanation) bool {
	if a.Class != b.Class || a.Scale != b.Scale || !sameFloats([]float64{a.Base, a.Output}, []float64{b.Base, b.Output}) || len(a.Terms) != len(b.Terms) {
		return false
	}
	for k := range a.Terms {
		x, y := a.Terms[k], b.Terms[k]
		if x.Feature != y.Feature || x.Rule != y.Rule || !sameFloats([]float64{x.Value, x.Effect}, []float64{y.Value, y.Effect}) {
			return false
		}
	}
	return true
}

// TestPacked_ValuesWhenCountsDoNotReproduce: a classification tree whose
// values are not class counts over the weight (here one leaf's shares
// nudged by one unit in the last place) is packed with its values as
// float64s, and unpacks to the same tree.
func TestPacked_ValuesWhenCountsDoNotReproduce(t *testing.T) {
	d := nanCases(t)[1].d
	m, err := DecisionTree{MaxDepth: 4}.Fit(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	tr := m.(*TreeModel).t
	p := newPacker(len(d.Features), tr.width)
	if f := p.flags(tr, true); f&packCounts == 0 {
		t.Fatalf("a fitted tree is packed with flags %#x, want class counts", f)
	}
	leaf := len(tr.nodes) - 1
	tr.value[leaf*tr.width] = math.Nextafter(tr.value[leaf*tr.width], 2)
	if f := p.flags(tr, true); f&packValues == 0 {
		t.Fatalf("flags %#x, want values", f)
	}
	b := packTrees([]*flatTree{tr}, len(d.Features), tr.width, true)
	if len(b) != packedSize([]*flatTree{tr}, len(d.Features), tr.width, true) {
		t.Error("packedSize differs from the packed length")
	}
	back, err := unpackTrees(b, len(d.Features), tr.width, true)
	if err != nil || !reflect.DeepEqual(back[0], tr) {
		t.Fatalf("unpacked %+v (%v)", back, err)
	}
}

// TestPacked_TruncatedOrExtendedIsAnError: every proper prefix of a packed
// forest, and the forest with a byte appended, is refused with an error.
func TestPacked_TruncatedOrExtendedIsAnError(t *testing.T) {
	d := nanCases(t)[0].d
	m, err := RandomForest{Trees: 3, MaxDepth: 3}.Fit(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	fm := m.(*ForestModel)
	b := packTrees(fm.trees, len(d.Features), 2, true)
	for n := range len(b) {
		if _, err := unpackTrees(b[:n], len(d.Features), 2, true); err == nil {
			t.Fatalf("a prefix of %d of %d bytes unpacked", n, len(b))
		}
	}
	if _, err := unpackTrees(append(b, 0), len(d.Features), 2, true); err == nil {
		t.Fatal("an extra byte was accepted")
	}
	if _, err := unpackTrees(b, 1, 2, true); err == nil {
		t.Fatal("feature indices beyond the features were accepted")
	}
}
