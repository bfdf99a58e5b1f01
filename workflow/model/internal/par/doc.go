// Package par splits row ranges over the available cores for the model
// packages. Results never depend on scheduling: each range is processed by
// exactly one goroutine and the ranges are fixed by the row count and the
// number of workers alone.
//
// Error contract: nothing here returns an error; a callback that must
// report one keeps it per range or per chunk for the caller to combine.
//
// Concurrency: the functions keep no shared state and are safe for
// concurrent use; each waits for all the goroutines it started.
package par
