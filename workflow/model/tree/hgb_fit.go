package tree

import (
	"context"
	"fmt"
	"math"
	"slices"

	"modelbench/workflow/model"
	"modelbench/workflow/progress"
)

// Streams of the boosting fit's random generators.
const (
	splitStream = 0x76616c6964 // the validation split
	binStream   = 0x62696e73   // the rows the bin edges are computed from
)

// boostFit is the state of one boosting fit.
type boostFit struct {
	s        settings
	d        *model.Dataset
	kind     lossKind
	k        int // scores per row (trees per iteration)
	bm       *binMapper
	train    []int32 // training rows of d
	val      []int32 // validation rows of d (nil without early stopping)
	bins     [][]uint8
	valBins  [][]uint8
	missing  []bool
	yTrain   []float64
	yVal     []float64
	base     []float64
	raw      [][]float64 // per output, per training row
	rawVal   [][]float64
	trees    []*boostTree // iteration-major: trees[it*k+c]
	trainCur []float64    // training loss after 0, 1, ... iterations, on lossRows
	valCur   []float64
	lossRows []int32 // the training rows (indices into train) the training loss is measured on
	par      runner  // the fit's team's forEach
}

// lossSample is the most training rows the training-loss curve is measured
// on; more rows would make the curve cost as much as the boosting.
const lossSample = 10_000

// evenRows returns at most k indices spread evenly over [0, n).
func evenRows(n, k int) []int32 {
	k = min(n, k)
	out := make([]int32, k)
	for i := range out {
		out[i] = int32(i * n / k)
	}
	return out
}

// trainLoss returns the loss of the current scores on the lossRows sample.
func (b *boostFit) trainLoss() float64 {
	y := make([]float64, len(b.lossRows))
	raw := make([][]float64, b.k)
	for c := range raw {
		raw[c] = make([]float64, len(b.lossRows))
	}
	for i, r := range b.lossRows {
		y[i] = b.yTrain[r]
		for c := range raw {
			raw[c][i] = b.raw[c][r]
		}
	}
	return meanLoss(b.par, b.kind, y, raw)
}

func newBoostFit(ctx context.Context, s settings, d *model.Dataset) (*boostFit, error) {
	b := &boostFit{s: s, d: d, kind: squaredLoss, k: 1}
	if d.Task == model.Classification {
		b.kind = binaryLoss
		if len(d.Classes) > 2 {
			b.kind, b.k = multinomialLoss, len(d.Classes)
		}
	}
	all := make([]int32, d.Rows())
	for i := range all {
		all[i] = int32(i)
	}
	b.train = all
	if s.early {
		b.train, b.val = validationSplit(d, s.ValidationFraction, s.Seed)
		if len(b.val) == 0 || len(b.train) < 2 {
			return nil, fmt.Errorf("gbt: %d rows are too few to set %.0f%% aside for early stopping; turn early stopping off", d.Rows(), 100*s.ValidationFraction)
		}
	}
	var err error
	if b.bm, b.bins, b.missing, err = fitAndBin(ctx, d.X, b.train, s.MaxBins, streamRNG(s.Seed, binStream)); err != nil {
		return nil, err
	}
	if b.val != nil {
		if b.valBins, _, err = b.bm.transform(ctx, d.X, b.val); err != nil {
			return nil, err
		}
	}
	b.yTrain, b.yVal = pick(d.Y, b.train), pick(d.Y, b.val)
	b.base = baseline(b.kind, b.yTrain, b.k)
	b.raw, b.rawVal = constScores(b.base, len(b.train)), constScores(b.base, len(b.val))
	b.lossRows = evenRows(len(b.train), lossSample)
	return b, nil
}

func pick(y []float64, rows []int32) []float64 {
	out := make([]float64, len(rows))
	for i, r := range rows {
		out[i] = y[r]
	}
	return out
}

func constScores(base []float64, n int) [][]float64 {
	out := make([][]float64, len(base))
	for c, v := range base {
		out[c] = make([]float64, n)
		for i := range out[c] {
			out[c][i] = v
		}
	}
	return out
}

// run boosts until MaxIter iterations or early stopping.
func (b *boostFit) run(ctx context.Context, report progress.Func) error {
	s := b.s
	cfg := boostConfig{maxLeaves: max(s.MaxLeafNodes, 0), maxDepth: s.MaxDepth, minLeaf: max(s.MinLeaf, 1),
		l2: s.L2, minHess: minHessian, shrink: s.LearningRate}
	constHess := b.kind == squaredLoss
	tm := newTeam()
	defer tm.close()
	b.par = tm.forEach
	g := newBoostGrower(cfg, b.bins, b.bm, b.missing, constHess)
	g.run = tm.forEach
	n := len(b.train)
	grad, hess := make([][]float32, b.k), make([][]float32, b.k)
	for c := range b.k {
		grad[c] = make([]float32, n)
		if !constHess {
			hess[c] = make([]float32, n)
		}
	}
	if b.val != nil {
		b.valCur = append(b.valCur, meanLoss(b.par, b.kind, b.yVal, b.rawVal))
	}
	for it := 0; it < s.MaxIter; it++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		b.trainCur = append(b.trainCur, b.trainLoss())
		gradients(b.par, b.kind, b.yTrain, b.raw, grad, hess)
		for c := range b.k {
			t := g.grow(grad[c], hess[c], b.raw[c])
			b.trees = append(b.trees, t)
			if b.val != nil {
				t.addBinned(b.par, b.valBins, b.bm.missingBin, b.rawVal[c])
			}
		}
		report.Send(float64(it+1)/float64(s.MaxIter), fmt.Sprintf("iteration %d of at most %d", it+1, s.MaxIter))
		if b.val != nil {
			b.valCur = append(b.valCur, meanLoss(b.par, b.kind, b.yVal, b.rawVal))
			if shouldStop(b.valCur, s.NIterNoChange, s.Tol) {
				break
			}
		}
	}
	b.trainCur = append(b.trainCur, b.trainLoss())
	return ctx.Err()
}

// shouldStop reports whether none of the last n losses improved on the
// loss n+1 iterations back by more than tol (scikit-learn's rule).
func shouldStop(loss []float64, n int, tol float64) bool {
	if len(loss) < n+1 {
		return false
	}
	ref := loss[len(loss)-n-1] - tol
	for _, v := range loss[len(loss)-n:] {
		if v < ref {
			return false
		}
	}
	return true
}

// addBinned adds the tree's value for every binned row to raw.
func (t *boostTree) addBinned(run runner, bins [][]uint8, missingBin uint8, raw []float64) {
	nodes := t.nodes
	rowBlocks(run, len(raw), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			n := int32(0)
			for nodes[n].feature >= 0 {
				nd := &nodes[n]
				b := bins[nd.feature][i]
				if b == missingBin {
					n = pickChild(nd, nd.missingLeft)
				} else {
					n = pickChild(nd, b <= nd.bin)
				}
			}
			raw[i] += nodes[n].value
		}
	})
}

func pickChild(nd *bnode, left bool) int32 {
	if left {
		return nd.left
	}
	return nd.right
}

// validationSplit sets aside a share frac of the rows of d (rounded up),
// stratified by class for classification, chosen by a PCG stream of seed.
// Both parts are returned in row order.
func validationSplit(d *model.Dataset, frac float64, seed uint64) (train, val []int32) {
	rng := streamRNG(seed, splitStream)
	n := d.Rows()
	want := int(math.Ceil(frac * float64(n)))
	groups := [][]int32{}
	if d.Task == model.Classification {
		groups = make([][]int32, len(d.Classes))
		for i, y := range d.Y {
			groups[int(y)] = append(groups[int(y)], int32(i))
		}
	} else {
		all := make([]int32, n)
		for i := range all {
			all[i] = int32(i)
		}
		groups = append(groups, all)
	}
	take := allocate(groups, want, n)
	mark := make([]bool, n)
	for gi, rows := range groups {
		for i := range take[gi] {
			j := i + rng.IntN(len(rows)-i)
			rows[i], rows[j] = rows[j], rows[i]
			mark[rows[i]] = true
		}
	}
	for i := range n {
		if mark[i] {
			val = append(val, int32(i))
		} else {
			train = append(train, int32(i))
		}
	}
	return train, val
}

// allocate shares want rows among groups in proportion to their sizes:
// the whole parts first, then one more to the groups with the largest
// remainders (lower index first on ties).
func allocate(groups [][]int32, want, n int) []int {
	take := make([]int, len(groups))
	rem := make([]float64, len(groups))
	left := want
	for i, g := range groups {
		exact := float64(want) * float64(len(g)) / float64(n)
		take[i] = int(exact)
		rem[i] = exact - float64(take[i])
		left -= take[i]
	}
	order := make([]int, len(groups))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case rem[a] > rem[b]:
			return -1
		case rem[a] < rem[b]:
			return 1
		}
		return 0
	})
	for _, i := range order {
		if left == 0 {
			break
		}
		if take[i] < len(groups[i]) {
			take[i]++
			left--
		}
	}
	return take
}
