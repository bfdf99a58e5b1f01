package main

import (
	"context"
	"fmt"
	"math"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

// prep/pipeline-1m: fit and apply a six-step preparation (median
// imputation, 1%/99% quantile clipping, min-max scaling, log(1 + x) of
// f0..f19; one-hot encoding of cat_a and cat_b; year, month, day, weekday
// and hour of a date) to the 1M-row classification file, against a
// scikit-learn ColumnTransformer doing the same in ref_prep.py. The file
// has no date column, so both sides add "date" = 2000-01-01 00:00 UTC plus
// the row number in hours during the setup, with the reading. Both sides
// fit on all rows (FitTransform / fit_transform) and then apply to all
// rows (Apply / transform); each note gives a checksum of the output (the
// sum of every prepared value) to compare.
func init() {
	register(task("prep/pipeline-1m", "prep", "clf1m", true, func(ctx context.Context, path string) (*data.Frame, error) {
		t, err := loadTable(ctx, path)
		if err != nil {
			return nil, err
		}
		return withHourlyDates(t.Frame)
	}, func(ctx context.Context, f *data.Frame) (string, error) {
		ft, _, err := benchPipeline().FitTransform(ctx, f, "y", nil)
		if err != nil {
			return "", err
		}
		out, err := ft.Apply(ctx, f)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%d x %d, checksum %.6g", out.NumRows(), out.NumCols()-1, checksum(out, "y")), nil
	}))
}

// benchPipeline is the six-step pipeline of prep/pipeline-1m.
func benchPipeline() prep.Pipeline {
	num := make([]string, 20)
	for j := range num {
		num[j] = fmt.Sprintf("f%d", j)
	}
	return prep.NewPipeline(
		prep.Configure("impute", param.Values{"columns": num, "strategy": "median"}, ""),
		prep.Configure("clip", param.Values{"columns": num, "lower_quantile": 0.01, "upper_quantile": 0.99}, ""),
		prep.Configure("scale", param.Values{"columns": num, "method": "minmax"}, ""),
		prep.Configure("log1p", param.Values{"columns": num}, ""),
		prep.Configure("one_hot", param.Values{"columns": []string{"cat_a", "cat_b"}, "unseen": "ignore"}, ""),
		prep.Configure("date_parts", param.Values{"columns": []string{"date"}, "parts": "year,month,day,weekday,hour"}, ""),
	)
}

// withHourlyDates adds the column "date": row i is 2000-01-01 plus i hours.
func withHourlyDates(f *data.Frame) (*data.Frame, error) {
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	ns := make([]int64, f.NumRows())
	for i := range ns {
		ns[i] = start + int64(i)*int64(time.Hour)
	}
	return f.With(data.NewDatetime("date", ns, nil, "2006-01-02 15:04:05"))
}

// checksum adds every value of the numeric columns other than skip.
func checksum(f *data.Frame, skip string) float64 {
	var s float64
	for _, c := range f.Columns() {
		if n, ok := c.(*data.NumericColumn); ok && c.Name() != skip {
			for _, v := range n.Values() {
				if !math.IsNaN(v) {
					s += v
				}
			}
		}
	}
	return s
}
