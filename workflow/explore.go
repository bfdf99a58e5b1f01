package workflow

import (
	"context"

	"modelbench/workflow/eda"
	"modelbench/workflow/progress"
)

// RunExplore describes the current table (statistics, correlations and
// data-quality alerts) and stores the report as the Explore stage's
// result. It fails without changing anything when no data is loaded.
func (p *Project) RunExplore(ctx context.Context, report progress.Func) (*eda.Report, error) {
	end, err := p.begin(StageExplore)
	if err != nil {
		return nil, err
	}
	t := p.Table()
	r, err := eda.Describe(ctx, t, eda.Options{}, report)
	if err != nil {
		end(nil, err)
		return nil, err
	}
	end(r, nil)
	return r, nil
}

// Exploration returns the last exploration report (possibly stale; see
// Status), or nil when none was made.
func (p *Project) Exploration() *eda.Report {
	r, _ := p.Result(StageExplore).(*eda.Report)
	return r
}
