// Package data owns Modelbench's in-memory table: the typed columnar Frame,
// the column kinds and roles, type and role inference with reasons a person
// can read, the loaders that turn files into Frames, and the interop with
// gota DataFrames.
//
// Error contract: anything that depends on user data (a file, a cell, a
// column name) is reported as an error that names the file, line and column
// where they apply; *ParseError carries those positions. Panics are kept for
// broken internal invariants only, such as columns of different lengths
// inside one Frame.
//
// Concurrency: Frames and Columns are immutable once built, so they may be
// read from any number of goroutines. Loaders take a context.Context and a
// progress callback; they do not know which goroutine they run on and call
// the callback from the goroutine that called them.
package data
