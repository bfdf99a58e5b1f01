package prep

import (
	"modelbench/workflow/data"
	"modelbench/workflow/prep/expr"
)

// The descriptions of the steps that add, remove or retype columns, and
// of the row-changing steps.

// DropColumnsExport describes drop_columns: the listed columns are
// removed; listed columns that are absent are ignored.
type DropColumnsExport struct {
	StepInfo
	Columns []string
}

// ChangeTypeExport describes change_type: Column, of kind From at this
// step, is converted, at its place, to kind To by the Conversions of
// PipelineExport (values that do not convert become missing); a date is
// read with Layout (learnt from the training values when they were text).
type ChangeTypeExport struct {
	StepInfo
	Column   string
	From, To data.Kind
	Layout   string
}

// IdentityExport describes a row-changing step (filter_rows,
// remove_duplicates, rebalance; StepInfo.Kind says which): it acted on the
// training rows while fitting, as Note says, and returns its input
// unchanged when applied, so scoring gives one row per input row.
type IdentityExport struct {
	StepInfo
	Note string
}

// DatePartsExport describes date_parts: each listed date column is
// replaced, at its place, by the numeric columns Outputs[i] (NAME_part,
// one per entry of Parts, in that order) holding the instant's parts in
// UTC: year, month (1 to 12), day (1 to 31), weekday (0 Monday to 6
// Sunday), hour (0 to 23). A missing date gives NaN in every part.
type DatePartsExport struct {
	StepInfo
	Columns []string
	Parts   []string
	Outputs [][]string // Outputs[i][p] is the column of part p of Columns[i]
}

// DeriveExport describes derive: a numeric column Name computed, row by
// row, from Tree (the parsed Expression, typed against the step's input
// columns) by the evaluation rules of expr.Node; a Bool result is 1 or 0,
// and NaN is missing. When Replaces the column Name already exists and is
// replaced at its place; otherwise the new column is added at the end.
type DeriveExport struct {
	StepInfo
	Name       string
	Expression string
	Tree       expr.Node
	Type       expr.Type // of Tree: Number or Bool
	Replaces   bool
}

// JoinExport describes join, which needs a stored table: the other table
// was read from Source while fitting and is kept in the fitted pipeline,
// so an exporter must carry it as a lookup table (or refuse the step).
// Columns are that table's added columns, their rows aligned with Keys.
// Apply adds them at the end, in order, by a left join on the column
// Key: a row whose key label (see PipelineExport) equals Keys[r] gets row
// r of every added column; a row whose key matches no entry, or is
// missing, gets missing values. Keys hold each non-empty key once; an
// empty key matches nothing. A yes/no key's label is its spelling, with
// no matching by truth value: a key spelled y never matches "Yes". An
// added yes/no column (a *data.BooleanColumn) is spelled as its Spelling
// says, whichever rows it gets.
type JoinExport struct {
	StepInfo
	Key     string
	Source  string
	Keys    []string
	Columns []data.Column
}

// Export implements Exporter.
func (s *dropState) Export([]Field) (ExportedStep, error) {
	return &DropColumnsExport{Columns: append([]string{}, s.Columns...)}, nil
}

// Export implements Exporter.
func (s *changeTypeState) Export(in []Field) (ExportedStep, error) {
	f, err := fieldOf(in, s.Column)
	if err != nil {
		return nil, err
	}
	return &ChangeTypeExport{Column: s.Column, From: f.Kind, To: s.Type, Layout: s.Layout}, nil
}

// Export implements Exporter.
func (s *fitOnly) Export([]Field) (ExportedStep, error) {
	return &IdentityExport{Note: s.Note}, nil
}

// Export implements Exporter.
func (s *datePartsState) Export([]Field) (ExportedStep, error) {
	out := &DatePartsExport{Columns: append([]string{}, s.Columns...), Parts: append([]string{}, s.Parts...)}
	for _, c := range s.Columns {
		names := make([]string, len(s.Parts))
		for p, part := range s.Parts {
			names[p] = c + "_" + part
		}
		out.Outputs = append(out.Outputs, names)
	}
	return out, nil
}

// Export implements Exporter.
func (s *deriveState) Export(in []Field) (ExportedStep, error) {
	f, err := emptyFrame(in)
	if err != nil {
		return nil, notExportable("%v", err)
	}
	tree, err := s.parsed.Tree(f)
	if err != nil {
		return nil, notExportable("the expression does not apply to the step's input (Apply fails): %v", err)
	}
	if tree.ResultType() == expr.Text {
		return nil, notExportable("the expression gives text (Apply fails)")
	}
	return &DeriveExport{Name: s.Name, Expression: s.Expression, Tree: tree, Type: tree.ResultType(), Replaces: f.Index(s.Name) >= 0}, nil
}

// Export implements Exporter.
func (s *joinState) Export([]Field) (ExportedStep, error) {
	all := make([]int, len(s.Keys))
	for i := range all {
		all[i] = i
	}
	out := &JoinExport{Key: s.Key, Source: s.Source, Keys: append([]string{}, s.Keys...), Columns: make([]data.Column, len(s.Columns))}
	for j, c := range s.Columns {
		out.Columns[j] = c.take(all)
	}
	return out, nil
}
