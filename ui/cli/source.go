package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"unicode/utf8"

	"modelbench/workflow"
	"modelbench/workflow/data"
	"modelbench/workflow/progress"
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
	target       string
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
	case len(args) == 0:
		return ref, usageErr("a data FILE (or --sample ID) is required")
	default:
		return ref, usageErr("expected one FILE, got %d arguments: %s", len(args), strings.Join(args, " "))
	}
	opt, err := d.csvOptions()
	ref.Options.CSV = opt
	return ref, err
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
