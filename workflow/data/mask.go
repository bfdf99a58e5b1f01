package data

import "math/bits"

// Mask is a bit set over row positions; a set bit marks a missing cell. A nil
// Mask means no cell is missing. Masks are built once and then only read.
type Mask []uint64

// NewMask returns a mask for n rows with no bit set.
func NewMask(n int) Mask { return make(Mask, (n+63)/64) }

// Get reports whether bit i is set. It is safe on a nil Mask.
func (m Mask) Get(i int) bool { return m != nil && m[i>>6]&(1<<(uint(i)&63)) != 0 }

// Set sets bit i. The mask must have room for i.
func (m Mask) Set(i int) { m[i>>6] |= 1 << (uint(i) & 63) }

// Count returns the number of set bits.
func (m Mask) Count() int {
	n := 0
	for _, w := range m {
		n += bits.OnesCount64(w)
	}
	return n
}

// take returns the mask of the rows at positions rows, or nil when none of
// them is set.
func (m Mask) take(rows []int) Mask {
	if m == nil {
		return nil
	}
	var out Mask
	for j, r := range rows {
		if m.Get(r) {
			if out == nil {
				out = NewMask(len(rows))
			}
			out.Set(j)
		}
	}
	return out
}
