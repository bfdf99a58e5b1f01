package monitor

import "time"

// ActivityPoint is one step of a window's activity: the requests that
// arrived in [Start, End), how many failed, their latency percentiles
// (as Report.Latency), how many of those that did not fail have their
// true outcome (a usable one: a label or a number), and the live metrics
// on them (nil when none has).
type ActivityPoint struct {
	Start    time.Time    `json:"start"`
	End      time.Time    `json:"end"`
	Requests int          `json:"requests"`
	Errors   int          `json:"errors"`
	Latency  Latency      `json:"latency"`
	Feedback int          `json:"feedback"`
	Live     *LiveMetrics `json:"live,omitempty"`
}

// activitySteps are the step widths a window's activity may use, shortest
// first.
var activitySteps = []time.Duration{
	time.Minute, 5 * time.Minute, 15 * time.Minute, time.Hour, 3 * time.Hour, 6 * time.Hour,
	24 * time.Hour, 7 * 24 * time.Hour,
}

// MaxActivityPoints bounds the steps of a window's activity.
const MaxActivityPoints = 60

// ActivityStepFor returns the step that cuts a window spanning span into
// at most MaxActivityPoints steps: the shortest of one minute, 5 and 15
// minutes, one, 3 and 6 hours, a day and a week that does (a week for
// longer spans). Steps are aligned on multiples of their width since
// Go's zero time, in UTC: minutes and hours on the clock, days at
// midnight, weeks at midnight on Monday.
func ActivityStepFor(span time.Duration) time.Duration {
	for _, s := range activitySteps {
		if span < time.Duration(MaxActivityPoints)*s {
			return s
		}
	}
	return activitySteps[len(activitySteps)-1]
}

// activity cuts the window's requests into steps.
func (w *window) activity() ([]ActivityPoint, time.Duration) {
	if w.from.IsZero() {
		return nil, 0
	}
	step := ActivityStepFor(w.to.Sub(w.from))
	first := w.from.Truncate(step)
	slot := func(ns int64) int { return int(time.Unix(0, ns).Sub(first) / step) }
	n := slot(w.to.UnixNano()) + 1
	reqs := make([][]int, n)
	for i, t := range w.times {
		if t != 0 {
			k := slot(t)
			reqs[k] = append(reqs[k], i)
		}
	}
	pairs := make([][]int, n)
	for i, t := range w.live.times {
		if t != 0 {
			k := slot(t)
			pairs[k] = append(pairs[k], i)
		}
	}
	var out []ActivityPoint
	for k := range n {
		if len(reqs[k]) == 0 {
			continue
		}
		start := first.Add(time.Duration(k) * step).UTC()
		pt := ActivityPoint{Start: start, End: start.Add(step), Requests: len(reqs[k])}
		lat := make([]float64, len(reqs[k]))
		for j, i := range reqs[k] {
			lat[j] = w.lat[i]
			if w.errs[i] {
				pt.Errors++
			}
		}
		pt.Latency = latencyOf(lat)
		pt.Feedback, pt.Live = w.live.subset(pairs[k])
		out = append(out, pt)
	}
	return out, step
}

// subset returns the pair count and live metrics of the pairs at idx.
func (l *liveAcc) subset(idx []int) (int, *LiveMetrics) {
	if len(idx) == 0 {
		return 0, nil
	}
	s := liveAcc{task: l.task}
	for _, i := range idx {
		if l.task == Classification {
			s.predLabels = append(s.predLabels, l.predLabels[i])
			s.trueLabels = append(s.trueLabels, l.trueLabels[i])
		} else {
			s.predValues = append(s.predValues, l.predValues[i])
			s.trueValues = append(s.trueValues, l.trueValues[i])
		}
	}
	return len(idx), s.metrics()
}
