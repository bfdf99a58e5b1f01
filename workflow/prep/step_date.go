package prep

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"strings"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
)

// dateParts are the parts date_parts can extract, in output order.
var dateParts = []string{"year", "month", "day", "weekday", "hour"}

var datePartsKind = &kindDef{
	StepKind: StepKind{Name: "date_parts", Label: "Split dates into parts",
		Help: "Replaces each date column by numbers a model can use: NAME_year, NAME_month (1-12), NAME_day (1-31), NAME_weekday (0 = Monday to 6 = Sunday) and NAME_hour (0-23), in UTC. " +
			"Learners cannot use a date as it is; its parts capture seasons, weekly rhythms and trends. " +
			"What can go wrong: a model trained on past years meets years it never saw; months and weekdays are treated as amounts (December far from January), which trees handle better than linear models.",
		Params: []param.Spec{
			columnsSpec("The date columns to split (empty: every date column)."),
			{Name: "parts", Label: "Parts", Kind: param.String, Default: strings.Join(dateParts, ","),
				Help: "Which parts to make, separated by commas: year, month, day, weekday, hour."},
		},
	},
	build: func(p param.Values) (fitter, error) {
		parts := splitList(strings.ToLower(p.String("parts")))
		if len(parts) == 0 {
			return nil, fmt.Errorf("parts: choose at least one of %s", strings.Join(dateParts, ", "))
		}
		for _, pt := range parts {
			if !contains(dateParts, pt) {
				return nil, fmt.Errorf("parts: %q is not one of %s", pt, strings.Join(dateParts, ", "))
			}
		}
		return &datePartsState{Columns: p.Strings("columns"), Parts: parts}, nil
	},
	state: func() Transform { return &datePartsState{} },
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// datePartsState is the configuration and, with Columns resolved, the
// fitted state.
type datePartsState struct {
	Columns []string `json:"columns"`
	Parts   []string `json:"parts"`
}

func (s *datePartsState) fit(in *fitInput) (Transform, *data.Frame, error) {
	names, err := resolveColumns(in, s.Columns, datesOnly, datesOnly)
	if err != nil {
		return nil, nil, err
	}
	st := &datePartsState{Columns: names, Parts: s.Parts}
	out, err := st.Apply(in.ctx, in.frame)
	return st, out, err
}

func (s *datePartsState) validate() error {
	for _, pt := range s.Parts {
		if !contains(dateParts, pt) {
			return fmt.Errorf("unknown date part %q", pt)
		}
	}
	return nil
}

func (s *datePartsState) Kind() string { return "date_parts" }

// Apply replaces each date column by its parts; a missing date gives
// missing parts.
func (s *datePartsState) Apply(ctx context.Context, f *data.Frame) (*data.Frame, error) {
	repl := make(map[string][]data.Column, len(s.Columns))
	for _, name := range s.Columns {
		c, err := lookupCol(f, name)
		if err != nil {
			return nil, err
		}
		dc, ok := c.(*data.DatetimeColumn)
		if !ok {
			return nil, colErr(name, "expected dates, found %s values", c.Kind())
		}
		cols, err := s.split(ctx, dc)
		if err != nil {
			return nil, err
		}
		repl[name] = cols
	}
	return rebuild(f, repl)
}

// split computes the parts in row chunks on all cores.
func (s *datePartsState) split(ctx context.Context, dc *data.DatetimeColumn) ([]data.Column, error) {
	n := dc.Len()
	out := make([][]float64, len(s.Parts))
	for p := range out {
		out[p] = make([]float64, n)
	}
	which := make([]int, len(s.Parts))
	for p, name := range s.Parts {
		for k, known := range dateParts {
			if name == known {
				which[p] = k
			}
		}
	}
	chunks := 4 * runtime.GOMAXPROCS(0)
	size := (n + chunks - 1) / chunks
	ns := dc.UnixNanos()
	err := forEach(ctx, chunks, func(ch int) error {
		lo, hi := ch*size, min((ch+1)*size, n)
		var all [5]float64
		for i := lo; i < hi; i++ {
			if dc.IsMissing(i) {
				for p := range out {
					out[p][i] = math.NaN()
				}
				continue
			}
			t := time.Unix(0, ns[i]).UTC()
			y, m, d := t.Date()
			all = [5]float64{float64(y), float64(m), float64(d), float64((int(t.Weekday()) + 6) % 7), float64(t.Hour())}
			for p, k := range which {
				out[p][i] = all[k]
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	cols := make([]data.Column, len(out))
	for p, v := range out {
		cols[p] = data.NewNumeric(dc.Name()+"_"+s.Parts[p], v, nil)
	}
	return cols, nil
}

func (s *datePartsState) Describe() string {
	if len(s.Columns) == 0 {
		return "does nothing: no date column."
	}
	return fmt.Sprintf("replaces %s by %s.", quoteList(s.Columns), strings.Join(s.Parts, ", "))
}
