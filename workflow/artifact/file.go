package artifact

import (
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
// reject versions newer than they know.
const (
	Format  = "modelbench.model"
	Version = 1
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
	Model      json.RawMessage `json:"model"`
}

// MarshalJSON writes the documented model.json layout.
func (a *Artifact) MarshalJSON() ([]byte, error) {
	pipe, err := json.Marshal(a.Pipeline)
	if err != nil {
		return nil, fmt.Errorf("saving the pipeline: %w", err)
	}
	m, err := model.Marshal(a.Model)
	if err != nil {
		return nil, fmt.Errorf("saving the model: %w", err)
	}
	return json.Marshal(file{Format: Format, Version: Version, AppVersion: a.AppVersion, Created: a.Created,
		Data: fileData{SHA256: a.DataSHA256, Source: a.DataSource}, Learner: a.Learner, Params: a.Params, Seed: a.Seed, Split: a.Split,
		Task: a.Task, Target: a.Target, Classes: a.Classes, Input: a.Input, TrainRows: a.TrainRows,
		FitSeconds: a.FitTime.Seconds(), Pipeline: pipe, Model: m})
}

// UnmarshalJSON reads model.json, rejecting other formats and newer versions.
func (a *Artifact) UnmarshalJSON(b []byte) error {
	var f file
	if err := json.Unmarshal(b, &f); err != nil {
		return fmt.Errorf("not a Modelbench model file: %w", err)
	}
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

// Save writes the artifact as DIR/model.json (creating DIR), atomically.
func (a *Artifact) Save(dir string) (string, error) {
	b, err := json.MarshalIndent(a, "", " ")
	if err != nil {
		return "", err
	}
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
	if err := json.Unmarshal(b, &a); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &a, nil
}
