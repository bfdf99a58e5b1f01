package tree

import (
	"math"
)

// bnode is one node of a boosted tree. Rows go left when their value is
// <= threshold (their bin <= bin when binned), to the missingLeft side
// when missing.
type bnode struct {
	threshold   float64 // +Inf: present values left, missing right
	value       float64 // the node's score step, learning rate applied
	gain        float64 // loss reduction of the split; 0 for a leaf
	feature     int32   // -1 for a leaf
	left, right int32   // child indices (always after the node); -1 for a leaf
	count       int32   // training rows that reached the node
	bin         uint8
	missingLeft bool
}

// boostTree is one regression tree of a boosted model; node 0 is the root.
type boostTree struct{ nodes []bnode }

// growNode is a node's state while its tree grows.
type growNode struct {
	start, end int32 // rows[start:end] are the node's rows
	depth      int
	sumG, sumH float64
	h          hist // nil once released
	split      hsplit
}

// boostGrower grows the trees of one boosting fit, reusing its buffers.
type boostGrower struct {
	cfg        boostConfig
	bins       [][]uint8 // binned training rows, per feature
	bm         *binMapper
	valueBins  []int
	hasMissing []bool
	rows, tmp  []int32
	og, oh     []float32
	pool       histPool
	constHess  bool

	run   runner    // spreads work over the cores
	g, h  []float32 // the current tree's gradients and hessians (h nil if constant)
	nodes []growNode
	t     *boostTree
	queue splitHeap
	best  [2][]hsplit // per feature: best split of the two children being scanned
}

func newBoostGrower(cfg boostConfig, bins [][]uint8, bm *binMapper, hasMissing []bool, constHess bool) *boostGrower {
	d, n := len(bins), len(bins[0])
	g := &boostGrower{cfg: cfg, bins: bins, bm: bm, hasMissing: hasMissing, constHess: constHess,
		valueBins: make([]int, d), rows: make([]int32, n), tmp: make([]int32, n),
		og: make([]float32, n), oh: make([]float32, n), pool: histPool{size: d * histStride}}
	for f := range d {
		g.valueBins[f] = bm.valueBins(f)
	}
	g.best[0], g.best[1] = make([]hsplit, d), make([]hsplit, d)
	g.queue.gain = func(id int32) float64 { return g.nodes[id].split.gain }
	return g
}

// grow fits one tree to gradients grad and hessians hess (nil when they are
// constant 1) and adds its leaf values to raw (the training rows' scores).
func (g *boostGrower) grow(grad, hess []float32, raw []float64) *boostTree {
	g.g, g.h = grad, hess
	n := len(grad)
	for i := range g.rows {
		g.rows[i] = int32(i)
	}
	var sg, sh float64
	for i, v := range grad {
		sg += float64(v)
		if hess != nil {
			sh += float64(hess[i])
		}
	}
	if hess == nil {
		sh = float64(n)
	}
	g.t = &boostTree{}
	g.nodes = g.nodes[:0]
	g.queue.ids = g.queue.ids[:0]
	root := g.addNode(-1, false, growNode{start: 0, end: int32(n), sumG: sg, sumH: sh})
	if g.splittable(root) {
		g.scanChildren(root, -1, -1)
	}
	leaves := 1
	for g.queue.Len() > 0 && (g.cfg.maxLeaves <= 0 || leaves < g.cfg.maxLeaves) {
		id := g.queue.pop()
		l, r := g.splitNode(id)
		leaves++
		g.scanChildren(id, l, r)
	}
	for _, id := range g.queue.ids {
		g.release(id)
	}
	for id := range g.nodes {
		g.release(int32(id))
	}
	g.addLeafValues(raw)
	return g.t
}

// addNode appends a node with its value and links it to parent.
func (g *boostGrower) addNode(parent int32, isLeft bool, gn growNode) int32 {
	id := int32(len(g.t.nodes))
	v := -gn.sumG / (gn.sumH + g.cfg.l2 + 1e-15) * g.cfg.shrink
	g.t.nodes = append(g.t.nodes, bnode{value: v, feature: -1, left: -1, right: -1, count: gn.end - gn.start})
	gn.split.feature = -1
	g.nodes = append(g.nodes, gn)
	if parent >= 0 {
		if isLeft {
			g.t.nodes[parent].left = id
		} else {
			g.t.nodes[parent].right = id
		}
	}
	return id
}

// splittable reports whether node id may be split at all.
func (g *boostGrower) splittable(id int32) bool {
	nd := &g.nodes[id]
	c := &g.cfg
	if c.maxDepth > 0 && nd.depth >= c.maxDepth {
		return false
	}
	return int(nd.end-nd.start) >= 2*c.minLeaf && nd.sumH >= 2*c.minHess
}

func (g *boostGrower) release(id int32) {
	g.pool.put(g.nodes[id].h)
	g.nodes[id].h = nil
}

// splitNode partitions node id's rows by its split and adds its children.
func (g *boostGrower) splitNode(id int32) (int32, int32) {
	nd := g.nodes[id]
	sp := nd.split
	f := int(sp.feature)
	bins, miss := g.bins[f], g.bm.missingBin
	seg := g.rows[nd.start:nd.end]
	// goes left: a value bin <= sp.bin, or the missing bin when missingLeft
	var goes [histStride]uint8
	for b := range goes {
		if b <= int(sp.bin) {
			goes[b] = 1
		}
	}
	goes[miss] = b2u(sp.missingLeft)
	l := partitionRows(g.run, seg, g.tmp[:len(seg)], bins, &goes)
	r := len(seg) - l
	if int32(l) != sp.nLeft {
		panic("tree: partition disagrees with the histogram")
	}
	t := &g.t.nodes[id]
	t.feature, t.bin, t.gain, t.missingLeft = sp.feature, sp.bin, sp.gain, sp.missingLeft
	t.threshold = math.Inf(1)
	if int(sp.bin) < g.valueBins[f]-1 {
		t.threshold = g.bm.edges[f][sp.bin]
	}
	if !g.hasMissing[f] {
		t.missingLeft = l > r
	}
	mid := nd.start + int32(l)
	left := g.addNode(id, true, growNode{start: nd.start, end: mid, depth: nd.depth + 1, sumG: sp.gL, sumH: sp.hL})
	right := g.addNode(id, false, growNode{start: mid, end: nd.end, depth: nd.depth + 1, sumG: nd.sumG - sp.gL, sumH: nd.sumH - sp.hL})
	return left, right
}

// scanChildren computes the histograms of the children l and r of parent
// (or of the root alone when l < 0: then parent is the root) and queues
// those with a split that lowers the loss.
func (g *boostGrower) scanChildren(parent, l, r int32) {
	if l < 0 {
		g.nodes[parent].h = g.pool.get()
		g.histograms(parent, -1, parent, true)
		g.queueIfGain(parent, 0)
		return
	}
	okL, okR := g.splittable(l), g.splittable(r)
	if !okL && !okR {
		g.release(parent)
		return
	}
	small, large := l, r
	if g.nodes[r].end-g.nodes[r].start < g.nodes[l].end-g.nodes[l].start {
		small, large = r, l
	}
	g.nodes[small].h, g.nodes[large].h = g.pool.get(), g.pool.get()
	g.histograms(small, large, parent, false)
	g.release(parent)
	for k, id := range []int32{small, large} {
		if g.splittable(id) {
			g.queueIfGain(id, k)
		} else {
			g.release(id)
		}
	}
}

// queueIfGain picks node id's best split from g.best[k] and queues it, or
// releases its histogram when no split lowers the loss.
func (g *boostGrower) queueIfGain(id int32, k int) {
	nd := &g.nodes[id]
	nd.split = hsplit{feature: -1}
	for _, s := range g.best[k] {
		if s.feature >= 0 && s.gain > nd.split.gain {
			nd.split = s
		}
	}
	if nd.split.feature >= 0 {
		g.queue.push(id)
		return
	}
	g.release(id)
}

// histograms fills the histogram of small from its rows (all rows in order
// for the root) and, when large >= 0, derives large's as parent minus
// small; it scans every feature of both for their best splits into
// g.best[0] (small) and g.best[1] (large). Features are spread over the
// cores when the node is big enough to pay for it.
func (g *boostGrower) histograms(small, large, parent int32, root bool) {
	sn := &g.nodes[small]
	var rows []int32
	og, oh := g.g, g.h
	if !root {
		rows = g.rows[sn.start:sn.end]
		og = g.og[:len(rows)]
		if g.h != nil {
			oh = g.oh[:len(rows)]
		}
		rowBlocks(g.run, len(rows), func(lo, hi int) {
			for k, r := range rows[lo:hi] {
				og[lo+k] = g.g[r]
			}
			if oh != nil {
				for k, r := range rows[lo:hi] {
					oh[lo+k] = g.h[r]
				}
			}
		})
	}
	splitL, splitR := g.splittable(small), large >= 0 && g.splittable(large)
	work := func(f int) {
		hs := g.nodes[small].h.feature(f)
		fillHist(hs, g.bins[f], rows, og, oh)
		if g.h == nil {
			for b := range hs {
				hs[b].h = float64(hs[b].n)
			}
		}
		g.best[0][f], g.best[1][f] = hsplit{feature: -1}, hsplit{feature: -1}
		if splitL {
			g.best[0][f] = g.scanFeature(small, f, hs)
		}
		if large >= 0 {
			hl := g.nodes[large].h.feature(f)
			subtractHist(hl, g.nodes[parent].h.feature(f), hs)
			if splitR {
				g.best[1][f] = g.scanFeature(large, f, hl)
			}
		}
	}
	forFeatures(g.run, len(g.bins), int(sn.end-sn.start), work)
}

func (g *boostGrower) scanFeature(id int32, f int, hb []histBin) hsplit {
	nd := &g.nodes[id]
	return featureSplit(&g.cfg, f, hb, g.valueBins[f], g.hasMissing[f], nd.end-nd.start, nd.sumG, nd.sumH)
}
