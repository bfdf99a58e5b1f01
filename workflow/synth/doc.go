// Package synth writes deterministic synthetic tables for benchmarks,
// tests and demos: a classification set in the spirit of scikit-learn's
// make_classification and a regression set in the spirit of
// make_regression, each with two categorical columns derived from the
// first features.
//
// The classification design follows I. Guyon, "Design of experiments for
// the NIPS 2003 variable selection benchmark" (2003): normally distributed
// clusters centred on vertices of a hypercube, a random linear map per
// cluster so that each has its own covariance, redundant features that are
// random linear combinations of the informative ones, pure-noise features,
// a small fraction of flipped labels, and shuffled rows and columns. The
// regression design draws standard normal features and a target that is a
// random positive linear combination of ten of them plus Gaussian noise.
//
// Determinism: the output depends only on the Spec. Random numbers come
// from math/rand/v2's PCG source, whose algorithm is fixed; uniform,
// normal (Marsaglia's polar method) and bounded integer draws are derived
// from its raw 64-bit output by this package, so the bytes do not depend
// on the Go release. They are the same on every amd64 machine (a test pins
// their SHA-256); another architecture could differ in the last printed
// digit of a rare value, because math.Log has an amd64 assembly version
// and some compilers fuse multiply-adds.
//
// Error contract: an invalid Spec is reported before anything is written;
// write errors are returned wrapped with the path where one applies.
//
// Concurrency: the functions keep no shared state and may be called from
// any goroutine, concurrently.
package synth
