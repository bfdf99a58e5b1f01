package tree

// histBin sums the gradients, hessians and rows that fall in one bin.
type histBin struct {
	g, h float64
	n    uint32
}

// histStride is the number of bins per feature in a histogram: 255 value
// bins at most plus the missing-value bin.
const histStride = 256

// hist is the histogram of one node: histStride bins per feature.
type hist []histBin

// feature returns the bins of feature f.
func (h hist) feature(f int) []histBin { return h[f*histStride : (f+1)*histStride] }

// fill computes the bins of one feature from scratch. bins is the
// feature's binned column, rows the node's rows (nil for all rows in
// order), g and h their gradients and hessians in the order of rows
// (h nil when hessians are constant: then only g and n are summed).
func fillHist(dst []histBin, bins []uint8, rows []int32, g, h []float32) {
	clear(dst)
	d := (*[histStride]histBin)(dst) // a uint8 index needs no bounds check
	switch {
	case rows == nil && h == nil:
		for k, b := range bins[:len(g)] {
			d[b].g += float64(g[k])
			d[b].n++
		}
	case rows == nil:
		h = h[:len(g)]
		for k, b := range bins[:len(g)] {
			d[b].g += float64(g[k])
			d[b].h += float64(h[k])
			d[b].n++
		}
	case h == nil:
		g = g[:len(rows)]
		for k, r := range rows {
			b := bins[r]
			d[b].g += float64(g[k])
			d[b].n++
		}
	default:
		g, h = g[:len(rows)], h[:len(rows)]
		for k, r := range rows {
			b := bins[r]
			d[b].g += float64(g[k])
			d[b].h += float64(h[k])
			d[b].n++
		}
	}
}

// subtract sets dst = parent - child bin by bin for the features in feats
// (the histogram subtraction trick: a node's two children's histograms sum
// to its own, so only the smaller child is counted).
func subtractHist(dst, parent, child []histBin) {
	for i := range dst {
		p, c := &parent[i], &child[i]
		dst[i] = histBin{g: p.g - c.g, h: p.h - c.h, n: p.n - c.n}
	}
}

// histPool recycles histograms of one shape.
type histPool struct {
	size int
	free []hist
}

func (p *histPool) get() hist {
	if n := len(p.free); n > 0 {
		h := p.free[n-1]
		p.free = p.free[:n-1]
		return h
	}
	return make(hist, p.size)
}

func (p *histPool) put(h hist) {
	if h != nil {
		p.free = append(p.free, h)
	}
}
