package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// appTheme is Fyne's default theme with a focus colour that stands out, so
// that keyboard users see where they are: the default focus tint is the
// primary blue at half opacity, which does not show on a blue (high
// importance) button and barely on a grey one. The orange is Okabe–Ito's,
// as in the figures. When forced is set, the light or dark variant is fixed
// instead of following the system.
type appTheme struct {
	forced  bool
	variant fyne.ThemeVariant
}

// Focus tints for dark and light backgrounds (Okabe–Ito orange and
// vermillion, translucent so the control stays readable).
var (
	focusOnDark  = color.NRGBA{R: 0xE6, G: 0x9F, B: 0x00, A: 0xB0}
	focusOnLight = color.NRGBA{R: 0xD5, G: 0x5E, B: 0x00, A: 0x90}
)

func (t appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.forced {
		v = t.variant
	}
	if n == theme.ColorNameFocus {
		if v == theme.VariantDark {
			return focusOnDark
		}
		return focusOnLight
	}
	return theme.DefaultTheme().Color(n, v)
}

func (appTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (appTheme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }
