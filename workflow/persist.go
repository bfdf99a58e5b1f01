package workflow

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"modelbench/workflow/progress"
)

// Save writes the project to path (adding the .mbproj extension when
// missing) atomically, storing the data path relative to the project
// file's folder when it lies below it. It then removes any recovery file,
// since the work is now safe.
func (p *Project) Save(path string) (string, error) {
	if filepath.Ext(path) != FileExtension {
		path += FileExtension
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	p.mu.Lock()
	doc := p.doc.clone()
	oldBase := ""
	if p.path != "" {
		oldBase = filepath.Dir(p.path)
	}
	p.mu.Unlock()
	doc.Modified = time.Now().UTC()
	doc.AppVersion = AppVersion
	doc.Stages = p.stageMap()
	if doc.Train.Model, err = p.chosenModelJSON(); err != nil {
		return "", err
	}
	doc.Train.Versions = p.versionsForFile(doc.Train.Versions)
	doc.RecoveredFrom = ""
	if doc.Data != nil && doc.Data.Path != "" {
		doc.Data.Path = relativeTo(filepath.Dir(abs), resolve(oldBase, doc.Data.Path))
	}
	if doc.Data != nil && doc.Data.Source != nil && doc.Data.Source.Path != "" {
		doc.Data.Source.Path = relativeTo(filepath.Dir(abs), resolve(oldBase, doc.Data.Source.Path))
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return "", err
	}
	if err := writeFileAtomic(abs, b); err != nil {
		return "", fmt.Errorf("saving the project to %s: %w", abs, err)
	}
	p.mu.Lock()
	p.path, p.doc = abs, doc
	p.mu.Unlock()
	p.emit(Event{Kind: Saved, Message: abs})
	return abs, nil
}

func (p *Project) stageMap() map[string]string {
	p.mu.Lock()
	defer p.mu.Unlock()
	m := make(map[string]string, numStages)
	for _, s := range Stages {
		m[s.String()] = p.status[s].String()
	}
	return m
}

// relativeTo returns target relative to base when target lies inside
// base, and the absolute target otherwise.
func relativeTo(base, target string) string {
	abs, err := filepath.Abs(target)
	if err != nil {
		return target
	}
	rel, err := filepath.Rel(base, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return abs
	}
	return rel
}

// Open reads a project file and reloads its data. A project whose data
// cannot be read still opens, with the Data step showing why, so the user
// can point it at the file's new place.
func Open(ctx context.Context, path string, report progress.Func) (*Project, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	doc, err := DecodeDocument(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	abs, _ := filepath.Abs(path)
	p := New()
	p.path = abs
	if err := p.restore(ctx, doc, report); err != nil {
		return p, nil //nolint:nilerr // the project opens; the Data step shows the error
	}
	return p, nil
}

// restore installs a decoded document and reloads its data.
func (p *Project) restore(ctx context.Context, doc Document, report progress.Func) error {
	p.mu.Lock()
	ref := doc.Data
	p.saved = savedState{model: doc.Train.Model, stages: doc.Stages}
	doc.Data, doc.Stages, doc.Train.Model = nil, nil, nil
	p.versionModels = map[int]json.RawMessage{}
	for i, v := range doc.Train.Versions {
		p.versionModels[v.Version] = v.Model
		doc.Train.Versions[i].Model = nil
	}
	p.doc = doc
	p.recompute()
	p.mu.Unlock()
	if ref == nil {
		return nil
	}
	return p.LoadData(ctx, *ref, report)
}

// Restore replaces this project's state with a recovered document (see
// ReadRecovery), reloading its data; the project keeps no file path unless
// the document names one.
func (p *Project) Restore(ctx context.Context, doc Document, report progress.Func) error {
	if doc.RecoveredFrom != "" {
		p.mu.Lock()
		p.path = doc.RecoveredFrom
		p.mu.Unlock()
	}
	return p.restore(ctx, doc, report)
}

// Autosave writes the project to a recovery file a short delay after each
// change, so a crash loses nothing. Stop ends it; Discard also removes the
// recovery file (after an explicit save or a deliberate "don't save").
type Autosave struct {
	p     *Project
	path  string
	delay time.Duration
	mu    sync.Mutex
	timer *time.Timer
	unsub func()
	err   error
}

// StartAutosave begins writing recovery copies to path.
func (p *Project) StartAutosave(path string, delay time.Duration) *Autosave {
	a := &Autosave{p: p, path: path, delay: delay}
	a.unsub = p.Subscribe(func(ev Event) {
		switch ev.Kind {
		case DataChanged, SchemaChanged, ConfigChanged, ResultChanged:
			a.schedule()
		case Saved:
			a.Discard()
		}
	})
	return a
}

func (a *Autosave) schedule() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.timer != nil {
		a.timer.Stop()
	}
	a.timer = time.AfterFunc(a.delay, a.Flush)
}

// Flush writes the recovery file now.
func (a *Autosave) Flush() {
	doc := a.p.Document()
	doc.RecoveredFrom = a.p.Path()
	doc.Stages = a.p.stageMap()
	model, err := a.p.chosenModelJSON()
	doc.Train.Model = model
	doc.Train.Versions = a.p.versionsForFile(doc.Train.Versions)
	if doc.Data != nil && doc.Data.Path != "" {
		doc.Data.Path = resolveAbs(a.p.baseDir(), doc.Data.Path)
	}
	if doc.Data != nil && doc.Data.Source != nil && doc.Data.Source.Path != "" {
		doc.Data.Source.Path = resolveAbs(a.p.baseDir(), doc.Data.Source.Path)
	}
	var b []byte
	if err == nil {
		b, err = json.MarshalIndent(doc, "", "  ")
	}
	if err == nil {
		if err = os.MkdirAll(filepath.Dir(a.path), 0o755); err == nil {
			err = writeFileAtomic(a.path, b)
		}
	}
	a.mu.Lock()
	a.err = err
	a.mu.Unlock()
}

func resolveAbs(base, path string) string {
	abs, err := filepath.Abs(resolve(base, path))
	if err != nil {
		return path
	}
	return abs
}

// Err returns the last write error, or nil.
func (a *Autosave) Err() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.err
}

// Stop ends autosaving without touching the recovery file.
func (a *Autosave) Stop() {
	a.unsub()
	a.mu.Lock()
	if a.timer != nil {
		a.timer.Stop()
	}
	a.mu.Unlock()
}

// Discard cancels a pending write and removes the recovery file.
func (a *Autosave) Discard() {
	a.mu.Lock()
	if a.timer != nil {
		a.timer.Stop()
	}
	a.mu.Unlock()
	_ = os.Remove(a.path)
}

// ReadRecovery reads a recovery file left by a session that did not end
// cleanly. It returns os.ErrNotExist (wrapped) when there is none.
func ReadRecovery(path string) (Document, time.Time, error) {
	st, err := os.Stat(path)
	if err != nil {
		return Document{}, time.Time{}, err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return Document{}, time.Time{}, err
	}
	doc, err := DecodeDocument(b)
	if err != nil {
		return Document{}, time.Time{}, fmt.Errorf("recovery file %s: %w", path, err)
	}
	return doc, st.ModTime(), nil
}

// DefaultRecoveryPath is where the desktop app keeps its recovery file.
func DefaultRecoveryPath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "Modelbench", "recovery"+FileExtension)
}
