package reproduce

import (
	"embed"
	"fmt"
	"strings"
)

// The script's fixed code lives in python/*.py, one section per file; a
// script holds only the sections its model needs.
//
//go:embed python/*.py
var library embed.FS

// section returns the Python code of a library section.
func section(name string) string {
	b, err := library.ReadFile("python/" + name + ".py")
	if err != nil {
		panic(fmt.Sprintf("reproduce: no library section %q", name))
	}
	return strings.TrimRight(string(b), "\n") + "\n"
}
