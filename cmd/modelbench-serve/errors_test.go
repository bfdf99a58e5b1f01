package main

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"modelbench/workflow/deploy/serve"
)

type errorBody struct {
	Error   string          `json:"error"`
	Details []serve.Problem `json:"details"`
}

// TestServe_ErrorCases covers every documented error: each names the row
// and field and says what was expected.
func TestServe_ErrorCases(t *testing.T) {
	s := start(t, "penguins", nil, "--max-batch", "5", "--max-body", "2KiB")
	good := map[string]any{"island": "Biscoe", "bill_length_mm": 45.1, "bill_depth_mm": 14.5, "flipper_length_mm": 215, "body_mass_g": 5000, "sex": "female", "year": 2008}
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for a, b := range good {
			m[a] = b
		}
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
		return m
	}
	cases := []struct {
		name       string
		body       any    // JSON-encoded unless raw
		raw        string // sent as is
		ctype      string
		status     int
		msg        string        // in "error"
		detail     serve.Problem // the first detail, when Row or Field is set
		detailPart string        // in the first detail's Expected
	}{
		{name: "bad JSON", raw: `{"island": "Biscoe",`, status: 400, msg: "not valid JSON"},
		{name: "empty body", raw: "", status: 400, msg: "empty"},
		{name: "a JSON number", raw: `42`, status: 400, msg: "send a record"},
		{name: "not a record in an array", body: []any{good, "x"}, status: 400, msg: "record 2", detail: serve.Problem{Row: 2}},
		{name: "wrong type", body: with("bill_length_mm", "long"), status: 400, msg: "bill_length_mm",
			detail: serve.Problem{Row: 1, Field: "bill_length_mm", Problem: `a string (long)`}, detailPart: "a number"},
		{name: "wrong type in row 3", body: []any{good, good, with("island", []any{1})}, status: 400,
			detail: serve.Problem{Row: 3, Field: "island", Problem: "a JSON array"}, detailPart: `"Biscoe"`},
		{name: "not a whole number", body: with("year", 2008.5), status: 400, detail: serve.Problem{Row: 1, Field: "year", Problem: "2008.5 is not a whole number"}, detailPart: "a whole number"},
		{name: "columns of different lengths", body: map[string]any{"columns": map[string]any{"island": []any{"Biscoe"}, "year": []any{2008, 2009}}}, status: 400, msg: "different lengths"},
		{name: "CSV with a ragged row", raw: "island,year\nBiscoe,2008\nDream\n", ctype: "text/csv", status: 400, msg: "CSV"},
		{name: "CSV with a bad number", raw: "island,bill_length_mm\nBiscoe,4x\n", ctype: "text/csv", status: 400,
			detail: serve.Problem{Row: 1, Field: "bill_length_mm", Problem: `"4x" is not a number`}},
		{name: "oversize batch", body: []any{good, good, good, good, good, good}, status: 413, msg: "at most 5"},
		{name: "oversize CSV batch", raw: "island\nBiscoe\nBiscoe\nBiscoe\nBiscoe\nBiscoe\nBiscoe\n", ctype: "text/csv", status: 413, msg: "at most 5"},
		{name: "oversize body", raw: `{"island": "` + strings.Repeat("B", 3000) + `"}`, status: 413, msg: "larger than 2048 bytes"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var body []byte
			if c.body != nil {
				body = mustJSON(t, c.body)
			} else {
				body = []byte(c.raw)
			}
			ct := c.ctype
			if ct == "" {
				ct = "application/json"
			}
			code, _, b := s.do(http.MethodPost, "/v1/predict", ct, body)
			want(t, c.name, code, c.status, b)
			e := decode[errorBody](t, b)
			if e.Error == "" || !strings.Contains(e.Error, c.msg) {
				t.Fatalf("error %q does not say %q", e.Error, c.msg)
			}
			if c.detail.Row != 0 || c.detail.Field != "" {
				if len(e.Details) == 0 {
					t.Fatalf("no details: %s", b)
				}
				d := e.Details[0]
				if d.Row != c.detail.Row || d.Field != c.detail.Field || (c.detail.Problem != "" && d.Problem != c.detail.Problem) ||
					!strings.Contains(d.Expected, c.detailPart) || d.Expected == "" {
					t.Fatalf("detail %+v, want %+v expecting %q", d, c.detail, c.detailPart)
				}
			}
		})
	}
}

// TestServe_RequiredFields: the diamonds model has no imputation, so
// every field is required; leaving one out, or sending null, is refused
// naming the row and field.
func TestServe_RequiredFields(t *testing.T) {
	s := start(t, "diamonds", nil)
	rec := map[string]any{"carat": 0.7, "depth": 61.5, "table": 57, "x": 5.7, "y": 5.7, "z": 3.5}
	code, b := s.post("/v1/predict", rec)
	want(t, "a complete record", code, 200, b)
	delete(rec, "carat")
	rec2 := map[string]any{"carat": 0.7, "depth": nil, "table": 57, "x": 5.7, "y": 5.7, "z": 3.5}
	code, b = s.post("/v1/predict", []any{rec2, rec})
	want(t, "missing fields", code, 400, b)
	e := decode[errorBody](t, b)
	if len(e.Details) != 2 || e.Details[0] != (serve.Problem{Row: 1, Field: "depth", Problem: "null or a missing-value text", Expected: "a number; the field is required"}) ||
		e.Details[1] != (serve.Problem{Row: 2, Field: "carat", Problem: "missing", Expected: "a number; the field is required"}) {
		t.Fatalf("details %+v", e.Details)
	}
}

// TestServe_Warnings: values outside the training range, unseen levels
// and unknown fields are scored but reported.
func TestServe_Warnings(t *testing.T) {
	s := start(t, "penguins", nil)
	rec := map[string]any{"island": "Atlantis", "bill_length_mm": 99.5, "bill_depth_mm": 14.5, "flipper_length_mm": 215, "body_mass_g": 5000, "sex": "female", "year": 2008, "colour": "blue", "species": "Adelie"}
	code, b := s.post("/v1/predict", rec)
	want(t, "unusual values", code, 200, b)
	r := decode[serve.PredictResponse](t, b)
	got := map[string]serve.Problem{}
	for _, w := range r.Warnings {
		got[w.Field] = w
	}
	if len(r.Predictions) != 1 || len(r.Warnings) != 4 {
		t.Fatalf("response %s", b)
	}
	if w := got["bill_length_mm"]; w.Row != 1 || !strings.Contains(w.Problem, "outside the training range") || w.Expected != "32.1 to 58" {
		t.Fatalf("range warning %+v", w)
	}
	if w := got["island"]; w.Row != 1 || !strings.Contains(w.Problem, "not seen in training") || !strings.Contains(w.Expected, "Biscoe") {
		t.Fatalf("level warning %+v", w)
	}
	if w := got["colour"]; !strings.Contains(w.Problem, "ignored") || w.Row != 0 {
		t.Fatalf("unknown-field warning %+v", w)
	}
	if w := got["species"]; !strings.Contains(w.Problem, "target") {
		t.Fatalf("target warning %+v", w)
	}
}

// TestServe_NotFound: unknown models, versions, predictions and paths.
func TestServe_NotFound(t *testing.T) {
	s := start(t, "titanic", nil)
	for _, path := range []string{"/v2/models/nope", "/v2/models/nope/ready", "/v2/models/titanic/versions/000000000000"} {
		code, b := s.get(path)
		want(t, path, code, 404, b)
		if e := decode[map[string]string](t, b); !strings.Contains(e["error"], `"titanic"`) {
			t.Fatalf("%s: %s does not name the model served", path, b)
		}
	}
	in := []oipTensor{{Name: "sex", Shape: []int{1}, Datatype: "BYTES", Data: []string{"male"}}}
	code, b := s.post("/v2/models/nope/infer", map[string]any{"inputs": in})
	want(t, "infer on an unknown model", code, 404, b)

	code, b = s.post("/v1/feedback", map[string]any{"id": "0123456789abcdef0123456789abcdef", "truth": "yes"})
	want(t, "feedback for an unknown id", code, 404, b)
	if e := decode[errorBody](t, b); len(e.Details) != 1 || e.Details[0].Field != "id" || !strings.Contains(e.Error, "nothing was recorded") {
		t.Fatalf("unknown id: %s", b)
	}
	// A batch with one unknown id records nothing.
	code, b = s.post("/v1/predict", map[string]any{"sex": "male", "age": 30, "passengerClass": "3rd"})
	want(t, "predict", code, 200, b)
	id := decode[serve.PredictResponse](t, b).Predictions[0].ID
	code, b = s.post("/v1/feedback", []any{map[string]any{"id": id, "truth": "no"}, map[string]any{"id": "nope", "truth": "no"}})
	want(t, "feedback with one unknown id", code, 404, b)
	if e := decode[errorBody](t, b); len(e.Details) != 1 || e.Details[0].Row != 2 {
		t.Fatalf("details %s", b)
	}
	code, b = s.post("/v1/feedback", map[string]any{"id": id, "truth": "maybe"})
	want(t, "feedback with a truth that is no class", code, 400, b)
	if e := decode[errorBody](t, b); !strings.Contains(e.Details[0].Expected, `"no", "yes"`) {
		t.Fatalf("truth error %s", b)
	}
	code, b = s.get("/v1/nothing")
	want(t, "unknown path", code, 404, b)
	code, _, b = s.do(http.MethodGet, "/v1/predict", "", nil)
	want(t, "GET /v1/predict", code, 405, b)
	if decode[errorBody](t, b).Error == "" {
		t.Fatalf("405 without a JSON error: %s", b)
	}
}

// TestServe_OIPErrors: malformed tensors are 400 with {"error"}.
func TestServe_OIPErrors(t *testing.T) {
	s := start(t, "penguins", nil)
	cases := map[string]struct {
		inputs []oipTensor
		msg    string
	}{
		"no inputs":           {nil, "no inputs"},
		"shape and data":      {[]oipTensor{{Name: "year", Shape: []int{3}, Datatype: "INT64", Data: []int{2008, 2009}}}, "2 values for the shape [3]"},
		"wrong datatype":      {[]oipTensor{{Name: "year", Shape: []int{1}, Datatype: "BYTES", Data: []string{"2008"}}}, "datatype BYTES, but the field is integer"},
		"value and datatype":  {[]oipTensor{{Name: "year", Shape: []int{1}, Datatype: "INT64", Data: []any{2008.5}}}, "does not fit INT64"},
		"unknown datatype":    {[]oipTensor{{Name: "year", Shape: []int{1}, Datatype: "INT128", Data: []int{1}}}, "unknown datatype"},
		"3-D column":          {[]oipTensor{{Name: "year", Shape: []int{1, 1, 1}, Datatype: "INT64", Data: []int{1}}}, "shape [n] or [n, 1]"},
		"rows differ":         {[]oipTensor{{Name: "year", Shape: []int{1}, Datatype: "INT64", Data: []int{1}}, {Name: "sex", Shape: []int{2}, Datatype: "BYTES", Data: []string{"male", "female"}}}, "every input needs one value per row"},
		"2-D with categories": {[]oipTensor{{Name: "input-0", Shape: []int{1, 7}, Datatype: "FP64", Data: []float64{1, 2, 3, 4, 5, 6, 7}}}, "send one input tensor per field"},
	}
	for what, c := range cases {
		code, b := s.post("/v2/models/penguins/infer", map[string]any{"inputs": c.inputs})
		want(t, what, code, 400, b)
		if e := decode[map[string]string](t, b)["error"]; !strings.Contains(e, c.msg) {
			t.Fatalf("%s: error %q does not say %q", what, e, c.msg)
		}
	}
	in := []oipTensor{{Name: "year", Shape: []int{1}, Datatype: "INT64", Data: []int{2008}}}
	code, b := s.post("/v2/models/penguins/infer", map[string]any{"inputs": in, "outputs": []map[string]string{{"name": "explain"}}})
	want(t, "unknown output", code, 400, b)
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jsonEncoder(&buf).Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var _ = fmt.Sprint
