package eda

import (
	"context"
	"hash/maphash"
	"math"
	"sort"

	"modelbench/workflow/data"
)

// findDuplicates hashes every row over cols, sorts the hashes and checks
// each run of equal hashes cell by cell, so a hash collision never makes
// two different rows equal (it only costs a comparison). Missing equals missing, as in pandas'
// DataFrame.duplicated.
func findDuplicates(ctx context.Context, cols []data.Column) (Duplicates, error) {
	if len(cols) == 0 || cols[0].Len() < 2 {
		return Duplicates{}, nil
	}
	n := cols[0].Len()
	h := make([]uint64, n)
	seed := maphash.MakeSeed()
	for _, c := range cols {
		if err := ctx.Err(); err != nil {
			return Duplicates{}, err
		}
		mixColumn(h, c, seed)
	}
	// Sort the hashes' high halves packed with the row: rows with equal
	// high halves are then neighbours, and are checked cell by cell.
	for i := range h {
		h[i] = h[i]&^0xffffffff | uint64(i)
	}
	sortPacked(h)
	if err := ctx.Err(); err != nil {
		return Duplicates{}, err
	}
	var out Duplicates
	var groups [][]int
	rows := make([]uint32, 0, 16)
	for i := 0; i < n; {
		j := i + 1
		for j < n && h[j]>>32 == h[i]>>32 {
			j++
		}
		if j-i > 1 {
			rows = rows[:0]
			for _, w := range h[i:j] {
				rows = append(rows, uint32(w))
			}
			for _, g := range splitEqualRows(cols, rows) {
				out.Count += len(g) - 1
				groups = append(groups, g)
			}
		}
		i = j
	}
	sort.SliceStable(groups, func(a, b int) bool {
		if len(groups[a]) != len(groups[b]) {
			return len(groups[a]) > len(groups[b])
		}
		return groups[a][0] < groups[b][0]
	})
	for _, g := range groups[:min(len(groups), MaxDuplicateGroups)] {
		out.Groups = append(out.Groups, g[:min(len(g), MaxDuplicateRowsShown)])
	}
	return out, nil
}

// mix64 is the finaliser of SplitMix64 (Steele, Lea and Flood 2014).
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

const missingHash = 0x9e3779b97f4a7c15

// mixColumn folds each row's value of c into h.
func mixColumn(h []uint64, c data.Column, seed maphash.Seed) {
	switch c := c.(type) {
	case *data.NumericColumn:
		for i, v := range c.Values() {
			b := math.Float64bits(v + 0) // −0 becomes +0
			if v != v {
				b = missingHash
			}
			h[i] = mix64(h[i] ^ b)
		}
	case *data.CategoricalColumn:
		for i, k := range c.Codes() {
			h[i] = mix64(h[i] ^ uint64(int64(k)))
		}
	case *data.DatetimeColumn:
		for i, v := range c.UnixNanos() {
			x := uint64(v)
			if c.IsMissing(i) {
				x = missingHash
			}
			h[i] = mix64(h[i] ^ x)
		}
	case *data.TextColumn:
		for i, v := range c.Values() {
			x := maphash.String(seed, v)
			if c.IsMissing(i) {
				x = missingHash
			}
			h[i] = mix64(h[i] ^ x)
		}
	case *data.BooleanColumn:
		for i := range h {
			v, ok := c.At(i)
			x := uint64(missingHash)
			if ok && v {
				x = 1
			} else if ok {
				x = 2
			}
			h[i] = mix64(h[i] ^ x)
		}
	default:
		panic("eda: unknown column type in mixColumn")
	}
}

// splitEqualRows splits rows (with equal hashes) into groups of truly equal
// rows, in row order, dropping singletons.
func splitEqualRows(cols []data.Column, rows []uint32) [][]int {
	r := make([]int, len(rows))
	for i, x := range rows {
		r[i] = int(x)
	}
	sort.Ints(r)
	var groups [][]int
	for _, x := range r {
		placed := false
		for g := range groups {
			if rowsEqual(cols, groups[g][0], x) {
				groups[g] = append(groups[g], x)
				placed = true
				break
			}
		}
		if !placed {
			groups = append(groups, []int{x})
		}
	}
	out := groups[:0]
	for _, g := range groups {
		if len(g) > 1 {
			out = append(out, g)
		}
	}
	return out
}

func rowsEqual(cols []data.Column, a, b int) bool {
	for _, c := range cols {
		if c.IsMissing(a) != c.IsMissing(b) {
			return false
		}
		if c.IsMissing(a) {
			continue
		}
		switch c := c.(type) {
		case *data.NumericColumn:
			if c.At(a) != c.At(b) {
				return false
			}
		case *data.CategoricalColumn:
			if c.Codes()[a] != c.Codes()[b] {
				return false
			}
		default:
			if c.Format(a) != c.Format(b) {
				return false
			}
		}
	}
	return true
}
