package tree_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strconv"
	"sync"
	"syscall"
	"testing"

	"modelbench/workflow/model"
	"modelbench/workflow/model/tree"
	"modelbench/workflow/synth"
)

var (
	synthOnce sync.Once
	synthData *model.Dataset
)

// synthClassification returns the first 80,000 rows of the benchmark file
// (synth clf100k, seed 42): f0..f19 and the 0/1 target, as mbbench uses it.
func synthClassification(tb testing.TB) *model.Dataset {
	synthOnce.Do(func() {
		var buf bytes.Buffer
		if err := synth.Write(&buf, synth.Spec{Rows: 100_000, Task: synth.Classification, Seed: 42}); err != nil {
			tb.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			tb.Fatal(err)
		}
		n := 80_000
		d := &model.Dataset{Task: model.Classification, Classes: []string{"0", "1"}, X: make([][]float64, 20), Y: make([]float64, n)}
		d.Features = recs[0][:20]
		for j := range d.X {
			d.X[j] = make([]float64, n)
		}
		yc := len(recs[0]) - 1
		for i := range n {
			r := recs[i+1]
			for j := range 20 {
				d.X[j][i], _ = strconv.ParseFloat(r[j], 64)
			}
			d.Y[i], _ = strconv.ParseFloat(r[yc], 64)
		}
		synthData = d
	})
	return synthData
}

// cpuSeconds is the CPU time this process has used (user + system); on a
// shared machine it says more about the work than the wall clock does.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

func benchFit(b *testing.B, l model.Learner) {
	d := synthClassification(b)
	b.ResetTimer()
	cpu := cpuSeconds()
	for range b.N {
		if _, err := l.Fit(context.Background(), d, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuSeconds()-cpu)/float64(b.N), "cpu-s/op")
}

func BenchmarkTree_Fit80k(b *testing.B)   { benchFit(b, tree.DecisionTree{}) }
func BenchmarkForest_Fit80k(b *testing.B) { benchFit(b, tree.RandomForest{Trees: 20}) }
func BenchmarkGBT_Fit80k(b *testing.B)    { benchFit(b, tree.GradientBoosting{}) }

// BenchmarkForest_Predict20k predicts 20,000 rows with a 100-tree forest
// fitted on the 80,000 benchmark rows, and reports the model's size.
func BenchmarkForest_Predict20k(b *testing.B) {
	d := synthClassification(b)
	m, err := tree.RandomForest{Trees: 100}.Fit(context.Background(), d, nil)
	if err != nil {
		b.Fatal(err)
	}
	X := make([][]float64, len(d.X))
	for j := range X {
		X[j] = d.X[j][:20_000]
	}
	nodes := 0
	fm := m.(*tree.ForestModel)
	for i := range fm.NumTrees() {
		nodes += len(fm.Tree(i))
	}
	js, _ := model.Marshal(m)
	b.ResetTimer()
	cpu := cpuSeconds()
	for range b.N {
		if _, err := m.Predict(X); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuSeconds()-cpu)/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(nodes)/float64(fm.NumTrees()), "nodes/tree")
	b.ReportMetric(float64(len(js))/1e6, "json-MB")
}
