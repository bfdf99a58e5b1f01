package serve

import (
	"fmt"
	"math"
	"net/http"
	"strings"

	"modelbench/workflow/deploy/contract"
)

// The Open Inference Protocol (KServe / Seldon / Triton "V2" REST):
// health, server and model metadata, readiness, and inference with one
// input tensor per column.

func (s *Server) oipRoutes() {
	e := writeOIPError
	s.handle("GET /v2", accessKey, e, s.handleOIPServer)
	s.handle("GET /v2/health/live", accessHealth, e, func(w http.ResponseWriter, r *http.Request) error {
		writeJSON(w, http.StatusOK, map[string]bool{"live": true})
		return nil
	})
	s.handle("GET /v2/health/ready", accessHealth, e, func(w http.ResponseWriter, r *http.Request) error {
		ok, why := s.readiness(r.Context())
		if !ok {
			return statusError(http.StatusServiceUnavailable, "not ready: %s", why)
		}
		writeJSON(w, http.StatusOK, map[string]bool{"ready": true})
		return nil
	})
	for _, base := range []string{"/v2/models/{name}", "/v2/models/{name}/versions/{version}"} {
		s.handle("GET "+base, accessKey, e, s.handleOIPModel)
		s.handle("GET "+base+"/ready", accessKey, e, s.handleOIPModelReady)
		s.handle("POST "+base+"/infer", accessKey, e, s.handleOIPInfer)
	}
}

// writeOIPError writes {"error": "..."}, the protocol's error object.
func writeOIPError(w http.ResponseWriter, err error) {
	status, msg := http.StatusInternalServerError, err.Error()
	if re, ok := err.(*requestError); ok {
		status = re.status
		msg = re.msg
		if len(re.details) > 1 {
			var parts []string
			for i, p := range re.details {
				if i == 5 {
					parts = append(parts, fmt.Sprintf("and %d more", len(re.details)-5))
					break
				}
				parts = append(parts, p.String())
			}
			msg += ": " + strings.Join(parts, "; ")
		}
	}
	writeJSON(w, status, map[string]string{"error": msg})
}

// model checks the path's model name and version.
func (s *Server) model(r *http.Request) error {
	if name := r.PathValue("name"); name != s.opt.Name {
		return statusError(http.StatusNotFound, "model %q is not served here; this server serves %q", name, s.opt.Name)
	}
	if v := r.PathValue("version"); v != "" && v != s.d.ModelVersion {
		return statusError(http.StatusNotFound, "model %q has no version %q; this server serves version %q", s.opt.Name, v, s.d.ModelVersion)
	}
	return nil
}

func (s *Server) handleOIPServer(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, map[string]any{"name": "modelbench-serve", "version": s.opt.AppVersion, "extensions": []string{}})
	return nil
}

// TensorMetadata describes an input or output tensor.
type TensorMetadata struct {
	Name       string         `json:"name"`
	Datatype   string         `json:"datatype"`
	Shape      []int64        `json:"shape"`
	Parameters map[string]any `json:"parameters,omitempty"`
}

// oipDatatype is the tensor datatype of a contract field.
func oipDatatype(t string) string {
	switch t {
	case contract.TypeNumber:
		return "FP64"
	case contract.TypeInteger:
		return "INT64"
	case contract.TypeBoolean:
		return "BOOL"
	}
	return "BYTES"
}

func (s *Server) handleOIPModel(w http.ResponseWriter, r *http.Request) error {
	if err := s.model(r); err != nil {
		return err
	}
	var inputs []TensorMetadata
	for _, f := range s.d.Contract.Fields {
		inputs = append(inputs, TensorMetadata{Name: f.Name, Datatype: oipDatatype(f.Type), Shape: []int64{-1},
			Parameters: map[string]any{"type": f.Type, "nullable": f.Nullable}})
	}
	outputs := []TensorMetadata{{Name: "predict", Datatype: "FP64", Shape: []int64{-1}}}
	if s.d.Classification() {
		outputs[0].Datatype = "BYTES"
		outputs[0].Parameters = map[string]any{"classes": s.d.Artifact.Classes}
	}
	if s.d.hasProba {
		outputs = append(outputs, TensorMetadata{Name: "predict_proba", Datatype: "FP64", Shape: []int64{-1, int64(len(s.d.Artifact.Classes))},
			Parameters: map[string]any{"classes": s.d.Artifact.Classes}})
	}
	writeJSON(w, http.StatusOK, map[string]any{"name": s.opt.Name, "versions": []string{s.d.ModelVersion}, "platform": "modelbench",
		"inputs": inputs, "outputs": outputs})
	return nil
}

func (s *Server) handleOIPModelReady(w http.ResponseWriter, r *http.Request) error {
	if err := s.model(r); err != nil {
		return err
	}
	ok, why := s.readiness(r.Context())
	if !ok {
		return statusError(http.StatusServiceUnavailable, "not ready: %s", why)
	}
	writeJSON(w, http.StatusOK, map[string]any{"name": s.opt.Name, "ready": true})
	return nil
}

// oipTensor is an input or output tensor on the wire.
type oipTensor struct {
	Name       string         `json:"name"`
	Shape      []int64        `json:"shape"`
	Datatype   string         `json:"datatype"`
	Parameters map[string]any `json:"parameters,omitempty"`
	Data       any            `json:"data"`
}

type oipRequest struct {
	ID         string         `json:"id,omitempty"`
	Parameters map[string]any `json:"parameters,omitempty"`
	Inputs     []oipTensor    `json:"inputs"`
	Outputs    []struct {
		Name string `json:"name"`
	} `json:"outputs,omitempty"`
}

type oipResponse struct {
	ModelName    string         `json:"model_name"`
	ModelVersion string         `json:"model_version"`
	ID           string         `json:"id,omitempty"`
	Parameters   map[string]any `json:"parameters,omitempty"`
	Outputs      []oipTensor    `json:"outputs"`
}

func (s *Server) handleOIPInfer(w http.ResponseWriter, r *http.Request) error {
	if err := s.model(r); err != nil {
		return err
	}
	body, err := s.body(w, r)
	if err != nil {
		return err
	}
	var req oipRequest
	if err := decodeJSON(body, &req); err != nil {
		return err
	}
	want, err := s.requestedOutputs(&req)
	if err != nil {
		return err
	}
	b, err := s.oipBatch(req.Inputs)
	if err != nil {
		return err
	}
	o, err := s.score(r.Context(), b, arrival(r))
	if err != nil {
		return err
	}
	resp := oipResponse{ModelName: s.opt.Name, ModelVersion: s.d.ModelVersion, ID: req.ID,
		Parameters: map[string]any{"prediction_ids": o.IDs}}
	if len(o.Warnings) > 0 {
		resp.Parameters["warnings"] = o.Warnings
	}
	n := int64(len(o.IDs))
	if want["predict"] {
		if o.Labels != nil {
			resp.Outputs = append(resp.Outputs, oipTensor{Name: "predict", Datatype: "BYTES", Shape: []int64{n}, Data: o.Labels})
		} else {
			resp.Outputs = append(resp.Outputs, oipTensor{Name: "predict", Datatype: "FP64", Shape: []int64{n}, Data: o.Values})
		}
	}
	if want["predict_proba"] && o.Proba != nil {
		k := len(o.Classes)
		flat := make([]float64, 0, len(o.Proba)*k)
		for _, p := range o.Proba {
			flat = append(flat, p...)
		}
		resp.Outputs = append(resp.Outputs, oipTensor{Name: "predict_proba", Datatype: "FP64", Shape: []int64{n, int64(k)}, Data: flat,
			Parameters: map[string]any{"classes": o.Classes}})
	}
	writeJSON(w, http.StatusOK, resp)
	return nil
}

// requestedOutputs returns the outputs to send: those named, or all.
func (s *Server) requestedOutputs(req *oipRequest) (map[string]bool, error) {
	all := map[string]bool{"predict": true}
	if s.d.Classification() && s.d.hasProba {
		all["predict_proba"] = true
	}
	if len(req.Outputs) == 0 {
		return all, nil
	}
	want := map[string]bool{}
	for _, o := range req.Outputs {
		if !all[o.Name] {
			return nil, badRequest("unknown output %q; this model has %s", o.Name, outputNames(all))
		}
		want[o.Name] = true
	}
	return want, nil
}

func outputNames(all map[string]bool) string {
	if all["predict_proba"] {
		return `"predict" and "predict_proba"`
	}
	return `"predict"`
}

// oipBatch turns input tensors into rows: one tensor per field, named by
// the field, of shape [n] or [n, 1]; or one 2-D tensor [n, k] holding
// every field in the contract's order when all fields are numeric.
func (s *Server) oipBatch(inputs []oipTensor) (*batch, error) {
	if len(inputs) == 0 {
		return nil, badRequest(`the request has no inputs; send "inputs": [{"name", "shape", "datatype", "data"}, ...]`)
	}
	if len(inputs) == 1 {
		if _, named := s.d.Contract.Field(inputs[0].Name); !named && len(inputs[0].Shape) == 2 {
			return s.oipMatrix(inputs[0])
		}
	}
	names := make([]string, len(inputs))
	arrays := make([][]any, len(inputs))
	n := int64(-1)
	seen := map[string]bool{}
	for k, in := range inputs {
		if in.Name == "" || seen[in.Name] {
			return nil, badRequest("input %d has no name or repeats the name %q", k+1, in.Name)
		}
		seen[in.Name] = true
		rows, err := oipRows(in)
		if err != nil {
			return nil, err
		}
		if n >= 0 && rows != n {
			return nil, badRequest("input %q has %d rows, but %q has %d; every input needs one value per row", in.Name, rows, inputs[0].Name, n)
		}
		n = rows
		vals, err := tensorValues(in, rows)
		if err != nil {
			return nil, err
		}
		if f, ok := s.d.Contract.Field(in.Name); ok {
			if err := datatypeFits(in, f); err != nil {
				return nil, err
			}
		}
		names[k], arrays[k] = in.Name, vals
	}
	if err := s.lim.check(int(n)); err != nil {
		return nil, err
	}
	return columnsToRows(names, arrays, int(n)), nil
}

// oipMatrix reads one [n, k] tensor of every (numeric) field in order.
func (s *Server) oipMatrix(in oipTensor) (*batch, error) {
	fields := s.d.Contract.Fields
	for _, f := range fields {
		if f.Type != contract.TypeNumber && f.Type != contract.TypeInteger {
			return nil, badRequest("a single 2-D input %q holds numbers, but the field %q is %s; send one input tensor per field, named by the field", in.Name, f.Name, f.Type)
		}
	}
	if in.Shape[1] != int64(len(fields)) {
		return nil, badRequest("input %q has shape %v; a 2-D input needs one column per field: [n, %d] in the order %s", in.Name, in.Shape, len(fields), fieldList(fields))
	}
	if !numericDatatype(in.Datatype) {
		return nil, badRequest("input %q has datatype %s; a 2-D input holds numbers (FP64, FP32, INT64, INT32, …)", in.Name, in.Datatype)
	}
	n := in.Shape[0]
	vals, err := tensorValues(in, n)
	if err != nil {
		return nil, err
	}
	if err := s.lim.check(int(n)); err != nil {
		return nil, err
	}
	b := &batch{rows: make([]map[string]any, n)}
	k := len(fields)
	for i := range b.rows {
		m := make(map[string]any, k)
		for j, f := range fields {
			m[f.Name] = vals[i*k+j]
		}
		b.rows[i] = m
	}
	return b, nil
}

func fieldList(fields []contract.Field) string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.Name
	}
	return strings.Join(names, ", ")
}

// oipRows checks a column tensor's shape, [n] or [n, 1], and returns n.
func oipRows(in oipTensor) (int64, error) {
	ok := len(in.Shape) == 1 || (len(in.Shape) == 2 && in.Shape[1] == 1)
	if !ok || in.Shape[0] < 0 {
		return 0, badRequest("input %q has shape %v; a column input has shape [n] or [n, 1]", in.Name, in.Shape)
	}
	return in.Shape[0], nil
}

// maxTensorValues bounds a tensor's declared size before any allocation.
const maxTensorValues = 1 << 26

// tensorValues flattens the data (row-major, nested arrays allowed),
// checks that it holds rows×(the rest of the shape) values of the
// datatype, and returns them (null is a missing value).
func tensorValues(in oipTensor, rows int64) ([]any, error) {
	size := int64(1)
	for _, d := range in.Shape {
		if d < 0 || (d > 0 && size > maxTensorValues/d) {
			return nil, badRequest("input %q has the shape %v, which is negative or too large", in.Name, in.Shape)
		}
		size *= d
	}
	var flat []any
	if err := flatten(in.Data, &flat, 0); err != nil {
		return nil, badRequest("input %q: %v", in.Name, err)
	}
	if int64(len(flat)) != size {
		return nil, badRequest("input %q has %d values for the shape %v (%d values)", in.Name, len(flat), in.Shape, size)
	}
	for i, v := range flat {
		if v == nil {
			continue
		}
		if err := elementFits(in.Datatype, v); err != nil {
			return nil, badRequest("input %q, value %d: %v", in.Name, i+1, err)
		}
	}
	return flat, nil
}

func flatten(v any, out *[]any, depth int) error {
	if depth > 4 {
		return fmt.Errorf("the data is nested too deeply")
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if err := flatten(e, out, depth+1); err != nil {
				return err
			}
		}
	case map[string]any:
		return fmt.Errorf("the data holds an object; send a (nested) array of values")
	default:
		*out = append(*out, v)
	}
	return nil
}

var intRange = map[string][2]float64{
	"INT8": {math.MinInt8, math.MaxInt8}, "INT16": {math.MinInt16, math.MaxInt16}, "INT32": {math.MinInt32, math.MaxInt32},
	"INT64": {-(1 << 63), 1<<63 - 1}, "UINT8": {0, math.MaxUint8}, "UINT16": {0, math.MaxUint16}, "UINT32": {0, math.MaxUint32}, "UINT64": {0, 1<<64 - 1},
}

func numericDatatype(dt string) bool {
	_, isInt := intRange[dt]
	return isInt || dt == "FP16" || dt == "FP32" || dt == "FP64"
}

// elementFits checks one value against the tensor's datatype.
func elementFits(dt string, v any) error {
	switch {
	case dt == "BOOL":
		if _, ok := v.(bool); !ok {
			return fmt.Errorf("a JSON %s in a BOOL tensor", jsonKind(v))
		}
	case dt == "BYTES":
		if _, ok := v.(string); !ok {
			return fmt.Errorf("a JSON %s in a BYTES tensor (send strings)", jsonKind(v))
		}
	case numericDatatype(dt):
		f, ok := v.(float64)
		if !ok {
			return fmt.Errorf("a JSON %s in a %s tensor", jsonKind(v), dt)
		}
		if r, isInt := intRange[dt]; isInt && (f != math.Trunc(f) || f < r[0] || f > r[1]) {
			return fmt.Errorf("%v does not fit %s", f, dt)
		}
	default:
		return fmt.Errorf("unknown datatype %q (BOOL, INT8…INT64, UINT8…UINT64, FP16, FP32, FP64 or BYTES)", dt)
	}
	return nil
}

// datatypeFits checks that a tensor's datatype suits its field.
func datatypeFits(in oipTensor, f contract.Field) error {
	ok := false
	switch f.Type {
	case contract.TypeNumber, contract.TypeInteger:
		ok = numericDatatype(in.Datatype)
	case contract.TypeBoolean:
		ok = in.Datatype == "BOOL" || in.Datatype == "BYTES"
	case contract.TypeCategory:
		ok = in.Datatype == "BYTES" || in.Datatype == "BOOL" || numericDatatype(in.Datatype)
	default:
		ok = in.Datatype == "BYTES"
	}
	if !ok {
		return &requestError{status: http.StatusBadRequest, msg: fmt.Sprintf("input %q has datatype %s, but the field is %s (send %s)", in.Name, in.Datatype, f.Type, oipDatatype(f.Type)),
			details: []Problem{{Field: f.Name, Problem: "datatype " + in.Datatype, Expected: oipDatatype(f.Type)}}}
	}
	return nil
}
