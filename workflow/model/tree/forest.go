package tree

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/progress"
)

// RandomForest is the configuration of a random forest of CART trees
// (registry name "forest"). Every tree is grown on a bootstrap sample of
// the rows (as many draws as rows, with replacement) and looks at a random
// subset of the features at each split; the forest averages the trees'
// class proportions (or values). The zero value is a forest of 100 fully
// grown Gini trees with "auto" features per split and seed 0.
type RandomForest struct {
	// Trees is the number of trees; values below 1 mean 100.
	Trees int
	// Criterion, MaxDepth, MinSamplesSplit and MinSamplesLeaf configure each
	// tree as in DecisionTree.
	Criterion       string
	MaxDepth        int
	MinSamplesSplit int
	MinSamplesLeaf  int
	// MaxFeatures is the number of features tried per split, written as in
	// DecisionTree; "" means "auto" (the square root of the number of
	// features for classification, all of them for regression).
	MaxFeatures string
	// Seed fixes the bootstrap samples and feature draws. Tree i draws from
	// its own stream derived from Seed and i, so the forest does not depend
	// on how trees are scheduled over the cores.
	Seed uint64
}

// Name returns "forest".
func (RandomForest) Name() string { return "forest" }

// Supports reports true for classification and regression.
func (RandomForest) Supports(model.Task) bool { return true }

// Params describes the parameters (the registry entry's Params).
func (RandomForest) Params() []param.Spec { return forestParams() }

func (l RandomForest) trees() int {
	if l.Trees < 1 {
		return 100
	}
	return l.Trees
}

func (l RandomForest) growConfig(d *model.Dataset) (growConfig, error) {
	mf := l.MaxFeatures
	if mf == "" {
		mf = "auto"
	}
	return DecisionTree{Criterion: l.Criterion, MaxDepth: l.MaxDepth, MinSamplesSplit: l.MinSamplesSplit,
		MinSamplesLeaf: l.MinSamplesLeaf, MaxFeatures: mf}.growConfig(d)
}

// Fit grows the trees in parallel on up to GOMAXPROCS goroutines, then
// computes the out-of-bag score. Missing feature values are allowed.
func (l RandomForest) Fit(ctx context.Context, d *model.Dataset, report progress.Func) (model.Model, error) {
	cfg, order, err := startCART(ctx, l, d, report)
	if err != nil {
		return nil, err
	}
	f := &forestFit{cfg: cfg, d: d, order: order, seed: l.Seed, n: l.trees(), report: report.Scale(0.05, 0.95)}
	if err := f.run(ctx); err != nil {
		return nil, err
	}
	m := newForestModel(d, f.trees)
	report.Send(0.95, "out-of-bag score")
	m.oob = oobScore(d, f.trees, f.inbag)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	report.Send(1, fmt.Sprintf("%d trees", len(f.trees)))
	return m, nil
}

// forestFit is the shared state of one forest fit.
type forestFit struct {
	cfg    growConfig
	d      *model.Dataset
	order  []entry // presorted rows of every feature (read-only, shared)
	seed   uint64
	n      int // trees
	report progress.Func

	mu    sync.Mutex // guards next, done, err and report calls
	next  int
	done  int
	err   error
	trees []*flatTree
	inbag [][]uint64 // per tree, a bit per row drawn at least once
}

// run grows all trees with one worker per core; tree i lands in trees[i].
func (f *forestFit) run(ctx context.Context) error {
	f.trees = make([]*flatTree, f.n)
	f.inbag = make([][]uint64, f.n)
	workers := min(runtime.GOMAXPROCS(0), f.n)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f.work(ctx)
		}()
	}
	wg.Wait()
	if f.err != nil {
		return f.err
	}
	return ctx.Err()
}

// take hands out the next tree index, or -1 when all are taken or the fit failed.
func (f *forestFit) take() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil || f.next >= f.n {
		return -1
	}
	i := f.next
	f.next++
	return i
}

func (f *forestFit) finish(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err != nil {
		if f.err == nil {
			f.err = err
		}
		return
	}
	f.done++
	f.report.Send(float64(f.done)/float64(f.n), fmt.Sprintf("tree %d of %d", f.done, f.n))
}

// work grows trees until none is left, reusing one grower's buffers.
func (f *forestFit) work(ctx context.Context) {
	n, dims := f.d.Rows(), len(f.d.X)
	g := newGrower(f.cfg, f.d.X, make([]sample, n), make([]entry, dims*n), n)
	counts := make([]int32, n)
	for i := f.take(); i >= 0; i = f.take() {
		if err := ctx.Err(); err != nil {
			f.finish(err)
			return
		}
		rng := streamRNG(f.seed, uint64(i))
		clear(counts)
		for range n {
			counts[rng.IntN(n)]++
		}
		bits := make([]uint64, (n+63)/64)
		m := 0
		for r, c := range counts {
			g.ys[r] = sample{y: f.d.Y[r], w: float64(c)}
			if c > 0 {
				bits[r/64] |= 1 << (r % 64)
				m++
			}
		}
		for j := range dims {
			dst := g.idx[j*m : (j+1)*m]
			k := 0
			for _, e := range f.order[j*n : (j+1)*n] {
				if counts[e.row] > 0 {
					dst[k] = e
					k++
				}
			}
		}
		t, err := g.grow(ctx, m, rng)
		if err == nil {
			f.trees[i], f.inbag[i] = t, bits
		}
		f.finish(err)
		if err != nil {
			return
		}
	}
}
