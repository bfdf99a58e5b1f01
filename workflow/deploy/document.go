package deploy

import "fmt"

// Document is one of the documentation bundle's documents as plain data:
// sections of blocks, with figures named by key for the bundle writer to
// draw (package plots/docs). Builders fill in everything the project
// knows; a field only a person can answer is a Field with Gap set when it
// is empty.
type Document struct {
	ID       string // file name stem: "model-card", "datasheet", "decision-journal", "checklist"
	Title    string
	Subtitle string
	Sections []DocSection
}

// DocSection is a heading and its blocks, in order.
type DocSection struct {
	Heading string
	Blocks  []Block
}

// Block is exactly one of: a paragraph (Text, with Level "info",
// "warning" or "critical" for a callout), a list (Items), labelled values
// (Fields), a table (Table) or a figure (Figure, a key such as
// FigLeaderboard, with Caption).
type Block struct {
	Text    string
	Level   string
	Items   []string
	Fields  []Field
	Table   *Table
	Figure  string
	Caption string
}

// Field is a labelled value. Key names the form field a person fills
// ("" for a value the project supplies); Gap marks a form field that is
// still empty, with Help saying what belongs there and Suggested what the
// project would propose (see Suggest).
type Field struct {
	Key       string
	Label     string
	Value     string
	Help      string
	Gap       bool
	Suggested string
}

// Table is a header and rows of cells.
type Table struct {
	Header []string
	Rows   [][]string
}

// Figure keys: the bundle writer draws the figure each names.
const (
	FigLeaderboard = "leaderboard"
	FigMissing     = "missing"
	// FigSlicesPrefix + column: the metric per group of that column.
	FigSlicesPrefix = "slices:"
	// FigEvaluationPrefix + kind: one of the Evaluate step's figures, by
	// its title ("Confusion matrix", "ROC curve", "Permutation importance").
	FigEvaluationPrefix = "evaluation:"
)

// Gaps returns the form fields of the document that are still empty.
func (d *Document) Gaps() []Field {
	var out []Field
	for _, s := range d.Sections {
		for _, b := range s.Blocks {
			for _, f := range b.Fields {
				if f.Gap {
					out = append(out, f)
				}
			}
		}
	}
	return out
}

// add appends a section and returns it for filling.
func (d *Document) add(heading string) *DocSection {
	d.Sections = append(d.Sections, DocSection{Heading: heading})
	return &d.Sections[len(d.Sections)-1]
}

func (s *DocSection) para(format string, args ...any) {
	s.Blocks = append(s.Blocks, Block{Text: fmt.Sprintf(format, args...)})
}

func (s *DocSection) callout(level, format string, args ...any) {
	s.Blocks = append(s.Blocks, Block{Text: fmt.Sprintf(format, args...), Level: level})
}

func (s *DocSection) list(items ...string) {
	if len(items) > 0 {
		s.Blocks = append(s.Blocks, Block{Items: items})
	}
}

func (s *DocSection) fields(fs ...Field) {
	if len(fs) == 0 {
		return
	}
	s.Blocks = append(s.Blocks, Block{Fields: fs})
	var gaps []string
	for _, f := range fs {
		if f.Gap {
			gaps = append(gaps, f.Label)
		}
	}
	if len(gaps) > 0 {
		s.callout("warning", "Gap: %s %s not answered yet. Only a person can answer %s: fill %s in on the Deploy step or in an answers file.",
			list(gaps), map[bool]string{true: "is", false: "are"}[len(gaps) == 1],
			map[bool]string{true: "it", false: "them"}[len(gaps) == 1], map[bool]string{true: "it", false: "them"}[len(gaps) == 1])
	}
}

func (s *DocSection) table(header []string, rows [][]string) {
	if len(rows) > 0 {
		s.Blocks = append(s.Blocks, Block{Table: &Table{Header: header, Rows: rows}})
	}
}

func (s *DocSection) figure(key, caption string) {
	s.Blocks = append(s.Blocks, Block{Figure: key, Caption: caption})
}

// fact is a value the project supplies.
func fact(label, value string) Field { return Field{Label: label, Value: value} }

// form is the person's answer to a form field, or a gap. A definition
// without the field (an older or custom one) still shows it, by key.
func form(d *Definition, s State, key string) Field {
	f, ok := d.Field(key)
	if !ok {
		f = FormField{Key: key, Label: key}
	}
	v := s.Field(key)
	return Field{Key: key, Label: f.Label, Value: v, Help: f.Help, Gap: v == ""}
}

// formFrom is form with the project's suggestion for an empty field.
func formFrom(d *Definition, s State, f Facts, key string) Field {
	fl := form(d, s, key)
	if fl.Gap {
		fl.Suggested = Suggest(f, key)
	}
	return fl
}

// Suggest returns what the project proposes for a form field, for a form
// to pre-fill and a document to show beside the gap: the costs priced in
// the threshold explorer for what a wrong answer costs, the baseline's
// score for what would be done without the model. It is "" when the
// project knows nothing to propose.
func Suggest(f Facts, key string) string {
	var e Evidence
	switch key {
	case KeyWrongAnswerCost:
		e = costsSet(f)
	case KeyWithoutModel:
		e = baselineScore(f)
	default:
		return ""
	}
	if e.Verdict != Pass {
		return ""
	}
	return e.Text
}
