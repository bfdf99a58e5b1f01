// Package eda owns the computation behind the Explore step: per-column
// statistics (pandas' conventions: sample standard deviation, linearly
// interpolated quantiles, bias-corrected skewness G1 and excess kurtosis
// G2), compact histograms, level counts, date ranges and gaps, text
// lengths, the Pearson and Spearman correlation matrices, Cramér's V
// between categorical columns, a per-feature association with the target,
// duplicate rows, and data-quality alerts written for a learner, each with
// the plot that shows it and a suggested Prepare step. Plots and screens
// are built elsewhere from the Report, which encodes to JSON as it is (no
// NaN: undefined statistics are nil).
//
// Its quantiles, medians and means come from workflow/stat, which prep's
// fitted steps, the models' baselines and the plots' summaries share, so a
// quartile is the same number everywhere.
//
// Error contract: Describe returns an error only for a missing table, an
// option naming a column the table lacks (the error names it), or a
// cancelled context (ctx.Err() itself). Odd data (empty, constant or
// all-missing columns) never fails: the statistics that do not apply are
// left nil and alerts say what was found. Panics mean a broken internal
// invariant, such as an unknown column type.
//
// Concurrency: Describe only reads the table, so several calls may run at
// once on the same table. It spreads columns and column pairs over
// Options.Workers goroutines, and calls its progress.Func from the calling
// goroutine only. A Report is plain data; it is safe to read from many
// goroutines once Describe has returned.
package eda
