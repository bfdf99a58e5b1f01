package serve

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"time"

	"modelbench/workflow/artifact"
	"modelbench/workflow/deploy/serve/predlog"
	"modelbench/workflow/model"
)

// scored is the outcome of scoring a batch: per row an ID and the
// prediction (Labels for classification, Values for regression) with the
// class probabilities (Proba, nil when the model gives none), and the
// warnings of validation.
type scored struct {
	IDs      []string
	Labels   []string
	Values   []float64
	Proba    [][]float64
	Classes  []string
	Warnings []Problem
}

// score validates b, predicts it with the artifact (the same pipeline code
// as `modelbench predict`), counts it in the metrics and queues it in the
// prediction log. start is when the request arrived. A prediction is
// acknowledged only once it is queued: when the log's queue stays full
// until ctx ends, the request fails with 503 and nothing is returned.
func (s *Server) score(ctx context.Context, b *batch, start time.Time) (*scored, error) {
	v, err := s.d.validate(b)
	if err != nil {
		return nil, err
	}
	p, err := s.predictor.predict(ctx, v)
	if err != nil {
		if ctx.Err() != nil {
			return nil, statusError(http.StatusServiceUnavailable, "the request was cancelled: %v", ctx.Err())
		}
		return nil, statusError(http.StatusUnprocessableEntity, "the model could not score these rows: %v", err)
	}
	out := &scored{IDs: newIDs(len(b.rows)), Warnings: v.warnings, Classes: p.Classes}
	if err := out.fill(p); err != nil {
		return nil, err
	}
	if s.log != nil {
		wctx, cancel := context.WithTimeout(ctx, s.opt.LogWait)
		err := s.log.Add(wctx, s.entries(b, out, start)...)
		cancel()
		if err != nil {
			if errors.Is(err, predlog.ErrFull) {
				s.logger.Warn("the prediction log's queue is full; refusing the request", "endpoint", "score")
				return nil, statusError(http.StatusServiceUnavailable, "the prediction log is full and the request timed out waiting; retry later")
			}
			return nil, statusError(http.StatusServiceUnavailable, "the prediction log is not accepting entries: %v", err)
		}
	}
	s.metrics.countScored(out)
	s.rows.Add(int64(len(out.IDs)))
	return out, nil
}

func (o *scored) fill(p *artifact.Predictions) error {
	if p.Task == model.Regression {
		o.Values = p.Index
		return nil
	}
	labels, err := model.Labels(p.Index, p.Classes)
	if err != nil {
		return err
	}
	o.Labels, o.Proba = labels, p.Proba
	return nil
}

// prediction returns row i's prediction as JSON shows it: the label or
// the value.
func (o *scored) prediction(i int) any {
	if o.Labels != nil {
		return o.Labels[i]
	}
	return o.Values[i]
}

// probabilities returns row i's class probabilities by class (nil when
// the model gives none).
func (o *scored) probabilities(i int) map[string]float64 {
	if o.Proba == nil {
		return nil
	}
	m := make(map[string]float64, len(o.Classes))
	for k, c := range o.Classes {
		m[c] = o.Proba[i][k]
	}
	return m
}

// entries are the log's rows for a scored batch.
func (s *Server) entries(b *batch, o *scored, start time.Time) []predlog.Prediction {
	lat := time.Since(start)
	es := make([]predlog.Prediction, len(o.IDs))
	for i := range es {
		es[i] = predlog.Prediction{ID: o.IDs[i], Time: start, ModelVersion: s.d.ModelVersion, Inputs: b.rows[i],
			Prediction: o.prediction(i), Probabilities: o.probabilities(i), Latency: lat}
		if b.raws != nil {
			es[i].InputsJSON = b.raws[i]
		}
	}
	return es
}

// newIDs returns n prediction IDs: 32 hexadecimal digits laid out as
// a UUID version 7 (RFC 9562) without dashes — the first 12 digits are
// the Unix time in milliseconds, the other 74 of its bits (after the
// version and variant) come from crypto/rand — so IDs are unique across
// replicas without coordination, and IDs issued later sort later, which
// keeps the prediction log's ID index appending at its end instead of
// rewriting pages all over it.
func newIDs(n int) []string { return idsAt(time.Now(), n) }

// idsAt returns n IDs stamped with t.
func idsAt(t time.Time, n int) []string {
	raw := make([]byte, 16*n)
	_, _ = rand.Read(raw) // never fails (crypto/rand)
	ms := uint64(t.UnixMilli())
	out := make([]string, n)
	for i := range out {
		u := raw[16*i : 16*i+16]
		for k := range 6 {
			u[k] = byte(ms >> (40 - 8*k))
		}
		u[6] = 0x70 | u[6]&0x0f // version 7
		u[8] = 0x80 | u[8]&0x3f // variant 10
		out[i] = hex.EncodeToString(u)
	}
	return out
}
