package assets

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

//go:embed samples/*.csv samples/*.csv.gz samples/samples.json
var samplesFS embed.FS

//go:embed guide/*.md
var guideFS embed.FS

//go:embed icon.png
var icon []byte

//go:embed deploy/checklist.json
var checklist []byte

// Sample describes one bundled dataset.
type Sample struct {
	ID      string `json:"id"`      // short name used on the command line (--sample ID)
	Title   string `json:"title"`   // display name
	File    string `json:"file"`    // file name inside the bundle (.csv or .csv.gz)
	Target  string `json:"target"`  // the column to predict
	Task    string `json:"task"`    // "classification" or "regression"
	Teaches string `json:"teaches"` // what the set is good for learning
	Story   string `json:"story"`   // two lines: what it is, what to predict
	Source  string `json:"source"`  // where the data comes from
	Licence string `json:"licence"` // the licence it is shipped under
}

var samples = mustSamples()

func mustSamples() []Sample {
	b, err := samplesFS.ReadFile("samples/samples.json")
	if err != nil {
		panic("assets: samples.json missing: " + err.Error())
	}
	var out []Sample
	if err := json.Unmarshal(b, &out); err != nil {
		panic("assets: samples.json broken: " + err.Error())
	}
	return out
}

// Samples lists the bundled datasets; the first is the default one.
func Samples() []Sample { return append([]Sample(nil), samples...) }

// DefaultSample is the dataset opened by `make run`.
func DefaultSample() Sample { return samples[0] }

// LookupSample returns the sample with the given ID (case-insensitive).
func LookupSample(id string) (Sample, error) {
	for _, s := range samples {
		if strings.EqualFold(s.ID, id) {
			return s, nil
		}
	}
	ids := make([]string, len(samples))
	for i, s := range samples {
		ids[i] = s.ID
	}
	return Sample{}, fmt.Errorf("no sample dataset named %q (available: %s)", id, strings.Join(ids, ", "))
}

// Open returns the sample's raw bytes (gzip-compressed when File ends in
// .gz) and their length.
func (s Sample) Open() (io.Reader, int64, error) {
	b, err := samplesFS.ReadFile("samples/" + s.File)
	if err != nil {
		return nil, 0, fmt.Errorf("sample %q: %w", s.ID, err)
	}
	return bytes.NewReader(b), int64(len(b)), nil
}

// Bytes returns the sample's raw file contents.
func (s Sample) Bytes() ([]byte, error) { return samplesFS.ReadFile("samples/" + s.File) }

// Stages lists the guide pages in workflow order.
var Stages = []string{"data", "explore", "prepare", "train", "evaluate", "deploy"}

// Guide returns the Markdown guide text for a stage ("data", "explore", ...).
func Guide(stage string) (string, error) {
	b, err := guideFS.ReadFile("guide/" + strings.ToLower(stage) + ".md")
	if err != nil {
		return "", fmt.Errorf("no guide for stage %q", stage)
	}
	return string(b), nil
}

// GuideStages lists the stages that have a guide page, sorted.
func GuideStages() []string {
	entries, _ := guideFS.ReadDir("guide")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".md"))
	}
	sort.Strings(out)
	return out
}

// Icon returns the application icon as PNG bytes.
func Icon() []byte { return append([]byte(nil), icon...) }

// Checklist returns the deployment checklist definition (JSON, read by
// workflow/deploy): its sections and items, the ML Test Score's tests and
// the form fields of the purpose, model card and datasheet. It is data,
// so the checklist can grow without code changes.
func Checklist() []byte { return append([]byte(nil), checklist...) }
