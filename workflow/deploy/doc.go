// Package deploy is the Deploy step's plain-data core: the versioned
// deployment checklist (its definition is embedded in assets, so it can
// grow without code), the ML Test Score of Breck et al. (2017), the
// answers a person gives (State, and the answers file that scripts apply),
// the evidence the project supplies (Facts, judged by named rules into
// Evidence that is never claimed where the project does not know), the
// readiness and ML Test Score functions, and the documents of the bundle
// as plain data: the model card (Mitchell et al., 2019), the datasheet
// (Gebru et al., 2021), the decision journal and the answered checklist.
//
// It draws no figures and imports neither Fyne nor gonum/plot: documents
// name their figures by key (FigLeaderboard, ...) and package plots/docs
// draws and writes them. Facts are built from a Project by workflow's
// Project.DeployFacts.
//
// Errors: ParseDefinition wraps ErrDefinition; answers that cannot be
// recorded (unknown IDs, bad statuses, "not applicable" without a reason)
// wrap ErrAnswer or name the part and key of the answers file. Everything
// else is a pure function of its arguments.
//
// Concurrency: every function is safe for concurrent use. Values are
// plain; State's With methods return copies. The Definition returned by
// Builtin is shared and must not be changed.
package deploy
