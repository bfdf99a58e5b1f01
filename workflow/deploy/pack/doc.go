// Package pack writes the deployment package of a chosen model: one
// folder (or .zip) that a production team can run anywhere, with nothing
// installed.
//
// # What a package holds
//
//   - model.json (the artifact), schema.json (workflow/deploy/contract,
//     from the rows the model learnt from), baseline.json
//     (workflow/deploy/monitor.NewBaseline on those rows and the model's
//     predictions on them) and metrics.json (the validation and test
//     scores; left out, and said so, when there are none): the deployment
//     directory workflow/deploy/serve.LoadDir reads;
//   - bin/<os>_<arch>/modelbench-serve[.exe] for each chosen Target,
//     copied from the prebuilt servers a Locator finds (checked to be
//     executables for that platform);
//   - Dockerfile and .dockerignore: an image FROM scratch with the static
//     Linux server, a non-root user, EXPOSE and a HEALTHCHECK that runs
//     `modelbench-serve healthcheck` (there is no shell in the image);
//   - openapi.yaml (OpenAPI 3.0.3) generated from the contract: the
//     /v1/predict request and response schemas with the real field names,
//     types, levels as enums and nullability, /v1/feedback, health,
//     metrics, monitoring, the Open Inference Protocol and MLflow's
//     protocol, and the bearer-key security scheme;
//   - example-request.json (rows of the check set, the test rows) and
//     example-response.json (the package's server's answer to it);
//   - k8s/deployment.yaml, k8s/service.yaml and k8s/hpa.yaml, with the
//     memory request and limit derived from the memory measured at export
//     (Sizing);
//   - README.md for the operator, generated for this model: what it
//     predicts, how to start, configure (every flag of the server, read
//     from serve.Config), secure, scale, monitor and update it;
//   - the Extras that support the model (ONNX, PMML, a reproduction
//     script: plugged in by the caller);
//   - manifest.json: every file's size and SHA-256, the targets, the
//     extras, what was left out, the Resources measured and the Sizing.
//
// # Measured at export
//
// Write starts the package's own server for this machine (Host) on the
// package folder, on a free port of 127.0.0.1, reads its memory from its
// /metrics (the resident set; the Go runtime's memory where the platform
// reports none), sends the example request, sends every check row and
// compares each prediction and probability with the artifact's own, exactly,
// times single-row requests, reads the memory again and stops it. When
// there is no server binary for this machine, the folder is served from
// this process instead and the manifest says so.
//
// YAML is written by a small emitter of ordered trees (yaml.go), so that
// the package needs no YAML library; the tests read every file back with
// the Kubernetes API types, kin-openapi and sigs.k8s.io/yaml.
//
// # Errors and concurrency
//
// Write's errors wrap ErrNoModel, ErrTarget and ErrNoBinary where they
// apply and otherwise name the file or step that failed; a failed or
// cancelled Write leaves nothing at the output path. Write may run
// concurrently for different outputs. The package imports no GUI,
// plotting, exploration or data-source code (workflow/imports_test.go).
package pack
