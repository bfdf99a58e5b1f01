package ui

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// themeLabels are the theme choices as the preferences dialog words them.
var themeLabels = []struct{ value, label string }{
	{themeSystem, "Follow the system"}, {themeLight, "Light"}, {themeDark, "Dark"},
}

// preferencesForm is the Edit ▸ Preferences form; apply validates it and
// stores it.
type preferencesForm struct {
	u        *UI
	theme    *widget.Select
	seed     *widget.Entry
	tutorial *widget.Check
	folder   *widget.Entry
	form     *widget.Form
}

func newPreferencesForm(u *UI) *preferencesForm {
	f := &preferencesForm{u: u, seed: widget.NewEntry(), folder: widget.NewEntry()}
	var labels []string
	current := ""
	for _, t := range themeLabels {
		labels = append(labels, t.label)
		if t.value == u.prefs.theme() {
			current = t.label
		}
	}
	f.theme = widget.NewSelect(labels, nil)
	f.theme.SetSelected(current)
	f.seed.SetText(strconv.FormatUint(u.prefs.seed(), 10))
	f.tutorial = widget.NewCheck("Explain each step as I go", nil)
	f.tutorial.SetChecked(u.prefs.tutorial())
	f.folder.SetText(u.prefs.folder())
	f.folder.SetPlaceHolder("the folder of the last file picked")
	browse := widget.NewButton("Choose…", func() {
		u.showFolderOpen(func(dir fyne.ListableURI, err error) {
			if err == nil && dir != nil {
				f.folder.SetText(dir.Path())
			}
		})
	})
	clear := widget.NewButton("Forget the recent files", func() {
		u.prefs.clearRecent()
		u.refreshMenu()
	})
	f.form = widget.NewForm(
		widget.NewFormItem("Theme", f.theme),
		widget.NewFormItem("Default seed", f.seed),
		widget.NewFormItem("Tutorial mode", f.tutorial),
		widget.NewFormItem("Dialogs open in", border(nil, nil, nil, browse, f.folder)),
		widget.NewFormItem("Recent files", container.NewHBox(clear)),
	)
	f.form.Items[1].HintText = "used for the split and training of new projects"
	return f
}

// apply stores the form; an error names the field that is wrong and
// nothing is stored then.
func (f *preferencesForm) apply() error {
	seed, err := strconv.ParseUint(strings.TrimSpace(f.seed.Text), 10, 64)
	if err != nil {
		return fmt.Errorf("the default seed must be a whole number, not %q", f.seed.Text)
	}
	dir := strings.TrimSpace(f.folder.Text)
	if dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return fmt.Errorf("%q is not a folder", dir)
		}
	}
	theme := themeSystem
	for _, t := range themeLabels {
		if t.label == f.theme.Selected {
			theme = t.value
		}
	}
	f.u.prefs.setSeed(seed)
	f.u.prefs.setFolder(dir)
	f.u.prefs.setTutorial(f.tutorial.Checked)
	f.u.setTheme(theme) // refreshes the menu's check marks too
	return nil
}

// showPreferences opens Edit ▸ Preferences.
func (u *UI) showPreferences() {
	f := newPreferencesForm(u)
	d := dialog.NewCustomConfirm("Preferences", "Save", "Cancel", f.form, func(ok bool) {
		if ok {
			u.showError(f.apply())
		}
	}, u.win)
	d.Resize(fyne.NewSize(620, 360))
	d.Show()
}
