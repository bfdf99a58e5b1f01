package watch

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Kind is what a Source points at.
type Kind string

// The kinds of source.
const (
	Service Kind = "service" // a running scoring service, by its base URL
	Log     Kind = "log"     // a prediction log: an SQLite file or a PostgreSQL URL
)

// Source is where to look. For a Service, Target is the base URL
// (http://host:port); for a Log, the log's spec ("sqlite:PATH" or a
// PostgreSQL URL) and Deployment the deployment directory whose
// baseline.json (and metrics.json, model.json) the log is read against.
type Source struct {
	Kind       Kind   `json:"kind"`
	Target     string `json:"target"`
	Deployment string `json:"deployment,omitempty"`
}

// ParseSource reads what a person types: an http:// or https:// URL is a
// service; a postgres:// or postgresql:// URL, "sqlite:PATH" or a file
// path is a log (a path is made absolute). deployment is the deployment
// directory a log needs (ignored for a service). A service URL with a
// user or password, or with a query, is refused: keys are given apart
// (Options.APIKey) so that they are never part of a saved source.
func ParseSource(s, deployment string) (Source, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return Source{}, errors.New("no source: give a service URL (http://…), a log file or a postgres:// URL")
	case strings.HasPrefix(s, "http://"), strings.HasPrefix(s, "https://"):
		u, err := url.Parse(s)
		if err != nil || u.Host == "" {
			return Source{}, fmt.Errorf("%q is not a service URL such as http://127.0.0.1:8080", Redact(s))
		}
		if u.User != nil {
			return Source{}, errors.New("the service URL carries a user or password: give the API key apart (--api-key or MODELBENCH_API_KEY), so that it is never saved")
		}
		if u.RawQuery != "" || u.Fragment != "" {
			return Source{}, fmt.Errorf("the service URL %q has a query: give the service's base URL (http://host:port)", Redact(s))
		}
		return Source{Kind: Service, Target: strings.TrimRight(u.String(), "/")}, nil
	case strings.HasPrefix(s, "postgres://"), strings.HasPrefix(s, "postgresql://"):
		return Source{Kind: Log, Target: s, Deployment: absolute(deployment)}, nil
	}
	path := strings.TrimPrefix(s, "sqlite:")
	return Source{Kind: Log, Target: "sqlite:" + absolute(path), Deployment: absolute(deployment)}, nil
}

func absolute(p string) string {
	if p == "" {
		return ""
	}
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// String names the source for people, without any password.
func (s Source) String() string {
	if s.Kind == Service {
		return "the service at " + s.Target
	}
	return "the log " + Redact(strings.TrimPrefix(s.Target, "sqlite:"))
}

// Saved is the source as a project may keep it: a PostgreSQL URL loses
// its password (PGPASSWORD or ~/.pgpass supply it when it is opened).
func (s Source) Saved() Source {
	s.Target = stripPassword(s.Target)
	return s
}

// Redact hides the password of a URL ("xxxxx"); other text is returned
// as it is.
func Redact(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	return u.Redacted()
}

func stripPassword(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, has := u.User.Password(); has {
		u.User = url.User(u.User.Username())
	}
	return u.String()
}

// Window is how far back a snapshot looks: a positive duration, or 0 for
// everything the source holds.
type Window time.Duration

// The windows the views offer.
const (
	LastHour Window = Window(time.Hour)
	LastDay  Window = Window(24 * time.Hour)
	LastWeek Window = Window(7 * 24 * time.Hour)
	All      Window = 0
)

// allDays is how far back "all" asks a service (its window must be a
// duration).
const allDays = 3650

// ParseWindow reads "1h", "24h", "7d", "all", or any positive Go
// duration or number of days ("15m", "30d").
func ParseWindow(s string) (Window, error) {
	switch strings.TrimSpace(s) {
	case "all":
		return All, nil
	case "":
		return 0, errors.New("an empty window (want 1h, 24h, 7d or all)")
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		var n int
		if _, err := fmt.Sscanf(days, "%d", &n); err != nil || n <= 0 || n > allDays || fmt.Sprint(n) != days {
			return 0, fmt.Errorf("the window %q is not a number of days", s)
		}
		return Window(time.Duration(n) * 24 * time.Hour), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("the window %q is not 1h, 24h, 7d, all or a positive duration", s)
	}
	return Window(d), nil
}

// String writes the window as ParseWindow reads it.
func (w Window) String() string {
	d := time.Duration(w)
	switch {
	case d <= 0:
		return "all"
	case d >= 48*time.Hour && d%(24*time.Hour) == 0:
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return d.String()
}

// Describe names the window in words, to follow "in" ("the last hour",
// "the whole log").
func (w Window) Describe() string {
	switch w {
	case All:
		return "the whole log"
	case LastHour:
		return "the last hour"
	case LastDay:
		return "the last day"
	case LastWeek:
		return "the last week"
	}
	return "the last " + w.String()
}

// exists reports whether a file exists (for messages).
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
