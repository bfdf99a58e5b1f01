package main

import (
	"context"
	"fmt"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/eda"
)

// eda/describe-1m: the full Explore description (statistics, histograms,
// Pearson and Spearman matrices, Cramér's V, target association,
// duplicates, alerts) of the 1M x 23 classification file, against pandas'
// describe(include="all") plus corr() in ref_eda.py. The harness times the
// whole Run, so both sides include reading the file; the note of each side
// gives the time of the description alone (after loading), which is the
// comparison this task is about.
func init() {
	register(Task{Name: "eda/describe-1m", Area: "eda", Data: "clf1m", Run: func(ctx context.Context, path string) (string, error) {
		t, err := data.LoadCSV(ctx, path, data.CSVOptions{}, nil)
		if err != nil {
			return "", err
		}
		start := time.Now()
		rep, err := eda.Describe(ctx, t, eda.Options{}, nil)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("describe %.3f s; %d columns, %d alerts", time.Since(start).Seconds(), len(rep.Columns), len(rep.Alerts)), nil
	}})
}
