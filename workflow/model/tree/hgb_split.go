package tree

import "container/heap"

// boostConfig is the resolved tree-growing configuration of gradient boosting.
type boostConfig struct {
	maxLeaves int     // leaves per tree; 0: no limit
	maxDepth  int     // 0: no limit
	minLeaf   int     // rows per leaf, >= 1
	l2        float64 // L2 penalty on leaf values
	minHess   float64 // smallest hessian sum a child may have
	shrink    float64 // learning rate applied to every node value
}

// minHessian is the smallest hessian sum of a child (scikit-learn's
// min_hessian_to_split default).
const minHessian = 1e-3

// hsplit is the best split found for a boosted-tree node: rows whose bin
// is <= bin go left, missing rows go left when missingLeft.
type hsplit struct {
	gain        float64 // loss reduction; a split needs gain > 0
	feature     int32   // -1: none found
	bin         uint8
	missingLeft bool
	nLeft       int32
	gL, hL      float64 // gradient and hessian sums of the left side
}

// leafLoss is the loss of a node with gradient sum g and hessian sum h at
// its optimal value, up to sign: larger is better.
func leafLoss(g, h, l2 float64) float64 { return g * g / (h + l2 + 1e-15) }

// featureSplit scans the histogram hb of feature f for a node of n rows
// with sums sumG, sumH. It tries every bin edge with missing values going
// right (including "all present values left, missing right" when the
// feature has missing values) and, when it has missing values, every edge
// with them going left.
func featureSplit(cfg *boostConfig, f int, hb []histBin, valueBins int, hasMissing bool, n int32, sumG, sumH float64) hsplit {
	best := hsplit{feature: -1}
	minLeaf, l2, minH := int32(cfg.minLeaf), cfg.l2, cfg.minHess
	parent := leafLoss(sumG, sumH, l2)
	end := valueBins - 1
	if hasMissing {
		end = valueBins
	}
	var gl, hl float64
	var nl int32
	for b := 0; b < end; b++ {
		gl, hl, nl = gl+hb[b].g, hl+hb[b].h, nl+int32(hb[b].n)
		if nl < minLeaf || hl < minH {
			continue
		}
		if n-nl < minLeaf || sumH-hl < minH {
			break
		}
		gain := leafLoss(gl, hl, l2) + leafLoss(sumG-gl, sumH-hl, l2) - parent
		if gain > best.gain {
			best = hsplit{gain: gain, feature: int32(f), bin: uint8(b), nLeft: nl, gL: gl, hL: hl}
		}
	}
	if !hasMissing {
		return best
	}
	var gr, hr float64
	var nr int32
	for b := valueBins - 1; b > 0; b-- { // right: bins b.., left: bins < b and missing
		gr, hr, nr = gr+hb[b].g, hr+hb[b].h, nr+int32(hb[b].n)
		if nr < minLeaf || hr < minH {
			continue
		}
		if n-nr < minLeaf || sumH-hr < minH {
			break
		}
		gain := leafLoss(sumG-gr, sumH-hr, l2) + leafLoss(gr, hr, l2) - parent
		if gain > best.gain {
			best = hsplit{gain: gain, feature: int32(f), bin: uint8(b - 1), missingLeft: true, nLeft: n - nr, gL: sumG - gr, hL: sumH - hr}
		}
	}
	return best
}

// splitHeap orders nodes waiting to be split by gain, largest first (the
// lower node index first on ties, so growth is deterministic).
type splitHeap struct {
	ids  []int32
	gain func(id int32) float64
}

func (h *splitHeap) Len() int { return len(h.ids) }
func (h *splitHeap) Less(i, j int) bool {
	gi, gj := h.gain(h.ids[i]), h.gain(h.ids[j])
	if gi != gj {
		return gi > gj
	}
	return h.ids[i] < h.ids[j]
}
func (h *splitHeap) Swap(i, j int) { h.ids[i], h.ids[j] = h.ids[j], h.ids[i] }
func (h *splitHeap) Push(x any)    { h.ids = append(h.ids, x.(int32)) }
func (h *splitHeap) Pop() any {
	n := len(h.ids)
	x := h.ids[n-1]
	h.ids = h.ids[:n-1]
	return x
}

func (h *splitHeap) push(id int32) { heap.Push(h, id) }
func (h *splitHeap) pop() int32    { return heap.Pop(h).(int32) }
