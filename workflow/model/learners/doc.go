// Package learners registers every learner family of Modelbench with the
// model registry; import it (for its side effect) wherever the registry or
// model.Unmarshal is used:
//
//	import _ "modelbench/workflow/model/learners"
//
// learners.go registers the core families (baseline, linear and logistic
// regression, k-nearest neighbours, naive Bayes); trees.go registers the
// tree families.
//
// Error contract: the package has no API of its own and returns no errors;
// a family registered twice panics at init (a programming error).
//
// Concurrency: registration happens once at init, so importing it is safe
// whatever goroutines later use the registry.
package learners
