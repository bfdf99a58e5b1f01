// Package serve is Modelbench's scoring service: an http.Handler (Server)
// over a deployment directory (LoadDir: model.json, schema.json,
// baseline.json and optionally metrics.json), the command line that
// `modelbench-serve DIR` and `modelbench serve DIR` share (Config,
// ParseArgs, Run), and the API keys (ReadAPIKeys, SplitAPIKeys).
//
// Every protocol scores through the same path: the request is decoded
// into rows of raw values, validated against the input contract
// (workflow/deploy/contract) into one typed column per field, and
// predicted with artifact.Predict, the pipeline code `modelbench predict`
// runs, so the service and the batch scorer cannot disagree. Each scored
// row gets a prediction ID, is counted in the Prometheus metrics and is
// queued in the prediction log (sub-package predlog) before the response
// is written.
//
// # Endpoints
//
//	POST /v1/predict      one record {...}, [{...}], {"records": [...]}, {"columns": {...}}, or CSV (text/csv)
//	POST /v1/feedback     {"id", "truth"}, an array of them, or {"feedback": [...]}
//	GET  /v1/model        name, version, learner, task, classes, schema.json, metrics.json, limits
//	GET  /v1/monitoring   the monitor package's report over ?window=1h|24h|7d
//	GET  /monitor         the same as a self-contained HTML dashboard
//	GET  /healthz /readyz liveness; readiness (not draining, prediction log writable)
//	GET  /metrics         Prometheus text format (names in the Metric* constants)
//	Open Inference Protocol (KServe, Seldon, Triton "V2"):
//	GET  /v2  /v2/health/live  /v2/health/ready
//	GET  /v2/models/{name}[/versions/{version}][/ready]
//	POST /v2/models/{name}[/versions/{version}]/infer
//	MLflow scoring protocol:
//	POST /invocations     dataframe_split, dataframe_records, instances, inputs, or CSV
//	GET  /ping /health /version
//
// # Errors
//
// A request that cannot be scored is answered with a 4xx status and, on
// the Modelbench endpoints, {"error": "...", "details": [{"row", "field",
// "problem", "expected"}]} (rows count from 1); the Open Inference
// Protocol answers {"error": "..."} and MLflow {"error_code", "message"}.
// Values that fit the contract but not the training data (outside the
// training range, unseen levels) and fields the model ignores are scored
// and reported as warnings. LoadDir and Run return errors naming the
// file, flag or address at fault; a *UsageError is wrong usage.
//
// # Concurrency
//
// A Server and a Deployment are safe for concurrent use; requests run on
// net/http's goroutines. Start runs one goroutine that refreshes the drift
// gauges from the prediction log on a timer; Close stops it.
//
// The package builds without cgo and never reaches Fyne, gonum/plot, the
// UI, workflow/eda, workflow/source or gota (workflow/imports_test.go).
package serve
