package tree

// addLeafValues adds every leaf's value to the scores of its rows; the
// leaves' row segments are disjoint, so they are shared out over the cores.
func (g *boostGrower) addLeafValues(raw []float64) {
	var leaves []int32
	for id, nd := range g.t.nodes {
		if nd.feature < 0 {
			leaves = append(leaves, int32(id))
		}
	}
	forFeatures(g.run, len(leaves), len(g.rows)/max(len(leaves), 1), func(k int) {
		id := leaves[k]
		nd := &g.nodes[id]
		v := g.t.nodes[id].value
		for _, r := range g.rows[nd.start:nd.end] {
			raw[r] += v
		}
	})
}

// partitionRows reorders seg so that the rows whose bin goes left come
// first, keeping the order on both sides, and returns how many go left.
// Large segments are split into up to 8 chunks: each chunk counts its
// left rows, then writes both sides into tmp at offsets that keep the
// chunks in order, and tmp is copied back.
func partitionRows(run runner, seg, tmp []int32, bins []uint8, goes *[histStride]uint8) int {
	w := min(8, len(seg)/parallelChunk)
	if w <= 1 || workerCount() == 1 {
		return stablePartition(seg, tmp, func(row int32) int { return int(goes[bins[row]]) })
	}
	lefts := make([]int, w)
	chunk := func(c int) []int32 { return seg[c*len(seg)/w : (c+1)*len(seg)/w] }
	run(w, func(c int) {
		n := 0
		for _, row := range chunk(c) {
			n += int(goes[bins[row]])
		}
		lefts[c] = n
	})
	total := 0
	for _, n := range lefts {
		total += n
	}
	run(w, func(c int) {
		l, r := 0, total
		for k := range c {
			l += lefts[k]
			r += len(chunk(k)) - lefts[k]
		}
		for _, row := range chunk(c) {
			if goes[bins[row]] != 0 {
				tmp[l] = row
				l++
			} else {
				tmp[r] = row
				r++
			}
		}
	})
	copy(seg, tmp)
	return total
}

// forFeatures runs work for features 0..d-1, through run when a node of
// rows rows is big enough to pay for spreading it over the cores.
func forFeatures(run runner, d, rows int, work func(f int)) {
	if rows*d < 1<<14 {
		for f := range d {
			work(f)
		}
		return
	}
	run(d, work)
}
