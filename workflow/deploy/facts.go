package deploy

import "time"

// Facts is what a project knows that the checklist and the documents can
// use as evidence: plain values copied out of the project (workflow's
// Project.DeployFacts builds it), so this package never reaches into a
// project. A nil pointer field means the project has not got that far;
// the evidence then says what is missing instead of claiming anything.
type Facts struct {
	// Fingerprint identifies the chosen model (see Fingerprint); "" when
	// no model is chosen. Evidence stamped with another fingerprint is
	// stale.
	Fingerprint string
	// ModelStale says the chosen model is out of date: the data or the
	// preparation changed after it was trained.
	ModelStale bool

	Data        *DataFacts
	Columns     []ColumnFact
	Explored    bool        // the Explore step ran, so Alerts are known
	Alerts      []AlertFact // Explore's data-quality alerts, most serious first
	Target      string
	Task        string // "classification" or "regression"
	Split       *SplitFacts
	Preparation *PrepFacts
	Board       *BoardFacts
	Model       *ModelFacts
	Baseline    *BaselineFacts
	Test        *TestFacts
	// TestLog names every model scored on the locked test rows, in order.
	TestLog    []string
	Costs      *CostFacts
	Tuning     []TuneFact
	Reproduced *ReproCheck
	Exports    []Export
	Journal    []JournalEntry
	// Versions are the models carried forward after retrains, oldest
	// first (empty before the first accepted retrain); Version is the
	// current one's number.
	Versions []VersionFact
	Version  int
}

// VersionFact is one model version: when it was made, what it learnt
// from, how it compared with the version before on held-out new rows,
// and why it was carried forward.
type VersionFact struct {
	Version     int
	Time        time.Time
	Source      string
	LearnRows   int
	CompareRows int
	Metric      string
	// Before and After are Metric's values of the version before and of
	// this one on the CompareRows held-out rows (NaN when not compared).
	Before, After float64
	Comparison    string
	Why           string
}

// DataFacts says where the data comes from.
type DataFacts struct {
	Source string // file path, "sample:ID", or a source description
	SHA256 string // hex hash of the bytes read; "" for a database or a preview
	Rows   int
	Cols   int
	// NoTarget counts the rows left out because their target is missing.
	NoTarget  int
	TimeSpans []TimeSpan
	Issues    []string // the loader's findings
}

// TimeSpan is the range of a date-time column.
type TimeSpan struct {
	Column      string
	First, Last string
}

// ColumnFact describes one column for the column dictionary.
type ColumnFact struct {
	Name       string
	Type       string // the kind it is read as
	Label      string // what it looks like (identifier, free text, ...)
	Role       string // feature, target, identifier, ignored
	TypeReason string
	RoleReason string
	Why        string // the person's reason for a type or role they chose
	// Identifier says the column names rows (by role or by its look).
	Identifier bool
	// Sensitive says the person flagged it as personal or sensitive;
	// Reviewed says they made a choice either way.
	Sensitive bool
	Reviewed  bool
	Input     bool // the chosen model reads it
	// Missing, MissingPct, Unique and Summary come from Explore (zero
	// before it ran).
	Missing    int
	MissingPct float64
	Unique     int
	Summary    string
}

// AlertFact is one of Explore's data-quality alerts.
type AlertFact struct {
	Kind     string
	Severity string
	Column   string // "" for a table-wide alert; several columns are joined by ", "
	Message  string
	Action   string
}

// SplitFacts is how the rows were split.
type SplitFacts struct {
	Method                         string
	Train, Valid, Test             float64 // shares
	Seed                           uint64
	Column                         string // for a split by time or group
	TrainRows, ValidRows, TestRows int
}

// PrepFacts is the preparation and how it was fitted.
type PrepFacts struct {
	Steps   []StepFact
	Default bool // the default preparation for the schema, never edited
	// FitRows is how many rows the chosen model's pipeline was fitted on;
	// TestOverlap how many of them are test rows (0 by construction);
	// Checked says both were counted row by row (a model is chosen).
	FitRows     int
	TestOverlap int
	Checked     bool
	TrainRows   int // rows the Prepare step fitted on: the training part
}

// StepFact is one preparation step.
type StepFact struct {
	Index   int // 1-based position in the pipeline
	Kind    string
	Params  string // "name=value, ..." sorted by name
	Why     string
	Enabled bool
	Learnt  string // what the fitted step does, with its learnt values
}

// BoardFacts is the leaderboard of the Train step.
type BoardFacts struct {
	Metric         string // registry name
	MetricLabel    string
	HigherIsBetter bool
	Validation     string // "cv", "holdout" or "none"
	Folds          int
	Seed           uint64
	Entries        []EntryFact // best first
	Chosen         string
	Why            string
	Issues         []string
}

// EntryFact is one row of the leaderboard; Score is NaN when not validated.
type EntryFact struct {
	Name       string
	Learner    string
	Score, Std float64
	FitSeconds float64
	Baseline   bool
	Chosen     bool
}

// ModelFacts describes the chosen model.
type ModelFacts struct {
	Name         string // its leaderboard name
	Learner      string // registry name
	LearnerLabel string
	LearnerHelp  string
	Params       []ParamFact
	Seed         uint64
	TrainRows    int // rows it learnt from after the pipeline's row steps
	Input        []InputField
	Classes      []string
	Created      time.Time
	AppVersion   string
	FitSeconds   float64
	// Explainable says the model can break a single prediction into
	// parts (weights × values, a decision path).
	Explainable bool
}

// ParamFact is one learner parameter with its description.
type ParamFact struct {
	Name, Label, Value, Help string
}

// InputField is one column the model expects.
type InputField struct {
	Name, Type string
}

// BaselineFacts compares the chosen model with the baseline on the same
// cross-validation folds (eval's corrected paired t-test).
type BaselineFacts struct {
	Metric, MetricLabel string
	HigherIsBetter      bool
	Baseline, Chosen    float64 // mean scores; Chosen is NaN when not validated
	// Compared says the paired test ran; T, P, Likely and Sentence are
	// then its outcome over Folds folds.
	Compared bool
	Folds    int
	T, P     float64
	Likely   bool
	Sentence string
	// ChosenIsBaseline says the baseline itself was chosen.
	ChosenIsBaseline bool
}

// TestFacts is the evaluation of the chosen model.
type TestFacts struct {
	Model   string
	Part    string // "test" or "training"
	Rows    int
	Metric  string // the ranking metric
	Label   string
	Score   float64
	Metrics map[string]float64
	When    time.Time
	Issues  []string // discipline and assessment warnings
	// Stale says the evaluation was of an earlier model or data.
	Stale       bool
	Fingerprint string // of the model evaluated, "" when unknown
	Slices      []SliceFact
	Importance  []ImportanceFact // most important first
	WorstRows   int              // how many worst-predicted rows Evaluate lists
}

// SliceFact is the metric per group of one column.
type SliceFact struct {
	Column  string
	Metric  string
	Overall float64
	Groups  []GroupFact
}

// GroupFact is one group; Score is NaN when undefined.
type GroupFact struct {
	Level   string
	Rows    int
	Score   float64
	Flagged bool
	Note    string
}

// ImportanceFact is one column's permutation importance on the test rows.
type ImportanceFact struct {
	Column    string
	Mean, Std float64
}

// CostFacts is the threshold explorer's setting (binary classification
// with probabilities only).
type CostFacts struct {
	Positive      string // the class called positive
	FalsePositive float64
	FalseNegative float64
	Threshold     float64 // the chosen threshold, or 0.5 when none was set
	ThresholdSet  bool
	FalseAlarms   int     // on the evaluated rows at Threshold
	Missed        int     // likewise
	Cost          float64 // FalseAlarms·FalsePositive + Missed·FalseNegative
	Stale         bool
}

// TuneFact is one parameter search.
type TuneFact struct {
	Learner string
	Method  string
	Metric  string
	Trials  int
	Best    string // the best setting's label
	Score   float64
	Used    bool // its best setting went into the training settings
}

// JournalEntry is one decision of the project's journal.
type JournalEntry struct {
	Time  time.Time
	Stage string
	What  string
	Why   string
}
