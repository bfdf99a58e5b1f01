package eda

// Sizes of the lists kept in a Report.
const (
	// MaxTopValues is the length of ColumnStats.Top.
	MaxTopValues = 10
	// MaxLevelsListed caps ColumnStats.Levels and RareLevels.
	MaxLevelsListed = 1000
	// MaxGapsListed caps DateStats.Gaps.
	MaxGapsListed = 10
	// MaxDuplicateGroups caps Duplicates.Groups; MaxDuplicateRowsShown caps
	// the rows listed in each group.
	MaxDuplicateGroups    = 5
	MaxDuplicateRowsShown = 10
	// HistogramMaxBins caps the bins of Histogram.
	HistogramMaxBins = 50
	// MaxCramerLevels is the most levels a column may have to enter the
	// Cramér's V matrix; wider tables say little and cost much.
	MaxCramerLevels = 200
)

// Thresholds of the column statistics.
const (
	// RareMinCount and RareShare: a level seen in fewer rows, or in a
	// smaller share of the present rows, is rare.
	RareMinCount = 5
	RareShare    = 0.01
	// IQRFactor is Tukey's fence multiplier.
	IQRFactor = 1.5
	// RobustZLimit is the modified z-score above which Iglewicz and
	// Hoaglin (1993) call a value an outlier.
	RobustZLimit = 3.5
	// GapFactor: a step between dates longer than this many typical steps
	// is a gap.
	GapFactor = 5.0
	// DateLikeFirstYear and DateLikeLastYear bound the years of whole
	// numbers read as yyyymmdd dates.
	DateLikeFirstYear = 1900
	DateLikeLastYear  = 2100
)

// SentinelCodes are numbers often typed in place of a missing value.
var SentinelCodes = []float64{-99999, -9999, -999, -99, 999, 9999, 99999}

// Thresholds of the data-quality alerts.
const (
	// MissingWarnShare and MissingCriticalShare: a column missing in at
	// least this share of rows gets a warning or a critical alert; any
	// smaller positive share gets an info alert.
	MissingWarnShare     = 0.05
	MissingCriticalShare = 0.40
	// MissingDropShare: above it the suggested fix drops the column
	// instead of filling it.
	MissingDropShare = 0.60
	// NearConstantShare: a column whose most frequent value covers at
	// least this share of its present rows is near-constant.
	NearConstantShare = 0.98
	// HighCardinalityLevels and HighCardinalityShare: a categorical or
	// text column with more levels than both this number and this share of
	// its rows has high cardinality.
	HighCardinalityLevels = 50
	HighCardinalityShare  = 0.05
	// IdentifierMinRows is the fewest rows for a column of all-distinct
	// values to be called identifier-like.
	IdentifierMinRows = 10
	// OutlierMinShare: the outlier alert fires when at least this share
	// of present values (and at least one value) is a robust-z outlier.
	OutlierMinShare = 0.001
	// OutlierWarnShare: from this share of robust-z outliers on, the alert
	// is a warning rather than info.
	OutlierWarnShare = 0.05
	// SkewLimit and StrongSkewLimit: |G1| above them is a skew info or
	// warning.
	SkewLimit       = 1.0
	StrongSkewLimit = 2.0
	// ZerosShare: a numeric column with at least this share of zeros has
	// many zeros.
	ZerosShare = 0.5
	// MixedNumberShare: a categorical or text column whose rows read as
	// numbers in at least this share (but not all) mixes types.
	MixedNumberShare = 0.5
	// MaxCategoryLikeValues: a whole-number column with at least 3 and at
	// most this many distinct values, each seen CategoryLikeMinRows times
	// on average, may be a category.
	MaxCategoryLikeValues = 10
	CategoryLikeMinRows   = 5
	// ImbalanceRatio and SevereImbalanceRatio: a target whose rarest class
	// has fewer rows than this share of the most common class is
	// imbalanced (warning) or severely so (critical).
	ImbalanceRatio       = 0.2
	SevereImbalanceRatio = 0.05
	// MaxClasses is the most distinct values a numeric target may have to
	// be treated as classes.
	MaxClasses = 20
	// CorrelationLimit: two numeric features with |Pearson r| at least this
	// are strongly correlated.
	CorrelationLimit = 0.9
	// CramerLimit: two categorical features with Cramér's V at least this
	// are strongly associated.
	CramerLimit = 0.9
	// LeakageLimit: a feature whose target association reaches it predicts
	// the target almost perfectly on its own.
	LeakageLimit = 0.99
	// SpellingMaxLevels: near-duplicate spellings are searched among at
	// most this many levels (the search is quadratic).
	SpellingMaxLevels = 300
)
