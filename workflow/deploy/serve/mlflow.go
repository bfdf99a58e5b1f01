package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// MLflow's scoring protocol: POST /invocations with a pandas DataFrame in
// split or records orientation, TF-serving style "instances" or
// "inputs", or CSV; GET /ping, /health and /version.

func (s *Server) mlflowRoutes() {
	e := writeMLflowError
	s.handle("POST /invocations", accessKey, e, s.handleInvocations)
	ok := func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte("\n"))
		return nil
	}
	s.handle("GET /ping", accessHealth, e, ok)
	s.handle("GET /health", accessHealth, e, ok)
	s.handle("GET /version", accessHealth, e, func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("modelbench-serve " + s.opt.AppVersion + "\n"))
		return nil
	})
}

// writeMLflowError writes MLflow's error object: {"error_code",
// "message"}, with the problems as "details".
func writeMLflowError(w http.ResponseWriter, err error) {
	status, msg := http.StatusInternalServerError, err.Error()
	var details []Problem
	if re, ok := err.(*requestError); ok {
		status, msg, details = re.status, re.msg, re.details
	}
	code := "INTERNAL_ERROR"
	switch {
	case status == http.StatusUnauthorized:
		code = "UNAUTHENTICATED"
	case status == http.StatusNotFound:
		code = "RESOURCE_DOES_NOT_EXIST"
	case status == http.StatusServiceUnavailable:
		code = "TEMPORARILY_UNAVAILABLE"
	case status < 500:
		code = "BAD_REQUEST"
	}
	writeJSON(w, status, struct {
		Code    string    `json:"error_code"`
		Message string    `json:"message"`
		Details []Problem `json:"details,omitempty"`
	}{code, msg, details})
}

// mlflowRequest is /invocations' JSON body: exactly one of the four
// forms, and optional params (accepted and ignored).
type mlflowRequest struct {
	Split *struct {
		Columns []string `json:"columns"`
		Data    [][]any  `json:"data"`
		Index   []any    `json:"index,omitempty"`
	} `json:"dataframe_split"`
	Records   []any           `json:"dataframe_records"`
	Instances json.RawMessage `json:"instances"`
	Inputs    json.RawMessage `json:"inputs"`
	Params    map[string]any  `json:"params"`
}

const mlflowForms = `"dataframe_split", "dataframe_records", "instances" or "inputs"`

func (s *Server) handleInvocations(w http.ResponseWriter, r *http.Request) error {
	body, err := s.body(w, r)
	if err != nil {
		return err
	}
	var b *batch
	ct := strings.ToLower(r.Header.Get("Content-Type"))
	switch {
	case isCSV(r):
		b, err = decodeCSV(body, s.lim)
	case ct == "" || strings.HasPrefix(ct, "application/json"):
		b, err = s.decodeMLflow(body)
	default:
		err = statusError(http.StatusUnsupportedMediaType, "the content type %q is not supported; send application/json or text/csv", ct)
	}
	if err != nil {
		return err
	}
	o, err := s.score(r.Context(), b, arrival(w))
	if err != nil {
		return err
	}
	preds := make([]any, len(o.IDs))
	for i := range preds {
		preds[i] = o.prediction(i)
	}
	if len(o.IDs) <= idHeaderMax {
		w.Header().Set("X-Prediction-Ids", strings.Join(o.IDs, ","))
	}
	w.Header().Set("X-Model-Version", s.d.ModelVersion)
	writeJSON(w, http.StatusOK, map[string]any{"predictions": preds})
	return nil
}

// idHeaderMax is the largest batch whose prediction IDs /invocations
// returns in the X-Prediction-Ids header (about 33 KB).
const idHeaderMax = 1000

func (s *Server) decodeMLflow(body []byte) (*batch, error) {
	var req mlflowRequest
	if err := decodeJSON(body, &req); err != nil {
		return nil, err
	}
	forms := 0
	for _, set := range []bool{req.Split != nil, req.Records != nil, len(req.Instances) > 0, len(req.Inputs) > 0} {
		if set {
			forms++
		}
	}
	if forms != 1 {
		return nil, badRequest("send exactly one of %s (got %d)", mlflowForms, forms)
	}
	switch {
	case req.Split != nil:
		return s.splitBatch(req.Split.Columns, req.Split.Data)
	case req.Records != nil:
		return recordsBatch(req.Records, s.lim)
	case len(req.Instances) > 0:
		return s.tensorBatch("instances", req.Instances)
	}
	return s.tensorBatch("inputs", req.Inputs)
}

// splitBatch reads a DataFrame in split orientation.
func (s *Server) splitBatch(cols []string, rows [][]any) (*batch, error) {
	if len(cols) == 0 {
		return nil, badRequest(`"dataframe_split" needs "columns" (the field names) and "data" (one array per row)`)
	}
	if err := s.lim.check(len(rows)); err != nil {
		return nil, err
	}
	b := &batch{rows: make([]map[string]any, len(rows))}
	for i, row := range rows {
		if len(row) != len(cols) {
			return nil, &requestError{status: http.StatusBadRequest, msg: fmt.Sprintf("row %d has %d values for %d columns", i+1, len(row), len(cols)),
				details: []Problem{{Row: i + 1, Problem: fmt.Sprintf("%d values", len(row)), Expected: fmt.Sprintf("%d, one per column", len(cols))}}}
		}
		m := make(map[string]any, len(cols))
		for k, c := range cols {
			m[c] = row[k]
		}
		b.rows[i] = m
	}
	return b, nil
}

// tensorBatch reads "instances" or "inputs": an array of records, an
// array of rows holding every field in the contract's order, or an
// object of columns.
func (s *Server) tensorBatch(key string, raw json.RawMessage) (*batch, error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, badRequest("%q is not valid JSON: %v", key, err)
	}
	switch x := v.(type) {
	case map[string]any:
		return columnsBatch(x, s.lim)
	case []any:
		if len(x) > 0 {
			if _, isRow := x[0].([]any); isRow {
				return s.positionalBatch(key, x)
			}
			if _, isRec := x[0].(map[string]any); !isRec && len(s.d.Contract.Fields) == 1 {
				return columnsBatch(map[string]any{s.d.Contract.Fields[0].Name: x}, s.lim)
			}
		}
		return recordsBatch(x, s.lim)
	}
	return nil, badRequest("%q is a JSON %s; send an array of records, an array of rows or an object of columns", key, jsonKind(v))
}

// positionalBatch reads rows of values in the contract's field order.
func (s *Server) positionalBatch(key string, rows []any) (*batch, error) {
	fields := s.d.Contract.Fields
	if err := s.lim.check(len(rows)); err != nil {
		return nil, err
	}
	b := &batch{rows: make([]map[string]any, len(rows))}
	for i, r := range rows {
		vals, ok := r.([]any)
		if !ok || len(vals) != len(fields) {
			return nil, &requestError{status: http.StatusBadRequest, msg: fmt.Sprintf("%q row %d must be an array of %d values, the fields in the order %s", key, i+1, len(fields), fieldList(fields)),
				details: []Problem{{Row: i + 1, Problem: "not an array of " + fmt.Sprint(len(fields)) + " values", Expected: fieldList(fields)}}}
		}
		m := make(map[string]any, len(fields))
		for k, f := range fields {
			m[f.Name] = vals[k]
		}
		b.rows[i] = m
	}
	return b, nil
}
