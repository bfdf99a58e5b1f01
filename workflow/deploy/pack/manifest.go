package pack

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// The format of manifest.json. Version goes up when its layout changes.
const (
	ManifestFormat  = "modelbench.package"
	ManifestVersion = 1
)

// Manifest is manifest.json: what the package holds and what was measured
// when it was exported.
type Manifest struct {
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	Created    time.Time `json:"created"`
	AppVersion string    `json:"app_version,omitempty"`
	// Name is the model's name in the service and the Kubernetes objects;
	// Title how people call it.
	Name  string `json:"name"`
	Title string `json:"title"`
	// ModelVersion is the first 12 hexadecimal digits of model.json's
	// SHA-256, as the service reports it.
	ModelVersion string   `json:"model_version"`
	Learner      string   `json:"learner"`
	Task         string   `json:"task"`
	Target       string   `json:"target"`
	Classes      []string `json:"classes,omitempty"`
	// Files are every file of the package but manifest.json, sorted by
	// path.
	Files []File `json:"files"`
	// Targets are the platforms the package carries the server for.
	Targets []TargetEntry `json:"targets"`
	// Extras are the further exports tried and what came of each.
	Extras []ExtraEntry `json:"extras,omitempty"`
	// Metrics says what metrics.json holds; LeftOut what the package
	// lacks and why.
	Metrics MetricsEntry `json:"metrics"`
	LeftOut []string     `json:"left_out,omitempty"`
	// Resources are the figures measured at export; Sizing the
	// Kubernetes resources derived from them.
	Resources Resources `json:"resources"`
	Sizing    Sizing    `json:"sizing"`
	// Path is where the package was written (the folder or the .zip);
	// it is not part of the file.
	Path string `json:"-"`
}

// File is one file of the package.
type File struct {
	Path   string `json:"path"` // relative, with forward slashes
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// TargetEntry is one platform's server in the package.
type TargetEntry struct {
	Target string `json:"target"` // "linux/amd64"
	Path   string `json:"path"`   // "bin/linux_amd64/modelbench-serve"
}

// MetricsEntry says what metrics.json holds: whether it was written, the
// metric the model was chosen by, and the names of the validation and
// test metrics.
type MetricsEntry struct {
	Written    bool     `json:"written"`
	Metric     string   `json:"metric,omitempty"`
	Validation []string `json:"validation,omitempty"`
	Test       []string `json:"test,omitempty"`
}

// File returns the entry of path, and whether there is one.
func (m *Manifest) File(path string) (File, bool) {
	for _, f := range m.Files {
		if f.Path == path {
			return f, true
		}
	}
	return File{}, false
}

// listFiles hashes every regular file under root.
func listFiles(root string) ([]File, error) {
	var out []File
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == ManifestFile {
			return nil
		}
		fl, err := hashFile(root, rel)
		out = append(out, fl)
		return err
	})
	slices.SortFunc(out, func(a, b File) int {
		if a.Path < b.Path {
			return -1
		}
		if a.Path > b.Path {
			return 1
		}
		return 0
	})
	return out, err
}

// hashFile describes the file rel (forward slashes) under root.
func hashFile(root, rel string) (File, error) {
	f, err := os.Open(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return File{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return File{}, err
	}
	return File{Path: rel, Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// writeJSONFile writes v as indented JSON with a final newline.
func writeJSONFile(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// ReadManifest reads a package's manifest.json.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, ManifestFile), err)
	}
	if m.Format != ManifestFormat {
		return nil, fmt.Errorf("%s is not a Modelbench package manifest (format %q)", filepath.Join(dir, ManifestFile), m.Format)
	}
	if m.Version < 1 || m.Version > ManifestVersion {
		return nil, fmt.Errorf("%s has version %d; this Modelbench reads versions 1 to %d", filepath.Join(dir, ManifestFile), m.Version, ManifestVersion)
	}
	return &m, nil
}

// zipFolder writes every file under root into the archive out, keeping
// the executables' mode, through a temporary file renamed into place.
func zipFolder(root, out string) error {
	tmp, err := os.CreateTemp(filepath.Dir(out), ".modelbench-package-*.zip")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	zw := zip.NewWriter(tmp)
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		hdr, err := zip.FileInfoHeader(info)
		if err != nil {
			return err
		}
		hdr.Name = filepath.ToSlash(rel)
		hdr.Method = zip.Deflate
		hdr.SetMode(0o644)
		if strings.HasPrefix(hdr.Name, "bin/") {
			hdr.SetMode(0o755) // the servers stay executable when unpacked
		}
		w, err := zw.CreateHeader(hdr)
		if err != nil {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(w, f)
		return err
	})
	if err == nil {
		err = zw.Close()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", out, err)
	}
	return os.Rename(tmp.Name(), out)
}
