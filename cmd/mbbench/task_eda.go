package main

import (
	"context"
	"fmt"

	"modelbench/workflow/data"
	"modelbench/workflow/eda"
)

// eda/describe-1m: the full Explore description (statistics, histograms,
// Pearson and Spearman matrices, Cramér's V, target association,
// duplicates, alerts) of the 1M x 23 classification file, against pandas'
// describe(include="all") plus corr() in ref_eda.py. Reading the file is
// the setup on both sides.
func init() {
	register(task("eda/describe-1m", "eda", "clf1m", true, loadTable, func(ctx context.Context, t *data.Table) (string, error) {
		rep, err := eda.Describe(ctx, t, eda.Options{}, nil)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%d columns, %d alerts", len(rep.Columns), len(rep.Alerts)), nil
	}))
}
