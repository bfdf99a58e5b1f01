package reproduce

import (
	"errors"
	"fmt"
	"slices"

	"modelbench/workflow/data"
	"modelbench/workflow/prep"
)

// Inputs is what a script needs besides the artifact: how to read the
// data file again, which rows the model learnt from and was tested on,
// and Modelbench's own test metrics to print beside scikit-learn's.
type Inputs struct {
	// Project names the project at the top of the script (its name or
	// file); "" leaves it out.
	Project string
	// Model is the model's name on the leaderboard; "" uses the learner's.
	Model string
	// Data says how the data file is read.
	Data DataFile
	// LearningRows are the positions (0-based, among the file's data rows)
	// of the rows the artifact was fitted on: the training and validation
	// rows that have a target, as the artifact's split chose them. They
	// must not be empty.
	LearningRows []int
	// TestRows are the positions of the test rows the metrics were
	// computed on; empty means the script evaluates nothing.
	TestRows []int
	// Metrics are Modelbench's metrics on the test rows, by name
	// (eval/metrics names: accuracy, f1_macro, r2, ...); nil prints
	// scikit-learn's alone.
	Metrics map[string]float64
}

// DataFile is how Modelbench read a delimited text file: what the script
// needs to read every cell again and type each column the same way.
type DataFile struct {
	// Path is the file the script reads by default (a path as the user
	// gave it, or the sample's file name).
	Path string
	// Sample is the bundled sample's id when the data is one ("" for a
	// user's file); the script then says which file of Modelbench's
	// assets/samples it is.
	Sample string
	// Layout is the delimiter, quote, encoding and header the loader
	// sniffed (data.Table.Text).
	Layout data.TextLayout
	// Options are the parse options used (missing-value tokens, decimal
	// comma, thousands separator).
	Options data.ParseOptions
	// Columns are every column of the file, in the file's order.
	Columns []Column
}

// Column is how one column of the file was read.
type Column struct {
	Name string
	// Read is the type the loader gave the file's text (and Layout a date
	// column's layout); the script reads the cells as that type.
	Read   data.Kind
	Layout string
	// Kind is the type the column had when the pipeline was fitted: Read,
	// or another one the user chose in the Data step, to which the script
	// converts the column by Modelbench's conversion rules.
	Kind data.Kind
}

// NewDataFile describes how t was read: t must come from delimited text
// (data.ReadCSV, which sets t.Text); opt are the parse options it was
// read with; path is the file to read by default (and sample the sample's
// id when it is a bundled sample). A column's Read type is its inference
// (t.Inferences, what the loader found or was told), its Kind the table's
// (different when the user changed it after loading).
func NewDataFile(t *data.Table, opt data.ParseOptions, path, sample string) (DataFile, error) {
	if t == nil || t.Frame == nil {
		return DataFile{}, errors.New("no table")
	}
	if t.Text == nil {
		return DataFile{}, fmt.Errorf("%w: %s was not read from delimited text, and the script reads CSV files only", ErrUnsupported, t.Source)
	}
	df := DataFile{Path: path, Sample: sample, Layout: *t.Text, Options: opt}
	for i := 0; i < t.Frame.NumCols(); i++ {
		c := t.Frame.Col(i)
		col := Column{Name: c.Name(), Kind: c.Kind(), Read: c.Kind()}
		if i < len(t.Inferences) && len(t.Inferences) == t.Frame.NumCols() {
			col.Read = t.Inferences[i].Kind
		}
		if d, ok := c.(*data.DatetimeColumn); ok && col.Read == data.Datetime {
			col.Layout = d.Layout()
		}
		if col.Read == data.Datetime && col.Layout == "" {
			return DataFile{}, fmt.Errorf("%w: column %q was read as dates in an unknown layout", ErrUnsupported, col.Name)
		}
		df.Columns = append(df.Columns, col)
	}
	return df, nil
}

// check validates the inputs against the pipeline's inputs.
func (in Inputs) check(inputs []prep.Field) error {
	if len(in.LearningRows) == 0 {
		return errors.New("reproduce: no learning rows given")
	}
	if !slices.IsSorted(in.LearningRows) || !slices.IsSorted(in.TestRows) {
		return errors.New("reproduce: row positions must be in increasing order")
	}
	if in.Data.Layout.Delimiter <= 0 || in.Data.Layout.Delimiter > 0x7f || in.Data.Layout.Quote < 0 || in.Data.Layout.Quote > 0x7f {
		return fmt.Errorf("%w: the delimiter %q and quote %q must be single-byte characters", ErrUnsupported, in.Data.Layout.Delimiter, in.Data.Layout.Quote)
	}
	if in.Data.Options.Thousands > 0x7f {
		return fmt.Errorf("%w: the thousands separator %q is not a single-byte character", ErrUnsupported, in.Data.Options.Thousands)
	}
	kinds := map[string]Column{}
	for _, c := range in.Data.Columns {
		if err := checkText("the column name", c.Name); err != nil {
			return fmt.Errorf("%w: %w", ErrUnsupported, err)
		}
		kinds[c.Name] = c
	}
	for _, f := range inputs {
		c, ok := kinds[f.Name]
		if !ok {
			return fmt.Errorf("reproduce: the pipeline reads column %q, which the data file does not have", f.Name)
		}
		if c.Read == data.Datetime {
			if _, err := dateRegexp(c.Layout); err != nil {
				return fmt.Errorf("%w: column %q: %w", ErrUnsupported, c.Name, err)
			}
		}
		if c.Read != f.Kind {
			if err := conversionSupported(c.Read, f.Kind, f.Layout); err != nil {
				return fmt.Errorf("%w: column %q: %w", ErrUnsupported, f.Name, err)
			}
		}
	}
	return nil
}

// conversionSupported says whether the script converts values of kind
// from to kind to as Modelbench does.
func conversionSupported(from, to data.Kind, layout string) error {
	if from == data.Datetime && to != data.Numeric {
		return fmt.Errorf("a date becomes a %s by its formatted text, which the script does not write", to)
	}
	if to == data.Datetime {
		if _, err := dateRegexp(layout); err != nil {
			return err
		}
	}
	return nil
}
