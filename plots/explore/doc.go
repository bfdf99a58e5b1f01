// Package explore turns the Explore step's results (an eda.Report and the
// table it describes) into figures: a column's distribution, a feature
// against the target, correlations, missing values, a pair plot, and the
// evidence for each data-quality alert. The GUI and the exploration report
// draw the same figures through it.
//
// Error contract: functions return an error instead of panicking on
// empty, constant or missing data: ErrUnknownColumn (wrapped, with the
// name) for a column the table lacks, plots.ErrNothingToDraw (wrapped,
// with the reason) where a figure does not apply.
//
// Concurrency: functions are safe for concurrent use: inputs are only read.
package explore
