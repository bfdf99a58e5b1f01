// Package watch opens what a deployed model leaves behind — a running
// scoring service, or its prediction log read directly (an SQLite file or
// the PostgreSQL table that replicas share) — and summarises a window of
// it with the monitor package, so that the desktop's Monitor view and
// `modelbench monitor` give the service's numbers and verdicts.
//
// A Source names where to look (ParseSource); Open reads a window into a
// Snapshot: the monitor.Report (drift per feature ranked, prediction
// drift, missing-value shifts, new levels, latency, activity over time,
// live metrics), the validation and test results of metrics.json to
// compare the live metrics with, and what was read. Findings turns a
// snapshot into plain-words findings — what was found, what it means,
// what to do — and says which cross a threshold. ScanLabelled reads the
// logged inputs joined to their feedback, for a retrain.
//
// A service is asked for its own report (GET /v1/monitoring, with the API
// key as a bearer token); the key is only sent, never kept in a Source,
// printed or put in an error. A log is streamed through a
// monitor.Accumulator (no record is kept), against the deployment
// directory's baseline.json; when that directory holds model.json only
// that model version's predictions are read. A log's window ends at its
// latest logged prediction, so an idle log still shows its last traffic.
//
// # Errors and concurrency
//
// Errors name the source (without secrets) and what is wrong: an
// unreachable service, a refused key, a file that is not a log, a
// deployment directory without baseline.json. Cancelling ctx stops a
// read. Functions are safe to call from any goroutine; a Snapshot is
// plain data, not modified after Open returns it.
//
// The package never imports Fyne or gonum/plot.
package watch
