package workflow

import (
	"strings"
	"time"

	"modelbench/workflow/deploy/watch"
)

// MonitorConfig is what the Monitor view opened last, saved in the
// project so that it opens the same source again: never an API key, and
// a PostgreSQL URL without its password (watch.Source.Saved).
type MonitorConfig struct {
	Source watch.Source `json:"source"`
	// Window is the window as watch.ParseWindow reads it ("1h", "all").
	Window string `json:"window,omitempty"`
}

// MonitorConfig returns the saved monitoring source; ok is false when
// none was saved.
func (p *Project) MonitorConfig() (MonitorConfig, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.doc.Deploy.Monitor == nil {
		return MonitorConfig{}, false
	}
	return *p.doc.Deploy.Monitor, true
}

// SetMonitorConfig saves the monitoring source (without secrets: the
// source is stored as watch.Source.Saved gives it). It is a setting, not
// a decision: nothing is journaled or marked out of date.
func (p *Project) SetMonitorConfig(c MonitorConfig) {
	c.Source = c.Source.Saved()
	c.Window = strings.TrimSpace(c.Window)
	p.mu.Lock()
	if old := p.doc.Deploy.Monitor; old != nil && *old == c {
		p.mu.Unlock()
		return
	}
	p.doc.Deploy.Monitor = &c
	p.doc.Modified = time.Now().UTC()
	p.mu.Unlock()
	p.emit(Event{Kind: ConfigChanged, Stage: StageDeploy, Message: "monitoring source set to " + c.Source.String()})
}
