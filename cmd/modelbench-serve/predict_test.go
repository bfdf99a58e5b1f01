package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"modelbench/workflow"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy/contract"
	"modelbench/workflow/deploy/serve"
	"modelbench/workflow/deploy/serve/servetest"
)

// reference is what `modelbench predict` (workflow.Score) writes for the
// fixture's test rows: per row the prediction and the probabilities.
type reference struct {
	pred  []string             // as written
	proba []map[string]float64 // by class
}

func referenceOf(t *testing.T, f *servetest.Fixture) reference {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.csv")
	if err := os.WriteFile(path, f.TestNoTarget, 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := workflow.Score(context.Background(), f.Artifact, workflow.DataRef{Path: path}, "", &out, true, nil); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var ref reference
	header := recs[0]
	for _, rec := range recs[1:] {
		ref.pred = append(ref.pred, rec[0])
		p := map[string]float64{}
		for j := 1; j < len(rec); j++ {
			v, err := strconv.ParseFloat(rec[j], 64)
			if err != nil {
				t.Fatal(err)
			}
			p[strings.TrimPrefix(header[j], "probability_")] = v
		}
		ref.proba = append(ref.proba, p)
	}
	return ref
}

// records reads the fixture's test rows (without the target) as JSON
// values typed by the contract: numbers as numbers, the missing-value
// texts as null, everything else as text.
func records(t *testing.T, f *servetest.Fixture) []map[string]any {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(f.TestNoTarget)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	var missing data.ParseOptions
	for _, rec := range recs[1:] {
		m := map[string]any{}
		for j, h := range recs[0] {
			fl, _ := f.Contract.Field(h)
			cell := rec[j]
			switch {
			case missing.IsMissing(cell):
				m[h] = nil
			case fl.Type == contract.TypeNumber || fl.Type == contract.TypeInteger:
				v, err := strconv.ParseFloat(strings.TrimSpace(cell), 64)
				if err != nil {
					t.Fatal(err)
				}
				m[h] = v
			default:
				m[h] = cell
			}
		}
		out = append(out, m)
	}
	return out
}

// check compares the served predictions (label or number as JSON
// decodes them) and probabilities with the reference, exactly.
func (ref reference) check(t *testing.T, what string, preds []any, proba []map[string]float64) {
	t.Helper()
	if len(preds) != len(ref.pred) {
		t.Fatalf("%s: %d predictions for %d rows", what, len(preds), len(ref.pred))
	}
	for i, p := range preds {
		got := fmt.Sprint(p)
		if f, ok := p.(float64); ok {
			got = data.FormatFloat(f)
		}
		if got != ref.pred[i] {
			t.Fatalf("%s, row %d: predicted %q, modelbench predict says %q", what, i+1, got, ref.pred[i])
		}
		if proba == nil {
			continue
		}
		for c, v := range ref.proba[i] {
			if proba[i][c] != v {
				t.Fatalf("%s, row %d: P(%s) = %v, modelbench predict says %v", what, i+1, c, proba[i][c], v)
			}
		}
	}
}

// TestServe_PredictionsMatchModelbenchPredict scores the test rows of
// each fixture through every request form and protocol and requires the
// very labels, values and probabilities `modelbench predict` writes.
func TestServe_PredictionsMatchModelbenchPredict(t *testing.T) {
	for _, name := range []string{"titanic", "penguins", "diamonds"} {
		t.Run(name, func(t *testing.T) {
			f := fixtures[name]
			ref := referenceOf(t, f)
			recs := records(t, f)
			s := start(t, name, nil)
			served := func(what string, code int, body []byte) {
				t.Helper()
				want(t, what, code, http.StatusOK, body)
				r := decode[serve.PredictResponse](t, body)
				preds := make([]any, len(r.Predictions))
				var proba []map[string]float64
				for i, p := range r.Predictions {
					preds[i] = p.Prediction
					if p.Probabilities != nil {
						proba = append(proba, p.Probabilities)
					}
				}
				if f.Contract.Task.String() == "classification" && len(proba) != len(preds) {
					t.Fatalf("%s: no probabilities", what)
				}
				ref.check(t, what, preds, proba)
			}
			code, body := s.post("/v1/predict", recs)
			served("JSON records", code, body)
			code, body = s.post("/v1/predict", map[string]any{"records": recs})
			served(`{"records": ...}`, code, body)
			code, body = s.post("/v1/predict", map[string]any{"columns": columnsOf(recs)})
			served(`{"columns": ...}`, code, body)
			code, _, body = s.do(http.MethodPost, "/v1/predict", "text/csv", f.TestNoTarget)
			served("CSV", code, body)
			// One record at a time gives the same answers.
			for i, r := range recs[:5] {
				code, body = s.post("/v1/predict", r)
				want(t, "one record", code, http.StatusOK, body)
				one := decode[serve.PredictResponse](t, body)
				sub := reference{pred: ref.pred[i : i+1], proba: ref.proba[i : i+1]}
				var proba []map[string]float64
				if one.Predictions[0].Probabilities != nil {
					proba = []map[string]float64{one.Predictions[0].Probabilities}
				}
				sub.check(t, fmt.Sprintf("record %d alone", i+1), []any{one.Predictions[0].Prediction}, proba)
			}
			checkMLflow(t, s, f, ref, recs)
			checkOIP(t, s, f, ref, recs)
		})
	}
}

func columnsOf(recs []map[string]any) map[string][]any {
	cols := map[string][]any{}
	for _, r := range recs {
		for k, v := range r {
			cols[k] = append(cols[k], v)
		}
	}
	return cols
}
