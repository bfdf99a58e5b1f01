package ui

import (
	"context"
	"errors"
	"image"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"modelbench/plots"
	"modelbench/workflow/progress"
)

// Default figure size in pixels, used for saving and before a view has a
// size; views render at their own size so text keeps its size on screen.
const figW, figH = 880, 600

// figureView shows one figure rendered off the UI goroutine, with a
// message instead when there is nothing to draw, and a Save button.
type figureView struct {
	u       *UI
	key     string
	img     *canvas.Image
	msg     *widget.Label
	save    *widget.Button
	current *plots.Figure
	obj     fyne.CanvasObject
	// render draws a figure into an image of w×h device pixels for a
	// canvas of the given scale (plots.ImageScaled; tests count calls). It
	// runs off the UI goroutine.
	render func(f *plots.Figure, w, h int, scale float32) (image.Image, error)
}

func newFigureView(u *UI, key string, minSize fyne.Size) *figureView {
	v := &figureView{u: u, key: key, img: canvas.NewImageFromImage(nil), msg: widget.NewLabel(""),
		render: func(f *plots.Figure, w, h int, scale float32) (image.Image, error) {
			return plots.ImageScaled(f, w, h, float64(scale))
		}}
	v.img.FillMode = canvas.ImageFillContain
	v.img.ScaleMode = canvas.ImageScaleSmooth
	v.img.SetMinSize(minSize)
	v.msg.Wrapping = fyne.TextWrapWord
	v.msg.Hide()
	v.save = widget.NewButtonWithIcon("Save figure…", theme.DocumentSaveIcon(), v.saveDialog)
	v.save.Disable()
	v.obj = border(nil, container.NewHBox(v.save), nil, nil, container.NewStack(v.img, container.NewPadded(v.msg)))
	return v
}

func (v *figureView) Object() fyne.CanvasObject { return v.obj }

// show builds and renders a figure in the background; build runs off the
// UI goroutine and must only read its inputs. A newer show of the view
// supersedes this one: the work stops at the next check of its context
// (before building, before rendering, after rendering) and never applies.
func (v *figureView) show(build func() (*plots.Figure, error)) {
	w, h, scale := v.pixels()
	v.u.jobs.Run(v.key, func(ctx context.Context) (func(), error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		f, err := build()
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		var img image.Image
		if err == nil {
			img, err = v.render(f, w, h, scale)
			if ctxErr := ctx.Err(); ctxErr != nil {
				return nil, ctxErr
			}
		}
		return func() { v.set(f, img, err) }, nil
	}, v.u.showError)
}

// pixels is the view's size on screen in device pixels and the canvas
// scale (device pixels per Fyne unit: the screen's density times Fyne's
// scale setting). The size in units is clamped to a sensible range, figW×
// figH before the view is laid out, so the figure keeps its layout and
// text size at every scale and gets sharper, not smaller, on HiDPI.
func (v *figureView) pixels() (w, h int, scale float32) {
	scale = 1
	if c := fyne.CurrentApp().Driver().CanvasForObject(v.img); c != nil && c.Scale() > 0 {
		scale = c.Scale()
	}
	size := v.img.Size()
	uw, uh := float32(figW), float32(figH)
	if size.Width >= 100 && size.Height >= 80 {
		uw, uh = min(max(size.Width, 400), 1800), min(max(size.Height, 300), 1400)
	}
	return int(uw * scale), int(uh * scale), scale
}

func (v *figureView) set(f *plots.Figure, img image.Image, err error) {
	if err != nil {
		v.current = nil
		v.img.Image = nil
		v.msg.SetText(figureMessage(err))
		v.msg.Show()
		v.save.Disable()
		v.img.Refresh()
		return
	}
	v.current = f
	v.msg.Hide()
	v.img.Image = img
	v.img.Refresh()
	v.save.Enable()
}

// clear empties the view, with an optional message.
func (v *figureView) clear(msg string) {
	v.set(nil, nil, errors.New(msg))
}

func figureMessage(err error) string {
	if errors.Is(err, plots.ErrNothingToDraw) {
		return "Nothing to draw here: " + strings.TrimPrefix(err.Error(), "")
	}
	return err.Error()
}

// saveDialog writes the figure as PNG or SVG, by the extension chosen.
func (v *figureView) saveDialog() {
	f := v.current
	if f == nil {
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			v.u.showError(err)
			return
		}
		path := w.URI().Path()
		w.Close()
		v.saveTo(f, path)
	}, v.u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".svg"}))
	d.SetFileName(v.key + ".png")
	v.u.showFileDialog(d)
}

// saveTo renders f at figW×figH and writes it to path in the background,
// as its own job: SVG for a .svg path, else PNG (adding .png when path has
// neither extension).
func (v *figureView) saveTo(f *plots.Figure, path string) {
	if lower := strings.ToLower(path); !strings.HasSuffix(lower, ".svg") && !strings.HasSuffix(lower, ".png") {
		path += ".png"
	}
	v.u.tasks.Start(jobSaveFigure.on(path), "Saving the figure to "+path, func(context.Context, progress.Func) error {
		return plots.Save(f, path, figW, figH)
	})
}
