package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"modelbench/workflow/deploy/contract"
	"modelbench/workflow/deploy/serve/servetest"
)

// checkMLflow sends the test rows in the request shapes MLflow's scoring
// server documents for /invocations and requires modelbench predict's
// answers: {"predictions": [labels or numbers]}.
func checkMLflow(t *testing.T, s *server, f *servetest.Fixture, ref reference, recs []map[string]any) {
	t.Helper()
	var names []string
	for _, fl := range f.Contract.Fields {
		names = append(names, fl.Name)
	}
	split := make([][]any, len(recs))
	index := make([]int, len(recs))
	for i, r := range recs {
		for _, n := range names {
			split[i] = append(split[i], r[n])
		}
		index[i] = i
	}
	shapes := map[string]any{
		"dataframe_split":        map[string]any{"dataframe_split": map[string]any{"columns": names, "data": split}},
		"dataframe_split, index": map[string]any{"dataframe_split": map[string]any{"index": index, "columns": names, "data": split}},
		"dataframe_records":      map[string]any{"dataframe_records": recs},
		"instances, records":     map[string]any{"instances": recs},
		"instances, rows":        map[string]any{"instances": split},
		"inputs, columns":        map[string]any{"inputs": columnsOf(recs)},
		"inputs, records":        map[string]any{"inputs": recs, "params": map[string]any{"ignored": true}},
	}
	for what, body := range shapes {
		code, b := s.post("/invocations", body)
		want(t, "MLflow "+what, code, http.StatusOK, b)
		r := decode[struct{ Predictions []any }](t, b)
		ref.check(t, "MLflow "+what, r.Predictions, nil)
	}
	code, h, b := s.do(http.MethodPost, "/invocations", "text/csv", f.TestNoTarget)
	want(t, "MLflow CSV", code, http.StatusOK, b)
	r := decode[struct{ Predictions []any }](t, b)
	ref.check(t, "MLflow CSV", r.Predictions, nil)
	if ids := strings.Split(h.Get("X-Prediction-Ids"), ","); len(ids) != len(recs) || len(ids[0]) != 32 {
		t.Fatalf("X-Prediction-Ids has %d ids, want %d", len(ids), len(recs))
	}
	for _, p := range []string{"/ping", "/health"} {
		if code, b := s.get(p); code != http.StatusOK {
			t.Fatalf("GET %s: %d %s", p, code, b)
		}
	}
	// MLflow's error object for a request it cannot read.
	code, b = s.post("/invocations", map[string]any{"dataframe_records": recs, "instances": recs})
	want(t, "MLflow with two forms", code, http.StatusBadRequest, b)
	if e := decode[map[string]any](t, b); e["error_code"] != "BAD_REQUEST" || e["message"] == "" {
		t.Fatalf("MLflow error %s", b)
	}
}

// oipTensor is an Open Inference Protocol tensor on the wire.
type oipTensor struct {
	Name       string         `json:"name"`
	Shape      []int          `json:"shape"`
	Datatype   string         `json:"datatype"`
	Parameters map[string]any `json:"parameters,omitempty"`
	Data       any            `json:"data"`
}

type oipResponse struct {
	ModelName    string         `json:"model_name"`
	ModelVersion string         `json:"model_version"`
	ID           string         `json:"id"`
	Parameters   map[string]any `json:"parameters"`
	Outputs      []oipTensor    `json:"outputs"`
}

// checkOIP scores the test rows through the Open Inference Protocol: the
// metadata describes the contract, one tensor per column (shape [n] and
// [n, 1]) gives modelbench predict's answers, the request id is echoed.
func checkOIP(t *testing.T, s *server, f *servetest.Fixture, ref reference, recs []map[string]any) {
	t.Helper()
	name := filepathBase(f.Dir)
	code, b := s.get("/v2/models/" + name)
	want(t, "OIP model metadata", code, http.StatusOK, b)
	meta := decode[struct {
		Name     string
		Versions []string
		Platform string
		Inputs   []oipTensor
		Outputs  []oipTensor
	}](t, b)
	if meta.Name != name || len(meta.Versions) != 1 || len(meta.Versions[0]) != 12 || len(meta.Inputs) != len(f.Contract.Fields) {
		t.Fatalf("OIP metadata %s", b)
	}
	dtypes := map[string]string{}
	for i, in := range meta.Inputs {
		fl := f.Contract.Fields[i]
		want := map[string]string{contract.TypeNumber: "FP64", contract.TypeInteger: "INT64", contract.TypeBoolean: "BOOL"}[fl.Type]
		if want == "" {
			want = "BYTES"
		}
		if in.Name != fl.Name || in.Datatype != want || len(in.Shape) != 1 || in.Shape[0] != -1 {
			t.Fatalf("OIP input %d = %+v, want %s %s [-1]", i, in, fl.Name, want)
		}
		dtypes[in.Name] = in.Datatype
	}
	for _, path := range []string{"/v2/models/" + name + "/ready", "/v2/models/" + name + "/versions/" + meta.Versions[0] + "/ready", "/v2/health/live", "/v2/health/ready"} {
		if code, b := s.get(path); code != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, code, b)
		}
	}
	for _, shape := range []string{"[n]", "[n, 1]"} {
		var inputs []oipTensor
		for _, fl := range f.Contract.Fields {
			col := make([]any, len(recs))
			for i, r := range recs {
				col[i] = r[fl.Name]
			}
			sh := []int{len(recs)}
			var data any = col
			if shape == "[n, 1]" {
				sh = append(sh, 1)
				nested := make([]any, len(col))
				for i, v := range col {
					nested[i] = []any{v}
				}
				data = nested
			}
			inputs = append(inputs, oipTensor{Name: fl.Name, Shape: sh, Datatype: dtypes[fl.Name], Data: data})
		}
		path := "/v2/models/" + name + "/infer"
		if shape == "[n, 1]" {
			path = "/v2/models/" + name + "/versions/" + meta.Versions[0] + "/infer"
		}
		code, b := s.post(path, map[string]any{"id": "req-42", "inputs": inputs})
		want(t, "OIP infer "+shape, code, http.StatusOK, b)
		checkOIPResponse(t, "OIP "+shape, b, ref, len(recs), f.Artifact.Classes)
	}
}

func checkOIPResponse(t *testing.T, what string, b []byte, ref reference, n int, classes []string) {
	t.Helper()
	r := decode[oipResponse](t, b)
	if r.ID != "req-42" || len(r.ModelVersion) != 12 {
		t.Fatalf("%s: id %q, version %q", what, r.ID, r.ModelVersion)
	}
	if ids, _ := r.Parameters["prediction_ids"].([]any); len(ids) != n {
		t.Fatalf("%s: %d prediction ids for %d rows", what, len(ids), n)
	}
	var preds []any
	var proba []map[string]float64
	for _, o := range r.Outputs {
		switch o.Name {
		case "predict":
			if o.Shape[0] != n || (classes != nil) != (o.Datatype == "BYTES") {
				t.Fatalf("%s: predict output %+v", what, o)
			}
			preds = o.Data.([]any)
		case "predict_proba":
			if o.Datatype != "FP64" || len(o.Shape) != 2 || o.Shape[0] != n || o.Shape[1] != len(classes) {
				t.Fatalf("%s: predict_proba output %s %v", what, o.Datatype, o.Shape)
			}
			flat := o.Data.([]any)
			for i := range n {
				p := map[string]float64{}
				for k, c := range classes {
					p[c] = flat[i*len(classes)+k].(float64)
				}
				proba = append(proba, p)
			}
		default:
			t.Fatalf("%s: unexpected output %q", what, o.Name)
		}
	}
	if classes != nil && proba == nil {
		t.Fatalf("%s: no predict_proba", what)
	}
	ref.check(t, what, preds, proba)
}

func filepathBase(dir string) string {
	i := strings.LastIndexAny(dir, `/\`)
	return dir[i+1:]
}

// TestServe_OIPMatrixInput sends the documented single 2-D FP64 tensor
// "input-0" holding every (numeric) field in the contract's order.
func TestServe_OIPMatrixInput(t *testing.T) {
	f := fixtures["diamonds"]
	ref := referenceOf(t, f)
	recs := records(t, f)
	s := start(t, "diamonds", nil)
	flat := make([]any, 0, len(recs)*len(f.Contract.Fields))
	nested := make([]any, len(recs))
	for i, r := range recs {
		var row []any
		for _, fl := range f.Contract.Fields {
			row = append(row, r[fl.Name])
		}
		flat = append(flat, row...)
		nested[i] = row
	}
	for what, data := range map[string]any{"flat": flat, "nested": nested} {
		in := oipTensor{Name: "input-0", Shape: []int{len(recs), len(f.Contract.Fields)}, Datatype: "FP64", Data: data}
		code, b := s.post("/v2/models/diamonds/infer", map[string]any{"id": "req-42", "inputs": []oipTensor{in}, "outputs": []map[string]string{{"name": "predict"}}})
		want(t, "input-0 "+what, code, http.StatusOK, b)
		checkOIPResponse(t, "input-0 "+what, b, ref, len(recs), nil)
	}
	// The server's metadata names itself.
	code, b := s.get("/v2")
	if m := decode[map[string]any](t, b); code != http.StatusOK || m["name"] != "modelbench-serve" || m["version"] == "" {
		t.Fatalf("GET /v2: %d %s", code, b)
	}
	// A 2-D input of the wrong width names the fields it needs.
	bad := oipTensor{Name: "input-0", Shape: []int{1, 2}, Datatype: "FP64", Data: []float64{1, 2}}
	code, b = s.post("/v2/models/diamonds/infer", map[string]any{"inputs": []oipTensor{bad}})
	want(t, "input-0 of the wrong width", code, http.StatusBadRequest, b)
	if e := decode[map[string]string](t, b)["error"]; !strings.Contains(e, "carat, depth, table, x, y, z") {
		t.Fatalf("error %q does not list the fields in order", e)
	}
	_ = fmt.Sprint
}
