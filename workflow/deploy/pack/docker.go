package pack

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"modelbench/workflow/deploy/serve"
)

// In the container the model files are in ContainerModelDir, owned by
// ContainerUser, who runs the server; the default prediction log is
// written there too.
const (
	ContainerModelDir = "/srv/model"
	ContainerBinary   = "/" + ServerName
	ContainerUser     = 65532 // the "nonroot" user of distroless images
	ContainerLogDir   = "/srv/log"
)

// modelFiles are the package's deployment files the server reads, in the
// order they are copied.
func (w *writer) modelFiles() []string {
	files := []string{serve.ModelFile, serve.SchemaFile, serve.BaselineFile}
	if w.m.Metrics.Written {
		files = append(files, serve.MetricsFile)
	}
	return files
}

// linuxTargets are the package's Linux servers' architectures.
func (w *writer) linuxTargets() []string {
	var out []string
	for _, t := range w.opt.Targets {
		if t.OS == "linux" {
			out = append(out, t.Arch)
		}
	}
	slices.Sort(out)
	return out
}

// dockerfile is an image FROM scratch: the static Linux server, the model
// files owned by a non-root user, the port, a HEALTHCHECK run by the
// server binary itself (a scratch image has no shell or curl), and the
// server as the entry point. The architecture follows docker build's
// platform (TARGETARCH), amd64 by default.
func (w *writer) dockerfile() string {
	port := strconv.Itoa(w.opt.Port)
	var b strings.Builder
	fmt.Fprintf(&b, "# The scoring service of %s (model version %s), written by Modelbench %s.\n", w.m.Title, w.m.ModelVersion, w.in.AppVersion)
	fmt.Fprintf(&b, "#\n#   docker build -t %s:%s .\n", w.m.Name, w.m.ModelVersion)
	fmt.Fprintf(&b, "#   docker run --rm -p %s:%s -e %s=YOUR-KEY-OF-16-OR-MORE-CHARACTERS %s:%s\n#\n", port, port, serve.EnvAPIKeys, w.m.Name, w.m.ModelVersion)
	archs := w.linuxTargets()
	switch {
	case len(archs) == 0:
		b.WriteString("# NOTE: this package carries no Linux server, so this image cannot be built from it;\n# export the package again with --target linux/amd64 (or linux/arm64).\n")
	case !slices.Contains(archs, "amd64"):
		fmt.Fprintf(&b, "# This package carries the Linux server for %s only: build with --platform linux/%s.\n", strings.Join(archs, ", "), archs[0])
	default:
		fmt.Fprintf(&b, "# The image takes the server for docker build's platform: bin/linux_%s/ (build with --platform linux/ARCH).\n", strings.Join(archs, "|"))
	}
	b.WriteString("#\n# No shell, no package manager, no libc: the server is a static Go binary (CGO_ENABLED=0).\n")
	b.WriteString("FROM scratch\n")
	b.WriteString("ARG TARGETARCH=amd64\n")
	fmt.Fprintf(&b, "COPY bin/linux_${TARGETARCH}/%s %s\n", ServerName, ContainerBinary)
	fmt.Fprintf(&b, "COPY --chown=%d:%d %s %s/\n", ContainerUser, ContainerUser, strings.Join(w.modelFiles(), " "), ContainerModelDir)
	fmt.Fprintf(&b, "USER %d:%d\n", ContainerUser, ContainerUser)
	fmt.Fprintf(&b, "EXPOSE %s\n", port)
	fmt.Fprintf(&b, "HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \\\n  CMD [%q, \"healthcheck\", \"--addr\", \"127.0.0.1:%s\", \"--path\", \"/healthz\"]\n", ContainerBinary, port)
	fmt.Fprintf(&b, "ENTRYPOINT [%q, %q, \"--addr\", \":%s\", \"--name\", %q]\n", ContainerBinary, ContainerModelDir, port, w.m.Name)
	return b.String()
}

// dockerignore keeps the build context to what the image copies.
func (w *writer) dockerignore() string {
	var b strings.Builder
	b.WriteString("# Send docker build only what the image copies.\n*\n")
	for _, arch := range w.linuxTargets() {
		fmt.Fprintf(&b, "!bin/linux_%s/%s\n", arch, ServerName)
	}
	for _, f := range w.modelFiles() {
		b.WriteString("!" + f + "\n")
	}
	return b.String()
}

func (w *writer) writeDocker() error {
	if err := os.WriteFile(w.path(DockerFile), []byte(w.dockerfile()), 0o644); err != nil {
		return err
	}
	return os.WriteFile(w.path(DockerIgnoreFile), []byte(w.dockerignore()), 0o644)
}
