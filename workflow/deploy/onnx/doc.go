// Package onnx writes a fitted Modelbench artifact — its whole preparation
// pipeline and its model — as one ONNX graph (model.onnx), so that ONNX
// Runtime or any other ONNX runtime scores raw rows exactly as Modelbench
// does. Export builds the file and a Report of what it holds; Supports says,
// without building it, whether an artifact can be exported, and if not
// which step or learner stands in the way and why.
//
// The graph reads one input per raw column, named as the column ([N, 1]:
// numbers and dates as double, labels and yes/no values as strings; see
// Export), applies every fitted step as prep.PipelineExport describes it,
// and feeds the prepared columns to the model. Everything is computed in
// double precision with the operators of ai.onnx opset 17 and ai.onnx.ml
// opset 3 (IR version 8), the newest that Debian's onnx 1.12 checker
// validates, which ONNX Runtime 1.30 runs. Where Modelbench's result
// depends on the order of operations (sums of linear terms and of tree
// leaves, naive Bayes log-likelihoods), the graph keeps that order, so
// scores agree bit for bit; only exp, log and pow may differ in the last
// bits between Go and the runtime. Tree models are walked by ai.onnx.ml's
// TreeEnsembleRegressor with double thresholds and missing-value
// directions; see trees.go for why it returns leaf positions rather than
// values. k-NN carries its training rows and finds the neighbours as the
// model does (knn.Neighbours), with TopK. ONNX Runtime's Where turns a -0
// it selects from its first branch into +0; Modelbench tells -0 from 0
// only when it reads a number as a label ("-0" and "0" in ordinal or a join
// key), so only a -0 made by an earlier step can match differently there. Nothing is approximated: a step or model that cannot be written
// exactly is an *UnsupportedError (wrapping ErrNotExportable) naming it.
//
// The generated protobuf types are in the onnxpb sub-package (see its
// README for how they were made).
//
// Error contract: Export and Supports return *UnsupportedError for
// artifacts that cannot be exported; other errors are internal. Panics mean
// a broken invariant of the prep or model descriptions.
//
// Concurrency: Export and Supports keep no state and read the artifact
// only; they are safe for concurrent use on the same artifact.
package onnx
