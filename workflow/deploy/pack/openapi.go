package pack

import (
	"fmt"
	"strings"

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
