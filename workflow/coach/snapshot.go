package coach

import "time"

// Snapshot is what the coach knows about a project: plain values copied
// out of it (workflow's Project.CoachSnapshot builds one), so that rules
// and lesson checkpoints are pure functions of it. A nil part means the
// project has not got that far; rules about that part stay silent.
type Snapshot struct {
	Data     *Data
	Explore  *Explore
	Prepare  *Prepare
	Train    *Train
	Evaluate *Evaluate
	Deploy   *Deploy
}

// Data is the loaded table and what its columns are for.
type Data struct {
	Source string // where the data came from (a path, "sample:ID", ...)
	Sample string // the bundled sample's ID, "" for other data
	Rows   int
	Cols   int
	Target string // "" when none is chosen
	Task   string // "classification", "regression" or "" without a target
	// TargetMissing counts the rows without a target value.
	TargetMissing int
	// Classes are the target's classes, most common first (classification).
	Classes []Class
	Columns []Column
	// Leaks are the features that alone predict the target on the
	// training rows (the default preparation leaves them out unless kept).
	Leaks []Leak
	// Scaled are numeric features that already look scaled over all rows
	// of the file, that is before Modelbench split them.
	Scaled []Scaled
}

// Class is one class of the target and how many rows have it.
type Class struct {
	Label string
	Count int
}

// Column is one column of the table.
type Column struct {
	Name  string
	Kind  string // numeric, categorical, boolean, datetime, text
	Label string // what it looks like: identifier, integer, ...
	Role  string // feature, target, identifier, ignored
	// UserRole says the person chose the role.
	UserRole bool
	// Input says the preparation hands the column to the learners: a
	// feature that no enabled step drops.
	Input bool
	// Changed says an enabled preparation step changes how the column
	// is read (change_type, one_hot, ordinal, bin, date_parts,
	// target_encode, group_rare), so it is no longer a plain number.
	Changed bool
}

// Leak is a feature that alone predicts the target on the training rows.
type Leak struct {
	Column   string
	Evidence string // how it was measured, with the number
	Kept     bool   // the person chose its role, so the preparation keeps it
}

// Scaled is a numeric column whose values already look standardised
// (mean 0, standard deviation 1) or squeezed into [0, 1] over every row.
type Scaled struct {
	Column string
	How    string // "standardised" or "min-max"
	Mean   float64
	Std    float64
	Min    float64
	Max    float64
}

// Explore is the Explore step's result.
type Explore struct {
	Stale  bool
	Alerts []Alert
}

// Alert is one of Explore's data-quality alerts.
type Alert struct {
	Kind     string // eda's Kind* names: identifier_like, target_leakage, numbers_are_dates, ...
	Column   string
	Severity string
	Message  string
	Fix      *Fix // the Prepare step Explore suggests, nil when none
}

// Fix is a Prepare step: its kind and parameters.
type Fix struct {
	Step   string
	Params map[string]any
}

// Prepare is the preparation and the split: the steps and the split
// method as set (as soon as a target is chosen), and the parts and what
// was fitted once the preparation ran.
type Prepare struct {
	// Done says the preparation was fitted and is current; Stale that
	// something upstream changed since.
	Done, Stale bool
	Default     bool // the default preparation, never edited
	Steps       []Step
	SplitMethod string
	// TrainRows, ValidRows and TestRows are the parts of the split.
	TrainRows, ValidRows, TestRows int
	// Features is how many columns the prepared rows give the learners.
	Features int
	// FitRows is how many rows the fitted preparation learnt from and
	// FitTestRows how many of them are test rows: 0 by construction,
	// which the coach checks rather than assumes.
	FitRows, FitTestRows int
}

// Step is one preparation step.
type Step struct {
	Kind    string
	Enabled bool
	Columns []string // the columns it names
	Why     string
}

// Train is the leaderboard and the choice.
type Train struct {
	Done, Stale bool
	Metric      string // the ranking metric's registry name
	MetricLabel string
	// HigherIsBetter says which way the metric points.
	HigherIsBetter bool
	Validation     string // "cv", "holdout" or "none"
	Folds          int
	Rows           int // the rows models learn from (training + validation)
	Entries        []Entry
	Chosen, Why    string
	// VsBaseline compares the chosen model (or, before a choice, the
	// best) with the baseline; VsRunnerUp compares it with the best
	// other model. Nil when not computed.
	VsBaseline, VsRunnerUp *Comparison
}

// Entry is one leaderboard row; Score is NaN when not validated.
type Entry struct {
	Name       string
	Score, Std float64
	Baseline   bool
}

// Comparison is the corrected paired t-test of two entries over the same
// folds.
type Comparison struct {
	A, B   string
	MeanA  float64
	MeanB  float64
	P      float64
	Likely bool // the difference is likely real
}

// Evaluate is the chosen model's evaluation and the record of the test
// rows.
type Evaluate struct {
	Done, Stale bool
	Model       string
	Part        string // "test" or "training"
	Rows        int
	Metric      string
	MetricLabel string
	Score       float64
	// CVScore and CVStd are the same model's cross-validated score (NaN
	// when unknown), to compare a training-rows score with.
	CVScore, CVStd float64
	// TestLog names every model scored on the test rows; Views is every
	// opening of the test rows, in order.
	TestLog []string
	Views   []View
	// Binary says the threshold explorer applies; the fields below are
	// then set.
	Binary       bool
	Positive     string
	CostFP       float64
	CostFN       float64
	Threshold    float64 // the decision threshold in use (0.5 unless set)
	ThresholdSet bool
	// Cost is the cost of the mistakes at Threshold on the evaluated
	// rows; BestThreshold and BestCost the cheapest threshold's.
	Cost, BestThreshold, BestCost float64
}

// View is one evaluation on the test rows: which model, and its
// fingerprint (the same name after a change is another model).
type View struct {
	Model       string
	Fingerprint string
	Time        time.Time
}

// Deploy is what was exported of the chosen model and how far the
// deployment checklist is answered.
type Deploy struct {
	Fingerprint string // the chosen model's
	Packages    []Export
	Docs        []Export
	// Readiness is the checklist's (0–100); Monitoring the Monitoring
	// section's, with how many of its items are answered.
	Readiness          float64
	Monitoring         float64
	MonitoringAnswered int
	MonitoringItems    int
}

// Export is one recorded export of the chosen model: a deployment
// package or a documentation bundle.
type Export struct {
	Path        string
	Fingerprint string
	Time        time.Time
	// DriftBaseline is where a package keeps the training profile that
	// live inputs are compared with, "" when it has none.
	DriftBaseline string
}
