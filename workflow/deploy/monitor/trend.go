package monitor

import (
	"context"
	"fmt"
	"slices"
	"time"

	"modelbench/workflow/progress"
)

// Bucket is the width of a trend bucket.
type Bucket string

// The bucket widths. Buckets are aligned in UTC: hours on the hour, days at
// midnight, weeks at midnight on Monday (ISO weeks).
const (
	Hour Bucket = "hour"
	Day  Bucket = "day"
	Week Bucket = "week"
)

// ParseBucket reads "hour", "day" or "week".
func ParseBucket(s string) (Bucket, error) {
	switch b := Bucket(s); b {
	case Hour, Day, Week:
		return b, nil
	}
	return "", fmt.Errorf("unknown bucket %q (want hour, day or week)", s)
}

// Start returns the start of the bucket holding t.
func (b Bucket) Start(t time.Time) time.Time {
	t = t.UTC()
	switch b {
	case Hour:
		return t.Truncate(time.Hour)
	case Week:
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		back := (int(d.Weekday()) + 6) % 7 // days since Monday
		return d.AddDate(0, 0, -back)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// End returns the end (exclusive) of the bucket that starts at start.
func (b Bucket) End(start time.Time) time.Time {
	switch b {
	case Hour:
		return start.Add(time.Hour)
	case Week:
		return start.AddDate(0, 0, 7)
	}
	return start.AddDate(0, 0, 1)
}

// TrendPoint is the report on the records of one bucket.
type TrendPoint struct {
	Start  time.Time `json:"start"`
	End    time.Time `json:"end"`
	Report *Report   `json:"report"`
}

// Trend splits the records into buckets of the given width by their Time
// and summarises each bucket on its own, in time order; buckets without
// records are left out, and so are records without a time. Each bucket's
// size picks its drift tests (see SmallWindow). ctx is checked between
// buckets; report (which may be nil) hears after each.
func Trend(ctx context.Context, b *Baseline, recs []Record, width Bucket, report progress.Func) ([]TrendPoint, error) {
	if _, err := ParseBucket(string(width)); err != nil {
		return nil, err
	}
	if b == nil {
		return nil, fmt.Errorf("monitor: no baseline")
	}
	groups := map[time.Time][]int{}
	for i := range recs {
		if t := recs[i].Time; !t.IsZero() {
			s := width.Start(t)
			groups[s] = append(groups[s], i)
		}
	}
	starts := make([]time.Time, 0, len(groups))
	for s := range groups {
		starts = append(starts, s)
	}
	slices.SortFunc(starts, func(a, b time.Time) int { return a.Compare(b) })
	out := make([]TrendPoint, 0, len(starts))
	for k, s := range starts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		w := newWindow(b, len(groups[s]))
		w.noActivity = true
		for _, i := range groups[s] {
			w.addRecord(&recs[i])
		}
		out = append(out, TrendPoint{Start: s, End: width.End(s), Report: w.finish()})
		report.Send(float64(k+1)/float64(len(starts)), "summarising "+s.Format(time.RFC3339))
	}
	return out, nil
}
