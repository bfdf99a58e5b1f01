// Package stat holds the few numerical summaries that Modelbench's
// exploration, preparation and models must compute identically: numpy
// 1.24's "linear" quantiles and median (QuantileSorted, Quantiles,
// Median) and Neumaier's compensated sum (CompensatedSum) behind every
// mean. eda's column statistics, prep's fitted steps (median, quartiles,
// clip limits, quantile bin edges), the models' baselines and the plots'
// box and histogram summaries all call these, so a quartile or a mean is
// the same number everywhere and agrees with numpy and pandas to the last
// bit.
//
// It depends on the standard library only, so that the scoring path
// (artifact, prep, model, data) can use it without pulling in the
// exploration code.
//
// Error contract: nothing here fails or panics on data; empty input gives
// NaN for a quantile or median and 0 for a sum, as documented per
// function.
//
// Concurrency: the functions keep no state. Quantiles and Median reorder
// the slice they are given, so it must not be shared while they run;
// QuantileSorted and CompensatedSum only read theirs.
package stat
