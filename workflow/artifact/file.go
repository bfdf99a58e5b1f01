package artifact

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

// The model file format. Version goes up when the layout changes; readers
// reject versions newer than they know. Version 2 holds the tree models in
// their packed form (model version 2 of "tree", "forest" and "gbt") and
// does not indent the model body; a version 1 file reads unchanged, its
// model bodies keeping their own versions.
const (
	Format  = "modelbench.model"
	Version = 2
)

// FileName is the name `modelbench train` gives the file in its folder.
const FileName = "model.json"

type fileData struct {
	SHA256 string `json:"sha256,omitempty"`
	Source string `json:"source,omitempty"`
}

// file is the JSON layout of model.json.
type file struct {
	Format     string          `json:"format"`
	Version    int             `json:"version"`
	AppVersion string          `json:"app_version"`
	Created    time.Time       `json:"created"`
	Data       fileData        `json:"data"`
	Learner    string          `json:"learner"`
	Params     param.Values    `json:"params"`
	Seed       uint64          `json:"seed"`
	Split      *prep.SplitSpec `json:"split,omitempty"`
	Task       model.Task      `json:"task"`
	Target     string          `json:"target"`
	Classes    []string        `json:"classes,omitempty"`
	Input      []data.Field    `json:"input"`
	TrainRows  int             `json:"train_rows"`
	FitSeconds float64         `json:"fit_seconds,omitempty"`
	Pipeline   json.RawMessage `json:"pipeline"`
	// Model is the last member; MarshalJSON writes it after the others
	// (see marshal), UnmarshalJSON cuts it out with model.SplitMember.
	Model json.RawMessage `json:"-"`
}

// MarshalJSON writes the documented model.json layout, the model in its
// compact form (model.Marshal).
func (a *Artifact) MarshalJSON() ([]byte, error) { return a.marshal(model.Marshal) }

// marshal writes the layout with the model body that body returns,
// appended as it is: encoding/json would scan (and re-indent) it again.
func (a *Artifact) marshal(body func(model.Model) ([]byte, error)) ([]byte, error) {
	pipe, err := json.Marshal(a.Pipeline)
	if err != nil {
		return nil, fmt.Errorf("saving the pipeline: %w", err)
	}
	m, err := body(a.Model)
	if err != nil {
		return nil, fmt.Errorf("saving the model: %w", err)
	}
	head, err := json.Marshal(file{Format: Format, Version: Version, AppVersion: a.AppVersion, Created: a.Created,
		Data: fileData{SHA256: a.DataSHA256, Source: a.DataSource}, Learner: a.Learner, Params: a.Params, Seed: a.Seed, Split: a.Split,
		Task: a.Task, Target: a.Target, Classes: a.Classes, Input: a.Input, TrainRows: a.TrainRows,
		FitSeconds: a.FitTime.Seconds(), Pipeline: pipe})
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(head)+len(m)+10)
	out = append(append(out, head[:len(head)-1]...), `,"model":`...)
	return append(append(out, m...), '}'), nil
}

// UnmarshalJSON reads model.json (versions 1 and 2), rejecting other
// formats and newer versions. The model member is cut out with
// model.SplitMember, so its bulk is read only by its decoder.
func (a *Artifact) UnmarshalJSON(b []byte) error {
	var f file
	rest, body, err := model.SplitMember(b, "model")
	if err == nil {
		err = json.Unmarshal(rest, &f)
	}
	if err != nil {
		return fmt.Errorf("not a Modelbench model file: %w", err)
	}
	f.Model = body
	if f.Format != Format {
		return fmt.Errorf("not a Modelbench model file (format %q)", f.Format)
	}
	if f.Version < 1 || f.Version > Version {
		return fmt.Errorf("the model file has version %d; this Modelbench reads versions 1 to %d", f.Version, Version)
	}
	var pipe prep.Fitted
	if err := json.Unmarshal(f.Pipeline, &pipe); err != nil {
		return fmt.Errorf("the model file's pipeline: %w", err)
	}
	m, err := model.Unmarshal(f.Model)
	if err != nil {
		return fmt.Errorf("the model file's model: %w", err)
	}
	*a = Artifact{Created: f.Created, AppVersion: f.AppVersion, DataSHA256: f.Data.SHA256, DataSource: f.Data.Source,
		Learner: f.Learner, Params: f.Params, Seed: f.Seed, Split: f.Split, Task: f.Task, Target: f.Target, Classes: f.Classes,
		Input: f.Input, TrainRows: f.TrainRows, FitTime: time.Duration(f.FitSeconds * float64(time.Second)),
		Pipeline: &pipe, Model: m}
	return nil
}

// Save writes the artifact as DIR/model.json (creating DIR), atomically,
// as compact JSON with the model in its compact form, and returns the
// file's path.
func (a *Artifact) Save(dir string) (string, error) {
	b, err := a.MarshalJSON()
	if err != nil {
		return "", err
	}
	return write(dir, b)
}

// SaveReadable is Save for people who want to read the file: indented
// JSON with the model in its readable form (model.MarshalReadable: the
// trees of tree models as JSON arrays), several times larger. Load reads
// both.
func (a *Artifact) SaveReadable(dir string) (string, error) {
	b, err := a.marshal(model.MarshalReadable)
	if err != nil {
		return "", err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", " "); err != nil {
		return "", err
	}
	return write(dir, out.Bytes())
}

// write writes b as DIR/model.json (creating DIR) through a temporary file.
func write(dir string, b []byte) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, FileName)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return "", err
	}
	return path, os.Rename(tmp, path)
}

// Load reads a model file; path may be the file or the folder holding
// model.json.
func Load(path string) (*Artifact, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, FileName)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var a Artifact
	if err := a.UnmarshalJSON(b); err != nil { // not json.Unmarshal, which would scan the whole file first
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &a, nil
}
