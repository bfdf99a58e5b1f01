// Package param describes tunable parameters once, in code: name, label,
// help, kind, range, choices and default. The same description builds the
// UI's forms, fills the model card, validates command-line "name=value"
// settings and drives tests. It is a leaf package: it imports only the
// standard library.
//
// Error contract: Validate, Parse, Resolve and ParseAssignments return an
// error naming the parameter (and the known names for an unknown one)
// when a value does not fit its Spec; nothing panics on user input.
//
// Concurrency: Specs and Values are plain values with no shared state, so
// every function is safe for concurrent use; a Values map must not be
// written while it is being read.
package param
