package tree

import (
	"context"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"modelbench/workflow/model"
)

// walkData is a noisy table of d features (a fifth of the values missing
// when withMissing), with a class from a few of them or a value.
func walkData(n, d int, task model.Task, withMissing bool) *model.Dataset {
	rng := rand.New(rand.NewPCG(3, uint64(d)))
	ds := &model.Dataset{Task: task, Y: make([]float64, n)}
	if task == model.Classification {
		ds.Classes = []string{"a", "b", "c"}
	}
	for j := range d {
		ds.Features = append(ds.Features, "x"+string(rune('a'+j)))
		col := make([]float64, n)
		for i := range col {
			col[i] = math.Round(rng.NormFloat64()*4) / 4 // ties, so equal values meet thresholds
			if withMissing && rng.IntN(5) == 0 {
				col[i] = math.NaN()
			}
		}
		ds.X = append(ds.X, col)
	}
	for i := range n {
		num := func(v float64) float64 {
			if v != v {
				return 1
			}
			return v
		}
		s := num(ds.X[0][i]) + 0.5*num(ds.X[1][i]) + rng.NormFloat64()
		if ds.X[2][i] != ds.X[2][i] {
			s += 2
		}
		if task == model.Regression {
			ds.Y[i] = s
			continue
		}
		ds.Y[i] = float64(min(max(int(math.Floor(s/2))+1, 0), 2))
	}
	return ds
}

// TestWalkLayout_SameBitsAsFlatTrees: a forest predicted through the
// prediction layout gives bit for bit the averages of the flat trees, for
// classification and regression, with and without missing values, on the
// training rows (thresholds met exactly), new rows and rows with NaN,
// ±Inf and values beyond the training range.
func TestWalkLayout_SameBitsAsFlatTrees(t *testing.T) {
	for _, task := range []model.Task{model.Classification, model.Regression} {
		for _, miss := range []bool{false, true} {
			train := walkData(1500, 6, task, miss)
			m, err := RandomForest{Trees: 25, MinSamplesLeaf: 1 + int(task)}.Fit(context.Background(), train, nil)
			if err != nil {
				t.Fatal(err)
			}
			fm := m.(*ForestModel)
			l := layoutOf(fm.trees, fm.width())
			if l == nil {
				t.Fatalf("task %v: the forest's trees could not be laid out", task)
			}
			test := walkData(700, 6, task, true)
			for j := range test.X {
				test.X[j][0], test.X[j][1], test.X[j][2] = math.Inf(1), math.Inf(-1), 1e300
			}
			for name, X := range map[string][][]float64{"training": train.X, "new": test.X} {
				// One row, a few (each row walking lanes trees at once) and
				// all (lanes rows walking one tree at once).
				for _, size := range []int{1, lanes - 1, len(X[0])} {
					for lo := 0; lo < len(X[0]); lo += size {
						hi := min(lo+size, len(X[0]))
						part := make([][]float64, len(X))
						for j := range X {
							part[j] = X[j][lo:hi]
						}
						got, want := fm.averageWith(l, part, hi-lo), fm.averageWith(nil, part, hi-lo)
						for i := range want {
							if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
								t.Fatalf("task %v, missing %v, %s rows %d..%d: value %d is %v through the layout, %v through the flat trees",
									task, miss, name, lo, hi, i, got[i], want[i])
							}
						}
					}
				}
			}
		}
	}
}

// TestWalkLayout_RefusesOtherOrders: trees whose left child does not
// follow its parent are not laid out (the forest then walks them as
// they are).
func TestWalkLayout_RefusesOtherOrders(t *testing.T) {
	tr := &flatTree{width: 1, value: []float64{0, 1, 2},
		nodes: []node{{feature: 0, threshold: 0.5, left: 2, right: 1}, {feature: -1, left: -1, right: -1}, {feature: -1, left: -1, right: -1}}}
	if layoutOf([]*flatTree{tr}, 1) != nil {
		t.Fatal("a tree with its left child last was laid out")
	}
	tr.nodes[0].left, tr.nodes[0].right = 1, 2
	if layoutOf([]*flatTree{tr}, 1) == nil {
		t.Fatal("a preorder tree was not laid out")
	}
}

// BenchmarkForestAverage compares the prediction layout with walking the
// flat trees: 100 trees grown to purity on 12,000 rows × 20 features, one
// row at a time (what a scoring service mostly sees) and 256 rows.
func BenchmarkForestAverage(b *testing.B) {
	train := walkData(12000, 20, model.Classification, false)
	m, err := RandomForest{Trees: 100}.Fit(context.Background(), train, nil)
	if err != nil {
		b.Fatal(err)
	}
	fm := m.(*ForestModel)
	l := layoutOf(fm.trees, fm.width())
	test := walkData(4096, 20, model.Classification, false)
	for _, rows := range []int{1, 4, 256} {
		for _, way := range []string{"flat", "layout"} {
			b.Run(way+"/"+strconv.Itoa(rows)+"rows", func(b *testing.B) {
				X := make([][]float64, len(test.X))
				for k := 0; b.Loop(); k = (k + rows) % (4096 - rows) {
					for j := range X {
						X[j] = test.X[j][k : k+rows]
					}
					if way == "flat" {
						fm.averageWith(nil, X, rows)
					} else {
						fm.averageWith(l, X, rows)
					}
				}
			})
		}
	}
}
