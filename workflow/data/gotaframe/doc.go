// Package gotaframe converts between Modelbench's data.Frame and gota's
// DataFrame (github.com/go-gota/gota), for users and tools that speak
// gota. It is kept out of package data so that the loaders, the
// preparation, the models and the scoring path never link gota: gota
// boxes every cell and is measured at about 7 s and 1.5 GB to load a
// 1M × 20 CSV, so it is for small tables at the edges only.
//
// Error contract: FromGota returns the error a DataFrame carries, or one
// naming the gota column (and row) that cannot be read; ToGota does not
// fail. Nothing panics on data.
//
// Concurrency: both functions only read their argument and keep no
// state; Frames are immutable, so they are safe for concurrent use.
package gotaframe
