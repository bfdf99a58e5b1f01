package serve

import (
	"fmt"
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
	o, err := s.score(r.Context(), b, arrival(w))
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
