package monitor

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

// MaxNewLevels is the number of unseen levels a FeatureDrift lists by name.
const MaxNewLevels = 20

// Report summarises a window of logged requests against the baseline.
type Report struct {
	From     time.Time `json:"from"` // earliest record time (zero when none)
	To       time.Time `json:"to"`   // latest record time
	Requests int       `json:"requests"`
	Errors   int       `json:"errors"` // requests whose Error is set
	// ErrorShare is Errors / Requests (0 with no requests).
	ErrorShare float64 `json:"error_share"`
	Latency    Latency `json:"latency"`
	// Features are the input columns, most drifted first (by Result.Score,
	// then name).
	Features        []FeatureDrift `json:"features"`
	DriftedFeatures int            `json:"drifted_features"`
	// Prediction is the drift of the predictions of the requests that did
	// not fail.
	Prediction FeatureDrift `json:"prediction"`
	// Feedback counts the requests that did not fail and whose true
	// outcome has arrived.
	Feedback int `json:"feedback"`
	// Live holds metrics on the requests with both a prediction and
	// feedback; nil when there are none.
	Live *LiveMetrics `json:"live,omitempty"`
	// Activity is the window over time: requests, errors, latency and
	// live metrics per step of ActivityStepSeconds (ActivityStepFor the
	// window's span), oldest first, for the requests that have a time;
	// empty when none has. Steps without requests are left out.
	Activity            []ActivityPoint `json:"activity,omitempty"`
	ActivityStepSeconds int64           `json:"activity_step_seconds,omitempty"`
}

// Latency holds the latency percentiles of the window, in milliseconds,
// with numpy's default (linear) interpolation; all zero with no requests.
type Latency struct {
	P50 float64 `json:"p50_ms"`
	P90 float64 `json:"p90_ms"`
	P99 float64 `json:"p99_ms"`
	Max float64 `json:"max_ms"`
}

// FeatureDrift is one column's change between training and the window.
type FeatureDrift struct {
	Name string    `json:"name"`
	Kind data.Kind `json:"kind"`
	// Values counts the window's present values.
	Values int    `json:"values"`
	Drift  Result `json:"drift"`
	// PSI is the population stability index over the baseline's bins (or
	// levels and "other"), with missing values as one more bin; nil for an
	// empty window. PSIReading is its conventional reading (see
	// PSIReading).
	PSI        *float64 `json:"psi"`
	PSIReading string   `json:"psi_reading,omitempty"`
	// BaselineMean and WindowMean are the means of numeric and datetime
	// columns (nil otherwise, or without values).
	BaselineMean *float64     `json:"baseline_mean,omitempty"`
	WindowMean   *float64     `json:"window_mean,omitempty"`
	Missing      MissingShift `json:"missing"`
	// Invalid counts the values that could not be read as the column's
	// kind (text in a numeric column); they also count as missing.
	Invalid int `json:"invalid"`
	// NewLevels are the most frequent levels (up to MaxNewLevels) never
	// seen in training, with their window counts; UnseenLevels and
	// UnseenRows count all of them. Empty when the baseline could not keep
	// the names of its rarer levels (more than MaxOtherNames of them).
	NewLevels    []LevelCount `json:"new_levels,omitempty"`
	UnseenLevels int          `json:"unseen_levels,omitempty"`
	UnseenRows   int          `json:"unseen_rows,omitempty"`
	// Distribution is the column's training and window distributions on
	// common bins, for figures; nil when neither has a value.
	Distribution *Distribution `json:"distribution,omitempty"`
}

// MissingShift compares the share of missing values.
type MissingShift struct {
	Baseline float64 `json:"baseline"`
	Window   float64 `json:"window"`
	// Shifted is true when the shares differ by MissingShiftThreshold or
	// more; Summary then says so in plain words.
	Shifted bool   `json:"shifted"`
	Summary string `json:"summary,omitempty"`
}

// Summarise reports on a window of records against the baseline. Records
// need not be sorted by time. An empty window gives a report with zero
// counts and every test skipped. ctx is checked every 65,536 records;
// report (which may be nil) hears how far the pass has come. Summarise
// only reads b and recs, so it may run on several goroutines at once.
func Summarise(ctx context.Context, b *Baseline, recs []Record, report progress.Func) (*Report, error) {
	if b == nil {
		return nil, fmt.Errorf("monitor: no baseline")
	}
	w, err := readRecords(ctx, b, recs, report)
	if err != nil {
		return nil, err
	}
	r := w.finish()
	report.Send(1, "window summarised")
	return r, nil
}

// parallelRecords is the window size from which records are read on one
// goroutine per core, each into its own window, merged afterwards.
const parallelRecords = 1 << 16

func readRecords(ctx context.Context, b *Baseline, recs []Record, report progress.Func) (*window, error) {
	parts := 1
	if len(recs) >= parallelRecords {
		parts = runtime.GOMAXPROCS(0)
	}
	ws := make([]*window, parts)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := p*len(recs)/parts, (p+1)*len(recs)/parts
		ws[p] = newWindow(b, hi-lo)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				if (i-lo)&0xffff == 0 {
					if errs[p] = ctx.Err(); errs[p] != nil {
						return
					}
				}
				ws[p].addRecord(&recs[i])
			}
		}()
	}
	report.Send(0, "reading requests")
	wg.Wait()
	for p := range parts {
		if errs[p] != nil {
			return nil, errs[p]
		}
	}
	for _, o := range ws[1:] {
		ws[0].merge(o)
	}
	report.Send(0.9, "requests read")
	return ws[0], nil
}

// SummariseFrame is Summarise for inputs held in a Frame, one row per
// request, with the rows' outcomes (nil, or one per row). Columns are
// matched to the baseline's features by name; a feature without a column
// is missing in every row. A numeric column read into a level feature is
// formatted as text, and other kind mismatches count as invalid.
func SummariseFrame(ctx context.Context, b *Baseline, inputs *data.Frame, outcomes []Outcome, report progress.Func) (*Report, error) {
	if b == nil || inputs == nil {
		return nil, fmt.Errorf("monitor: no baseline or no inputs")
	}
	rows := inputs.NumRows()
	if outcomes != nil && len(outcomes) != rows {
		return nil, fmt.Errorf("monitor: %d outcomes for %d rows", len(outcomes), rows)
	}
	w := newWindow(b, rows)
	for j, acc := range w.feats {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		addColumn(acc, inputs, rows)
		report.Send(0.9*float64(j+1)/float64(len(w.feats)), "reading "+acc.prof.Name)
	}
	w.requests = rows
	for i := range outcomes {
		w.addOutcome(&outcomes[i])
	}
	if outcomes == nil {
		// No outcomes: the predictions are unknown, not missing.
		w.pred = nil
	}
	r := w.finish()
	report.Send(1, "window summarised")
	return r, nil
}

// window accumulates records.
type window struct {
	b     *Baseline
	feats []*featureAcc
	pred  *featureAcc
	lat   []float64
	// times (Unix nanoseconds, 0 for none) and errs are the requests'
	// times and failures, in the order of lat.
	times    []int64
	errs     []bool
	requests int
	errors   int
	from, to time.Time
	live     liveAcc
	// noActivity leaves Report.Activity out (Trend's buckets).
	noActivity bool
}

// newWindow starts a window expecting about capacity records.
func newWindow(b *Baseline, capacity int) *window {
	w := &window{b: b, pred: newAcc(&b.Prediction, capacity), live: liveAcc{task: b.Task}, lat: make([]float64, 0, capacity),
		times: make([]int64, 0, capacity), errs: make([]bool, 0, capacity)}
	for i := range b.Features {
		w.feats = append(w.feats, newAcc(&b.Features[i], capacity))
	}
	return w
}

// merge adds what o gathered to w.
func (w *window) merge(o *window) {
	for j, a := range w.feats {
		a.merge(o.feats[j])
	}
	w.pred.merge(o.pred)
	w.lat = append(w.lat, o.lat...)
	w.times = append(w.times, o.times...)
	w.errs = append(w.errs, o.errs...)
	w.requests += o.requests
	w.errors += o.errors
	if !o.from.IsZero() && (w.from.IsZero() || o.from.Before(w.from)) {
		w.from = o.from
	}
	if o.to.After(w.to) {
		w.to = o.to
	}
	w.live.merge(&o.live)
}

func (w *window) addRecord(r *Record) {
	w.requests++
	for _, a := range w.feats {
		if v, ok := r.Inputs[a.prof.Name]; ok {
			a.add(v)
		} else {
			a.addMissing()
		}
	}
	w.addOutcome(&r.Outcome)
}

func (w *window) addOutcome(o *Outcome) {
	var at int64
	if !o.Time.IsZero() {
		at = o.Time.UnixNano()
		if w.from.IsZero() || o.Time.Before(w.from) {
			w.from = o.Time
		}
		if o.Time.After(w.to) {
			w.to = o.Time
		}
	}
	w.lat = append(w.lat, float64(o.Latency)/float64(time.Millisecond))
	w.times = append(w.times, at)
	w.errs = append(w.errs, o.Error != "")
	if o.Error != "" {
		w.errors++
		return
	}
	w.pred.add(o.Prediction)
	w.live.add(o.Prediction, o.Truth, at)
}

// finish runs the tests, one goroutine per core over the columns.
func (w *window) finish() *Report {
	r := &Report{From: w.from, To: w.to, Requests: w.requests, Errors: w.errors, Features: make([]FeatureDrift, len(w.feats))}
	if w.requests > 0 {
		r.ErrorShare = float64(w.errors) / float64(w.requests)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(w.feats)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				r.Features[j] = w.feats[j].drift(w.requests)
			}
		}()
	}
	for j := range w.feats {
		next <- j
	}
	close(next)
	wg.Wait()
	slices.SortStableFunc(r.Features, func(a, b FeatureDrift) int {
		if c := cmp.Compare(b.Drift.Score, a.Drift.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	for _, f := range r.Features {
		if f.Drift.Drifted {
			r.DriftedFeatures++
		}
	}
	if w.pred != nil {
		r.Prediction = w.pred.drift(w.requests - w.errors)
	} else {
		r.Prediction = FeatureDrift{Name: PredictionName, Kind: w.b.Prediction.Kind, Drift: skipped(PredictionName, "the window holds no predictions")}
	}
	if !w.noActivity {
		var step time.Duration
		r.Activity, step = w.activity()
		r.ActivityStepSeconds = int64(step / time.Second)
	}
	r.Latency = latencyOf(slices.Clone(w.lat))
	r.Feedback = w.live.feedback
	r.Live = w.live.metrics()
	return r
}

func latencyOf(ms []float64) Latency {
	if len(ms) == 0 {
		return Latency{}
	}
	slices.Sort(ms)
	return Latency{P50: quantileSorted(ms, 0.5), P90: quantileSorted(ms, 0.9), P99: quantileSorted(ms, 0.99), Max: ms[len(ms)-1]}
}
