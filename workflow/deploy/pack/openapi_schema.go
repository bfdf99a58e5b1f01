package pack

import (
	"fmt"
	"strings"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/deploy/contract"
	"modelbench/workflow/model"
)

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
