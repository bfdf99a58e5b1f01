package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// forcedTheme is the default theme with its light/dark variant fixed,
// for users who do not want to follow the system setting.
type forcedTheme struct {
	variant fyne.ThemeVariant
}

func (t forcedTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, t.variant)
}

func (t forcedTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (t forcedTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t forcedTheme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }
