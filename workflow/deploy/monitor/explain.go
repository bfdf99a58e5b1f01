package monitor

import (
	"fmt"
	"math"
	"strconv"
)

// The plain-words sentences of the drift results. Each says what was
// measured, what the number means, and what to do about it.

const retrainAdvice = " The model is now scoring inputs unlike those it learnt from, so its accuracy may drop: find out what changed upstream (a new data source, a unit or format change, a bug, or a real change in the world), check the live metrics if outcomes arrive, and retrain on recent data if the change is real."

func quote(name string) string { return strconv.Quote(name) }

// FormatPValue writes a p-value for people: "p < 0.001" or "p = 0.042".
func FormatPValue(p float64) string {
	if p < 0.001 {
		return "p < 0.001"
	}
	return fmt.Sprintf("p = %.3f", p)
}

func ksSentence(name string, r Result, n int) string {
	if r.Drifted {
		return fmt.Sprintf("The values of %s in this window (%d values) are distributed differently from the training data: the largest gap between the two cumulative distributions is %.0f%% of the rows (Kolmogorov–Smirnov D = %.3f, %s, below %.2f, so a difference this large is unlikely by chance).%s",
			quote(name), n, 100*r.Statistic, r.Statistic, FormatPValue(r.PValue), r.Threshold, retrainAdvice)
	}
	return fmt.Sprintf("The values of %s in this window (%d values) look like the training data (Kolmogorov–Smirnov D = %.3f, %s, not below %.2f): no evidence of a change. Small windows only reveal large changes; look again when more requests have arrived.",
		quote(name), n, r.Statistic, FormatPValue(r.PValue), r.Threshold)
}

func wassersteinSentence(name string, r Result, n int) string {
	if r.Drifted {
		return fmt.Sprintf("The distribution of %s in this window (%d values) has moved by %.2f training standard deviations (normalised Wasserstein distance; drift from %.2f).%s",
			quote(name), n, r.Statistic, r.Threshold, retrainAdvice)
	}
	return fmt.Sprintf("The distribution of %s in this window (%d values) is close to the training data: it moved by %.2f training standard deviations (normalised Wasserstein distance), below the drift threshold of %.2f. Nothing to do.",
		quote(name), n, r.Statistic, r.Threshold)
}

func chiSquareSentence(name string, r Result, df int) string {
	if math.IsInf(r.Statistic, 1) {
		return fmt.Sprintf("%s takes a value in this window that it never had in the training data, so its mix of levels cannot come from the training distribution (chi-square test, p = 0). The model has learnt nothing about that value: check whether it is a new category, a spelling change or an error upstream, and retrain with examples of it if it is real.",
			quote(name))
	}
	if r.Drifted {
		return fmt.Sprintf("The mix of levels of %s in this window differs from the training data (chi-square = %.1f with %d degrees of freedom, %s, below %.2f, so a difference this large is unlikely by chance).%s",
			quote(name), r.Statistic, df, FormatPValue(r.PValue), r.Threshold, retrainAdvice)
	}
	return fmt.Sprintf("The mix of levels of %s in this window looks like the training data (chi-square = %.1f with %d degrees of freedom, %s, not below %.2f): no evidence of a change. Small windows only reveal large changes; look again when more requests have arrived.",
		quote(name), r.Statistic, df, FormatPValue(r.PValue), r.Threshold)
}

func jsSentence(name string, r Result) string {
	if r.Drifted {
		return fmt.Sprintf("The shares of the levels of %s in this window have moved away from the training data (Jensen–Shannon distance %.3f, natural log, on a scale from 0 for the same shares to %.3f for nothing in common; drift from %.2f).%s",
			quote(name), r.Statistic, JSMaxDistance, r.Threshold, retrainAdvice)
	}
	return fmt.Sprintf("The shares of the levels of %s in this window are close to the training data (Jensen–Shannon distance %.3f, below the drift threshold of %.2f). Nothing to do.",
		quote(name), r.Statistic, r.Threshold)
}

// PSIReading names the conventional reading of a population stability
// index: "stable" below PSIModerate, "moderate" below PSISignificant,
// "significant" from there on.
func PSIReading(psi float64) string {
	switch {
	case psi < PSIModerate:
		return "stable"
	case psi < PSISignificant:
		return "moderate"
	}
	return "significant"
}

func missingSentence(name string, base, win float64) string {
	return fmt.Sprintf("%s is missing in %.0f%% of this window's requests against %.0f%% of the training rows. A change in missing values often means a broken field or a changed form upstream; the model fills them in the way it learnt, which may no longer fit. Find out why before trusting the predictions.",
		quote(name), 100*win, 100*base)
}

// FormatNumber writes a statistic for people, the same way in every
// reader of a report (the dashboard, the findings, the desktop): three
// decimals, three significant digits in e-notation below 0.001 or from a
// million, "∞" and "−∞" for infinities and "–" for NaN (a test that did
// not run).
func FormatNumber(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "∞"
	case math.IsInf(v, -1):
		return "−∞"
	case math.IsNaN(v):
		return "–"
	case v != 0 && (math.Abs(v) < 0.001 || math.Abs(v) >= 1e6):
		return strconv.FormatFloat(v, 'e', 2, 64)
	}
	return strconv.FormatFloat(v, 'f', 3, 64)
}
