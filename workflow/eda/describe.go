package eda

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

// ErrNoTable is returned when Describe is given no table or no frame.
var ErrNoTable = errors.New("there is no table to describe")

// colWork is one described column with what the later stages need.
type colWork struct {
	col   data.Column
	st    *ColumnStats
	ranks []float32 // numeric columns only
	facts numFacts  // numeric columns only
}

// Describe computes the statistics, pairwise associations, duplicate rows
// and data-quality alerts of a table. Columns are described in parallel on
// opt.Workers goroutines; progress is reported from the calling goroutine
// only. It returns ctx.Err() soon after ctx is cancelled, and an error
// naming the column when opt names a column the table lacks. The table is
// only read.
func Describe(ctx context.Context, t *data.Table, opt Options, report progress.Func) (*Report, error) {
	if t == nil || t.Frame == nil {
		return nil, ErrNoTable
	}
	f := t.Frame
	schema := t.Schema
	if len(schema.Fields) != f.NumCols() {
		schema = data.InferSchema(f, t.Inferences)
	}
	target, err := resolveTarget(f, schema, opt)
	if err != nil {
		return nil, err
	}
	cols, err := selectColumns(f, opt.Columns, target)
	if err != nil {
		return nil, err
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	rep := &Report{Source: t.Source, Rows: f.NumRows(), Target: target, Issues: t.Issues}
	var classes *catVec
	if tc, ok := f.Lookup(target); ok {
		rep.Task = TaskRegression
		if tc.Kind() != data.Numeric {
			rep.Task = ""
		}
		if cv, ok := targetClasses(tc); ok {
			classes, rep.Task = &cv, TaskClassification
		}
	}
	work := make([]colWork, len(cols))
	for i, c := range cols {
		work[i] = colWork{col: c, st: baseStats(c, schema, f.NumRows(), target)}
	}
	if err := describeColumns(ctx, work, classes, workers, report.Scale(0, 0.6)); err != nil {
		return nil, err
	}
	rep.Columns = make([]ColumnStats, len(work))
	for i := range work {
		rep.Columns[i] = *work[i].st
		work[i].st = &rep.Columns[i]
	}
	if err := describePairs(ctx, rep, work, classes, workers, report.Scale(0.6, 0.9)); err != nil {
		return nil, err
	}
	report.Send(0.9, "looking for duplicate rows")
	dup, err := findDuplicates(ctx, cols)
	if err != nil {
		return nil, err
	}
	rep.Duplicates = dup
	report.Send(0.97, "checking data quality")
	rep.Alerts = buildAlerts(&alertInput{rep: rep, work: work, classes: classes})
	report.Send(1, "described")
	return rep, nil
}

// resolveTarget returns the target's name, "" when there is none.
func resolveTarget(f *data.Frame, s data.Schema, opt Options) (string, error) {
	if opt.NoTarget {
		return "", nil
	}
	if opt.Target != "" {
		if f.Index(opt.Target) < 0 {
			return "", fmt.Errorf("describe: the target %q is not a column of the table", opt.Target)
		}
		return opt.Target, nil
	}
	name, _ := s.Target()
	if name != "" && f.Index(name) < 0 {
		return "", nil
	}
	return name, nil
}

func selectColumns(f *data.Frame, names []string, target string) ([]data.Column, error) {
	if len(names) == 0 {
		return f.Columns(), nil
	}
	var out []data.Column
	seen := map[string]bool{}
	for _, n := range append(append([]string(nil), names...), target) {
		if n == "" || seen[n] {
			continue
		}
		c, ok := f.Lookup(n)
		if !ok {
			return nil, fmt.Errorf("describe: no column named %q", n)
		}
		seen[n] = true
		out = append(out, c)
	}
	return out, nil
}

// baseStats starts a column's statistics with its schema entry. The
// described target has the Target role; a schema target that is not the
// described one counts as a feature.
func baseStats(c data.Column, s data.Schema, rows int, target string) *ColumnStats {
	st := &ColumnStats{Name: c.Name(), Type: c.Kind(), Label: c.Kind().String(), Missing: c.Missing()}
	if fl, ok := s.Field(c.Name()); ok {
		st.Label, st.Role = fl.Label, fl.Role
	}
	switch {
	case st.Name == target:
		st.Role = data.Target
	case st.Role == data.Target:
		st.Role = data.Feature
	}
	st.Count = rows - st.Missing
	if rows > 0 {
		st.MissingPct = 100 * float64(st.Missing) / float64(rows)
	}
	return st
}

// describeColumns runs describeOne over the columns on workers goroutines
// and reports progress from this goroutine as columns finish.
func describeColumns(ctx context.Context, work []colWork, classes *catVec, workers int, report progress.Func) error {
	jobs := make(chan int)
	done := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(workers, len(work)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if ctx.Err() == nil {
					describeOne(&work[i], classes)
				}
				done <- i
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range work {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(done) }()
	finished := 0
	for i := range done {
		finished++
		report.Send(float64(finished)/float64(len(work)), "described "+work[i].col.Name())
	}
	return ctx.Err()
}

// describeOne fills one column's statistics; classes (nil unless the
// target holds classes) lets numeric features check class separation.
func describeOne(w *colWork, classes *catVec) {
	if classes != nil && classes.name == w.col.Name() {
		classes = nil
	}
	switch c := w.col.(type) {
	case *data.NumericColumn:
		w.ranks, w.facts = describeNumeric(c, w.st, classes)
	case *data.CategoricalColumn:
		describeCategorical(c, w.st)
	case *data.BooleanColumn:
		describeBoolean(c, w.st)
	case *data.TextColumn:
		describeText(c, w.st)
	case *data.DatetimeColumn:
		describeDatetime(c, w.st)
	default:
		panic(fmt.Sprintf("eda: unknown column type %T", w.col))
	}
}
