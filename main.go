// Command modelbench is a desktop machine-learning workbench. With no
// arguments it opens the window; with a command word it runs headless.
package main

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2/app"
)

func main() {
	if len(os.Args) > 1 {
		fmt.Println("headless mode not yet wired")
		return
	}
	a := app.NewWithID("io.modelbench.app")
	w := a.NewWindow("Modelbench")
	w.ShowAndRun()
}
