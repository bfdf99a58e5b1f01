package serve

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/deploy/serve/predlog"
)

// PredictResponse is /v1/predict's answer.
type PredictResponse struct {
	ModelVersion string      `json:"model_version"`
	AppVersion   string      `json:"app_version,omitempty"`
	Predictions  []RowResult `json:"predictions"`
	// Warnings are values that were scored but are worth a look (outside
	// the training range, a level never seen in training) and fields the
	// model ignored.
	Warnings []Problem `json:"warnings,omitempty"`
}

// RowResult is one row's prediction.
type RowResult struct {
	// ID identifies the prediction for /v1/feedback.
	ID string `json:"id"`
	// Prediction is the predicted class, spelled as the target was in
	// training, or the predicted number.
	Prediction any `json:"prediction"`
	// Probabilities are the class probabilities by class (classifiers
	// that give them).
	Probabilities map[string]float64 `json:"probabilities,omitempty"`
}

func (s *Server) handlePredict(w http.ResponseWriter, r *http.Request) error {
	body, err := s.body(w, r)
	if err != nil {
		return err
	}
	var b *batch
	if isCSV(r) {
		b, err = decodeCSV(body, s.lim)
	} else {
		b, err = decodePredictBody(body, s.lim)
	}
	if err != nil {
		return err
	}
	o, err := s.score(r.Context(), b, arrival(w))
	if err != nil {
		return err
	}
	writeRaw(w, http.StatusOK, s.predictResponse(o))
	return nil
}

// predictResponse encodes /v1/predict's answer, a PredictResponse,
// without reflection (this is the hot path): JSON that decodes to what
// json.Marshal of the PredictResponse would write, probabilities in
// sorted class order.
func (s *Server) predictResponse(o *scored) []byte {
	b := make([]byte, 0, 64+len(o.IDs)*(96+24*len(o.Classes)))
	b = append(b, `{"model_version":`...)
	b = appendString(b, s.d.ModelVersion)
	if s.opt.AppVersion != "" {
		b = append(b, `,"app_version":`...)
		b = appendString(b, s.opt.AppVersion)
	}
	b = append(b, `,"predictions":[`...)
	order := s.d.classOrder
	for i, id := range o.IDs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":"`...)
		b = append(b, id...)
		b = append(b, `","prediction":`...)
		if o.Labels != nil {
			b = appendString(b, o.Labels[i])
		} else {
			b = appendNumber(b, o.Values[i])
		}
		if o.Proba != nil {
			b = append(b, `,"probabilities":{`...)
			for n, k := range order {
				if n > 0 {
					b = append(b, ',')
				}
				b = appendString(b, o.Classes[k])
				b = append(b, ':')
				b = appendNumber(b, o.Proba[i][k])
			}
			b = append(b, '}')
		}
		b = append(b, '}')
	}
	b = append(b, ']')
	if len(o.Warnings) > 0 {
		w, _ := json.Marshal(o.Warnings)
		b = append(b, `,"warnings":`...)
		b = append(b, w...)
	}
	return append(b, "}\n"...)
}

// appendString appends s as a JSON string.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x7f {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendNumber appends a finite number as JSON (null otherwise).
func appendNumber(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "null"...)
	}
	q, err := json.Marshal(v)
	if err != nil {
		return append(b, "null"...)
	}
	return append(b, q...)
}

// feedbackItem is one true outcome sent to /v1/feedback.
type feedbackItem struct {
	ID    string `json:"id"`
	Truth any    `json:"truth"`
}

// decodeFeedback reads {"id", "truth"}, an array of them, or
// {"feedback": [...]}.
func decodeFeedback(body []byte, maxRows int) ([]feedbackItem, error) {
	var v any
	if err := decodeJSON(body, &v); err != nil {
		return nil, err
	}
	var list []any
	switch x := v.(type) {
	case []any:
		list = x
	case map[string]any:
		if fb, ok := x["feedback"].([]any); ok && len(x) == 1 {
			list = fb
		} else {
			list = []any{x}
		}
	default:
		return nil, badRequest(`send {"id": "<prediction id>", "truth": <label or number>} or an array of them`)
	}
	if err := (limits{maxRows: maxRows}).check(len(list)); err != nil {
		return nil, err
	}
	items := make([]feedbackItem, len(list))
	var problems []Problem
	for i, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			problems = append(problems, Problem{Row: i + 1, Problem: "a JSON " + jsonKind(e), Expected: `{"id": "<prediction id>", "truth": <label or number>}`})
			continue
		}
		id, ok := m["id"].(string)
		if !ok || id == "" {
			problems = append(problems, Problem{Row: i + 1, Field: "id", Problem: "missing or not a string", Expected: "the id /v1/predict returned"})
			continue
		}
		t, ok := m["truth"]
		if !ok || t == nil {
			problems = append(problems, Problem{Row: i + 1, Field: "truth", Problem: "missing", Expected: "the true class or value"})
			continue
		}
		items[i] = feedbackItem{ID: id, Truth: t}
	}
	if len(problems) > 0 {
		return nil, invalid(problems)
	}
	return items, nil
}

// truth checks a feedback value against the model's classes or reads it
// as a number.
func (s *Server) truth(row int, v any) (any, *Problem) {
	if !s.d.Classification() {
		f, ok := v.(float64)
		if !ok {
			if str, isStr := v.(string); isStr {
				if g, ok2 := missingTokens.ParseFloat(str); ok2 && !math.IsNaN(g) && !math.IsInf(g, 0) {
					return g, nil
				}
			}
			return nil, &Problem{Row: row, Field: "truth", Problem: "a JSON " + jsonKind(v), Expected: "a number"}
		}
		return f, nil
	}
	label, ok := textOf(v)
	if ok {
		label = strings.TrimSpace(label)
		for _, c := range s.d.Artifact.Classes {
			if c == label {
				return c, nil
			}
		}
		if b, isBool := v.(bool); isBool {
			for _, c := range s.d.Artifact.Classes {
				if cb, ok := data.ParseBool(c); ok && cb == b {
					return c, nil
				}
			}
		}
	}
	return nil, &Problem{Row: row, Field: "truth", Problem: fmt.Sprintf("%v is not one of the model's classes", v), Expected: quoteList(s.d.Artifact.Classes, 20)}
}

// FeedbackResponse is /v1/feedback's answer.
type FeedbackResponse struct {
	Recorded int `json:"recorded"`
}

func (s *Server) handleFeedback(w http.ResponseWriter, r *http.Request) error {
	if s.log == nil {
		return statusError(http.StatusServiceUnavailable, "this server keeps no prediction log (--log off), so it cannot record feedback")
	}
	body, err := s.body(w, r)
	if err != nil {
		return err
	}
	items, err := decodeFeedback(body, s.opt.MaxBatch)
	if err != nil {
		return err
	}
	var problems []Problem
	ids := make([]string, len(items))
	fbs := make([]predlog.Feedback, len(items))
	now := time.Now()
	for i, it := range items {
		t, p := s.truth(i+1, it.Truth)
		if p != nil {
			problems = append(problems, *p)
		}
		ids[i] = it.ID
		fbs[i] = predlog.Feedback{ID: it.ID, Truth: t, Time: now}
	}
	if len(problems) > 0 {
		return invalid(problems)
	}
	known, err := s.log.Known(r.Context(), ids)
	if err != nil {
		return statusError(http.StatusServiceUnavailable, "the prediction log cannot be read: %v", err)
	}
	var unknown []Problem
	for i, id := range ids {
		if !known[id] {
			unknown = append(unknown, Problem{Row: i + 1, Field: "id", Problem: "no logged prediction has the id " + strconv.Quote(clip(id)), Expected: "an id /v1/predict returned (predictions older than the log's retention are gone)"})
		}
	}
	if len(unknown) > 0 {
		e := invalid(unknown)
		e.status = http.StatusNotFound
		e.msg = fmt.Sprintf("%d of %d prediction id(s) are unknown; nothing was recorded", len(unknown), len(ids))
		return e
	}
	if err := s.log.AddFeedback(r.Context(), fbs...); err != nil {
		return statusError(http.StatusServiceUnavailable, "the prediction log is not accepting entries: %v", err)
	}
	s.metrics.feedback.Add(float64(len(fbs)))
	writeJSON(w, http.StatusOK, FeedbackResponse{Recorded: len(fbs)})
	return nil
}

// ModelResponse is /v1/model's answer: what the server serves.
type ModelResponse struct {
	Name         string   `json:"name"`
	ModelVersion string   `json:"model_version"`
	AppVersion   string   `json:"app_version,omitempty"`
	Learner      string   `json:"learner"`
	Task         string   `json:"task"`
	Target       string   `json:"target"`
	Classes      []string `json:"classes,omitempty"`
	Trained      string   `json:"trained"`
	Schema       any      `json:"schema"`
	Metrics      *Metrics `json:"metrics,omitempty"`
	MaxBatch     int      `json:"max_batch"`
	MaxBodyBytes int64    `json:"max_body_bytes"`
}

func (s *Server) handleModel(w http.ResponseWriter, r *http.Request) error {
	a := s.d.Artifact
	writeJSON(w, http.StatusOK, ModelResponse{Name: s.opt.Name, ModelVersion: s.d.ModelVersion, AppVersion: s.opt.AppVersion,
		Learner: a.Learner, Task: a.Task.String(), Target: a.Target, Classes: a.Classes, Trained: a.Created.UTC().Format(time.RFC3339),
		Schema: s.d.Contract, Metrics: s.d.Metrics, MaxBatch: s.opt.MaxBatch, MaxBodyBytes: s.opt.MaxBodyBytes})
	return nil
}
