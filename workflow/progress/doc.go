// Package progress is the one way long-running workflow code reports how
// far it has come. It is a leaf package: every workflow package may import
// it.
//
// Error contract: nothing here returns an error; a nil Func is valid and
// discards reports.
//
// Concurrency: a Func may be called from any goroutine the work runs on;
// receivers that touch a UI must hand the report over to their own thread.
// Throttle's Func is safe to call from several goroutines at once; Scale's
// is as safe as the Func it wraps.
package progress
