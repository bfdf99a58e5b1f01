package tree

import "math/rand/v2"

// splitmix64 is the finaliser of Steele, Lea and Flood's SplitMix64; it
// turns nearby integers into unrelated ones.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// streamRNG returns the PCG generator of one numbered task (a tree, a
// split) under a base seed. Streams of different numbers are unrelated and
// each depends only on (seed, stream), so parallel work gives the same
// draws however it is scheduled.
func streamRNG(seed, stream uint64) *rand.Rand {
	a := splitmix64(seed ^ splitmix64(stream))
	b := splitmix64(a ^ 0x5851f42d4c957f2d)
	return rand.New(rand.NewPCG(a, b))
}
