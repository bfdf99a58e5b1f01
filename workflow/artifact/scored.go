package artifact

import (
	"context"
	"fmt"
	"io"

	"modelbench/workflow/data"
)

// WriteCSV writes the scored table as CSV to w: every row of in (the rows
// p predicts, in order, one output row each) with its input cells,
// followed by the prediction columns (see WithInputs for their names). It
// returns the rows written.
//
// When in was read from delimited text (in.Text is set) and src is that
// text read again from its start, the input cells are the file's own
// fields, byte for byte (see data.Table.WriteCSVAsRead): the header as
// written, "007", "1.50", "Yes", "NA" and cells with spaces stay as they
// are. Otherwise (src nil, or a table from a workbook, JSON, Parquet or a
// database) they are the loaded values as Format shows them, yes/no values
// in their spelling. A p whose row count is not in's is an error, as is a
// src that does not hold in's records; a cancelled ctx returns ctx.Err().
func (p *Predictions) WriteCSV(ctx context.Context, w io.Writer, in *data.Table, src io.Reader) (int, error) {
	if n := len(p.Index); n != in.Frame.NumRows() {
		return 0, fmt.Errorf("%d predictions for the %d rows of %s", n, in.Frame.NumRows(), in.Source)
	}
	if in.Text == nil || src == nil {
		f, err := p.WithInputs(in.Frame)
		if err != nil {
			return 0, err
		}
		return f.NumRows(), data.WriteCSV(w, f)
	}
	pf, err := p.besides(in.Frame)
	if err != nil {
		return 0, err
	}
	return in.WriteCSVAsRead(ctx, w, src, pf)
}
