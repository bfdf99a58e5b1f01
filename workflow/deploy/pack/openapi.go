package pack

import (
	"fmt"
	"strings"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/deploy/contract"
	"modelbench/workflow/model"
)

// OpenAPIVersion is the version of the OpenAPI Specification openapi.yaml
// follows (3.0, whose "nullable" most tools read).
const OpenAPIVersion = "3.0.3"

// apiSpec is what openapi.yaml is generated from.
type apiSpec struct {
	Name         string // the model's name in /v2/models/{name}
	Title        string
	ModelVersion string
	Contract     *contract.Contract
	HasProba     bool
	Port         int
	Example      mapping // example-request.json's body (nil: none)
	ExampleCSV   string  // the same rows as CSV (""; none)
}

// openAPI builds the OpenAPI document of the scoring service for one
// model, from its contract: the /v1 request and response schemas carry
// the contract's field names, types, levels (as enums) and nullability.
func openAPI(s apiSpec) mapping {
	c := s.Contract
	what := "predicts " + quoteName(c.Target)
	if c.Task == model.Classification {
		what += " (one of " + strings.Join(quoted(c.Classes, 10), ", ") + ")"
	}
	desc := fmt.Sprintf("The scoring service of the Modelbench model %s: a %s model that %s from %d input fields. "+
		"Generated from the model's input contract (schema.json) when the package was exported.\n\n"+
		"Every endpoint needs an API key (Authorization: Bearer KEY) once the server has keys (--api-keys FILE or MODELBENCH_API_KEYS); "+
		"the health endpoints stay open unless --protect-health, /metrics needs a key unless --open-metrics, "+
		"/monitor and /v1/monitoring unless --open-monitor. A server started without keys serves everything openly.",
		s.Title, c.Learner, what, len(c.Fields))
	doc := m(
		"openapi", OpenAPIVersion,
		"info", m("title", s.Title+" — Modelbench scoring service", "version", s.ModelVersion, "description", desc,
			"license", m("name", "as agreed by the model's owners")),
		"servers", []any{m("url", fmt.Sprintf("http://127.0.0.1:%d", s.Port), "description", "the package's server on this machine")},
		"security", []any{m("bearerAuth", []any{})},
		"tags", []any{
			m("name", "predict", "description", "Modelbench's REST API"),
			m("name", "monitoring", "description", "feedback, drift and health"),
			m("name", "oip", "description", "the Open Inference Protocol (KServe, Seldon, Triton V2 REST)"),
			m("name", "mlflow", "description", "MLflow's scoring protocol"),
		},
		"paths", paths(s),
		"components", m(
			"securitySchemes", m("bearerAuth", m("type", "http", "scheme", "bearer",
				"description", "An API key from the server's --api-keys file or MODELBENCH_API_KEYS, sent as Authorization: Bearer KEY.")),
			"schemas", schemas(s),
			"responses", errorResponses(),
		),
	)
	return doc
}

func quoteName(s string) string { return "\u201c" + s + "\u201d" }

func quoted(ls []string, n int) []string {
	var out []string
	for i, l := range ls {
		if i == n {
			out = append(out, "…")
			break
		}
		out = append(out, quoteName(l))
	}
	return out
}

func ref(name string) mapping { return m("$ref", "#/components/schemas/"+name) }

func jsonContent(schema any, example any) mapping {
	return m("application/json", m("schema", schema, "example", example))
}

// openOrKey is the security of an endpoint that is open by default and
// can be protected: no credentials, or a key.
func openOrKey() []any { return []any{m(), m("bearerAuth", []any{})} }

func reply(desc string, content mapping) mapping { return m("description", desc, "content", content) }

func errRef(name string) mapping { return m("$ref", "#/components/responses/"+name) }

// paths are every endpoint the server has.
func paths(s apiSpec) mapping {
	c := s.Contract
	predictBody := m("application/json", m("schema", ref("PredictRequest"), "example", s.Example))
	if s.Example == nil {
		predictBody = m("application/json", m("schema", ref("PredictRequest")))
	}
	csv := m("schema", m("type", "string", "description", "comma-separated values with a header line of field names (RFC 4180)"))
	if s.ExampleCSV != "" {
		csv.set("example", s.ExampleCSV)
	}
	predictBody.set("text/csv", csv)
	stdErrors := func(codes ...string) mapping {
		out := mapping{}
		for _, code := range codes {
			out = append(out, pair{code, errRef(map[string]string{"400": "BadRequest", "401": "Unauthorized", "404": "NotFound",
				"413": "TooLarge", "415": "UnsupportedMediaType", "422": "Unscorable", "503": "Unavailable"}[code])})
		}
		return out
	}
	withErrors := func(ok mapping, codes ...string) mapping {
		return append(m("200", ok), stdErrors(codes...)...)
	}
	nameParam := m("name", "name", "in", "path", "required", true, "description", "the model's name (modelbench-serve --name; the package sets it to "+quoteName(s.Name)+")",
		"schema", m("type", "string", "example", s.Name))
	versionParam := m("name", "version", "in", "path", "required", true, "description", "the model version (the first 12 hexadecimal digits of model.json's SHA-256)",
		"schema", m("type", "string", "example", s.ModelVersion))
	oipModel := func(params []any, id string) mapping {
		return m("get", m("tags", []any{"oip"}, "operationId", "oipModelMetadata"+id, "summary", "the model's metadata: its input and output tensors", "parameters", params,
			"responses", append(m("200", reply("the model's metadata", jsonContent(ref("OIPModelMetadata"), nil))), pair{"404", m("$ref", "#/components/responses/OIPError")})))
	}
	oipReady := func(params []any, id string) mapping {
		return m("get", m("tags", []any{"oip"}, "operationId", "oipModelReady"+id, "summary", "whether the model is ready", "parameters", params,
			"responses", m("200", reply("ready", jsonContent(m("type", "object", "properties", m("name", m("type", "string"), "ready", m("type", "boolean"))), nil)),
				"404", m("$ref", "#/components/responses/OIPError"), "503", m("$ref", "#/components/responses/OIPError"))))
	}
	oipInfer := func(params []any, id string) mapping {
		return m("post", m("tags", []any{"oip"}, "operationId", "oipInfer"+id, "summary", "predict with one input tensor per field", "parameters", params,
			"requestBody", m("required", true, "content", jsonContent(ref("OIPInferenceRequest"), nil)),
			"responses", m("200", reply("the predictions, with the prediction ids in parameters.prediction_ids", jsonContent(ref("OIPInferenceResponse"), nil)),
				"400", m("$ref", "#/components/responses/OIPError"), "401", m("$ref", "#/components/responses/OIPError"),
				"404", m("$ref", "#/components/responses/OIPError"), "413", m("$ref", "#/components/responses/OIPError"),
				"503", m("$ref", "#/components/responses/OIPError"))))
	}
	both := []any{nameParam, versionParam}
	one := []any{nameParam}
	health := func(id, summary string, schema mapping) mapping {
		return m("get", m("tags", []any{"monitoring"}, "operationId", id, "summary", summary, "security", openOrKey(),
			"responses", m("200", reply("healthy", jsonContent(schema, nil)), "503", reply("not ready (shutting down, or the prediction log is not writable)", jsonContent(ref("Error"), nil)))))
	}
	return m(
		"/v1/predict", m("post", m("tags", []any{"predict"}, "operationId", "predict",
			"summary", "predict one record or a batch",
			"description", fmt.Sprintf("Send one record, an array of records, {\"records\": [...]} or {\"columns\": {field: [values]}} as JSON, or CSV with Content-Type: text/csv. "+
				"Values are checked against the input contract: a value that does not fit is a 400 naming the row and field and saying what was expected; "+
				"values outside the training range, unseen levels and unknown fields are scored and listed in warnings. At most --max-batch rows (default 1000) per request. The fields: %s.",
				strings.Join(fieldNames(c), ", ")),
			"requestBody", m("required", true, "content", predictBody),
			"responses", withErrors(reply("one prediction per row, in the request's order", jsonContent(ref("PredictResponse"), nil)), "400", "401", "413", "422", "503"))),
		"/v1/feedback", m("post", m("tags", []any{"monitoring"}, "operationId", "feedback",
			"summary", "record the true outcome of earlier predictions",
			"description", "Send {\"id\", \"truth\"}, an array of them, or {\"feedback\": [...]}; the ids are those /v1/predict returned. Nothing is recorded when any id is unknown (404).",
			"requestBody", m("required", true, "content", jsonContent(ref("FeedbackRequest"), nil)),
			"responses", withErrors(reply("recorded", jsonContent(ref("FeedbackResponse"), nil)), "400", "401", "404", "413", "503"))),
		"/v1/model", m("get", m("tags", []any{"predict"}, "operationId", "model", "summary", "what the server serves: the model, its contract and its metrics",
			"responses", withErrors(reply("the model", jsonContent(ref("Model"), nil)), "401"))),
		"/v1/monitoring", m("get", m("tags", []any{"monitoring"}, "operationId", "monitoring",
			"summary", "drift of every field against the training baseline, prediction drift, live metrics from feedback, latency",
			"parameters", []any{m("name", "window", "in", "query", "required", false, "description", "how far back to look (1h, 24h, 7d; default 24h)", "schema", m("type", "string"))},
			"responses", withErrors(reply("the monitoring report", jsonContent(m("type", "object", "additionalProperties", true), nil)), "400", "401", "503"))),
		"/monitor", m("get", m("tags", []any{"monitoring"}, "operationId", "dashboard", "summary", "the monitoring dashboard (HTML; the API key may be given as a Basic password)",
			"responses", m("200", reply("the dashboard", m("text/html", m("schema", m("type", "string")))), "401", errRef("Unauthorized")))),
		"/healthz", health("healthz", "liveness: the process answers", m("type", "object", "properties", m("status", m("type", "string", "enum", []any{"ok"})))),
		"/readyz", health("readyz", "readiness: the model is loaded and the prediction log is writable", m("type", "object",
			"properties", m("ready", m("type", "boolean"), "model_version", m("type", "string")))),
		"/metrics", m("get", m("tags", []any{"monitoring"}, "operationId", "metrics",
			"summary", "Prometheus metrics: requests and errors by endpoint and code, latency, rows scored, predicted classes, drift gauges, model version",
			"responses", m("200", reply("the metrics in Prometheus' text format", m("text/plain", m("schema", m("type", "string")))), "401", errRef("Unauthorized")))),
		"/v2", m("get", m("tags", []any{"oip"}, "operationId", "oipServer", "summary", "server metadata",
			"responses", m("200", reply("the server", jsonContent(m("type", "object", "properties", m("name", m("type", "string"), "version", m("type", "string"),
				"extensions", m("type", "array", "items", m("type", "string")))), nil))))),
		"/v2/health/live", m("get", m("tags", []any{"oip"}, "operationId", "oipLive", "summary", "liveness", "security", openOrKey(),
			"responses", m("200", reply("alive", jsonContent(m("type", "object", "properties", m("live", m("type", "boolean"))), nil))))),
		"/v2/health/ready", m("get", m("tags", []any{"oip"}, "operationId", "oipReady", "summary", "readiness", "security", openOrKey(),
			"responses", m("200", reply("ready", jsonContent(m("type", "object", "properties", m("ready", m("type", "boolean"))), nil)),
				"503", m("$ref", "#/components/responses/OIPError")))),
		"/v2/models/{name}", oipModel(one, ""),
		"/v2/models/{name}/ready", oipReady(one, ""),
		"/v2/models/{name}/infer", oipInfer(one, ""),
		"/v2/models/{name}/versions/{version}", oipModel(both, "Version"),
		"/v2/models/{name}/versions/{version}/ready", oipReady(both, "Version"),
		"/v2/models/{name}/versions/{version}/infer", oipInfer(both, "Version"),
		"/invocations", m("post", m("tags", []any{"mlflow"}, "operationId", "invocations",
			"summary", "MLflow's scoring protocol: dataframe_split, dataframe_records, instances or inputs (or CSV)",
			"requestBody", m("required", true, "content", m("application/json", m("schema", ref("MLflowRequest")), "text/csv", m("schema", m("type", "string")))),
			"responses", m("200", reply("one prediction per row; the ids in the X-Prediction-Ids header", jsonContent(ref("MLflowResponse"), nil)),
				"400", m("description", "the request does not fit", "content", jsonContent(ref("MLflowError"), nil)),
				"401", m("description", "no valid API key", "content", jsonContent(ref("MLflowError"), nil)),
				"413", m("description", "too large", "content", jsonContent(ref("MLflowError"), nil)),
				"415", m("description", "not JSON or CSV", "content", jsonContent(ref("MLflowError"), nil)),
				"503", m("description", "unavailable", "content", jsonContent(ref("MLflowError"), nil))))),
		"/ping", m("get", m("tags", []any{"mlflow"}, "operationId", "ping", "summary", "MLflow's health check", "security", openOrKey(),
			"responses", m("200", m("description", "alive")))),
		"/health", m("get", m("tags", []any{"mlflow"}, "operationId", "health", "summary", "MLflow's health check", "security", openOrKey(),
			"responses", m("200", m("description", "alive")))),
		"/version", m("get", m("tags", []any{"mlflow"}, "operationId", "version", "summary", "the server's version", "security", openOrKey(),
			"responses", m("200", reply("modelbench-serve VERSION", m("text/plain", m("schema", m("type", "string"))))))),
	)
}

func fieldNames(c *contract.Contract) []string {
	out := make([]string, len(c.Fields))
	for i, f := range c.Fields {
		out[i] = f.Name
	}
	return out
}

// errorResponses are the shared error answers of the /v1 endpoints and
// the Open Inference Protocol.
func errorResponses() mapping {
	e := func(desc string) mapping { return reply(desc, jsonContent(ref("Error"), nil)) }
	return m(
		"BadRequest", e("the request is not JSON or CSV of the right shape, or its values do not fit the input contract (details name the row and field)"),
		"Unauthorized", e("no valid API key: send Authorization: Bearer KEY"),
		"NotFound", e("no such endpoint, model, version or prediction id"),
		"TooLarge", e("the body is larger than --max-body or holds more rows than --max-batch"),
		"UnsupportedMediaType", e("the content type is not JSON or CSV"),
		"Unscorable", e("the values fit the contract but the model could not score them"),
		"Unavailable", e("shutting down, or the prediction log is full or not writable; retry later"),
		"OIPError", reply("an Open Inference Protocol error", jsonContent(m("type", "object", "required", []any{"error"}, "properties", m("error", m("type", "string"))), nil)),
	)
}

// schemas are the request and response bodies, with the contract's
// fields.
func schemas(s apiSpec) mapping {
	c := s.Contract
	props := mapping{}
	cols := mapping{}
	var required []any
	for _, f := range c.Fields {
		fs := fieldSchema(f)
		props = append(props, pair{f.Name, fs})
		cols = append(cols, pair{f.Name, m("type", "array", "items", fs)})
		if !f.Nullable {
			required = append(required, f.Name)
		}
	}
	record := m("type", "object", "description", "one row: the model's input fields by name. Other fields are ignored (and listed in the warnings); "+
		"a field marked nullable may be left out or sent as null.", "properties", props, "additionalProperties", true)
	if len(required) > 0 {
		record.set("required", required)
	}
	var pred mapping
	if c.Task == model.Classification {
		pred = m("type", "string", "description", "the predicted class of "+quoteName(c.Target), "enum", anyList(c.Classes))
	} else {
		pred = m("type", "number", "description", "the predicted value of "+quoteName(c.Target))
	}
	rowProps := m("id", m("type", "string", "description", "the prediction id, for /v1/feedback", "pattern", "^[0-9a-f]{32}$"),
		"prediction", pred)
	if s.HasProba {
		pp := mapping{}
		for _, cl := range c.Classes {
			pp = append(pp, pair{cl, m("type", "number", "minimum", 0, "maximum", 1)})
		}
		rowProps.set("probabilities", m("type", "object", "description", "the probability of each class",
			"properties", pp, "required", anyList(c.Classes), "additionalProperties", false))
	}
	row := m("type", "object", "required", []any{"id", "prediction"}, "properties", rowProps)
	problem := m("type", "object", "required", []any{"problem"}, "properties", m(
		"row", m("type", "integer", "minimum", 1, "description", "the row, counting from 1 (absent: the whole request)"),
		"field", m("type", "string"), "problem", m("type", "string"), "expected", m("type", "string")))
	var truth mapping
	if c.Task == model.Classification {
		truth = m("description", "the true class", "oneOf", []any{m("type", "string", "enum", anyList(c.Classes)), m("type", "boolean")})
	} else {
		truth = m("type", "number", "description", "the true value")
	}
	item := m("type", "object", "required", []any{"id", "truth"}, "properties", m("id", m("type", "string"), "truth", truth))
	return m(
		"Record", record,
		"Columns", m("type", "object", "description", "the rows as one array of values per field, all of one length", "properties", cols, "additionalProperties", true),
		"PredictRequest", m("description", "one record, an array of records, {\"records\": [...]} or {\"columns\": {...}}", "anyOf", []any{
			ref("Record"),
			m("type", "array", "items", ref("Record"), "minItems", 1),
			m("type", "object", "required", []any{"records"}, "properties", m("records", m("type", "array", "items", ref("Record"), "minItems", 1)), "additionalProperties", false),
			m("type", "object", "required", []any{"columns"}, "properties", m("columns", ref("Columns")), "additionalProperties", false),
		}),
		"PredictResponse", m("type", "object", "required", []any{"model_version", "predictions"}, "properties", m(
			"model_version", m("type", "string", "example", s.ModelVersion),
			"app_version", m("type", "string"),
			"predictions", m("type", "array", "items", ref("Prediction")),
			"warnings", m("type", "array", "items", ref("Problem"), "description", "values scored but worth a look, and fields the model ignored"))),
		"Prediction", row,
		"Problem", problem,
		"Error", m("type", "object", "required", []any{"error"}, "properties", m("error", m("type", "string"), "details", m("type", "array", "items", ref("Problem")))),
		"FeedbackItem", item,
		"FeedbackRequest", m("anyOf", []any{ref("FeedbackItem"), m("type", "array", "items", ref("FeedbackItem")),
			m("type", "object", "required", []any{"feedback"}, "properties", m("feedback", m("type", "array", "items", ref("FeedbackItem"))))}),
		"FeedbackResponse", m("type", "object", "required", []any{"recorded"}, "properties", m("recorded", m("type", "integer", "minimum", 0))),
		"Model", m("type", "object", "required", []any{"name", "model_version", "learner", "task", "target"}, "properties", m(
			"name", m("type", "string"), "model_version", m("type", "string"), "app_version", m("type", "string"),
			"learner", m("type", "string"), "task", m("type", "string"), "target", m("type", "string"),
			"classes", m("type", "array", "items", m("type", "string")), "trained", m("type", "string", "format", "date-time"),
			"schema", m("type", "object", "description", "the input contract (schema.json)"),
			"metrics", m("type", "object", "description", "metrics.json"),
			"max_batch", m("type", "integer"), "max_body_bytes", m("type", "integer"))),
		"OIPTensor", m("type", "object", "required", []any{"name", "shape", "datatype", "data"}, "properties", m(
			"name", m("type", "string"), "shape", m("type", "array", "items", m("type", "integer")),
			"datatype", m("type", "string", "enum", anyList([]string{"BOOL", "INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32", "UINT64", "FP16", "FP32", "FP64", "BYTES"})),
			"parameters", m("type", "object", "additionalProperties", true),
			"data", m("type", "array", "items", anyValue()))),
		"OIPInferenceRequest", m("type", "object", "required", []any{"inputs"}, "properties", m(
			"id", m("type", "string"), "parameters", m("type", "object", "additionalProperties", true),
			"inputs", m("type", "array", "description", "one tensor per field, named as the field: "+strings.Join(fieldNames(c), ", "), "items", ref("OIPTensor")),
			"outputs", m("type", "array", "items", m("type", "object", "properties", m("name", m("type", "string", "enum", []any{"predict", "predict_proba"})))))),
		"OIPInferenceResponse", m("type", "object", "required", []any{"model_name", "outputs"}, "properties", m(
			"model_name", m("type", "string"), "model_version", m("type", "string"), "id", m("type", "string"),
			"parameters", m("type", "object", "additionalProperties", true),
			"outputs", m("type", "array", "items", ref("OIPTensor")))),
		"OIPModelMetadata", m("type", "object", "properties", m(
			"name", m("type", "string"), "versions", m("type", "array", "items", m("type", "string")), "platform", m("type", "string"),
			"inputs", m("type", "array", "items", m("type", "object", "additionalProperties", true)),
			"outputs", m("type", "array", "items", m("type", "object", "additionalProperties", true)))),
		"MLflowRequest", m("type", "object", "description", "exactly one of dataframe_split, dataframe_records, instances or inputs; params are accepted and ignored",
			"properties", m(
				"dataframe_split", m("type", "object", "required", []any{"columns", "data"}, "properties", m(
					"columns", m("type", "array", "items", m("type", "string", "enum", anyList(fieldNames(c)))),
					"data", m("type", "array", "items", m("type", "array", "items", anyValue())),
					"index", m("type", "array", "items", anyValue()))),
				"dataframe_records", m("type", "array", "items", ref("Record")),
				"instances", m("description", "an array of records, an array of rows (fields in the contract's order) or an object of columns"),
				"inputs", m("description", "as instances"),
				"params", m("type", "object", "additionalProperties", true))),
		"MLflowResponse", m("type", "object", "required", []any{"predictions"}, "properties", m("predictions", m("type", "array", "items", pred))),
		"MLflowError", m("type", "object", "required", []any{"error_code", "message"}, "properties", m(
			"error_code", m("type", "string"), "message", m("type", "string"), "details", m("type", "array", "items", ref("Problem")))),
	)
}

// anyValue is a schema any JSON value fits, null included.
func anyValue() mapping { return m("nullable", true) }

func anyList(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// fieldSchema is one input field as a JSON schema.
func fieldSchema(f contract.Field) mapping {
	var s mapping
	var notes []string
	switch f.Type {
	case contract.TypeNumber:
		s = m("type", "number")
	case contract.TypeInteger:
		s = m("type", "integer")
	case contract.TypeBoolean:
		s = m("type", "boolean")
		if f.TrueText != "" && f.TrueText != "true" {
			notes = append(notes, fmt.Sprintf("the training file wrote %q and %q; those texts, 0/1 and yes/no are accepted too", f.TrueText, f.FalseText))
		}
	case contract.TypeDatetime:
		s = m("type", "string")
		layout := f.Layout
		if layout == "" || layout == time.RFC3339 || layout == time.RFC3339Nano {
			s.set("format", "date-time")
		} else {
			notes = append(notes, fmt.Sprintf("a date-time written as Go's layout %q (RFC 3339 is accepted too)", layout))
		}
	case contract.TypeCategory:
		s = m("type", "string")
		if len(f.Levels) > 0 && !f.MoreLevels {
			levels := anyList(f.Levels)
			if f.Nullable {
				levels = append(levels, null{})
			}
			s.set("enum", levels)
			notes = append(notes, "the levels seen in training; another value is still scored (as the preparation treats unseen levels) and reported in the warnings")
		} else if len(f.Levels) > 0 {
			notes = append(notes, fmt.Sprintf("%d or more levels in training, the most frequent %s", len(f.Levels), strings.Join(quoted(f.Levels, 5), ", ")))
		}
	default:
		s = m("type", "string")
	}
	if f.Nullable {
		s.set("nullable", true)
		notes = append(notes, "may be left out or null (the model was tried on a row without it)")
	} else {
		notes = append(notes, "required")
	}
	if f.Min != nil && f.Max != nil {
		if f.Type == contract.TypeDatetime {
			notes = append(notes, "training range "+time.Unix(int64(*f.Min), 0).UTC().Format(time.RFC3339)+" to "+time.Unix(int64(*f.Max), 0).UTC().Format(time.RFC3339))
		} else {
			notes = append(notes, "training range "+data.FormatFloat(*f.Min)+" to "+data.FormatFloat(*f.Max)+" (values outside are scored, with a warning)")
		}
	}
	if f.MissingShare > 0 {
		notes = append(notes, fmt.Sprintf("missing in %.1f%% of the training rows", 100*f.MissingShare))
	}
	s.set("description", strings.Join(notes, "; "))
	if ex := exampleOf(f); ex != nil {
		s.set("example", ex)
	}
	return s
}

// exampleOf is the field's example value as its schema types it (a
// yes/no field's example is a boolean, not the file's spelling).
func exampleOf(f contract.Field) any {
	if f.Type != contract.TypeBoolean || f.Example == nil {
		return f.Example
	}
	str, ok := f.Example.(string)
	if !ok {
		return f.Example
	}
	switch {
	case f.TrueText != "" && strings.EqualFold(str, f.TrueText):
		return true
	case f.FalseText != "" && strings.EqualFold(str, f.FalseText):
		return false
	}
	if b, ok := data.ParseBool(str); ok {
		return b
	}
	return nil
}
