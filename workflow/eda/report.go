package eda

import (
	"math"

	"modelbench/workflow/data"
)

// Options says what Describe looks at. The zero value describes every
// column against the schema's target.
type Options struct {
	// Columns restricts the description to these columns, in this order;
	// nil or empty means every column of the table. The target is always
	// described when one is set, even if it is not listed.
	Columns []string `json:"columns,omitempty"`
	// Target names the column to predict; "" means the schema's target.
	Target string `json:"target,omitempty"`
	// NoTarget describes the table without any target, even when the
	// schema names one: no target association, imbalance or leakage.
	NoTarget bool `json:"no_target,omitempty"`
	// Workers is the number of goroutines used; 0 means GOMAXPROCS.
	Workers int `json:"workers,omitempty"`
}

// Report is everything the Explore step shows about a table. It holds no
// NaN or infinite numbers, so encoding/json can always write it; a
// statistic that does not apply or cannot be computed is nil and left out.
type Report struct {
	Source string `json:"source,omitempty"`
	Rows   int    `json:"rows"`
	// Target is the column to predict ("" when there is none) and Task is
	// "classification" or "regression" as judged from its values.
	Target  string        `json:"target,omitempty"`
	Task    string        `json:"task,omitempty"`
	Columns []ColumnStats `json:"columns"`
	// Correlations holds Pearson and Spearman matrices over the numeric
	// columns; nil when fewer than two numeric columns were described.
	Correlations *Correlations `json:"correlations,omitempty"`
	// CramersV is the matrix over categorical and boolean columns; nil
	// when fewer than two such columns were described.
	CramersV   *Matrix    `json:"cramers_v,omitempty"`
	Duplicates Duplicates `json:"duplicates"`
	// Alerts are ordered by severity (critical first), then by column.
	Alerts []Alert `json:"alerts"`
	// Issues are the loader's findings, copied from the table.
	Issues []data.Issue `json:"issues,omitempty"`
}

// Column returns the statistics of the named column, or nil.
func (r *Report) Column(name string) *ColumnStats {
	for i := range r.Columns {
		if r.Columns[i].Name == name {
			return &r.Columns[i]
		}
	}
	return nil
}

// ColumnStats summarises one column. Count is the number of present values;
// the pointer fields are nil (and left out of JSON) when they do not apply
// to the column's kind or are undefined (for example the skewness of fewer
// than three values).
type ColumnStats struct {
	Name       string    `json:"name"`
	Type       data.Kind `json:"type"`
	Label      string    `json:"label,omitempty"`
	Role       data.Role `json:"role"`
	Count      int       `json:"count"`
	Missing    int       `json:"missing"`
	MissingPct float64   `json:"missing_pct"`
	Unique     int       `json:"unique"`

	// Mean and the quantiles follow pandas: quantiles interpolate linearly
	// between order statistics (numpy's default "linear" method); Std is
	// the sample standard deviation (divisor n−1).
	Mean   *float64 `json:"mean,omitempty"`
	Std    *float64 `json:"std,omitempty"`
	Min    *float64 `json:"min,omitempty"`
	P05    *float64 `json:"p05,omitempty"`
	Q1     *float64 `json:"q1,omitempty"`
	Median *float64 `json:"median,omitempty"`
	Q3     *float64 `json:"q3,omitempty"`
	P95    *float64 `json:"p95,omitempty"`
	Max    *float64 `json:"max,omitempty"`
	// Skew is the bias-corrected sample skewness G1 and Kurtosis the
	// bias-corrected sample excess kurtosis G2 (0 for a normal
	// distribution), the conventions of pandas' skew() and kurt().
	Skew      *float64 `json:"skew,omitempty"`
	Kurtosis  *float64 `json:"kurtosis,omitempty"`
	Zeros     *int     `json:"zeros,omitempty"`
	Negatives *int     `json:"negatives,omitempty"`
	// Integer is true when every present numeric value is a whole number.
	Integer   bool       `json:"integer,omitempty"`
	Outliers  *Outliers  `json:"outliers,omitempty"`
	Histogram *Histogram `json:"histogram,omitempty"`

	// Top lists the most frequent values, most frequent first; it is
	// empty for a numeric or text column in which no value repeats.
	Top []ValueCount `json:"top,omitempty"`
	// Levels lists every level of a categorical or boolean column with its
	// count, most frequent first (at most MaxLevelsListed; LevelsTruncated
	// says when more exist).
	Levels          []ValueCount `json:"levels,omitempty"`
	LevelsTruncated bool         `json:"levels_truncated,omitempty"`
	// RareLevels are the levels seen in fewer than RareMinCount rows or
	// less than RareShare of the present rows.
	RareLevels []ValueCount `json:"rare_levels,omitempty"`

	Dates      *DateStats   `json:"dates,omitempty"`
	TextLength *LengthStats `json:"text_length,omitempty"`

	// TargetAssociation scores, from 0 (none) to 1 (perfect), how much
	// this feature alone says about the target, measured as
	// AssociationMeasure ("abs_pearson", "correlation_ratio" or
	// "cramers_v"). Nil for the target itself and when it cannot be
	// computed.
	TargetAssociation  *float64 `json:"target_association,omitempty"`
	AssociationMeasure string   `json:"association_measure,omitempty"`
}

// ValueCount is one value and how many rows hold it. Numbers are written
// in their shortest exact form.
type ValueCount struct {
	Value string  `json:"value"`
	Count int     `json:"count"`
	Share float64 `json:"share"` // Count over the present values
}

// Outliers counts values far from the bulk of a numeric column by two
// rules: Tukey's fences (below Q1 − 1.5·IQR or above Q3 + 1.5·IQR) and the
// robust z-score |x − median| / (1.4826·MAD) above RobustZLimit (Iglewicz
// and Hoaglin's modified z-score; MAD is the median absolute deviation).
type Outliers struct {
	IQRCount     int      `json:"iqr_count"`
	LowerFence   float64  `json:"lower_fence"`
	UpperFence   float64  `json:"upper_fence"`
	RobustZCount int      `json:"robust_z_count"`
	MAD          float64  `json:"mad"`
	Below        *float64 `json:"below,omitempty"` // the largest value under the lower fence
	Above        *float64 `json:"above,omitempty"` // the smallest value over the upper fence
}

// Histogram is a compact, pre-binned view of the finite values of a
// numeric column: len(Edges) is len(Counts)+1, bins are half-open [a, b)
// except the last, which is closed, exactly as numpy.histogram bins them.
// Infinite values are left out (numpy refuses them).
type Histogram struct {
	Edges  []float64 `json:"edges"`
	Counts []int     `json:"counts"`
}

// DateStats describes a datetime column. Instants are written in RFC 3339
// (UTC); steps are in seconds between consecutive distinct instants.
type DateStats struct {
	First string `json:"first"`
	Last  string `json:"last"`
	// TypicalStep is the median step between consecutive distinct
	// instants, in seconds; 0 when there is only one distinct instant.
	TypicalStep float64 `json:"typical_step_seconds"`
	// Gaps are the largest steps longer than GapFactor typical steps,
	// longest first (at most MaxGapsListed); GapCount counts them all.
	Gaps     []DateGap `json:"gaps,omitempty"`
	GapCount int       `json:"gap_count"`
}

// DateGap is a stretch of time with no rows.
type DateGap struct {
	From    string  `json:"from"`
	To      string  `json:"to"`
	Seconds float64 `json:"seconds"`
}

// LengthStats is the distribution of text lengths in characters (Unicode
// code points), with the same quantile convention as numeric columns.
type LengthStats struct {
	Min    float64 `json:"min"`
	Mean   float64 `json:"mean"`
	Q1     float64 `json:"q1"`
	Median float64 `json:"median"`
	Q3     float64 `json:"q3"`
	P95    float64 `json:"p95"`
	Max    float64 `json:"max"`
}

// Correlations holds the pairwise correlation matrices of the numeric
// columns, each computed over the rows where both columns are present
// (pandas' DataFrame.corr convention).
type Correlations struct {
	Pearson  Matrix `json:"pearson"`
	Spearman Matrix `json:"spearman"`
}

// Matrix is a symmetric matrix over named columns: Values[i][j] belongs to
// Columns[i] and Columns[j]. A nil entry is undefined (a constant column or
// fewer than two shared rows).
type Matrix struct {
	Columns []string     `json:"columns"`
	Values  [][]*float64 `json:"values"`
}

// At returns the entry for columns i and j, NaN when undefined.
func (m *Matrix) At(i, j int) float64 {
	if p := m.Values[i][j]; p != nil {
		return *p
	}
	return math.NaN()
}

// Duplicates reports rows that repeat an earlier row in every described
// column. Count is pandas' DataFrame.duplicated().sum(): each repeat after
// the first occurrence counts once.
type Duplicates struct {
	Count int `json:"count"`
	// Groups lists up to MaxDuplicateGroups sets of identical rows by
	// their zero-based row positions, largest set first.
	Groups [][]int `json:"groups,omitempty"`
}

// num returns a pointer to v, or nil when v is NaN or infinite, so that
// undefined statistics are left out of JSON.
func num(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

func intp(v int) *int { return &v }

// val reads an optional statistic, NaN when it is absent.
func val(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}
