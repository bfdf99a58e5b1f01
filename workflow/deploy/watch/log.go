package watch

import (
	"context"
	"fmt"
	"strings"
	"time"

	"modelbench/workflow/deploy/monitor"
	"modelbench/workflow/deploy/serve/predlog"
	"modelbench/workflow/progress"
)

// progressEvery is how many rows a log's reading reports progress after.
const progressEvery = 4096

// openLog streams the log's window through an accumulator.
func openLog(ctx context.Context, src Source, opt Options, report progress.Func) (*Snapshot, error) {
	d, err := loadDeployment(src.Deployment)
	if err != nil {
		return nil, err
	}
	l, err := predlog.OpenReader(ctx, src.Target)
	if err != nil {
		return nil, err
	}
	defer l.Close(ctx)
	s := &Snapshot{Source: src.Saved(), Window: opt.Window, Expected: d.metrics}
	q, err := s.window(ctx, l, d, opt)
	if err != nil {
		return nil, err
	}
	acc, err := monitor.NewAccumulator(d.baseline)
	if err != nil {
		return nil, err
	}
	total := 0
	if s.Rows > 0 {
		total = s.Rows
		s.Rows = 0
		report.Send(0, fmt.Sprintf("reading %d predictions", total))
		err = l.Scan(ctx, q, func(e *predlog.Logged) error {
			acc.Add(&e.Record)
			s.Rows++
			if s.Rows%progressEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				report.Send(0.95*float64(s.Rows)/float64(total), fmt.Sprintf("read %d of %d predictions", s.Rows, total))
			}
			return nil
		})
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, err
		}
	}
	report.Send(0.95, "running the drift tests")
	s.Report = acc.Report()
	report.Send(1, "report ready")
	return s, nil
}

// window picks the model version and the window's bounds, fills the
// snapshot's Versions, ModelVersion, Since, Until and Rows (the rows the
// window holds), and returns the query that reads them.
func (s *Snapshot) window(ctx context.Context, l *predlog.Log, d *deployment, opt Options) (predlog.Query, error) {
	vs, err := l.Versions(ctx, predlog.Query{})
	if err != nil {
		return predlog.Query{}, err
	}
	s.Versions = vs
	var q predlog.Query
	if d.version != "" && !opt.AnyVersion {
		q.ModelVersion, s.ModelVersion = d.version, d.version
	}
	var last time.Time
	for _, v := range vs {
		if (q.ModelVersion == "" || v.ModelVersion == q.ModelVersion) && v.Last.After(last) {
			last = v.Last
		}
	}
	if last.IsZero() {
		s.Notes = append(s.Notes, noRowsNote(vs, q.ModelVersion))
		return q, nil
	}
	s.Until = last
	if opt.Window > 0 {
		q.Since = last.Add(-time.Duration(opt.Window))
		s.Since = q.Since
	} else {
		for _, v := range vs {
			if (q.ModelVersion == "" || v.ModelVersion == q.ModelVersion) && (s.Since.IsZero() || v.First.Before(s.Since)) {
				s.Since = v.First
			}
		}
	}
	in, err := l.Versions(ctx, q)
	if err != nil {
		return predlog.Query{}, err
	}
	for _, v := range in {
		s.Rows += v.Rows
	}
	return q, nil
}

func noRowsNote(vs []predlog.VersionCount, version string) string {
	if len(vs) == 0 {
		return "The log holds no predictions yet."
	}
	var parts []string
	for _, v := range vs {
		parts = append(parts, fmt.Sprintf("%s (%d predictions, the last at %s)", v.ModelVersion, v.Rows, v.Last.Format(time.RFC3339)))
	}
	return fmt.Sprintf("The log holds no predictions of model version %s, the model of this deployment directory; it holds %s. Open it with the deployment directory of one of those versions, or read every version.",
		version, strings.Join(parts, ", "))
}

// ScanLabelled calls fn with each prediction of the log's window (as Open
// chooses it) that did not fail and whose true outcome has arrived,
// oldest first, and returns how many there were. fn must not keep e. A
// service has no rows to give: open its log.
func ScanLabelled(ctx context.Context, src Source, opt Options, fn func(e *predlog.Logged) error, report progress.Func) (int, error) {
	if src.Kind != Log {
		return 0, fmt.Errorf("%s does not give its logged rows: open its prediction log (the service's --log) to retrain on the feedback", src)
	}
	d, err := loadDeployment(src.Deployment)
	if err != nil {
		return 0, err
	}
	l, err := predlog.OpenReader(ctx, src.Target)
	if err != nil {
		return 0, err
	}
	defer l.Close(ctx)
	var s Snapshot
	q, err := s.window(ctx, l, d, opt)
	if err != nil || s.Rows == 0 {
		return 0, err
	}
	n, read := 0, 0
	err = l.Scan(ctx, q, func(e *predlog.Logged) error {
		read++
		if read%progressEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			report.Send(float64(read)/float64(s.Rows), fmt.Sprintf("read %d of %d predictions, %d with feedback", read, s.Rows, n))
		}
		if e.Truth == nil || e.Error != "" {
			return nil
		}
		n++
		return fn(e)
	})
	if err != nil && ctx.Err() != nil {
		return n, ctx.Err()
	}
	return n, err
}
