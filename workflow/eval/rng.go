package eval

import (
	"math/bits"
	"math/rand/v2"
)

// shuffle is a Fisher–Yates shuffle drawing with Lemire's unbiased bounded
// method from r.Uint64 only. PCG's output is fixed by its specification,
// so a seed gives the same shuffle on every machine and Go release (the
// library's Shuffle and Perm do not promise that).
func shuffle(r *rand.Rand, v []int) {
	for i := len(v) - 1; i > 0; i-- {
		j := boundedDraw(r, uint64(i+1))
		v[i], v[j] = v[j], v[i]
	}
}

// boundedDraw returns a uniform integer in [0, n).
func boundedDraw(r *rand.Rand, n uint64) int {
	hi, lo := bits.Mul64(r.Uint64(), n)
	if lo < n {
		thresh := -n % n
		for lo < thresh {
			hi, lo = bits.Mul64(r.Uint64(), n)
		}
	}
	return int(hi)
}
