// Package testsets locates the real datasets that tests compare against
// pandas and scikit-learn. They are copies of the workplace's shared
// datasets (see data/README.md for each file's source and licence), kept
// in the repository so that a clean clone tests the same way everywhere.
//
// Only tests import it. Dir panics if the Go runtime cannot say where this
// source file is, which only happens in a binary built with -trimpath
// outside its module; tests never are. Functions are safe for concurrent
// use.
package testsets
