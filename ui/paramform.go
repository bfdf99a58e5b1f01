package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow/param"
)

// paramForm is a form generated from parameter specs: one field per spec,
// the spec's help as the hint, validation on read. Columns parameters are
// chosen from the given column names.
type paramForm struct {
	specs  []param.Spec
	read   map[string]func() (any, error)
	form   *widget.Form
	change func()
}

// newParamForm builds the form filled with vals (defaults where absent);
// onChange, which may be nil, is called after any edit.
func newParamForm(specs []param.Spec, vals param.Values, columns []string, onChange func()) *paramForm {
	f := &paramForm{specs: specs, read: map[string]func() (any, error){}, form: widget.NewForm(), change: onChange}
	for _, s := range specs {
		v, ok := vals[s.Name]
		if !ok || v == nil {
			v = s.Default
		}
		w, read := f.field(s, v, columns)
		f.read[s.Name] = read
		label := s.Label
		if label == "" {
			label = s.Name
		}
		f.form.AppendItem(widget.NewFormItem(label, withHelp(w, s.Help)))
	}
	return f
}

func (f *paramForm) Object() fyne.CanvasObject { return f.form }

func (f *paramForm) changed() {
	if f.change != nil {
		f.change()
	}
}

// field makes the widget for one spec and the function that reads it back.
func (f *paramForm) field(s param.Spec, v any, columns []string) (fyne.CanvasObject, func() (any, error)) {
	switch s.Kind {
	case param.Bool:
		b, _ := v.(bool)
		c := widget.NewCheck("", func(bool) { f.changed() })
		c.SetChecked(b)
		return c, func() (any, error) { return c.Checked, nil }
	case param.Choice:
		sel := widget.NewSelect(s.Choices, func(string) { f.changed() })
		sel.SetSelected(fmt.Sprint(v))
		return sel, func() (any, error) { return s.Validate(sel.Selected) }
	case param.Columns:
		return f.columnsField(s, v, columns)
	}
	e := widget.NewEntry()
	e.SetText(formatValue(v))
	e.OnChanged = func(string) { f.changed() }
	if s.HasRange {
		e.SetPlaceHolder(fmt.Sprintf("%g to %g", s.Min, s.Max))
	}
	e.Validator = func(text string) error { _, err := s.Parse(text); return err }
	return e, func() (any, error) { return s.Parse(e.Text) }
}

func (f *paramForm) columnsField(s param.Spec, v any, columns []string) (fyne.CanvasObject, func() (any, error)) {
	chosen, _ := v.([]string)
	if anyList, ok := v.([]any); ok {
		for _, x := range anyList {
			chosen = append(chosen, fmt.Sprint(x))
		}
	}
	group := widget.NewCheckGroup(columns, func([]string) { f.changed() })
	group.Horizontal = len(columns) <= 4
	group.SetSelected(chosen)
	hint := widget.NewLabel("None ticked means every column the step applies to.")
	hint.Importance = widget.LowImportance
	hint.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(hint, group)
	if len(columns) > 8 {
		scroll := container.NewVScroll(box)
		scroll.SetMinSize(fyne.NewSize(0, 180))
		return scroll, func() (any, error) { return append([]string{}, group.Selected...), nil }
	}
	return box, func() (any, error) { return append([]string{}, group.Selected...), nil }
}

// withHelp puts a field's help text, wrapped, under it.
func withHelp(w fyne.CanvasObject, help string) fyne.CanvasObject {
	if help == "" {
		return w
	}
	l := widget.NewLabel(help)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.LowImportance
	l.SizeName = theme.SizeNameCaptionText
	return container.NewVBox(w, l)
}

// Values reads and validates every field; the error names the field.
func (f *paramForm) Values() (param.Values, error) {
	out := param.Values{}
	for _, s := range f.specs {
		v, err := f.read[s.Name]()
		if err != nil {
			return nil, err
		}
		out[s.Name] = v
	}
	return out, nil
}

func formatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case []string:
		return strings.Join(x, ", ")
	}
	return fmt.Sprint(v)
}
