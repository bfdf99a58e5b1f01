package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"modelbench/workflow"
)

// Preference keys. recent_files predates this file and keeps its name so
// that existing lists survive.
const (
	prefTheme    = "theme"         // "system", "light" or "dark"
	prefSeed     = "default_seed"  // seed of new projects' split and training
	prefTutorial = "tutorial_mode" // step-by-step explanations (read by the tutorial)
	prefRecent   = "recent_files"  // newest first
	prefFolder   = "default_folder"
	prefWinW     = "window_width"
	prefWinH     = "window_height"
	prefSplit    = "split." // + a split's name: its offset

	maxRecent = 8
)

// Theme choices as stored.
const (
	themeSystem = "system"
	themeLight  = "light"
	themeDark   = "dark"
)

// prefs reads and writes Modelbench's preferences through Fyne's
// preferences API (app.Preferences(): a file in the user's config folder,
// saved as soon as a value changes). Its methods run on the UI goroutine.
type prefs struct {
	p fyne.Preferences
}

func newPrefs(p fyne.Preferences) *prefs { return &prefs{p: p} }

// theme is the stored theme choice, themeSystem when unset or unknown.
func (s *prefs) theme() string {
	switch t := s.p.String(prefTheme); t {
	case themeLight, themeDark:
		return t
	}
	return themeSystem
}

func (s *prefs) setTheme(t string) { s.p.SetString(prefTheme, t) }

// fyneTheme is the Fyne theme for a stored choice.
func fyneTheme(choice string) fyne.Theme {
	switch choice {
	case themeLight:
		return appTheme{forced: true, variant: theme.VariantLight}
	case themeDark:
		return appTheme{forced: true, variant: theme.VariantDark}
	}
	return appTheme{}
}

// seed is the default seed of new projects (workflow.DefaultSeed unless
// the user chose another).
func (s *prefs) seed() uint64 {
	v := s.p.StringWithFallback(prefSeed, strconv.Itoa(workflow.DefaultSeed))
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return workflow.DefaultSeed
	}
	return n
}

func (s *prefs) setSeed(n uint64) { s.p.SetString(prefSeed, strconv.FormatUint(n, 10)) }

// tutorial reports whether tutorial mode is on: on until the person
// switches it off (practitioners), as the first start should teach.
func (s *prefs) tutorial() bool     { return s.p.BoolWithFallback(prefTutorial, true) }
func (s *prefs) setTutorial(b bool) { s.p.SetBool(prefTutorial, b) }

// recent returns the remembered file paths, newest first.
func (s *prefs) recent() []string {
	var out []string
	for _, p := range s.p.StringList(prefRecent) {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

// addRecent puts path first, dropping a repeat and the oldest beyond the
// limit.
func (s *prefs) addRecent(path string) {
	out := []string{path}
	for _, p := range s.recent() {
		if p != path && len(out) < maxRecent {
			out = append(out, p)
		}
	}
	s.p.SetStringList(prefRecent, out)
}

func (s *prefs) clearRecent() { s.p.SetStringList(prefRecent, nil) }

// folder is the folder file dialogs open in, "" for the dialog's own
// choice.
func (s *prefs) folder() string     { return s.p.String(prefFolder) }
func (s *prefs) setFolder(d string) { s.p.SetString(prefFolder, d) }

// windowSize is the size the window had when it was last closed, or def.
func (s *prefs) windowSize(def fyne.Size) fyne.Size {
	w, h := s.p.Float(prefWinW), s.p.Float(prefWinH)
	if w < 400 || h < 300 {
		return def
	}
	return fyne.NewSize(float32(w), float32(h))
}

func (s *prefs) setWindowSize(sz fyne.Size) {
	s.p.SetFloat(prefWinW, float64(sz.Width))
	s.p.SetFloat(prefWinH, float64(sz.Height))
}

// splitOffset is a named split's remembered offset, or def.
func (s *prefs) splitOffset(name string, def float64) float64 {
	v := s.p.FloatWithFallback(prefSplit+name, def)
	if v <= 0.05 || v > 1 {
		return def
	}
	return v
}

func (s *prefs) setSplitOffset(name string, v float64) { s.p.SetFloat(prefSplit+name, v) }
