package plots

import (
	"math"
	"time"

	"gonum.org/v1/plot"
)

// timeSteps are the tick spacings of a time axis, in seconds: round
// seconds, minutes, hours and days.
var timeSteps = []float64{
	1, 2, 5, 10, 15, 30,
	60, 2 * 60, 5 * 60, 10 * 60, 15 * 60, 30 * 60,
	3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600,
	86400, 2 * 86400, 7 * 86400, 14 * 86400,
}

// maxTimeTicks is the most labelled ticks a time axis gets.
const maxTimeTicks = 6

// monday is the Unix time of a Monday at midnight UTC (1970-01-05), so
// that weekly ticks fall on Mondays like the monitor's weekly buckets.
const monday = 4 * 86400

// timeTicks marks an axis of Unix seconds at round UTC times: the
// smallest step of timeSteps giving at most maxTimeTicks ticks (whole
// months or years beyond that), days at midnight and weeks on Monday. A
// label gives the time of day, and the date under it on the first tick
// and wherever the date changes. hide keeps the ticks and grid lines but
// blanks the labels (a panel above another on the same time axis).
type timeTicks struct{ hide bool }

// Ticks implements plot.Ticker.
func (tt timeTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || !isFinite(lo) || !isFinite(hi) {
		return nil
	}
	span := hi - lo
	var vals []float64
	var step float64
	for _, st := range timeSteps {
		if span/st <= maxTimeTicks {
			step = st
			break
		}
	}
	switch {
	case span < 2: // below a second: gonum's spacing, labelled to the millisecond
		for _, t := range (plot.DefaultTicks{}).Ticks(lo, hi) {
			if !t.IsMinor() {
				vals = append(vals, t.Value)
			}
		}
		step = 0.001
	case step == 0:
		vals, step = calendarTicks(lo, hi)
	default:
		origin := 0.0
		if step >= 7*86400 {
			origin = monday
		}
		for k := math.Ceil((lo - origin) / step); origin+k*step <= hi && len(vals) <= maxTimeTicks+1; k++ {
			vals = append(vals, origin+k*step)
		}
	}
	ticks := make([]plot.Tick, len(vals))
	prev := ""
	for i, v := range vals {
		ticks[i] = plot.Tick{Value: v, Label: " "}
		if tt.hide {
			continue
		}
		t := unixTime(v)
		date := t.Format("Jan 2")
		if step >= 86400 {
			date = t.Format("2006")
		}
		label := clockLabel(t, step)
		if date != prev && step < 365*86400 {
			label += "\n" + date
		}
		prev = date
		ticks[i].Label = label
	}
	return ticks
}

// clockLabel writes t as precisely as ticks step seconds apart need.
func clockLabel(t time.Time, step float64) string {
	switch {
	case step < 1:
		return t.Format("15:04:05.000")
	case step < 60:
		return t.Format("15:04:05")
	case step < 86400:
		return t.Format("15:04")
	case step < 28*86400:
		return t.Format("Jan 2")
	case step < 365*86400:
		return t.Format("Jan")
	}
	return t.Format("2006")
}

// calendarTicks marks spans of months or years: the first of every 1, 2,
// 3 or 6 months, or every 1, 2, 5, 10, … years.
func calendarTicks(lo, hi float64) (vals []float64, step float64) {
	a, b := unixTime(lo), unixTime(hi)
	months := float64(b.Year()-a.Year())*12 + float64(b.Month()-a.Month())
	for _, m := range []int{1, 2, 3, 6} {
		if months/float64(m) <= maxTimeTicks {
			first := time.Month((int(a.Month())-1)/m*m + 1)
			for t := time.Date(a.Year(), first, 1, 0, 0, 0, 0, time.UTC); len(vals) <= maxTimeTicks+1 && !t.After(b); t = t.AddDate(0, m, 0) {
				if !t.Before(a) {
					vals = append(vals, unixSeconds(t))
				}
			}
			return vals, float64(m) * 30 * 86400
		}
	}
	years := math.Max(float64(b.Year()-a.Year()), 1)
	ys := math.Pow(10, math.Floor(math.Log10(years/maxTimeTicks)))
	for _, k := range []float64{1, 2, 5, 10} {
		if years/(ys*k) <= maxTimeTicks {
			ys *= k
			break
		}
	}
	ys = math.Max(ys, 1)
	for y := math.Ceil(float64(a.Year())/ys) * ys; y <= float64(b.Year()) && len(vals) <= maxTimeTicks+1; y += ys {
		if v := unixSeconds(time.Date(int(y), 1, 1, 0, 0, 0, 0, time.UTC)); v >= lo && v <= hi {
			vals = append(vals, v)
		}
	}
	return vals, 365 * 86400
}

// unixSeconds is t as Unix seconds; it does not overflow for any year a
// time.Time holds, unlike UnixNano.
func unixSeconds(t time.Time) float64 {
	return float64(t.Unix()) + float64(t.Nanosecond())/1e9
}

// unixTime is the UTC time of Unix seconds v (clamped to what int64
// seconds hold).
func unixTime(v float64) time.Time {
	v = math.Max(-9.2e18, math.Min(9.2e18, v))
	sec := math.Floor(v)
	return time.Unix(int64(sec), int64((v-sec)*1e9)).UTC()
}
