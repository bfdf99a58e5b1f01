package workflow

import "fmt"

// Stage is one of the six steps of the workflow, in order.
type Stage int

// The stages, in workflow order.
const (
	StageData Stage = iota
	StageExplore
	StagePrepare
	StageTrain
	StageEvaluate
	StageDeploy
	numStages
)

// Stages lists every stage in workflow order.
var Stages = []Stage{StageData, StageExplore, StagePrepare, StageTrain, StageEvaluate, StageDeploy}

var stageNames = [...]string{"data", "explore", "prepare", "train", "evaluate", "deploy"}
var stageTitles = [...]string{"Data", "Explore", "Prepare", "Train", "Evaluate", "Deploy"}

// String returns the stage's lower-case name ("data", "explore", ...).
func (s Stage) String() string {
	if s < 0 || s >= numStages {
		return fmt.Sprintf("stage(%d)", int(s))
	}
	return stageNames[s]
}

// Title returns the stage's display name ("Data", "Explore", ...).
func (s Stage) Title() string {
	if s < 0 || s >= numStages {
		return s.String()
	}
	return stageTitles[s]
}

// ParseStage reads a stage name as written by String.
func ParseStage(name string) (Stage, error) {
	for i, n := range stageNames {
		if n == name {
			return Stage(i), nil
		}
	}
	return 0, fmt.Errorf("unknown stage %q", name)
}

// Status is where a stage stands.
type Status int

// The statuses a stage can have.
const (
	// Empty: nothing has been done and the stage cannot start yet.
	Empty Status = iota
	// Ready: the prerequisites are met; the stage can run.
	Ready
	// Running: work is under way.
	Running
	// Done: the stage's results are current.
	Done
	// Failed: the last attempt failed; earlier results, if any, are kept.
	Failed
	// Stale: results exist but something upstream changed since.
	Stale
)

var statusNames = [...]string{"empty", "ready", "running", "done", "failed", "stale"}

// String returns the status's lower-case name.
func (s Status) String() string {
	if s < 0 || int(s) >= len(statusNames) {
		return fmt.Sprintf("status(%d)", int(s))
	}
	return statusNames[s]
}

// EventKind says what changed in a Project.
type EventKind int

// The kinds of event a Project sends.
const (
	// StatusChanged: a stage's status changed (Event.Stage, Event.Status).
	StatusChanged EventKind = iota
	// DataChanged: a new table was loaded.
	DataChanged
	// SchemaChanged: a column's type or role changed.
	SchemaChanged
	// ResultChanged: a stage stored new results (Event.Stage).
	ResultChanged
	// ConfigChanged: a stage's configuration changed (Event.Stage).
	ConfigChanged
	// Saved: the project was written to its file (Event.Message is the path).
	Saved
	// Progress: long work reported progress (Event.Stage, Event.Fraction, Event.Message).
	Progress
)

// Event tells subscribers what changed. Subscribers receive events on the
// goroutine that made the change and must not block.
type Event struct {
	Kind     EventKind
	Stage    Stage
	Status   Status
	Fraction float64
	Message  string
}
