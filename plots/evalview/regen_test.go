package evalview

import "flag"

// regen is accepted so that "go test ./plots/... -regen" (which rewrites
// the golden images of package plots) also runs here; this package has no
// golden images of its own.
var _ = flag.Bool("regen", false, "rewrite golden images (package plots only)")
