package knn

import "math"

// neighbour is a candidate: its (squared, for euclidean) distance and its
// training row.
type neighbour struct {
	dist float64
	row  int32
}

// before orders candidates by distance, then by training row, so that ties
// are broken the same way by every search strategy.
func (a neighbour) before(b neighbour) bool {
	return a.dist < b.dist || (a.dist == b.dist && a.row < b.row)
}

// heap keeps the k best candidates seen so far as a max-heap (the worst on
// top).
type heap struct {
	items []neighbour
	k     int
}

func (h *heap) reset(k int) { h.items, h.k = h.items[:0], k }

// bound is the distance a candidate must not exceed to enter: +Inf until
// the heap is full.
func (h *heap) bound() float64 {
	if len(h.items) < h.k {
		return math.Inf(1)
	}
	return h.items[0].dist
}

// push offers a candidate.
func (h *heap) push(c neighbour) {
	if len(h.items) < h.k {
		h.items = append(h.items, c)
		for i := len(h.items) - 1; i > 0; {
			p := (i - 1) / 2
			if !h.items[p].before(h.items[i]) {
				break
			}
			h.items[p], h.items[i] = h.items[i], h.items[p]
			i = p
		}
		return
	}
	if !c.before(h.items[0]) {
		return
	}
	h.items[0] = c
	for i := 0; ; {
		l, r, big := 2*i+1, 2*i+2, i
		if l < len(h.items) && h.items[big].before(h.items[l]) {
			big = l
		}
		if r < len(h.items) && h.items[big].before(h.items[r]) {
			big = r
		}
		if big == i {
			return
		}
		h.items[i], h.items[big] = h.items[big], h.items[i]
		i = big
	}
}

// sorted returns the candidates nearest first (it reorders the heap).
func (h *heap) sorted() []neighbour {
	out := h.items
	for i := 1; i < len(out); i++ { // k is small: insertion sort
		for j := i; j > 0 && out[j].before(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// sqEuclid returns Σ(q−x)², or any value above bound as soon as the
// partial sum exceeds it (partial distance search). The summation order is
// fixed, so a full sum is the same bits whoever calls it.
func sqEuclid(q, x []float64, bound float64) float64 {
	x = x[:len(q)]
	s := 0.0
	j := 0
	for ; j+4 <= len(q); j += 4 {
		d0, d1, d2, d3 := q[j]-x[j], q[j+1]-x[j+1], q[j+2]-x[j+2], q[j+3]-x[j+3]
		s += (d0*d0 + d1*d1) + (d2*d2 + d3*d3)
		if s > bound {
			return s
		}
	}
	for ; j < len(q); j++ {
		d := q[j] - x[j]
		s += d * d
	}
	return s
}

// manhattan returns Σ|q−x| with the same early exit as sqEuclid.
func manhattan(q, x []float64, bound float64) float64 {
	x = x[:len(q)]
	s := 0.0
	j := 0
	for ; j+4 <= len(q); j += 4 {
		s += (math.Abs(q[j]-x[j]) + math.Abs(q[j+1]-x[j+1])) + (math.Abs(q[j+2]-x[j+2]) + math.Abs(q[j+3]-x[j+3]))
		if s > bound {
			return s
		}
	}
	for ; j < len(q); j++ {
		s += math.Abs(q[j] - x[j])
	}
	return s
}

// scan offers training rows lo..hi of the row-major matrix data (d columns,
// original row numbers in rows) to h.
func scan(h *heap, q, data []float64, rows []int32, lo, hi, d int, dist func(q, x []float64, bound float64) float64) {
	for i := lo; i < hi; i++ {
		b := h.bound()
		v := dist(q, data[i*d:(i+1)*d], b)
		if v <= b {
			h.push(neighbour{v, rows[i]})
		}
	}
}
