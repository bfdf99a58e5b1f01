package ui

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"modelbench/assets"
	"modelbench/workflow"
)

// showAbout shows the version, the bundled datasets with their sources and
// licences, and the Go modules the program is built from with theirs.
func (u *UI) showAbout() {
	head := widget.NewRichTextFromMarkdown("**Modelbench " + workflow.AppVersion + "**\n\n" +
		"A workbench that walks you through the whole machine-learning process: data, exploration, preparation, training, evaluation and deployment. " +
		"It works offline: it sends nothing anywhere and keeps its log on this computer (Help ▸ Open the log folder).")
	head.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("About Modelbench", "Close", border(head, nil, nil, nil,
		container.NewAppTabs(
			container.NewTabItem("Datasets", aboutList(datasetLines())),
			container.NewTabItem("Libraries", aboutList(moduleLines())),
		)), u.win)
	d.Resize(fyne.NewSize(720, 560))
	d.Show()
}

func aboutList(lines []string) fyne.CanvasObject {
	l := widget.NewLabel(strings.Join(lines, "\n"))
	l.Wrapping = fyne.TextWrapWord
	return container.NewVScroll(l)
}

// datasetLines describe each bundled sample: title, source, licence.
func datasetLines() []string {
	var out []string
	for _, s := range assets.Samples() {
		out = append(out, fmt.Sprintf("%s (--sample %s): %s. Licence: %s.", s.Title, s.ID, s.Source, s.Licence))
	}
	return out
}

// moduleLines name each Go module the program is built from, its version
// and licence (assets/licences.json, kept equal to go.mod by a test).
func moduleLines() []string {
	out := []string{"Built with Go and these modules (licence in brackets):", ""}
	for _, m := range assets.Modules() {
		out = append(out, fmt.Sprintf("%s %s [%s]", m.Path, m.Version, m.Licence))
	}
	return out
}

// showShortcuts lists every keyboard action from the action table, grouped
// by menu, then the keys the controls handle themselves.
func (u *UI) showShortcuts() {
	d := dialog.NewCustom("Keyboard shortcuts", "Close", container.NewVScroll(shortcutsTable()), u.win)
	d.Resize(fyne.NewSize(640, 600))
	d.Show()
}

func shortcutsTable() *fyne.Container {
	rows := container.New(&twoColumns{})
	add := func(k, what string, bold bool) {
		kl := widget.NewLabelWithStyle(k, fyne.TextAlignLeading, fyne.TextStyle{Bold: bold, Monospace: !bold})
		wl := widget.NewLabelWithStyle(what, fyne.TextAlignLeading, fyne.TextStyle{Bold: bold})
		wl.Wrapping = fyne.TextWrapWord
		rows.Add(kl)
		rows.Add(wl)
	}
	menu := ""
	for _, a := range actions() {
		if len(a.keys) == 0 {
			continue
		}
		if a.menu != menu {
			menu = a.menu
			add(menu, "", true)
		}
		var ks []string
		for _, k := range a.keys {
			ks = append(ks, shortcutText(k))
		}
		add(strings.Join(ks, " or "), strings.TrimSuffix(a.label, "…"), false)
	}
	add("Controls", "", true)
	for _, k := range widgetKeys {
		add(k.keys, k.what, false)
	}
	return rows
}

// twoColumns lays objects out in rows of two: a key column as wide as its
// widest entry and a description column taking the rest.
type twoColumns struct{}

func (twoColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	kw, dw, h := float32(0), float32(0), float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		kw = max(kw, objs[i].MinSize().Width)
		dw = max(dw, objs[i+1].MinSize().Width)
		h += max(objs[i].MinSize().Height, objs[i+1].MinSize().Height)
	}
	return fyne.NewSize(kw+min(dw, 200), h)
}

func (twoColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	kw := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		kw = max(kw, objs[i].MinSize().Width)
	}
	y := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		k, d := objs[i], objs[i+1]
		d.Resize(fyne.NewSize(size.Width-kw, d.MinSize().Height))
		h := max(k.MinSize().Height, d.MinSize().Height)
		k.Move(fyne.NewPos(0, y))
		k.Resize(fyne.NewSize(kw, h))
		d.Move(fyne.NewPos(kw, y))
		d.Resize(fyne.NewSize(size.Width-kw, h))
		y += h
	}
}

// showDocumentation shows the guide of every step in one window, with a
// button to the README when the package installed one.
func (u *UI) showDocumentation() {
	tabs := container.NewAppTabs()
	for _, s := range workflow.Stages {
		md, err := assets.Guide(s.String())
		if err != nil {
			continue
		}
		t := widget.NewRichTextFromMarkdown(md)
		t.Wrapping = fyne.TextWrapWord
		tabs.Append(container.NewTabItem(s.Title(), container.NewVScroll(t)))
	}
	intro := widget.NewLabel("The guide beside each step, all in one place. Help ▸ Keyboard shortcuts lists every key.")
	intro.Wrapping = fyne.TextWrapWord
	top := fyne.CanvasObject(intro)
	if readme := findReadme(); readme != "" {
		open := widget.NewButton("Open the README", func() { u.openPath(readme) })
		top = border(nil, nil, nil, open, intro)
	}
	d := dialog.NewCustom("Documentation", "Close", border(top, nil, nil, nil, tabs), u.win)
	d.Resize(fyne.NewSize(820, 620))
	d.Show()
}

// findReadme looks for the README a package ships beside the executable
// (Windows folder, macOS Resources, Linux share/doc/modelbench), or "".
func findReadme() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	dir := filepath.Dir(exe)
	for _, p := range []string{
		filepath.Join(dir, "README.md"),
		filepath.Join(dir, "..", "Resources", "README.md"),
		filepath.Join(dir, "..", "share", "doc", "modelbench", "README.md"),
	} {
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	return ""
}

// openLogFolder opens the folder of the local log in the file manager.
func (u *UI) openLogFolder() {
	dir := u.log.Dir()
	if dir == "" {
		u.showError(fmt.Errorf("there is no log folder: it could not be created"))
		return
	}
	u.openPath(dir)
}

// openPath opens a local file or folder with the system's handler.
func (u *UI) openPath(p string) {
	link, err := url.Parse(storage.NewFileURI(p).String())
	if err == nil {
		err = u.app.OpenURL(link)
	}
	if err != nil {
		u.showError(fmt.Errorf("opening %s: %w", p, err))
	}
}

// onDropped loads the first dropped file: a project or a data file.
func (u *UI) onDropped(_ fyne.Position, uris []fyne.URI) {
	if len(uris) == 0 {
		return
	}
	path := uris[0].Path()
	if strings.HasSuffix(strings.ToLower(path), workflow.FileExtension) {
		u.openProject(path)
		return
	}
	u.selectStage(workflow.StageData)
	u.openDataFile(path)
}
