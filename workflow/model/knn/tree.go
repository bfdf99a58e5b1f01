package knn

import "math"

// leafSize is the most rows a k-d tree leaf holds (median splits make
// leaves of leafSize/2 to leafSize rows). Measured on the 80k × 20 mbbench
// file, 40-row leaves cost about a third less CPU than 20-row ones.
const leafSize = 64

// kdtree is a k-d tree (Friedman, Bentley & Finkel, "An algorithm for
// finding best matches in logarithmic expected time", ACM TOMS 1977) over
// the model's training rows: each node splits its rows at the median of
// the dimension with the widest spread and keeps its bounding box, so a
// search skips every node whose box lies farther than the current k-th
// neighbour. The training rows are stored in leaf order, contiguous.
type kdtree struct {
	nodes []node
	lo    []float64 // bounding boxes: node t's box is lo[t*d:(t+1)*d] .. hi[...]
	hi    []float64
}

type node struct {
	start, end  int32 // rows of data[start:end] below this node
	left, right int32 // children, -1 for a leaf
	dim         int32
	split       float64
}

// buildTree reorders data (row-major, d columns) and rows in place into
// leaf order and returns the tree. It is deterministic.
func buildTree(data []float64, rows []int32, d int) *kdtree {
	t := &kdtree{}
	n := len(rows)
	t.grow(data, rows, d, 0, n)
	return t
}

func (t *kdtree) grow(data []float64, rows []int32, d, start, end int) int32 {
	id := int32(len(t.nodes))
	t.nodes = append(t.nodes, node{start: int32(start), end: int32(end), left: -1, right: -1})
	lo, hi := make([]float64, d), make([]float64, d)
	for j := range lo {
		lo[j], hi[j] = math.Inf(1), math.Inf(-1)
	}
	for i := start; i < end; i++ {
		for j, v := range data[i*d : (i+1)*d] {
			lo[j] = math.Min(lo[j], v)
			hi[j] = math.Max(hi[j], v)
		}
	}
	t.lo, t.hi = append(t.lo, lo...), append(t.hi, hi...)
	if end-start <= leafSize {
		return id
	}
	dim, spread := 0, -1.0
	for j := range lo {
		if hi[j]-lo[j] > spread {
			dim, spread = j, hi[j]-lo[j]
		}
	}
	if spread == 0 {
		return id // all rows equal: keep them in one leaf
	}
	mid := (start + end) / 2
	selectRows(data, rows, d, dim, start, end, mid)
	t.nodes[id].dim, t.nodes[id].split = int32(dim), data[mid*d+dim]
	l := t.grow(data, rows, d, start, mid)
	r := t.grow(data, rows, d, mid, end)
	t.nodes[id].left, t.nodes[id].right = l, r
	return id
}

// selectRows rearranges rows start..end so that row mid holds the value of
// rank mid−start in dimension dim, smaller-or-equal before, greater-or-equal
// after (Hoare's quickselect with a median-of-three pivot).
func selectRows(data []float64, rows []int32, d, dim, start, end, mid int) {
	key := func(i int) float64 { return data[i*d+dim] }
	swap := func(a, b int) {
		if a == b {
			return
		}
		ra, rb := data[a*d:(a+1)*d], data[b*d:(b+1)*d]
		for j := range ra {
			ra[j], rb[j] = rb[j], ra[j]
		}
		rows[a], rows[b] = rows[b], rows[a]
	}
	lo, hi := start, end-1
	for hi > lo {
		m := lo + (hi-lo)/2
		if key(m) < key(lo) {
			swap(m, lo)
		}
		if key(hi) < key(lo) {
			swap(hi, lo)
		}
		if key(hi) < key(m) {
			swap(hi, m)
		}
		pivot := key(m)
		i, j := lo, hi
		for i <= j {
			for key(i) < pivot {
				i++
			}
			for key(j) > pivot {
				j--
			}
			if i <= j {
				swap(i, j)
				i++
				j--
			}
		}
		switch {
		case mid <= j:
			hi = j
		case mid >= i:
			lo = i
		default:
			return
		}
	}
}

// search offers the rows of every leaf that may hold one of q's k nearest
// neighbours to h, best bin first (Arya et al., "An optimal algorithm for
// approximate nearest neighbor searching", JACM 1998, run here without
// approximation): descend to q's leaf, queue the skipped siblings by their
// box distance, then resume from the nearest queued node until it lies
// beyond the k-th neighbour. pq is scratch space.
func (t *kdtree) search(h *heap, pq *nodeQueue, q, data []float64, rows []int32, d int, manhattanMetric bool, dist func(q, x []float64, bound float64) float64) {
	pq.items = append(pq.items[:0], queued{0, 0})
	for len(pq.items) > 0 {
		c := pq.pop()
		// The margin keeps rounding in the box distance from pruning an exact tie.
		if c.dist > h.bound()*(1+1e-12) {
			return
		}
		id := c.node
		for t.nodes[id].left >= 0 {
			nd := &t.nodes[id]
			near, far := nd.left, nd.right
			if q[nd.dim] >= nd.split {
				near, far = far, near
			}
			limit := h.bound() * (1 + 1e-12)
			if bd := t.boxDist(far, q, d, manhattanMetric, limit); bd <= limit {
				pq.push(queued{bd, far})
			}
			id = near
		}
		// The leaf's own box is checked once, not every box on the way down.
		limit := h.bound() * (1 + 1e-12)
		if t.boxDist(id, q, d, manhattanMetric, limit) <= limit {
			nd := &t.nodes[id]
			scan(h, q, data, rows, int(nd.start), int(nd.end), d, dist)
		}
	}
}

// queued is a node waiting in the search queue with its box distance.
type queued struct {
	dist float64
	node int32
}

// nodeQueue is a min-heap of queued nodes.
type nodeQueue struct{ items []queued }

func (pq *nodeQueue) push(c queued) {
	pq.items = append(pq.items, c)
	for i := len(pq.items) - 1; i > 0; {
		p := (i - 1) / 2
		if pq.items[p].dist <= pq.items[i].dist {
			break
		}
		pq.items[p], pq.items[i] = pq.items[i], pq.items[p]
		i = p
	}
}

func (pq *nodeQueue) pop() queued {
	top := pq.items[0]
	last := len(pq.items) - 1
	pq.items[0] = pq.items[last]
	pq.items = pq.items[:last]
	for i := 0; ; {
		l, r, small := 2*i+1, 2*i+2, i
		if l < last && pq.items[l].dist < pq.items[small].dist {
			small = l
		}
		if r < last && pq.items[r].dist < pq.items[small].dist {
			small = r
		}
		if small == i {
			return top
		}
		pq.items[i], pq.items[small] = pq.items[small], pq.items[i]
		i = small
	}
}

// boxDist is the distance (squared for euclidean) from q to node id's
// bounding box, 0 inside; like the row distances it stops early, returning
// a value above limit, once the partial sum exceeds limit.
func (t *kdtree) boxDist(id int32, q []float64, d int, manhattanMetric bool, limit float64) float64 {
	lo, hi := t.lo[int(id)*d:int(id+1)*d], t.hi[int(id)*d:int(id+1)*d]
	lo, hi = lo[:len(q)], hi[:len(q)]
	s := 0.0
	for j, v := range q {
		g := 0.0
		if v < lo[j] {
			g = lo[j] - v
		} else if v > hi[j] {
			g = v - hi[j]
		} else {
			continue
		}
		if manhattanMetric {
			s += g
		} else {
			s += g * g
		}
		if s > limit {
			return s
		}
	}
	return s
}

// leafOf returns the leaf q falls in.
func (t *kdtree) leafOf(q []float64) int32 {
	id := int32(0)
	for t.nodes[id].left >= 0 {
		nd := &t.nodes[id]
		if q[nd.dim] < nd.split {
			id = nd.left
		} else {
			id = nd.right
		}
	}
	return id
}
