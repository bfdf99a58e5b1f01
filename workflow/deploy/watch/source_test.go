package watch

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseSource(t *testing.T) {
	abs, _ := filepath.Abs("log.db")
	dep, _ := filepath.Abs("dep")
	for _, c := range []struct {
		in, dep string
		want    Source
		err     string
	}{
		{in: "http://127.0.0.1:8080/", want: Source{Kind: Service, Target: "http://127.0.0.1:8080"}},
		{in: " https://models.example.com/titanic ", dep: "ignored", want: Source{Kind: Service, Target: "https://models.example.com/titanic"}},
		{in: "log.db", dep: "dep", want: Source{Kind: Log, Target: "sqlite:" + abs, Deployment: dep}},
		{in: "sqlite:log.db", want: Source{Kind: Log, Target: "sqlite:" + abs}},
		{in: "postgres://me:secret@db/logs", dep: "dep", want: Source{Kind: Log, Target: "postgres://me:secret@db/logs", Deployment: dep}},
		{in: "", err: "no source"},
		{in: "http://me:secret@host:8080", err: "user or password"},
		{in: "http://host:8080/?window=1h", err: "query"},
		{in: "http://", err: "not a service URL"},
	} {
		got, err := ParseSource(c.in, c.dep)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) || strings.Contains(err.Error(), "secret") {
				t.Errorf("ParseSource(%q) = %+v, %v; want an error about %q", c.in, got, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ParseSource(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
	pg := Source{Kind: Log, Target: "postgres://me:secret@db/logs?sslmode=disable"}
	if s := pg.Saved().Target; s != "postgres://me@db/logs?sslmode=disable" {
		t.Errorf("saved %q", s)
	}
	if s := pg.String(); strings.Contains(s, "secret") || !strings.Contains(s, "me:xxxxx@db") {
		t.Errorf("String %q", s)
	}
}

func TestParseWindow(t *testing.T) {
	for in, want := range map[string]Window{"1h": LastHour, "24h": LastDay, "7d": LastWeek, "all": All, "15m": Window(15 * time.Minute), "30d": Window(30 * 24 * time.Hour)} {
		got, err := ParseWindow(in)
		if err != nil || got != want {
			t.Errorf("ParseWindow(%q) = %v, %v", in, got, err)
		}
		if got.String() != in && !(in == "24h" && got.String() == "24h") {
			t.Errorf("%v.String() = %q, want %q", got, got.String(), in)
		}
	}
	for _, bad := range []string{"", "0h", "-1h", "week", "1.5d", "0d", "99999d"} {
		if _, err := ParseWindow(bad); err == nil {
			t.Errorf("ParseWindow(%q) accepted", bad)
		}
	}
}
