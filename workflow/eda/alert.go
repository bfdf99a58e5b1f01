package eda

import "sort"

// Severity grades an alert: info (worth knowing), warning (likely to hurt a
// model unless handled) or critical (will mislead a model or the learner).
type Severity string

// The severities, mildest first.
const (
	Info     Severity = "info"
	Warning  Severity = "warning"
	Critical Severity = "critical"
)

func (s Severity) rank() int {
	switch s {
	case Critical:
		return 0
	case Warning:
		return 1
	}
	return 2
}

// Alert kinds: stable identifiers that the UI, guides and tests rely on.
const (
	KindMissing         = "missing_values"
	KindTargetMissing   = "target_missing"
	KindConstant        = "constant"
	KindNearConstant    = "near_constant"
	KindHighCardinality = "high_cardinality"
	KindIdentifier      = "identifier_like"
	KindDuplicates      = "duplicate_rows"
	KindOutliers        = "outliers"
	KindSkewed          = "skewed"
	KindManyZeros       = "many_zeros"
	KindMixedTypes      = "mixed_types"
	KindSentinel        = "sentinel_values"
	KindImpossibleZeros = "impossible_zeros"
	KindSpelling        = "inconsistent_spelling"
	KindNumbersAreDates = "numbers_are_dates"
	KindNumbersAreCats  = "numbers_are_categories"
	KindImbalance       = "class_imbalance"
	KindCorrelated      = "correlated_features"
	KindLeakage         = "target_leakage"
)

// Plot kinds name the figure that shows an alert's evidence.
const (
	PlotHistogram = "histogram"
	PlotBox       = "box"
	PlotBar       = "bar"
	PlotScatter   = "scatter"
	PlotHeatmap   = "heatmap"
	PlotMissing   = "missing"
	PlotPair      = "pair"
	PlotTarget    = "target"
)

// Prepare step kinds used in Fix.Step (implemented by workflow/prep).
const (
	StepDropColumns      = "drop_columns"
	StepImpute           = "impute"
	StepRemoveDuplicates = "remove_duplicates"
	StepClip             = "clip"
	StepLog1p            = "log1p"
	StepYeoJohnson       = "yeo_johnson"
	StepGroupRare        = "group_rare"
	StepReplaceValues    = "replace_values"
	StepChangeType       = "change_type"
	StepRebalance        = "rebalance"
	StepBin              = "bin"
)

// Alert is one data-quality finding, written for a learner: what was found
// (Message, with the numbers), why it matters for a model (Why), what to do
// (Action), the plot that shows it, and optionally a Prepare step that
// would fix it. Plot is nil when no figure shows the finding (duplicate
// rows). Column is set when the alert is about one column, Columns
// when it is about several (both may be empty for table-wide alerts).
type Alert struct {
	Kind     string   `json:"kind"`
	Column   string   `json:"column,omitempty"`
	Columns  []string `json:"columns,omitempty"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Why      string   `json:"why"`
	Action   string   `json:"action"`
	Plot     *Plot    `json:"plot,omitempty"`
	Fix      *Fix     `json:"fix,omitempty"`
}

// Plot names a figure: one of the Plot* kinds and the columns it draws
// (none for table-wide figures such as the missing-value map).
type Plot struct {
	Kind    string   `json:"kind"`
	Columns []string `json:"columns,omitempty"`
}

// Fix is a suggested Prepare step: its kind (a Step* constant) and its
// parameters as JSON-friendly values.
type Fix struct {
	Step   string         `json:"step"`
	Params map[string]any `json:"params"`
}

// sortAlerts orders alerts by severity, then by the position of their
// first column in order (table-wide alerts first), then by kind.
func sortAlerts(alerts []Alert, order map[string]int) {
	pos := func(a Alert) int {
		c := a.Column
		if c == "" && len(a.Columns) > 0 {
			c = a.Columns[0]
		}
		if c == "" {
			return -1
		}
		return order[c]
	}
	sort.SliceStable(alerts, func(i, j int) bool {
		a, b := alerts[i], alerts[j]
		if a.Severity.rank() != b.Severity.rank() {
			return a.Severity.rank() < b.Severity.rank()
		}
		if pa, pb := pos(a), pos(b); pa != pb {
			return pa < pb
		}
		return a.Kind < b.Kind
	})
}

// AlertsOf returns the alerts of the given kind, in report order; nil when
// there are none.
func (r *Report) AlertsOf(kind string) []Alert {
	var out []Alert
	for _, a := range r.Alerts {
		if a.Kind == kind {
			out = append(out, a)
		}
	}
	return out
}
