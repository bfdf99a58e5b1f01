package ui

import (
	"strings"

	"fyne.io/fyne/v2"
)

const recentKey = "recent_files"
const maxRecent = 8

// recentFiles keeps the paths of recently opened data and project files in
// the app's preferences, newest first.
type recentFiles struct {
	prefs fyne.Preferences
}

func newRecentFiles(p fyne.Preferences) *recentFiles { return &recentFiles{prefs: p} }

// list returns the remembered paths, newest first.
func (r *recentFiles) list() []string {
	var out []string
	for _, p := range r.prefs.StringList(recentKey) {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

// add puts path first, dropping a repeat and the oldest beyond the limit.
func (r *recentFiles) add(path string) {
	out := []string{path}
	for _, p := range r.list() {
		if p != path && len(out) < maxRecent {
			out = append(out, p)
		}
	}
	r.prefs.SetStringList(recentKey, out)
}
