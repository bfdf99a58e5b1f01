package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow/deploy"
)

// formsPanel holds the fields only a person can answer — the purpose of
// the model, the model card's and the datasheet's — and which columns
// hold personal or sensitive data. Empty fields are gaps in the
// documents. Each form is saved with its own button (journaled).
type formsPanel struct {
	u         *UI
	box       *fyne.Container
	inputs    map[string]formInput // by field key
	sensitive *widget.CheckGroup
	obj       fyne.CanvasObject
}

// formInput reads one field's value from its widget.
type formInput struct {
	entry  *widget.Entry
	choice *widget.Select
}

func (f formInput) value() string {
	if f.choice != nil {
		return f.choice.Selected
	}
	return strings.TrimSpace(f.entry.Text)
}

func newFormsPanel(u *UI) *formsPanel {
	f := &formsPanel{u: u, box: container.NewVBox(), inputs: map[string]formInput{}}
	f.sensitive = widget.NewCheckGroup(nil, nil)
	f.obj = container.NewVScroll(f.box)
	return f
}

func (f *formsPanel) Object() fyne.CanvasObject { return f.obj }

// show rebuilds the forms from the definition with the saved answers and
// the project's suggestions.
func (f *formsPanel) show(st deploy.State, facts deploy.Facts) {
	d, err := deploy.Builtin()
	if err != nil {
		f.box.Objects = []fyne.CanvasObject{wrapped(err.Error())}
		f.box.Refresh()
		return
	}
	f.inputs = map[string]formInput{}
	var objs []fyne.CanvasObject
	for _, form := range d.Forms {
		objs = append(objs, f.formCard(form, st, facts))
	}
	objs = append(objs, f.sensitiveCard(facts))
	f.box.Objects = objs
	f.box.Refresh()
}

func (f *formsPanel) formCard(form deploy.Form, st deploy.State, facts deploy.Facts) fyne.CanvasObject {
	w := widget.NewForm()
	gaps := 0
	for _, fl := range form.Fields {
		val := st.Fields[fl.Key]
		if val == "" {
			gaps++
		}
		var in formInput
		var obj fyne.CanvasObject
		if len(fl.Choices) > 0 {
			in.choice = widget.NewSelect(fl.Choices, nil)
			in.choice.SetSelected(val)
			obj = in.choice
		} else {
			in.entry = widget.NewMultiLineEntry()
			in.entry.Wrapping = fyne.TextWrapWord
			in.entry.SetMinRowsVisible(2)
			in.entry.SetText(val)
			in.entry.SetPlaceHolder(fl.Help)
			obj = in.entry
			if s := deploy.Suggest(facts, fl.Key); s != "" && val == "" {
				entry := in.entry
				use := widget.NewButton("Use the project's figures", func() { entry.SetText(s) })
				obj = container.NewVBox(in.entry, wrapped("The project suggests: "+s), use)
			}
		}
		f.inputs[fl.Key] = in
		if in.choice != nil && fl.Help != "" {
			help := wrapped(fl.Help)
			help.Importance = widget.LowImportance
			obj = container.NewVBox(in.choice, help)
		}
		w.AppendItem(widget.NewFormItem(fl.Label, obj))
	}
	save := widget.NewButton("Save "+strings.ToLower(form.Title), func() { f.save(form) })
	title := form.Title
	if gaps > 0 {
		title += fmt.Sprintf(" (%d of %d not answered yet)", gaps, len(form.Fields))
	}
	return widget.NewCard(title, "", container.NewVBox(w, save))
}

// save writes the form's changed fields through the project.
func (f *formsPanel) save(form deploy.Form) {
	st := f.u.proj.DeployState()
	for _, fl := range form.Fields {
		in, ok := f.inputs[fl.Key]
		if !ok || in.value() == st.Fields[fl.Key] {
			continue
		}
		if err := f.u.proj.SetDeployField(fl.Key, in.value()); err != nil {
			f.u.showError(err)
			return
		}
	}
}

// sensitiveCard lets the person flag the columns that hold personal or
// sensitive data, for the security item and the datasheet.
func (f *formsPanel) sensitiveCard(facts deploy.Facts) fyne.CanvasObject {
	var names, flagged []string
	for _, c := range facts.Columns {
		names = append(names, c.Name)
		if c.Sensitive {
			flagged = append(flagged, c.Name)
		}
	}
	f.sensitive = widget.NewCheckGroup(names, nil)
	f.sensitive.SetSelected(flagged)
	save := widget.NewButton("Save the flags", func() {
		was := map[string]bool{}
		for _, n := range flagged {
			was[n] = true
		}
		now := map[string]bool{}
		for _, n := range f.sensitive.Selected {
			now[n] = true
		}
		for _, n := range names {
			if was[n] != now[n] {
				if err := f.u.proj.SetColumnSensitive(n, now[n], "flagged on the Deploy step"); err != nil {
					f.u.showError(err)
					return
				}
			}
		}
	})
	return widget.NewCard("Personal or sensitive data", "",
		container.NewVBox(wrapped("Tick the columns that hold personal or sensitive data: the security question and the datasheet use it."), f.sensitive, save))
}
