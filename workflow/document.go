package workflow

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"modelbench/workflow/coach"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy"
	"modelbench/workflow/eval"
	"modelbench/workflow/prep"
	"modelbench/workflow/source"
)

// Project file format identifiers. CurrentVersion is what Save writes;
// older versions are upgraded by the migrations on Open.
const (
	FileFormat     = "modelbench.project"
	CurrentVersion = 1
	FileExtension  = ".mbproj"
)

// AppVersion is Modelbench's version, written into every saved file.
var AppVersion = "0.1.0"

// Document is the saveable state of a Project: references and choices, not
// the data itself. Data is referenced by path (relative to the project
// file) plus a content hash; results are recomputed from the saved choices.
type Document struct {
	Format     string            `json:"format"`
	Version    int               `json:"version"`
	AppVersion string            `json:"app_version"`
	Created    time.Time         `json:"created"`
	Modified   time.Time         `json:"modified"`
	Data       *DataRef          `json:"data,omitempty"`
	Columns    []ColumnChoice    `json:"columns,omitempty"`
	Prepare    PrepareConfig     `json:"prepare"`
	Train      TrainConfig       `json:"train"`
	Evaluate   EvaluateConfig    `json:"evaluate"`
	Deploy     DeployConfig      `json:"deploy"`
	Coach      CoachConfig       `json:"coach,omitzero"`
	Journal    []JournalEntry    `json:"journal,omitempty"`
	Stages     map[string]string `json:"stages,omitempty"`
	// RecoveredFrom is set in recovery files: the project file the unsaved
	// work belongs to ("" for a never-saved project).
	RecoveredFrom string `json:"recovered_from,omitempty"`
}

// DataRef says where the table comes from and how it was read.
type DataRef struct {
	// Sample names a bundled dataset; Path and Source are then empty.
	Sample string `json:"sample,omitempty"`
	// Path is a file path; relative paths are resolved against the project
	// file's folder.
	Path string `json:"path,omitempty"`
	// Source describes a source that is not plain delimited text: a
	// workbook sheet, a JSON, Parquet or ARFF file, an SQLite table or a
	// PostgreSQL query. Its JSON never holds a password.
	Source *source.Spec `json:"source,omitempty"`
	// Options are the reading options used.
	Options data.LoadOptions `json:"options"`
	// SHA256 is the hex hash of the bytes read, to notice a changed file.
	SHA256 string `json:"sha256,omitempty"`
	Rows   int    `json:"rows"`
	Cols   int    `json:"cols"`
}

// Name says where the data comes from, for people and provenance records:
// "sample:ID" for a bundled sample, the source (file and sheet, or server
// and query) for other sources, else the file's path.
func (r DataRef) Name() string {
	switch {
	case r.Sample != "":
		return "sample:" + r.Sample
	case r.Source != nil:
		return r.Source.String()
	}
	return r.Path
}

// ColumnChoice records a type or role the user chose for a column, so it
// is re-applied whenever the data is loaded again.
type ColumnChoice struct {
	Name string     `json:"name"`
	Type *data.Kind `json:"type,omitempty"`
	Role *data.Role `json:"role,omitempty"`
	// Sensitive records the person's judgement that the column holds
	// personal or sensitive data (true) or does not (false); nil means
	// not judged. It changes no result; the deployment checklist and the
	// documents read it.
	Sensitive *bool  `json:"sensitive,omitempty"`
	Why       string `json:"why,omitempty"`
}

// PrepareConfig holds the preparation pipeline and the split. A nil
// Pipeline means the user has not edited it: the default preparation for
// the current schema is used. A nil Split means the default split.
type PrepareConfig struct {
	Pipeline *prep.Pipeline  `json:"pipeline,omitempty"`
	Split    *prep.SplitSpec `json:"split,omitempty"`
}

// TrainConfig holds the training settings and the chosen model.
type TrainConfig struct {
	Settings *TrainSettings `json:"settings,omitempty"`
	Chosen   string         `json:"chosen,omitempty"`
	Why      string         `json:"why,omitempty"`
	Tuning   []TuneRecord   `json:"tuning,omitempty"`
	// Board is the last leaderboard (scores only), so that a reopened
	// project shows it without training again.
	Board *eval.BoardRecord `json:"board,omitempty"`
	// Model is the chosen model (model.json's layout). It is written into
	// project and recovery files only; in memory the Train result holds
	// it, so Document copies stay small.
	Model json.RawMessage `json:"model,omitempty"`
	// Versions are the models carried forward so far (after a retrain);
	// Version is the current one's number (0 or 1 before any retrain).
	Versions []ModelVersion `json:"versions,omitempty"`
	Version  int            `json:"version,omitempty"`
}

// EvaluateConfig holds the evaluation settings and the record of which
// models were scored on the locked test part.
type EvaluateConfig struct {
	TestLog   eval.TestSetLog `json:"test_log"`
	Threshold *float64        `json:"threshold,omitempty"`
	CostFP    float64         `json:"cost_false_positive,omitempty"`
	CostFN    float64         `json:"cost_false_negative,omitempty"`
	Slices    []string        `json:"slices,omitempty"`
	// Views records every evaluation on the test rows, in order, with
	// the fingerprint of the model evaluated: the same name after a
	// change is another model, and the coach counts how often the test
	// rows were looked at.
	Views []TestView `json:"test_views,omitempty"`
}

// TestView is one evaluation of a model on the locked test rows.
type TestView struct {
	Model       string    `json:"model"`
	Fingerprint string    `json:"fingerprint"`
	Time        time.Time `json:"time"`
}

// DeployConfig holds the Deploy step's answers: the checklist and ML test
// answers, the purpose, model-card and datasheet forms, the last
// reproducibility check and the exports recorded so far, and the source
// the Monitor view watches. Files written
// before the checklist existed have none and open with an empty state.
type DeployConfig struct {
	Checklist deploy.State `json:"checklist,omitzero"`
	// Docs records every documentation bundle written (RecordDocs).
	Docs []DocsExport `json:"docs,omitempty"`
	// Monitor is the Monitor view's last source (nil: none yet).
	Monitor *MonitorConfig `json:"monitor,omitempty"`
}

// DocsExport is one documentation bundle written for the chosen model.
type DocsExport struct {
	Path        string    `json:"path"`
	Formats     []string  `json:"formats,omitempty"`
	Fingerprint string    `json:"fingerprint"` // of the model documented
	Time        time.Time `json:"time"`
}

// CoachConfig is the coach's saved state: the findings the person
// dismissed (each stays dismissed until its evidence changes) and the
// progress through a lesson, if one was started.
type CoachConfig struct {
	Dismissed []coach.Dismissal `json:"dismissed,omitempty"`
	Lesson    *coach.Progress   `json:"lesson,omitempty"`
}

// JournalEntry is one decision: when, at which stage, what, and why.
type JournalEntry struct {
	Time  time.Time `json:"time"`
	Stage string    `json:"stage"`
	What  string    `json:"what"`
	Why   string    `json:"why,omitempty"`
}

func newDocument() Document {
	now := time.Now().UTC()
	return Document{Format: FileFormat, Version: CurrentVersion, AppVersion: AppVersion, Created: now, Modified: now}
}

func (d Document) clone() Document {
	b, err := json.Marshal(d)
	if err != nil {
		panic("workflow: document does not marshal: " + err.Error())
	}
	var out Document
	if err := json.Unmarshal(b, &out); err != nil {
		panic("workflow: document does not unmarshal: " + err.Error())
	}
	return out
}

// migrations upgrade a decoded document of version v (the key) to v+1.
// Add one here whenever CurrentVersion goes up; never edit an old one.
var migrations = map[int]func(doc map[string]any) error{}

// DecodeDocument reads a project file's bytes, upgrading older versions.
// It rejects other formats and versions newer than this program knows.
func DecodeDocument(b []byte) (Document, error) {
	return decodeVersioned(b, CurrentVersion, migrations)
}

func decodeVersioned(b []byte, current int, migrations map[int]func(map[string]any) error) (Document, error) {
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		return Document{}, fmt.Errorf("not a Modelbench project file: %w", err)
	}
	if f, _ := raw["format"].(string); f != FileFormat {
		return Document{}, fmt.Errorf("not a Modelbench project file (format %q)", f)
	}
	v, ok := raw["version"].(float64)
	if !ok || v < 1 || v != float64(int(v)) {
		return Document{}, errors.New("the project file has no valid version number")
	}
	if int(v) > current {
		return Document{}, fmt.Errorf("the project file has version %d, made by a newer Modelbench; this one reads up to version %d", int(v), current)
	}
	for ver := int(v); ver < current; ver++ {
		m, ok := migrations[ver]
		if !ok {
			return Document{}, fmt.Errorf("no migration from project version %d", ver)
		}
		if err := m(raw); err != nil {
			return Document{}, fmt.Errorf("upgrading the project from version %d: %w", ver, err)
		}
		raw["version"] = float64(ver + 1)
	}
	nb, _ := json.Marshal(raw)
	var d Document
	dec := json.NewDecoder(bytes.NewReader(nb))
	if err := dec.Decode(&d); err != nil {
		return Document{}, fmt.Errorf("the project file is damaged: %w", err)
	}
	return d, nil
}

// writeFileAtomic writes b to path through a temporary file in the same
// folder and a rename, so a crash never leaves half a file.
func writeFileAtomic(path string, b []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
