package prep

// rng is SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom
// number generators", OOPSLA 2014; the constants of Vigna's reference C
// code). It is defined here rather than taken from math/rand so that a
// seed gives the same splits, folds and resamples on every machine and in
// every Go release.
type rng struct{ state uint64 }

func newRNG(seed uint64) *rng { return &rng{state: seed} }

// next returns the next 64 random bits.
func (r *rng) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a uniform integer in [0, n) by rejection: draws at or above
// the largest multiple of n below 2^64 are discarded. n must be positive.
func (r *rng) intn(n int) int {
	un := uint64(n)
	limit := (^uint64(0) / un) * un
	for {
		if x := r.next(); x < limit {
			return int(x % un)
		}
	}
}

// shuffle permutes p in place (Fisher-Yates, from the last element down).
func (r *rng) shuffle(p []int) {
	for i := len(p) - 1; i > 0; i-- {
		j := r.intn(i + 1)
		p[i], p[j] = p[j], p[i]
	}
}

// permutation returns a random ordering of 0..n-1.
func (r *rng) permutation(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	r.shuffle(p)
	return p
}
