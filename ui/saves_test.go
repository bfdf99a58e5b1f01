package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"modelbench/workflow"
)

// TestSaves_RunAsLabelledJobs: saving the model, the project or a figure
// runs through the task runner as its own labelled job (so it is off the
// UI goroutine in the app), writes the file and reports the result.
func TestSaves_RunAsLabelledJobs(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T) (*UI, func(dir string) string) // starts the save, returns the file to expect
		job   jobKey
		label string
		magic string // how the written file starts
		shown string // "" or text of the dialog shown afterwards
	}{
		{"1 model", func(t *testing.T) (*UI, func(string) string) {
			u, _ := chooseModel(t, "iris", "logistic")
			return u, func(dir string) string {
				u.saveModelTo(u.chosenArtifact(), dir)
				return filepath.Join(dir, "model.json")
			}
		}, jobSaveModel, "Saving the model to ", "{", "The fitted preparation and model are in"},
		{"2 project, in a file the save dialog created", func(t *testing.T) (*UI, func(string) string) {
			u, _ := newTestUI(t, Options{Sample: "iris"})
			return u, func(dir string) string {
				picked := filepath.Join(dir, "work")
				os.WriteFile(picked, nil, 0o644) // as the save dialog leaves it
				u.saveProjectTo(picked, true)
				if _, err := os.Stat(picked); err == nil {
					t.Errorf("the file the dialog created is still there")
				}
				if r := u.prefs.recent(); len(r) == 0 || r[0] != picked+workflow.FileExtension {
					t.Errorf("recent files %q", r)
				}
				return picked + workflow.FileExtension
			}
		}, jobSaveProject, "Saving the project to ", "{", ""},
		{"3 figure, PNG added to a name without extension", func(t *testing.T) (*UI, func(string) string) {
			u, _ := newTestUI(t, Options{Sample: "iris"})
			u.selectStage(workflow.StageExplore)
			v := u.screens[workflow.StageExplore].(*exploreScreen).corr
			if v.current == nil {
				t.Fatalf("no correlation figure to save: %q", v.msg.Text)
			}
			return u, func(dir string) string {
				v.saveTo(v.current, filepath.Join(dir, "corr"))
				return filepath.Join(dir, "corr.png")
			}
		}, jobSaveFigure, "Saving the figure to ", "\x89PNG", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u, save := tc.setup(t)
			var seen []taskState
			show := u.tasks.onChange
			u.tasks.onChange = func(a []taskState) { seen = append(seen, a...); show(a) }
			dir := t.TempDir()
			file := save(dir)
			i := slices.IndexFunc(seen, func(s taskState) bool { return strings.HasPrefix(string(s.Job), string(tc.job)+":") })
			if i < 0 || !strings.HasPrefix(seen[i].Label, tc.label) {
				t.Fatalf("no %s job labelled %q…; tasks seen %v", tc.job, tc.label, seen)
			}
			b, err := os.ReadFile(file)
			if err != nil || !bytes.HasPrefix(b, []byte(tc.magic)) {
				t.Fatalf("file %s: %v, starts %q", file, err, b[:min(len(b), 8)])
			}
			if tc.shown != "" && !strings.Contains(overlayText(u.win), tc.shown) {
				t.Errorf("no dialog saying %q: %q", tc.shown, overlayText(u.win))
			}
			if strings.Contains(overlayText(u.win), "went wrong") {
				t.Errorf("an error was shown: %q", overlayText(u.win))
			}
		})
	}
}
