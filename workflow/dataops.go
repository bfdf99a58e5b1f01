package workflow

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modelbench/assets"
	"modelbench/workflow/data"
	"modelbench/workflow/progress"
	"modelbench/workflow/source"
)

// LoadRef is the default Loader: bundled samples, delimited text, and the
// other sources of package source (workbooks, JSON, Parquet, ARFF, SQLite,
// PostgreSQL). The hash covers the file's bytes; a database has none.
func LoadRef(ctx context.Context, ref DataRef, base string, report progress.Func) (*data.Table, string, error) {
	if ref.Source == nil && ref.Path != "" && !isDelimited(ref.Path) {
		spec, err := source.Detect(resolve(base, ref.Path))
		if err != nil {
			return nil, "", err
		}
		if spec.Kind != source.CSV {
			ref.Source = &spec
		}
	}
	switch {
	case ref.Source != nil:
		return loadSource(ctx, *ref.Source, base, report)
	case ref.Sample != "":
		s, err := assets.LookupSample(ref.Sample)
		if err != nil {
			return nil, "", err
		}
		r, size, err := s.Open()
		if err != nil {
			return nil, "", err
		}
		h := sha256.New()
		t, err := data.ReadCSV(ctx, io.TeeReader(r, h), size, s.Title+" (sample "+s.ID+")", ref.Options.CSV, report)
		if err != nil {
			return nil, "", err
		}
		applySampleTarget(t, s)
		return t, hex.EncodeToString(h.Sum(nil)), nil
	case ref.Path != "":
		return loadFile(ctx, resolve(base, ref.Path), ref.Options, report)
	}
	return nil, "", errors.New("no data source given")
}

// isDelimited reports whether a path names delimited text by its extension.
func isDelimited(path string) bool {
	switch strings.ToLower(filepath.Ext(strings.TrimSuffix(strings.ToLower(path), ".gz"))) {
	case ".csv", ".tsv", ".txt", ".dat", ".tab":
		return true
	}
	return false
}

// loadSource reads a non-CSV source; a file's bytes are hashed separately.
func loadSource(ctx context.Context, spec source.Spec, base string, report progress.Func) (*data.Table, string, error) {
	if spec.Path != "" {
		spec.Path = resolve(base, spec.Path)
	}
	t, err := source.Load(ctx, spec, report)
	if err != nil || spec.Path == "" || spec.Kind == source.Postgres {
		return t, "", err
	}
	sum, err := hashFile(spec.Path)
	return t, sum, err
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func loadFile(ctx context.Context, path string, opt data.LoadOptions, report progress.Func) (*data.Table, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, "", err
	}
	if st.IsDir() {
		return nil, "", fmt.Errorf("%s is a folder, not a file", path)
	}
	h := sha256.New()
	t, err := data.ReadCSV(ctx, io.TeeReader(f, h), st.Size(), path, opt.CSV, report)
	if err != nil {
		return nil, "", err
	}
	return t, finishHash(h, f, opt), nil
}

// finishHash reads what the parser left unread so the hash covers the
// whole file; a preview (MaxRows) has no meaningful hash.
func finishHash(h hash.Hash, r io.Reader, opt data.LoadOptions) string {
	if opt.CSV.MaxRows > 0 {
		return ""
	}
	if _, err := io.Copy(h, r); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

// applySampleTarget makes the sample's documented target the target.
func applySampleTarget(t *data.Table, s assets.Sample) {
	if cur, ok := t.Schema.Target(); ok && cur == s.Target {
		return
	}
	if sch, err := t.Schema.WithRole(s.Target, data.Target); err == nil {
		for i := range sch.Fields {
			if sch.Fields[i].Name == s.Target {
				sch.Fields[i].UserRole = false
				sch.Fields[i].RoleReason = "the value this sample dataset is meant to predict"
			}
		}
		t.Schema = sch
	}
}

func resolve(base, path string) string {
	if filepath.IsAbs(path) || base == "" {
		return path
	}
	return filepath.Join(base, path)
}

// LoadData reads the table ref points to and makes it the project's data,
// re-applying the column choices the user made for columns of the same
// name. On failure the project keeps its previous table and the Data stage
// shows the error. Everything downstream becomes stale.
func (p *Project) LoadData(ctx context.Context, ref DataRef, report progress.Func) error {
	end, err := p.begin(StageData)
	if err != nil {
		return err
	}
	t, sum, err := p.Loader(ctx, ref, p.baseDir(), report)
	if err == nil {
		t, err = applyChoices(t, p.Document().Columns)
	}
	if err != nil {
		end(nil, err)
		return err
	}
	if ref.SHA256 != "" && sum != "" && ref.SHA256 != sum {
		t.Issues = append(t.Issues, data.Issue{Level: "warning", Text: "the data has changed since the project was saved (its content hash differs)"})
	}
	ref.SHA256, ref.Rows, ref.Cols = sum, t.Frame.NumRows(), t.Frame.NumCols()
	p.mu.Lock()
	p.table = t
	p.doc.Data = &ref
	p.doc.Modified = time.Now().UTC()
	p.journalLoad(ref)
	p.mu.Unlock()
	end(t, nil)
	p.emit(Event{Kind: DataChanged, Stage: StageData, Message: t.Source})
	return nil
}

// journalLoad records a load in the decision journal, once per source and
// content: reopening a project on the same data adds nothing, a changed
// file (another hash) adds an entry. It must be called with p.mu held.
func (p *Project) journalLoad(ref DataRef) {
	what := fmt.Sprintf("loaded %s: %d rows, %d columns", ref.Name(), ref.Rows, ref.Cols)
	if ref.SHA256 != "" {
		what += fmt.Sprintf(" (SHA-256 %.12s…)", ref.SHA256)
	}
	for _, e := range p.doc.Journal {
		if e.What == what {
			return
		}
	}
	p.doc.Journal = append(p.doc.Journal, JournalEntry{Time: time.Now().UTC(), Stage: StageData.String(), What: what})
}

func (p *Project) baseDir() string {
	if path := p.Path(); path != "" {
		return filepath.Dir(path)
	}
	return ""
}

// applyChoices re-applies saved type and role choices; choices for columns
// the table does not have are skipped.
func applyChoices(t *data.Table, choices []ColumnChoice) (*data.Table, error) {
	for _, c := range choices {
		if _, ok := t.Frame.Lookup(c.Name); !ok {
			continue
		}
		var err error
		if c.Type != nil {
			if t, err = withKind(t, c.Name, *c.Type); err != nil {
				return nil, err
			}
		}
		if c.Role != nil {
			if t, err = withRole(t, c.Name, *c.Role); err != nil {
				return nil, err
			}
		}
	}
	return t, nil
}

// SetColumnKind converts a column to another kind. It fails, changing
// nothing, when a value does not fit; the error names the row and value.
func (p *Project) SetColumnKind(name string, k data.Kind, why string) error {
	return p.changeColumn(name, why, func(t *data.Table) (*data.Table, error) { return withKind(t, name, k) },
		func(c *ColumnChoice) { c.Type = &k }, fmt.Sprintf("column %q read as %s", name, k))
}

// SetColumnRole gives a column another role; choosing a new target turns
// the old one into a feature.
func (p *Project) SetColumnRole(name string, r data.Role, why string) error {
	return p.changeColumn(name, why, func(t *data.Table) (*data.Table, error) { return withRole(t, name, r) },
		func(c *ColumnChoice) { c.Role = &r }, fmt.Sprintf("column %q used as %s", name, r))
}

func (p *Project) changeColumn(name, why string, change func(*data.Table) (*data.Table, error), record func(*ColumnChoice), what string) error {
	p.mu.Lock()
	t := p.table
	p.mu.Unlock()
	if t == nil {
		return errors.New("no data is loaded")
	}
	nt, err := change(t)
	if err != nil {
		return err
	}
	p.mu.Lock()
	if p.table != t {
		p.mu.Unlock()
		return errors.New("the data changed while the column was being converted; try again")
	}
	before := p.status
	p.table = nt
	p.results[StageData] = nt
	p.doc.Columns = upsertChoice(p.doc.Columns, name, record, why)
	p.doc.Journal = append(p.doc.Journal, JournalEntry{Time: time.Now().UTC(), Stage: StageData.String(), What: what, Why: why})
	p.doc.Modified = time.Now().UTC()
	p.invalidateAfter(StageData)
	p.recompute()
	evs := append(p.statusEvents(before), Event{Kind: SchemaChanged, Stage: StageData, Message: name})
	p.mu.Unlock()
	p.emit(evs...)
	return nil
}

func upsertChoice(cs []ColumnChoice, name string, record func(*ColumnChoice), why string) []ColumnChoice {
	out := append([]ColumnChoice(nil), cs...)
	for i := range out {
		if out[i].Name == name {
			record(&out[i])
			if why != "" {
				out[i].Why = why
			}
			return out
		}
	}
	c := ColumnChoice{Name: name, Why: why}
	record(&c)
	return append(out, c)
}

// withKind returns a copy of t whose column name is converted to kind k.
func withKind(t *data.Table, name string, k data.Kind) (*data.Table, error) {
	col, ok := t.Frame.Lookup(name)
	if !ok {
		return nil, fmt.Errorf("no column named %q", name)
	}
	cells := make([]string, col.Len())
	for i := range cells {
		cells[i] = col.Format(i)
	}
	nc, _, err := data.BuildColumn(name, cells, data.ParseOptions{MissingTokens: []string{""}}, &k, 2)
	if err != nil {
		return nil, fmt.Errorf("column %q cannot be read as %s: %w", name, k, err)
	}
	f, err := t.Frame.With(nc)
	if err != nil {
		return nil, err
	}
	nt := *t
	nt.Frame = f
	nt.Schema = data.Schema{Fields: append([]data.Field(nil), t.Schema.Fields...)}
	for i := range nt.Schema.Fields {
		if fl := &nt.Schema.Fields[i]; fl.Name == name {
			fl.Kind, fl.Label, fl.UserKind, fl.TypeReason = k, k.String(), true, "chosen by the user"
		}
	}
	return &nt, nil
}

func withRole(t *data.Table, name string, r data.Role) (*data.Table, error) {
	s, err := t.Schema.WithRole(name, r)
	if err != nil {
		return nil, err
	}
	nt := *t
	nt.Schema = s
	return &nt, nil
}
