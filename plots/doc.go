// Package plots turns workflow results into gonum/plot figures and renders
// them as PNG, SVG or an image.Image for the UI.
//
// It owns every chart of the workbench: the Explore figures (histogram with
// a density curve, box plot, level bars, scatter, correlation heatmap,
// missing-value charts, pair plot, target-versus-feature views) and the
// Evaluate figures (confusion matrix, ROC and precision–recall curves,
// calibration, lift and gain, regression diagnostics, importances, partial
// dependence, learning curves, leaderboard, decision tree) and the Monitor
// figures (a service's metrics over time, training against recent
// distributions).
//
// Figures (each returns (*Figure, error); options structs are zero-value
// safe and carry a Title and a Style):
//
//	Explore:  Histogram, HistogramBins, BoxPlot, BoxByClass, LevelBars,
//	          Scatter (by class, by value with a colour bar, trend line),
//	          CorrelationHeatmap, MissingBars, MissingMatrix, PairPlot,
//	          ClassHistograms, ClassShares
//	Evaluate: ConfusionMatrix, ROC, PrecisionRecall, Calibration, Gain, Lift,
//	          PredictedVsActual, ResidualsVsPredicted, ResidualHistogram,
//	          QQPlot, PermutationImportance, PartialDependence,
//	          LearningCurve, Leaderboard, Tree
//	Monitor:  TimePanels (panels over one time axis, reference lines),
//	          DriftNumeric, DriftLevels
//	Helpers:  GroupBy, CountLevels (from category codes, -1 missing)
//	Output:   Image (for the UI), PNG, SVG, Save (by extension)
//	Look:     Light, Dark, Style, OkabeIto
//
// Inputs are plain slices and small structs defined here, so plots does not
// depend on the shape of eda or eval results. Every constructor cleans its
// own input: NaN and ±Inf are dropped and the figure says so in a note
// under the chart ("12 missing values not shown"); constant data and single
// points are drawn with a sensible range.
//
// Error contract: a constructor returns ErrNothingToDraw (wrapped with the
// column or series name) when no finite value is left, and a descriptive
// error for inconsistent inputs (slices of different lengths, a matrix that
// is not square). Constructors and renderers never panic on user data; a
// panic inside gonum/plot while rendering is recovered into an error.
//
// Large inputs: figures summarise before drawing (histogram bins, box
// statistics, binned kernel density, scatter points rasterised into one
// image), so a 1M-row column draws in well under half a second.
//
// Goroutine safety: constructors and renderers keep no shared state and may
// run on any goroutine. A returned *Figure is not safe for concurrent
// drawing and must not be modified while it is drawn.
package plots
