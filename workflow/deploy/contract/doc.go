// Package contract is a model's input contract: the columns a scoring
// request must carry, their types, which may be missing, the range and the
// levels seen in training. The deployment package writes it as
// schema.json; the scoring service validates requests against it and
// generates its OpenAPI description from it; the documents show it.
//
// A Contract is plain data built once from an artifact and its training
// rows (FromArtifact) and read back with Decode; it is immutable and safe
// for concurrent use. Errors from FromArtifact name the column; Decode
// rejects other formats and newer versions.
package contract
