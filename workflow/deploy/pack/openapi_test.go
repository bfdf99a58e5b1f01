package pack

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"modelbench/workflow/deploy/contract"
	"modelbench/workflow/deploy/pack/packtest"
	"modelbench/workflow/model"
)

// loadAPI loads and validates a package's openapi.yaml with kin-openapi.
func loadAPI(t *testing.T, dir string) (*openapi3.T, routers.Router) {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(filepath.Join(dir, OpenAPIFile))
	if err != nil {
		t.Fatalf("loading %s: %v", OpenAPIFile, err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		t.Fatalf("%s does not validate: %v", OpenAPIFile, err)
	}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return doc, router
}

// validation validates a request to the documented server (the spec's
// server URL) with kin-openapi and returns the input for the response.
func validation(t *testing.T, router routers.Router, method, path, contentType string, body []byte) (*openapi3filter.RequestValidationInput, error) {
	t.Helper()
	req, err := http.NewRequest(method, "http://127.0.0.1:8080"+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Authorization", "Bearer a-key-of-sixteen-characters")
	route, params, err := router.FindRoute(req)
	if err != nil {
		t.Fatalf("%s %s is not in the description: %v", method, path, err)
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}}
	return in, openapi3filter.ValidateRequest(context.Background(), in)
}

func validateResponse(in *openapi3filter.RequestValidationInput, status int, header http.Header, body []byte) error {
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: status, Header: header,
		Options: &openapi3filter.Options{MultiError: true}}
	out.SetBodyBytes(body)
	return openapi3filter.ValidateResponse(context.Background(), out)
}

// TestOpenAPI_ValidAndFitsTheServer: each package's description loads and
// validates; it names the contract's fields with their types, levels and
// nullability; example-request.json validates as a /v1/predict request,
// and the running server's real answers to it (JSON and CSV), to
// feedback, to health, readiness, the model and the Open Inference
// Protocol and MLflow requests validate as the documented responses.
func TestOpenAPI_ValidAndFitsTheServer(t *testing.T) {
	for _, name := range []string{"penguins", "titanic", "diamonds"} {
		t.Run(name, func(t *testing.T) {
			dir, m := written(t, name)
			doc, router := loadAPI(t, dir)
			f := fixtures[name]
			rec := doc.Components.Schemas["Record"].Value
			for _, fl := range f.Contract.Fields {
				p, ok := rec.Properties[fl.Name]
				if !ok {
					t.Fatalf("Record lacks the field %s", fl.Name)
				}
				want := map[string]string{"number": "number", "integer": "integer", "boolean": "boolean"}[fl.Type]
				if want == "" {
					want = "string"
				}
				if !p.Value.Type.Is(want) || p.Value.Nullable != fl.Nullable {
					t.Errorf("field %s: type %v nullable %v, contract %s nullable %v", fl.Name, p.Value.Type, p.Value.Nullable, fl.Type, fl.Nullable)
				}
				if fl.Type == "category" && !fl.MoreLevels && len(p.Value.Enum) < len(fl.Levels) {
					t.Errorf("field %s: enum %v, levels %v", fl.Name, p.Value.Enum, fl.Levels)
				}
			}
			if got := len(rec.Required); got != countRequired(f.Contract.Fields) {
				t.Errorf("Record requires %d fields", got)
			}
			pred := doc.Components.Schemas["Prediction"].Value.Properties["prediction"].Value
			if f.Artifact.Task == model.Classification && len(pred.Enum) != len(f.Artifact.Classes) {
				t.Errorf("prediction enum %v, classes %v", pred.Enum, f.Artifact.Classes)
			}

			body, _ := os.ReadFile(filepath.Join(dir, ExampleRequestFile))
			in, err := validation(t, router, http.MethodPost, "/v1/predict", "application/json", body)
			if err != nil {
				t.Fatalf("example-request.json does not validate: %v", err)
			}
			saved, _ := os.ReadFile(filepath.Join(dir, ExampleResponseFile))
			if err := validateResponse(in, 200, jsonHeader(), saved); err != nil {
				t.Errorf("example-response.json does not validate: %v", err)
			}

			s, err := packtest.Start(context.Background(), filepath.Join(dir, Host().Binary()), dir, t.TempDir(), nil, "--name", m.Name)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Kill()
			calls := []struct {
				method, path, ct string
				body             []byte
			}{
				{http.MethodPost, "/v1/predict", "application/json", body},
				{http.MethodPost, "/v1/predict", "text/csv", f.TestNoTarget},
				{http.MethodGet, "/healthz", "", nil},
				{http.MethodGet, "/readyz", "", nil},
				{http.MethodGet, "/v1/model", "", nil},
				{http.MethodGet, "/v2/health/ready", "", nil},
				{http.MethodGet, "/v2/models/" + m.Name, "", nil},
				{http.MethodPost, "/v2/models/" + m.Name + "/infer", "application/json", oipBody(t, body)},
				{http.MethodPost, "/invocations", "application/json", mlflowBody(t, body)},
			}
			var firstID string
			for _, c := range calls {
				in, err := validation(t, router, c.method, c.path, c.ct, c.body)
				if err != nil {
					t.Errorf("%s %s: the request does not validate: %v", c.method, c.path, err)
					continue
				}
				status, header, got := call(t, s.URL, c.method, c.path, c.ct, c.body)
				if status != 200 {
					t.Errorf("%s %s: %d %s", c.method, c.path, status, got)
					continue
				}
				if err := validateResponse(in, status, header, got); err != nil {
					t.Errorf("%s %s: the answer does not validate: %v\n%s", c.method, c.path, err, got)
				}
				if c.path == "/v1/predict" && firstID == "" {
					var r served
					_ = json.Unmarshal(got, &r)
					firstID = r.Predictions[0].ID
				}
			}
			truth, _ := json.Marshal(f.Artifact.Classes)
			fb := []byte(`{"id": "` + firstID + `", "truth": 12.5}`)
			if f.Artifact.Task == model.Classification {
				var classes []string
				_ = json.Unmarshal(truth, &classes)
				b, _ := json.Marshal(map[string]any{"id": firstID, "truth": classes[0]})
				fb = b
			}
			in, err = validation(t, router, http.MethodPost, "/v1/feedback", "application/json", fb)
			if err != nil {
				t.Fatalf("feedback request: %v", err)
			}
			status, header, got := call(t, s.URL, http.MethodPost, "/v1/feedback", "application/json", fb)
			if status != 200 {
				t.Fatalf("feedback: %d %s", status, got)
			}
			if err := validateResponse(in, status, header, got); err != nil {
				t.Errorf("the feedback answer does not validate: %v", err)
			}
			if err := s.Stop(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func countRequired(fields []contract.Field) int {
	n := 0
	for _, f := range fields {
		if !f.Nullable {
			n++
		}
	}
	return n
}

func jsonHeader() http.Header { return http.Header{"Content-Type": {"application/json"}} }

func call(t *testing.T, base, method, path, ct string, body []byte) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, base+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

// exampleRecords reads example-request.json's records, in order.
func exampleRecords(t *testing.T, body []byte) []map[string]any {
	t.Helper()
	var req struct{ Records []map[string]any }
	if err := json.Unmarshal(body, &req); err != nil {
		t.Fatal(err)
	}
	return req.Records
}

// oipBody is the example rows as Open Inference Protocol tensors.
func oipBody(t *testing.T, body []byte) []byte {
	t.Helper()
	recs := exampleRecords(t, body)
	var inputs []map[string]any
	for name := range recs[0] {
		var data []any
		dt := "BYTES"
		for _, r := range recs {
			data = append(data, r[name])
			switch r[name].(type) {
			case float64:
				dt = "FP64"
			case bool:
				dt = "BOOL"
			}
		}
		inputs = append(inputs, map[string]any{"name": name, "shape": []int{len(recs)}, "datatype": dt, "data": data})
	}
	b, _ := json.Marshal(map[string]any{"inputs": inputs})
	return b
}

// mlflowBody is the example rows as MLflow's dataframe_records.
func mlflowBody(t *testing.T, body []byte) []byte {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"dataframe_records": exampleRecords(t, body)})
	return b
}

// TestOpenAPI_RefusesWhatTheServerRefuses: a request whose number field
// holds a string, or that lacks a required field, fails kin-openapi's
// validation, and the server refuses it too (400) — the description is
// not so loose that anything passes.
func TestOpenAPI_RefusesWhatTheServerRefuses(t *testing.T) {
	dir, _ := written(t, "diamonds")
	_, router := loadAPI(t, dir)
	body, _ := os.ReadFile(filepath.Join(dir, ExampleRequestFile))
	recs := exampleRecords(t, body)
	s, err := packtest.Start(context.Background(), filepath.Join(dir, Host().Binary()), dir, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Kill()
	var field string
	for k := range recs[0] {
		field = k
		break
	}
	wrongType := map[string]any{}
	missing := map[string]any{}
	for k, v := range recs[0] {
		wrongType[k] = v
		if k != field {
			missing[k] = v
		}
	}
	wrongType[field] = "not a number"
	for what, rec := range map[string]map[string]any{"a string in a number field": wrongType, "a required field left out": missing} {
		b, _ := json.Marshal(map[string]any{"records": []any{rec}})
		if _, err := validation(t, router, http.MethodPost, "/v1/predict", "application/json", b); err == nil {
			t.Errorf("%s validates", what)
		} else if rec[field] != nil && !strings.Contains(err.Error(), field) {
			t.Errorf("%s: the validation error does not name %s: %v", what, field, err)
		}
		if status, _, got := call(t, s.URL, http.MethodPost, "/v1/predict", "application/json", b); status != 400 {
			t.Errorf("%s: the server answered %d %s", what, status, got)
		}
	}
}
