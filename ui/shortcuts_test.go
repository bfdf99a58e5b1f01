package ui

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"modelbench/logfile"
	"modelbench/workflow"
	"modelbench/workflow/prep"
)

// menuItems maps every item of the main menu (and its submenus) by label.
func menuItems(m *fyne.MainMenu) map[string]*fyne.MenuItem {
	out := map[string]*fyne.MenuItem{}
	var add func(items []*fyne.MenuItem)
	add = func(items []*fyne.MenuItem) {
		for _, it := range items {
			out[it.Label] = it
			if it.ChildMenu != nil {
				add(it.ChildMenu.Items)
			}
		}
	}
	for _, menu := range m.Items {
		add(menu.Items)
	}
	return out
}

func TestShortcuts_TableBuildsMenusAndHelp(t *testing.T) {
	u, w := newTestUI(t, Options{Sample: "iris"})
	items := menuItems(w.MainMenu())
	help := labelsText(shortcutsTable())
	seen := map[string]string{}
	for _, a := range actions() {
		it := items[a.label]
		if a.id == "undo" || a.id == "redo" {
			it = u.undoItem
			if a.id == "redo" {
				it = u.redoItem
			}
		}
		if it == nil {
			t.Errorf("action %s (%q) has no menu item", a.id, a.label)
			continue
		}
		if len(a.keys) == 0 {
			continue
		}
		if it.Shortcut == nil || it.Shortcut.ShortcutName() != a.keys[0].ShortcutName() {
			t.Errorf("menu item %q shows shortcut %v, the table says %v", a.label, it.Shortcut, a.keys[0])
		}
		for _, k := range a.keys {
			txt := shortcutText(k)
			if other, dup := seen[txt]; dup {
				t.Errorf("%s is the shortcut of both %s and %s", txt, other, a.id)
			}
			seen[txt] = a.id
			if !strings.Contains(help, txt) {
				t.Errorf("the help does not list %s (%s)", txt, a.id)
			}
		}
		if !strings.Contains(help, strings.TrimSuffix(a.label, "…")) {
			t.Errorf("the help does not name %q", a.label)
		}
	}
	for _, want := range []string{"Ctrl+T", "Ctrl+E", "Ctrl+R", "Ctrl+1", "Ctrl+6", "Ctrl+Z", "Ctrl+Y", "Ctrl+Shift+Z", "Tab / Shift+Tab"} {
		if !strings.Contains(help, want) {
			t.Errorf("the help lacks %s", want)
		}
	}
}

func TestUI_KeyboardRunsTheStepsInOrder(t *testing.T) {
	u, w := newTestUI(t, Options{Sample: "iris"})
	p := u.Project()
	actionByID("train").do(u) // locked: says why, runs nothing
	if !strings.Contains(overlayText(w), "Train is not available yet") || p.Status(workflow.StageTrain) != workflow.Empty {
		t.Fatalf("train while locked: overlay %q, status %v", overlayText(w), p.Status(workflow.StageTrain))
	}
	actionByID("step-prepare").do(u)
	actionByID("run-step").do(u)
	if p.Status(workflow.StagePrepare) != workflow.Done {
		t.Fatalf("Ctrl+Enter on Prepare left it %v", p.Status(workflow.StagePrepare))
	}
	actionByID("train").do(u)
	if p.Status(workflow.StageTrain) != workflow.Done || u.current != workflow.StageTrain {
		t.Fatalf("Ctrl+T: train %v, current step %v", p.Status(workflow.StageTrain), u.current)
	}
}

func TestUI_NextTabCyclesTheScreensTabs(t *testing.T) {
	u, _ := newTestUI(t, Options{Sample: "iris"})
	u.selectStage(workflow.StagePrepare)
	tabs := firstTabs(u.body)
	if tabs == nil || len(tabs.Items) != 3 {
		t.Fatalf("prepare tabs %v", tabs)
	}
	var got []int
	for i := 0; i < 4; i++ {
		actionByID("next-tab").do(u)
		got = append(got, tabs.SelectedIndex())
	}
	actionByID("prev-tab").do(u)
	got = append(got, tabs.SelectedIndex())
	if want := []int{1, 2, 0, 1, 0}; !equalInts(got, want) {
		t.Fatalf("tab indices %v, want %v", got, want)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestUI_UndoRedoFromTheEditMenu(t *testing.T) {
	u, w := newTestUI(t, Options{Sample: "penguins"})
	p := u.Project()
	before := p.SplitSpec()
	if err := p.SetSplit(prep.SplitSpec{Method: prep.SplitRandom, Train: 0.5, Valid: 0.25, Test: 0.25, Seed: 3}, ""); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(u.undoItem.Label, "Undo split random 50/25/25") || u.undoItem.Disabled || !u.redoItem.Disabled {
		t.Fatalf("edit menu: %q (disabled %v), %q (disabled %v)", u.undoItem.Label, u.undoItem.Disabled, u.redoItem.Label, u.redoItem.Disabled)
	}
	menuItems(w.MainMenu())[u.undoItem.Label].Action()
	if p.SplitSpec() != before || u.current != workflow.StagePrepare {
		t.Fatalf("after undo: split %+v (want %+v), step %v", p.SplitSpec(), before, u.current)
	}
	if !strings.HasPrefix(u.redoItem.Label, "Redo split random") {
		t.Fatalf("redo item %q", u.redoItem.Label)
	}
	u.redo()
	if p.SplitSpec().Seed != 3 {
		t.Fatalf("after redo: %+v", p.SplitSpec())
	}
	u.redo() // nothing left: says so
	if !strings.Contains(overlayText(w), "no undone preparation change") {
		t.Fatalf("redo with nothing to redo: %q", overlayText(w))
	}
}

func TestUI_PreferencesAndLayoutAreRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	logDir := t.TempDir()
	lg, _ := logfile.Open(logDir)
	open := func() *UI {
		w := test.NewTempWindow(t, nil)
		w.Resize(fyne.NewSize(1280, 800))
		return Create(a, w, Options{Synchronous: true, NoRecovery: true, RecoveryPath: t.TempDir() + "/r.mbproj", Log: lg})
	}
	u := open()
	f := newPreferencesForm(u)
	f.seed.SetText("seven")
	if err := f.apply(); err == nil || u.prefs.seed() != workflow.DefaultSeed {
		t.Fatalf("a bad seed was stored: %v", err)
	}
	f.seed.SetText("7")
	f.theme.SetSelected("Dark")
	f.tutorial.SetChecked(true)
	if err := f.apply(); err != nil {
		t.Fatal(err)
	}
	if !u.tutorialItem.Checked {
		t.Error("View ▸ Tutorial mode is not ticked after turning it on")
	}
	u.splits["prepare"].Offset = 0.3
	u.win.Resize(fyne.NewSize(1100, 700))
	u.addRecent("/data/a.csv")
	u.quit(false)

	v := open()
	if v.prefs.seed() != 7 || v.prefs.theme() != themeDark || !v.prefs.tutorial() {
		t.Fatalf("preferences not kept: seed %d theme %s tutorial %v", v.prefs.seed(), v.prefs.theme(), v.prefs.tutorial())
	}
	if got := v.splits["prepare"].Offset; got != 0.3 {
		t.Errorf("prepare split offset %v, want 0.3", got)
	}
	if got := v.win.Canvas().Size(); got.Width != 1100 || got.Height != 700 {
		t.Errorf("window size %v, want 1100×700", got)
	}
	if _, ok := menuItems(v.win.MainMenu())["/data/a.csv"]; !ok {
		t.Error("File ▸ Open recent lacks the file opened last time")
	}
	v.loadData(workflow.DataRef{Sample: "iris"})
	if got := v.Project().SplitSpec().Seed; got != 7 {
		t.Errorf("a new project's split seed is %d, want the preferred 7", got)
	}
	v.selectStage(workflow.StagePrepare)
	v.loadData(workflow.DataRef{Path: "/no/such/file.csv"})
	b, _ := os.ReadFile(lg.Path())
	if !strings.Contains(string(b), "ERROR") || !strings.Contains(string(b), "/no/such/file.csv") {
		t.Fatalf("the error shown is not in the log: %q", b)
	}
}

// TestUI_TabOrderReadsTopToBottom: on the Prepare screen the keyboard
// reaches the top bar's button first, then the split form from its first
// field down, then the step list (container.NewBorder put the centre first).
func TestUI_TabOrderReadsTopToBottom(t *testing.T) {
	u, _ := newTestUI(t, Options{Sample: "iris"})
	u.selectStage(workflow.StagePrepare)
	ps := u.screens[workflow.StagePrepare].(*prepareScreen)
	var order []fyne.Focusable
	walkVisible(ps.Object(), func(o fyne.CanvasObject) bool {
		if f, ok := o.(fyne.Focusable); ok {
			order = append(order, f)
		}
		return true
	})
	pos := func(f fyne.Focusable) int {
		for i, o := range order {
			if o == f {
				return i
			}
		}
		return -1
	}
	fit := findButton(ps.Object(), "Fit the pipeline")
	method, seed, list := pos(ps.split.method), pos(ps.split.seed), pos(ps.steps.list)
	if f := pos(fit); f < 0 || method < 0 || !(f < method && method < seed && seed < list) {
		t.Fatalf("focus order: fit %d, split method %d, seed %d, step list %d (of %d)", f, method, seed, list, len(order))
	}
}

// TestReasonEntry_TabLeavesTheField: the multi-line reason fields do not
// keep Tab for themselves, so a keyboard user can move on.
func TestReasonEntry_TabLeavesTheField(t *testing.T) {
	e := newReasonEntry()
	var tabbable fyne.Tabbable = e
	if tabbable.AcceptsTab() || !e.MultiLine {
		t.Fatalf("AcceptsTab %v, MultiLine %v", tabbable.AcceptsTab(), e.MultiLine)
	}
	if textField(e) == nil {
		t.Fatal("Edit ▸ Undo would not reach the reason field's typing")
	}
}
