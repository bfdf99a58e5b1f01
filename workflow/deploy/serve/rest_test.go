package serve

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
)

// TestPredictResponse_EncodesAsJSONMarshalWould: the hand-written
// encoder of /v1/predict's answer decodes to the same values as
// json.Marshal's, for awkward labels and numbers.
func TestPredictResponse_EncodesAsJSONMarshalWould(t *testing.T) {
	ts := newTestServer(t, "titanic", Options{AppVersion: "1.2.3"})
	classes := []string{"z\"quote", "a<b>&", "é\u2028", "plain"}
	ts.d.classOrder = sortedOrder(classes)
	o := &scored{IDs: []string{"id1", "id2"}, Labels: []string{"z\"quote", "plain"}, Classes: classes,
		Proba:    [][]float64{{0.1, 0.2, 0.3, 0.4}, {1e-300, 0, 1, math.Inf(1)}},
		Warnings: []Problem{{Row: 1, Field: "f", Problem: "p", Expected: "e"}}}
	var got, want map[string]any
	if err := json.Unmarshal(ts.predictResponse(o), &got); err != nil {
		t.Fatalf("%v: %s", err, ts.predictResponse(o))
	}
	resp := PredictResponse{ModelVersion: ts.d.ModelVersion, AppVersion: "1.2.3", Warnings: o.Warnings}
	for i, id := range o.IDs {
		p := o.probabilities(i)
		if math.IsInf(p["plain"], 0) {
			delete(p, "plain") // json.Marshal cannot write +Inf; the encoder writes null
		}
		resp.Predictions = append(resp.Predictions, RowResult{ID: id, Prediction: o.prediction(i), Probabilities: p})
	}
	b, err := json.Marshal(resp)
	if err != nil {
		t.Fatal(err)
	}
	json.Unmarshal(b, &want)
	want["predictions"].([]any)[1].(map[string]any)["probabilities"].(map[string]any)["plain"] = nil
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("encoded\n%v\nwant\n%v", got, want)
	}
	// Regression values.
	o = &scored{IDs: []string{"r"}, Values: []float64{-12.5e-7}}
	if err := json.Unmarshal(ts.predictResponse(o), &got); err != nil || got["predictions"].([]any)[0].(map[string]any)["prediction"] != -12.5e-7 {
		t.Fatalf("%v %v", got, err)
	}
}
