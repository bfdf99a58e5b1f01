package tree

import (
	"context"
	"math"
	"math/rand/v2"
)

// criterion is the impurity measure a CART tree minimises.
type criterion uint8

const (
	giniCriterion    criterion = iota // 1 - sum of squared class proportions
	entropyCriterion                  // -sum p log2 p over the classes
	squaredCriterion                  // mean squared deviation from the node mean
)

// epsilon is the impurity below which a node counts as pure (as in CART
// implementations, one unit of float64 rounding).
const epsilon = 2.220446049250313e-16

// growConfig is the resolved configuration of one CART tree.
type growConfig struct {
	crit            criterion
	nClasses        int // 0 for regression
	maxDepth        int // <= 0: no limit
	minSamplesSplit int // >= 2
	minSamplesLeaf  int // >= 1
	maxFeatures     int // features tried per split, 1..d
}

// sample is one row's target and weight, side by side so that a scan reads
// one place per row.
type sample struct {
	y float64 // class index or target value
	w float64 // 1, or the number of times a bootstrap drew the row
}

// growItem is a node waiting on the grower's stack. Its rows are
// idx[f*m+start : f*m+end] for every feature f not known to be constant.
type growItem struct {
	start, end int32
	depth      int32
	parent     int32 // -1 for the root
	nConst     int32 // feats[:nConst] are constant in this node
	statFeat   int32 // a feature whose segment is known to be current
	isLeft     bool
}

// grower grows one CART tree depth first over presorted index lists. Its
// buffers are reused from tree to tree (see reset), so a forest worker
// allocates them once.
type grower struct {
	cfg    growConfig
	x      [][]float64
	ys     []sample // per row of x
	m      int      // rows in the sample (non-zero weight)
	idx    []entry  // len(x) segments of m rows, each sorted by its feature, NaN last
	tmp    []entry  // m rows of scratch for partitioning
	goLeft []uint8  // per row of x: 1 when the current split sends it left
	feats  []int32  // feature order; a node's first nConst are constant in it
	rng    *rand.Rand
	stack  []growItem

	// node totals and scan scratch
	cT, cL, cM []float64 // class weights: node total, left of the scan, missing
	wT, sT     float64   // node weight and weighted target sum

	t *flatTree
}

// newGrower returns a grower for x and the samples ys (one per row of x)
// whose sorted lists of up to m rows per feature live in idx (len(x)*m
// entries).
func newGrower(cfg growConfig, x [][]float64, ys []sample, idx []entry, m int) *grower {
	d := len(x)
	g := &grower{cfg: cfg, x: x, ys: ys, idx: idx, tmp: make([]entry, m),
		goLeft: make([]uint8, len(ys)), feats: make([]int32, d)}
	k := max(cfg.nClasses, 1)
	g.cT, g.cL, g.cM = make([]float64, k), make([]float64, k), make([]float64, k)
	return g
}

// grow builds a tree over the m rows whose sorted lists are in g.idx.
func (g *grower) grow(ctx context.Context, m int, rng *rand.Rand) (*flatTree, error) {
	g.m, g.rng = m, rng
	for i := range g.feats {
		g.feats[i] = int32(i)
	}
	width := max(g.cfg.nClasses, 1)
	g.t = &flatTree{width: width}
	g.stack = append(g.stack[:0], growItem{start: 0, end: int32(m), parent: -1})
	for steps := 0; len(g.stack) > 0; steps++ {
		if steps&255 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		it := g.stack[len(g.stack)-1]
		g.stack = g.stack[:len(g.stack)-1]
		g.expand(it)
	}
	t := g.t
	g.t = nil
	return t, nil
}

// expand adds the node for it and, when it can be split, pushes its children.
func (g *grower) expand(it growItem) {
	id, imp := g.addNode(it)
	n := int(it.end - it.start)
	c := &g.cfg
	if (c.maxDepth > 0 && int(it.depth) >= c.maxDepth) || n < c.minSamplesSplit || n < 2*c.minSamplesLeaf || imp <= epsilon {
		return
	}
	sp, childConst := g.bestSplit(it)
	if !sp.found {
		return
	}
	thr := g.threshold(it, sp) // before partition reorders the split feature's rows
	nLeft := g.partition(it, sp, childConst)
	nd := &g.t.nodes[id]
	nd.feature, nd.threshold, nd.missingLeft = sp.feature, thr, sp.missingLeft
	if sp.nMiss == 0 {
		nd.missingLeft = sp.wLeft >= g.t.weight[id]-sp.wLeft
	}
	mid := it.start + int32(nLeft)
	next := growItem{depth: it.depth + 1, parent: id, nConst: int32(childConst), statFeat: sp.feature}
	right, left := next, next
	right.start, right.end = mid, it.end
	left.start, left.end, left.isLeft = it.start, mid, true
	g.stack = append(g.stack, right, left) // left on top: preorder numbering
}

// segment returns the rows of it in the order of feature f.
func (g *grower) segment(f int32, start, end int32) []entry {
	base := int(f) * g.m
	return g.idx[base+int(start) : base+int(end)]
}

// addNode appends the node for it as a leaf, links it to its parent, fills
// the node totals (cT or sT, and wT) and returns its index and impurity.
func (g *grower) addNode(it growItem) (int32, float64) {
	seg := g.segment(it.statFeat, it.start, it.end)
	t := g.t
	id := int32(len(t.nodes))
	var imp float64
	if g.cfg.nClasses > 0 {
		imp = g.classTotals(seg)
		for _, c := range g.cT {
			t.value = append(t.value, c/g.wT)
		}
	} else {
		var mean float64
		mean, imp = g.valueTotals(seg)
		t.value = append(t.value, mean)
	}
	t.nodes = append(t.nodes, node{feature: -1, left: -1, right: -1})
	t.rows = append(t.rows, int32(len(seg)))
	t.weight = append(t.weight, g.wT)
	t.impurity = append(t.impurity, imp)
	if it.parent >= 0 {
		if it.isLeft {
			t.nodes[it.parent].left = id
		} else {
			t.nodes[it.parent].right = id
		}
	}
	return id, imp
}

// classTotals fills cT and wT for the rows of seg and returns their impurity.
func (g *grower) classTotals(seg []entry) float64 {
	clear(g.cT)
	w := 0.0
	for _, e := range seg {
		s := g.ys[e.row]
		g.cT[int(s.y)] += s.w
		w += s.w
	}
	g.wT = w
	return classImpurity(g.cfg.crit, g.cT, w)
}

// classImpurity is the Gini impurity or the entropy in bits of class
// weights c summing to w.
func classImpurity(crit criterion, c []float64, w float64) float64 {
	if w <= 0 {
		return 0
	}
	if crit == entropyCriterion {
		h := 0.0
		for _, v := range c {
			if v > 0 {
				p := v / w
				h -= p * math.Log2(p)
			}
		}
		return h
	}
	s := 0.0
	for _, v := range c {
		p := v / w
		s += p * p
	}
	return 1 - s
}

// valueTotals fills sT and wT for the rows of seg and returns their weighted
// mean and mean squared deviation (two passes, so a constant target gives
// exactly zero).
func (g *grower) valueTotals(seg []entry) (mean, mse float64) {
	var w, s float64
	for _, e := range seg {
		x := g.ys[e.row]
		w += x.w
		s += x.w * x.y
	}
	g.wT, g.sT = w, s
	if w <= 0 {
		return 0, 0
	}
	mean = s / w
	var ss float64
	for _, e := range seg {
		x := g.ys[e.row]
		dv := x.y - mean
		ss += x.w * dv * dv
	}
	return mean, ss / w
}

// partition reorders the segments of every feature not constant in the
// children so that rows going left come first, keeping each side sorted,
// and returns the number of rows going left.
func (g *grower) partition(it growItem, sp splitChoice, childConst int) int {
	seg := g.segment(sp.feature, it.start, it.end)
	nm := len(seg) - sp.nMiss
	for p, e := range seg {
		var left bool
		if p < nm {
			left = p < sp.pos
		} else {
			left = sp.missingLeft
		}
		g.goLeft[e.row] = b2u(left)
	}
	nLeft := sp.pos
	if sp.missingLeft {
		nLeft += sp.nMiss
	}
	tmp := g.tmp
	for _, f := range g.feats[childConst:] {
		stablePartition(g.segment(f, it.start, it.end), tmp, func(e entry) int { return int(g.goLeft[e.row]) })
	}
	return nLeft
}

// stablePartition moves the elements of s for which left returns 1 (the
// others return 0) to the front, keeping the order on both sides, with tmp
// (at least as long as s) as scratch, and returns how many went left.
func stablePartition[E any](s, tmp []E, left func(E) int) int {
	l, r := 0, 0
	for _, e := range s {
		gl := left(e)
		s[l] = e
		tmp[r] = e
		l += gl
		r += 1 - gl
	}
	copy(s[l:], tmp[:r])
	return l
}

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}
