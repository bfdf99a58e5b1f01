package workflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/deploy/serve/predlog"
	"modelbench/workflow/deploy/watch"
	"modelbench/workflow/progress"
)

// FeedbackRows are the labelled rows a prediction log holds: the logged
// inputs of the predictions whose true outcome came back as feedback.
type FeedbackRows struct {
	// Frame has the chosen model's input columns and its target, typed as
	// the project's table types them, one row per labelled prediction,
	// oldest first.
	Frame *data.Frame
	// Source names the log (without a password), for the journal.
	Source string
	// Invalid counts the values that could not be read as their column's
	// type; they are missing in Frame.
	Invalid int
}

// FeedbackRows reads the labelled predictions of the log src names (in
// the window opt gives, as watch.ScanLabelled reads them) into rows for
// Retrain. It needs the data loaded and a chosen model; a log without
// labelled predictions is an error that says so.
func (p *Project) FeedbackRows(ctx context.Context, src watch.Source, opt watch.Options, report progress.Func) (*FeedbackRows, error) {
	tr, t := p.Training(), p.Table()
	if tr == nil || tr.Chosen == nil || t == nil {
		return nil, errors.New("choose a model in the Train step before retraining it on feedback")
	}
	names := append(inputNames(tr.Chosen), tr.Chosen.Target)
	cols := make([]*rawColumn, len(names))
	for j, n := range names {
		c, ok := t.Frame.Lookup(n)
		if !ok {
			return nil, fmt.Errorf("the project's table has no column %q, which the chosen model uses", n)
		}
		cols[j] = &rawColumn{like: c}
	}
	target := cols[len(cols)-1]
	n, err := watch.ScanLabelled(ctx, src, opt, func(e *predlog.Logged) error {
		for _, c := range cols[:len(cols)-1] {
			v, ok := e.Inputs[c.like.Name()]
			c.add(v, ok)
		}
		target.add(e.Truth, true)
		return nil
	}, report)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, fmt.Errorf("%s holds no predictions with feedback in that window: post true outcomes to the service's /v1/feedback first, or retrain on a file", src)
	}
	out := &FeedbackRows{Source: "feedback in " + src.Saved().String()}
	built := make([]data.Column, len(cols))
	for j, c := range cols {
		var bad int
		if built[j], bad, err = c.column(); err != nil {
			return nil, err
		}
		out.Invalid += bad
	}
	if out.Frame, err = data.NewFrame(built...); err != nil {
		return nil, err
	}
	return out, nil
}

// rawColumn gathers raw logged values (JSON-decoded) for a column typed
// like a column of the project's table.
type rawColumn struct {
	like data.Column
	vals []string
	miss []bool
}

func (c *rawColumn) add(v any, present bool) {
	s, ok := rawText(v)
	c.vals = append(c.vals, s)
	c.miss = append(c.miss, !present || !ok)
}

// rawText writes a JSON-decoded value as a cell of text; ok is false for
// a missing one (null, NaN, a missing token).
func rawText(v any) (string, bool) {
	var missing data.ParseOptions
	switch x := v.(type) {
	case nil:
		return "", false
	case string:
		s := strings.TrimSpace(x)
		return s, !missing.IsMissing(s)
	case bool:
		return strconv.FormatBool(x), true
	case float64:
		return data.FormatFloat(x), !math.IsNaN(x)
	case json.Number:
		return x.String(), true
	}
	b, err := json.Marshal(v)
	return string(b), err == nil
}

// column builds the typed column; values that do not read as its type
// are missing and counted.
func (c *rawColumn) column() (data.Column, int, error) {
	name, n := c.like.Name(), len(c.vals)
	mask := data.NewMask(n)
	bad := 0
	for i, m := range c.miss {
		if m {
			mask.Set(i)
		}
	}
	reject := func(i int) {
		if !mask.Get(i) {
			mask.Set(i)
			bad++
		}
	}
	switch like := c.like.(type) {
	case *data.NumericColumn:
		vals := make([]float64, n)
		for i, s := range c.vals {
			if mask.Get(i) {
				continue
			}
			f, err := strconv.ParseFloat(s, 64)
			if err != nil {
				reject(i)
				continue
			}
			vals[i] = f
		}
		return data.NewNumeric(name, vals, mask), bad, nil
	case *data.BooleanColumn:
		vals := make([]bool, n)
		for i, s := range c.vals {
			if mask.Get(i) {
				continue
			}
			b, ok := data.ParseBool(s)
			if !ok {
				reject(i)
				continue
			}
			vals[i] = b
		}
		return data.NewBoolean(name, vals, mask).Spelled(like.Spelling()), bad, nil
	case *data.DatetimeColumn:
		vals := make([]int64, n)
		for i, s := range c.vals {
			if mask.Get(i) {
				continue
			}
			t, err := time.Parse(orRFC3339(like.Layout()), s)
			if err != nil {
				if t, err = time.Parse(time.RFC3339Nano, s); err != nil {
					reject(i)
					continue
				}
			}
			vals[i] = t.UnixNano()
		}
		return data.NewDatetime(name, vals, mask, like.Layout()), bad, nil
	}
	if c.like.Kind() == data.Categorical {
		vals := make([]string, n)
		for i, s := range c.vals {
			if !mask.Get(i) {
				vals[i] = s
			}
		}
		return data.NewCategoricalFromStrings(name, vals, nil), bad, nil // "" is missing
	}
	return data.NewText(name, c.vals, mask), bad, nil
}

func orRFC3339(layout string) string {
	if layout == "" {
		return time.RFC3339
	}
	return layout
}
