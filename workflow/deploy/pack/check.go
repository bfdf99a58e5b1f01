package pack

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy/contract"
	"modelbench/workflow/model"
)

// served is /v1/predict's answer as the check reads it.
type served struct {
	ModelVersion string `json:"model_version"`
	Predictions  []struct {
		ID            string             `json:"id"`
		Prediction    any                `json:"prediction"`
		Probabilities map[string]float64 `json:"probabilities"`
	} `json:"predictions"`
}

// checkPredictions sends every row of rows to the server at base, in
// batches, and compares each answer with a's own prediction of the row:
// the same class (or the same number) and the same probability for every
// class, exactly. It returns how many rows it compared, how many
// differed, and the first difference.
func checkPredictions(ctx context.Context, base string, a *artifact.Artifact, c *contract.Contract, rows *data.Frame, version string) (n, bad int, first string, err error) {
	want, err := a.Predict(ctx, rows)
	if err != nil {
		return 0, 0, "", fmt.Errorf("the app's predictions of the check rows: %w", err)
	}
	var labels []string
	if a.Task == model.Classification {
		if labels, err = model.Labels(want.Index, want.Classes); err != nil {
			return 0, 0, "", err
		}
	}
	total := rows.NumRows()
	for lo := 0; lo < total; lo += checkBatch {
		hi := min(lo+checkBatch, total)
		idx := make([]int, hi-lo)
		for i := range idx {
			idx[i] = lo + i
		}
		recs, err := records(c, rows, idx)
		if err != nil {
			return n, bad, first, err
		}
		body, err := json.Marshal(predictBody(recs))
		if err != nil {
			return n, bad, first, err
		}
		code, resp, err := post(ctx, base+"/v1/predict", body)
		if err != nil {
			return n, bad, first, err
		}
		if code != http.StatusOK {
			return n, bad, first, fmt.Errorf("the server refused rows %d–%d of the check: %d %s", lo+1, hi, code, clip(string(resp), 400))
		}
		var got served
		if err := json.Unmarshal(resp, &got); err != nil {
			return n, bad, first, fmt.Errorf("the server's answer is not /v1/predict's: %w", err)
		}
		if got.ModelVersion != version {
			return n, bad, first, fmt.Errorf("the server serves model version %s, not the package's %s", got.ModelVersion, version)
		}
		if len(got.Predictions) != len(idx) {
			return n, bad, first, fmt.Errorf("the server answered %d predictions for %d rows", len(got.Predictions), len(idx))
		}
		for k, p := range got.Predictions {
			i := lo + k
			n++
			if why := differs(a, want, labels, i, p.Prediction, p.Probabilities); why != "" {
				bad++
				if first == "" {
					first = fmt.Sprintf("check row %d: %s", i+1, why)
				}
			}
		}
	}
	return n, bad, first, nil
}

// differs says how the server's answer for row i differs from the app's
// ("" when it does not).
func differs(a *artifact.Artifact, want *artifact.Predictions, labels []string, i int, pred any, proba map[string]float64) string {
	if labels != nil {
		s, ok := pred.(string)
		if !ok || s != labels[i] {
			return fmt.Sprintf("the server predicts %v, the app %q", pred, labels[i])
		}
		if want.Proba == nil {
			if proba != nil {
				return "the server gives probabilities, the app none"
			}
			return ""
		}
		if len(proba) != len(want.Classes) {
			return fmt.Sprintf("the server gives %d probabilities, the app %d", len(proba), len(want.Classes))
		}
		for k, cl := range want.Classes {
			g, ok := proba[cl]
			if !ok || g != want.Proba[i][k] {
				return fmt.Sprintf("P(%s) is %v on the server, %v in the app", cl, g, want.Proba[i][k])
			}
		}
		return ""
	}
	v, ok := pred.(float64)
	w := want.Index[i]
	if !ok || !(v == w || math.IsNaN(v) && math.IsNaN(w)) {
		return fmt.Sprintf("the server predicts %v, the app %v", pred, w)
	}
	return ""
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
