package cli

import (
	"context"
	"flag"
	"fmt"
	"modelbench/workflow/artifact"
	"strings"
	"unicode/utf8"

	"modelbench/workflow"
	"modelbench/workflow/data"
	"modelbench/workflow/progress"
	"modelbench/workflow/source"
)

// dataFlags are the options every command that reads a table shares.
type dataFlags struct {
	sample       string
	delimiter    string
	noHeader     bool
	missing      string
	decimalComma bool
	thousands    string
	types        multiFlag
	roles        multiFlag
	keep         multiFlag // see registerKeep
	target       string
	sheet        string
	headerRow    int
	table        string
	query        string
	limit        int
}

func (d *dataFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.sample, "sample", "", "read a bundled sample dataset instead of FILE")
	fs.StringVar(&d.delimiter, "delimiter", "", "field separator (default: detected; use \\t for tab)")
	fs.BoolVar(&d.noHeader, "no-header", false, "the first row is data, not column names")
	fs.StringVar(&d.missing, "missing", "", "comma-separated cell texts read as missing (default: empty, NA, N/A, null, NaN, ?, -)")
	fs.BoolVar(&d.decimalComma, "decimal-comma", false, "read 3,5 as 3.5")
	fs.StringVar(&d.thousands, "thousands", "", "thousands separator to ignore inside numbers")
	fs.Var(&d.types, "type", "force a column's type: NAME=numeric|categorical|boolean|datetime|text (repeatable)")
	fs.Var(&d.roles, "role", "set a column's role: NAME=feature|target|identifier|ignored (repeatable)")
	fs.StringVar(&d.target, "target", "", "the column to predict (same as --role NAME=target)")
	fs.StringVar(&d.sheet, "sheet", "", "the worksheet of an .xlsx workbook (default: the first)")
	fs.IntVar(&d.headerRow, "header-row", 0, "the 1-based worksheet row holding the column names (default: the first non-empty one)")
	fs.StringVar(&d.table, "table", "", "the table of an SQLite or PostgreSQL database")
	fs.StringVar(&d.query, "query", "", "an SQL query to run instead of reading a table")
	fs.IntVar(&d.limit, "limit", 0, "read at most this many rows (0: all)")
}

// registerKeep adds --keep, for the commands that prepare the data.
func (d *dataFlags) registerKeep(fs *flag.FlagSet) {
	fs.Var(&d.keep, "keep", "keep a column as a feature even when it alone predicts the target, which the default preparation "+
		"otherwise leaves out as a likely leak (repeatable; the same as --role NAME=feature)")
}

// ref builds the DataRef for a positional FILE argument (or the sample).
func (d *dataFlags) ref(args []string) (workflow.DataRef, error) {
	var ref workflow.DataRef
	switch {
	case d.sample != "" && len(args) > 0:
		return ref, usageErr("give either FILE or --sample, not both")
	case d.sample != "":
		ref.Sample = d.sample
	case len(args) == 1:
		ref.Path = args[0]
		if err := d.sourceRef(&ref); err != nil {
			return ref, err
		}
	case len(args) == 0:
		return ref, usageErr("a data FILE (or --sample ID) is required")
	default:
		return ref, usageErr("expected one FILE, got %d arguments: %s", len(args), strings.Join(args, " "))
	}
	opt, err := d.csvOptions()
	ref.Options.CSV = opt
	return ref, err
}

// sourceRef turns a path or postgres:// URL into a source Spec when it is
// not plain delimited text or when source options were given.
func (d *dataFlags) sourceRef(ref *workflow.DataRef) error {
	arg := ref.Path
	isURL := strings.HasPrefix(arg, "postgres://") || strings.HasPrefix(arg, "postgresql://")
	if !isURL && d.sheet == "" && d.table == "" && d.query == "" && d.headerRow == 0 && d.limit == 0 && isDelimitedName(arg) {
		return nil
	}
	spec, err := source.Detect(arg)
	if err != nil {
		return err
	}
	spec.Sheet, spec.HeaderRow, spec.Table, spec.Query, spec.Limit = d.sheet, d.headerRow, d.table, d.query, d.limit
	if spec.Kind == source.CSV && spec.Limit == 0 {
		return nil
	}
	ref.Path, ref.Source = "", &spec
	return nil
}

func isDelimitedName(path string) bool {
	p := strings.TrimSuffix(strings.ToLower(path), ".gz")
	for _, ext := range []string{".csv", ".tsv", ".txt", ".dat", ".tab"} {
		if strings.HasSuffix(p, ext) {
			return true
		}
	}
	return false
}

func (d *dataFlags) csvOptions() (data.CSVOptions, error) {
	var o data.CSVOptions
	if d.delimiter != "" {
		del := strings.ReplaceAll(d.delimiter, `\t`, "\t")
		if utf8.RuneCountInString(del) != 1 {
			return o, usageErr("--delimiter must be one character, not %q", d.delimiter)
		}
		o.Delimiter, _ = utf8.DecodeRuneInString(del)
	}
	o.NoHeader = d.noHeader
	if d.missing != "" {
		o.MissingTokens = append([]string{""}, strings.Split(d.missing, ",")...)
	}
	o.DecimalComma = d.decimalComma
	if d.thousands != "" {
		r, n := utf8.DecodeRuneInString(d.thousands)
		if n != len(d.thousands) {
			return o, usageErr("--thousands must be one character")
		}
		o.Thousands = r
	}
	for _, t := range d.types {
		name, kind, ok := strings.Cut(t, "=")
		if !ok {
			return o, usageErr("--type must be NAME=TYPE, not %q", t)
		}
		k, err := data.ParseKind(kind)
		if err != nil {
			return o, usageErr("--type %s: %v", t, err)
		}
		if o.Types == nil {
			o.Types = map[string]data.Kind{}
		}
		o.Types[name] = k
	}
	return o, nil
}

// load reads the table and applies --role and --target.
func (d *dataFlags) load(ctx context.Context, args []string, report progress.Func) (*data.Table, workflow.DataRef, error) {
	ref, err := d.ref(args)
	if err != nil {
		return nil, ref, err
	}
	t, sum, err := workflow.LoadRef(ctx, ref, "", report)
	if err != nil {
		return nil, ref, err
	}
	ref.SHA256 = sum
	roles := append([]string(nil), d.roles...)
	if d.target != "" {
		roles = append(roles, d.target+"=target")
	}
	for _, r := range roles {
		name, role, ok := strings.Cut(r, "=")
		if !ok {
			return nil, ref, usageErr("--role must be NAME=ROLE, not %q", r)
		}
		rl, err := data.ParseRole(role)
		if err != nil {
			return nil, ref, usageErr("--role %s: %v", r, err)
		}
		s, err := t.Schema.WithRole(name, rl)
		if err != nil {
			return nil, ref, fmt.Errorf("--role %s: %w (columns: %s)", r, err, strings.Join(t.Frame.Names(), ", "))
		}
		t.Schema = s
	}
	return t, ref, nil
}

// modelAndData reads the saved model that the first positional argument
// names (a folder with model.json, or the file) and the table the rest
// name.
func (d *dataFlags) modelAndData(ctx context.Context, pos []string) (*artifact.Artifact, *data.Table, workflow.DataRef, error) {
	if len(pos) < 1 {
		return nil, nil, workflow.DataRef{}, usageErr("MODEL_DIR (a folder with model.json, or the file) is required")
	}
	a, err := artifact.Load(pos[0])
	if err != nil {
		return nil, nil, workflow.DataRef{}, err
	}
	t, ref, err := d.load(ctx, pos[1:], nil)
	return a, t, ref, err
}

// sourceName says where a table came from, for outputs (see
// workflow.DataRef.Name).
func sourceName(ref workflow.DataRef) string { return ref.Name() }
