package pack

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/template"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy/contract"
	"modelbench/workflow/deploy/monitor"
	"modelbench/workflow/deploy/serve"
	"modelbench/workflow/model"
)

//go:embed readme.md.tmpl
var readmeText string

var readmeTmpl = template.Must(template.New("README.md").Funcs(template.FuncMap{
	"code": func(s string) string { return "`" + strings.ReplaceAll(s, "`", "'") + "`" },
	"cell": func(s string) string { return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s) },
	"mib":  func(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) },
	"num":  func(v float64) string { return data.FormatFloat(v) },
	"ms":   func(v float64) string { return fmt.Sprintf("%.2f ms", v) },
}).Parse(readmeText))

// Flag is one command-line flag of modelbench-serve, for the README.
type Flag struct {
	Name, Default, Usage string
}

// newFlagSet is a silent flag set with the server's flags.
func newFlagSet() *flag.FlagSet {
	fs := flag.NewFlagSet(ServerName, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// ServerFlags are every flag of modelbench-serve, as serve.Config
// registers them, so that the README cannot drift from the server.
func ServerFlags() []Flag {
	fs := newFlagSet()
	var c serve.Config
	c.Register(fs)
	var out []Flag
	fs.VisitAll(func(f *flag.Flag) {
		out = append(out, Flag{Name: f.Name, Default: f.DefValue, Usage: f.Usage})
	})
	return out
}

// readmeData is what the README template reads.
type readmeData struct {
	M              *Manifest
	In             *Input
	Classification bool
	Fields         []fieldRow
	Metrics        []metricRow
	Flags          []Flag
	Port           int
	Host           Target
	HostBinary     string // the host's server in the package, "" when absent
	Targets        []targetRow
	Files          []fileRow
	CurlBody       string // the first example row as a /v1/predict body
	FeedbackTruth  string
	Secret         string
	EnvAPIKeys     string
	EnvLog         string
	MonitorConst   map[string]string
	Metric         map[string]string
	ModelDir       string
	LogDir         string
	Linux          bool
	HasExample     bool
}

type fieldRow struct{ Name, Type, Required, Values string }

type metricRow struct {
	Name       string
	Validation string
	Test       string
}

type targetRow struct{ Target, Path, Start string }

type fileRow struct{ Path, What string }

func (w *writer) writeReadme() error {
	d := readmeData{M: w.m, In: w.in, Classification: w.in.Artifact.Task == model.Classification, Flags: ServerFlags(), Port: w.opt.Port,
		Host: Host(), Secret: SecretName(w.m.Name), EnvAPIKeys: serve.EnvAPIKeys, EnvLog: EnvLog, ModelDir: ContainerModelDir, LogDir: ContainerLogDir,
		Linux: len(w.linuxTargets()) > 0, HasExample: w.example != nil}
	for _, t := range w.opt.Targets {
		start := "./" + t.Binary() + " ."
		if t.OS == "windows" {
			start = strings.ReplaceAll(t.Binary(), "/", `\`) + " ."
		}
		d.Targets = append(d.Targets, targetRow{Target: t.String(), Path: t.Binary(), Start: start})
		if t == Host() {
			d.HostBinary = start
		}
	}
	for _, f := range w.contract.Fields {
		d.Fields = append(d.Fields, describeField(f))
	}
	d.Metrics = metricRows(w.in)
	if w.example != nil {
		first := mapping{{"records", []any{w.example[0].val.([]any)[0]}}}
		b, err := json.Marshal(first)
		if err != nil {
			return err
		}
		d.CurlBody = strings.ReplaceAll(string(b), "'", `'\''`)
	}
	d.FeedbackTruth = "12.5"
	if d.Classification && len(w.in.Artifact.Classes) > 0 {
		t, _ := json.Marshal(w.in.Artifact.Classes[0])
		d.FeedbackTruth = string(t)
	}
	d.MonitorConst = map[string]string{
		"SmallWindow": fmt.Sprint(monitor.SmallWindow), "PValue": num(monitor.PValueThreshold), "Wasserstein": num(monitor.WassersteinThreshold),
		"JS": num(monitor.JSThreshold), "PSIModerate": num(monitor.PSIModerate), "PSISignificant": num(monitor.PSISignificant)}
	d.Metric = map[string]string{
		"Requests": serve.MetricRequests, "Errors": serve.MetricErrors, "Latency": serve.MetricLatency, "Rows": serve.MetricRows,
		"Classes": serve.MetricClasses, "Feedback": serve.MetricFeedback, "Info": serve.MetricModelInfo, "Drifted": serve.MetricFeatureDrifted,
		"Score": serve.MetricFeatureScore, "PSI": serve.MetricFeaturePSI, "PredDrift": serve.MetricPredictionDrift, "Window": serve.MetricWindowRows,
		"LogQueued": serve.MetricLogQueued, "LogFull": serve.MetricLogFull}
	d.Files = w.fileRows()
	var b bytes.Buffer
	if err := readmeTmpl.Execute(&b, d); err != nil {
		return fmt.Errorf("the README: %w", err)
	}
	return os.WriteFile(w.path(ReadmeFile), b.Bytes(), 0o644)
}

func num(v float64) string { return data.FormatFloat(v) }

// describeField is one input field's row of the README's table.
func describeField(f contract.Field) fieldRow {
	r := fieldRow{Name: f.Name, Type: f.Type, Required: "yes"}
	if f.Nullable {
		r.Required = "no (may be null)"
	}
	switch {
	case len(f.Levels) > 0 && f.Type != contract.TypeBoolean:
		r.Values = strings.Join(quoted(f.Levels, 8), ", ")
		if f.MoreLevels {
			r.Values += " and more"
		}
	case f.Type == contract.TypeBoolean:
		r.Values = "true / false"
		if f.TrueText != "" && f.TrueText != "true" {
			r.Values += fmt.Sprintf(" (or %q / %q)", f.TrueText, f.FalseText)
		}
	case f.Min != nil && f.Max != nil && f.Type != contract.TypeDatetime:
		r.Values = num(*f.Min) + " to " + num(*f.Max) + " in training"
	case f.Type == contract.TypeDatetime:
		r.Values = "layout " + f.Layout
	}
	return r
}

func metricRows(in *Input) []metricRow {
	names := map[string]bool{}
	for k := range in.Validation {
		names[k] = true
	}
	for k := range in.Test {
		names[k] = true
	}
	var keys []string
	for k := range names {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if i := slices.Index(keys, in.Metric); i > 0 {
		keys = append([]string{in.Metric}, slices.Delete(keys, i, i+1)...)
	}
	var out []metricRow
	for _, k := range keys {
		r := metricRow{Name: k, Validation: "–", Test: "–"}
		if v, ok := in.Validation[k]; ok {
			r.Validation = fmt.Sprintf("%.4g", v)
		}
		if v, ok := in.Test[k]; ok {
			r.Test = fmt.Sprintf("%.4g", v)
		}
		out = append(out, r)
	}
	return out
}

// fileRows say what each file of the package is.
func (w *writer) fileRows() []fileRow {
	rows := []fileRow{
		{serve.ModelFile, "the fitted preparation and model, with their provenance (what the server scores with)"},
		{serve.SchemaFile, "the input contract: every field's type, whether it may be missing, its training range and levels"},
		{serve.BaselineFile, "the training rows' profile (every field and the predictions), to detect drift against"},
	}
	if w.m.Metrics.Written {
		rows = append(rows, fileRow{serve.MetricsFile, "the validation and test scores, shown beside the live ones"})
	}
	for _, t := range w.opt.Targets {
		rows = append(rows, fileRow{t.Binary(), "the scoring server for " + t.String() + " (static, nothing to install)"})
	}
	rows = append(rows,
		fileRow{DockerFile + ", " + DockerIgnoreFile, "a container image FROM scratch with the Linux server"},
		fileRow{OpenAPIFile, "the service's API (OpenAPI " + OpenAPIVersion + "), generated from the input contract"},
		fileRow{ExampleRequestFile, "a /v1/predict request with " + fmt.Sprint(exampleRows) + " rows from the " + w.m.Resources.CheckedPart + " set"},
		fileRow{ExampleResponseFile, "what the server answered to it when the package was exported"},
		fileRow{"k8s/", "Kubernetes manifests: a Deployment, a Service and a HorizontalPodAutoscaler"})
	for _, e := range w.m.Extras {
		if e.File != "" {
			rows = append(rows, fileRow{e.File, "the " + e.Name + " export of the model"})
		}
	}
	return append(rows, fileRow{ManifestFile, "every file's size and SHA-256, the targets, the extras and the figures measured at export"})
}

// writeDocs writes openapi.yaml, the Docker and Kubernetes files and the
// README, which describe what the earlier steps wrote and measured.
func (w *writer) writeDocs(ctx context.Context) error {
	spec := apiSpec{Name: w.m.Name, Title: w.m.Title, ModelVersion: w.m.ModelVersion, Contract: w.contract, HasProba: hasProba(w.in.Artifact),
		Port: w.opt.Port, Example: w.example}
	b, err := encodeYAML(openAPI(spec))
	if err != nil {
		return fmt.Errorf("%s: %w", OpenAPIFile, err)
	}
	head := fmt.Sprintf("# The API of the %s scoring service (model version %s), generated by Modelbench from its input contract.\n", w.m.Title, w.m.ModelVersion)
	if err := os.WriteFile(w.path(OpenAPIFile), append([]byte(head), b...), 0o644); err != nil {
		return err
	}
	if err := w.writeDocker(); err != nil {
		return err
	}
	if err := w.writeK8s(); err != nil {
		return err
	}
	return w.writeReadme()
}

// hasProba says whether the service returns class probabilities.
func hasProba(a *artifact.Artifact) bool {
	_, ok := a.Model.(model.ProbPredictor)
	return ok && a.Task == model.Classification
}
