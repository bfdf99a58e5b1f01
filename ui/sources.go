package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
	"modelbench/workflow/data"
	"modelbench/workflow/source"
)

// previewRows is how many rows the source dialog previews.
const previewRows = 12

// openDataFile loads a picked or dropped file: delimited text at once,
// workbooks and databases through the source dialog (sheet, table or
// query, with a live preview).
func (u *UI) openDataFile(path string) {
	spec, err := source.Detect(path)
	if err != nil {
		u.showError(err)
		return
	}
	switch spec.Kind {
	case source.Excel, source.SQLite:
		u.sourceDialog(spec)
	default:
		u.loadData(workflow.DataRef{Path: path})
	}
}

// sourceDialog lets the user pick a sheet (with its header row) or a
// table (or write a query), see the first rows, and load.
type sourceDialog struct {
	u       *UI
	spec    source.Spec
	choice  *widget.Select
	header  *widget.Entry
	query   *widget.Entry
	limit   *widget.Entry
	preview *widget.Label
	conn    *connForm
}

func (u *UI) sourceDialog(spec source.Spec) {
	d := &sourceDialog{u: u, spec: spec}
	u.sourceDialogFields(d)
	items := d.items()
	form := widget.NewForm(items...)
	show := widget.NewButton("Preview", d.refresh)
	content := border(container.NewVBox(form, show), nil, nil, nil, container.NewScroll(d.preview))
	dlg := dialog.NewCustomConfirm("Open "+spec.String(), "Load", "Cancel", content, func(ok bool) {
		if ok {
			if s, err := d.read(); err != nil {
				u.showError(err)
			} else {
				u.loadData(workflow.DataRef{Source: &s})
			}
		}
	}, u.win)
	dlg.Resize(fyne.NewSize(900, 640))
	dlg.Show()
	d.fillChoices()
}

// sourceDialogFields makes the dialog's widgets.
func (u *UI) sourceDialogFields(d *sourceDialog) {
	d.choice, d.header, d.query, d.limit, d.preview = widget.NewSelect(nil, nil), widget.NewEntry(), widget.NewMultiLineEntry(), widget.NewEntry(), widget.NewLabel("")
	d.preview.TextStyle.Monospace = true
	d.query.SetPlaceHolder("select … (optional: replaces the table)")
	d.limit.SetPlaceHolder("all rows")
	d.choice.OnChanged = func(string) { d.refresh() }
}

// items builds the form fields the source kind needs.
func (d *sourceDialog) items() []*widget.FormItem {
	switch d.spec.Kind {
	case source.Excel:
		return []*widget.FormItem{widget.NewFormItem("Sheet", d.choice), widget.NewFormItem("Header row", d.header), widget.NewFormItem("Row limit", d.limit)}
	case source.Postgres:
		d.conn = newConnForm(d.spec.Conn)
		connect := widget.NewButton("Connect and list tables", d.fillChoices)
		return append(d.conn.items(), widget.NewFormItem("", connect), widget.NewFormItem("Table", d.choice),
			widget.NewFormItem("Query", d.query), widget.NewFormItem("Row limit", d.limit))
	}
	return []*widget.FormItem{widget.NewFormItem("Table", d.choice), widget.NewFormItem("Query", d.query), widget.NewFormItem("Row limit", d.limit)}
}

// read builds the Spec from the fields; errors name the field.
func (d *sourceDialog) read() (source.Spec, error) {
	s := d.spec
	if d.conn != nil {
		c, err := d.conn.read()
		if err != nil {
			return s, err
		}
		s.Conn = c
	}
	switch s.Kind {
	case source.Excel:
		s.Sheet = d.choice.Selected
		if t := strings.TrimSpace(d.header.Text); t != "" {
			n, err := strconv.Atoi(t)
			if err != nil || n < 1 {
				return s, fmt.Errorf("the header row is a row number from 1, not %q", t)
			}
			s.HeaderRow = n
		}
	default:
		s.Table, s.Query = d.choice.Selected, strings.TrimSpace(d.query.Text)
	}
	if t := strings.TrimSpace(d.limit.Text); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil || n < 0 {
			return s, fmt.Errorf("the row limit is a whole number, not %q", t)
		}
		s.Limit = n
	}
	return s, s.Validate()
}

// fillChoices lists the sheets or tables in the background.
func (d *sourceDialog) fillChoices() {
	s, _ := d.read()
	d.preview.SetText("Reading the list…")
	d.u.jobs.Run("source-list", func(ctx context.Context) (func(), error) {
		var names []string
		var err error
		if s.Kind == source.Excel {
			names, err = source.Sheets(s.Path)
		} else {
			names, err = source.Tables(ctx, s)
		}
		if err != nil {
			return nil, err
		}
		return func() {
			d.choice.Options = names
			d.choice.Refresh()
			if len(names) > 0 {
				d.choice.SetSelected(names[0])
			} else {
				d.preview.SetText("No sheets or tables found; write a query.")
			}
		}, nil
	}, func(err error) { d.preview.SetText(err.Error()) })
}

// refresh previews the first rows of the current choice.
func (d *sourceDialog) refresh() {
	s, err := d.read()
	if err != nil {
		d.preview.SetText(err.Error())
		return
	}
	d.u.jobs.Run("source-preview", func(ctx context.Context) (func(), error) {
		t, err := source.Preview(ctx, s, previewRows)
		if err != nil {
			return nil, err
		}
		text := previewText(t)
		return func() { d.preview.SetText(text) }, nil
	}, func(err error) { d.preview.SetText("No preview: " + err.Error()) })
}

// previewText lays out the first rows of a table as aligned text with the
// inferred type of each column.
func previewText(t *data.Table) string {
	f := t.Frame
	var b strings.Builder
	for _, fl := range t.Schema.Fields {
		fmt.Fprintf(&b, "%-18s", truncate(fl.Name, 17))
	}
	b.WriteString("\n")
	for _, fl := range t.Schema.Fields {
		fmt.Fprintf(&b, "%-18s", truncate("("+fl.Label+")", 17))
	}
	b.WriteString("\n")
	for i := 0; i < f.NumRows(); i++ {
		for j := 0; j < f.NumCols(); j++ {
			fmt.Fprintf(&b, "%-18s", truncate(f.Col(j).Format(i), 17))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// connForm holds a database server's connection fields. The password
// stays in memory: it is never written to the project or shown.
type connForm struct {
	host, port, user, password, database *widget.Entry
	ssl                                  *widget.Select
}

func newConnForm(c *source.Conn) *connForm {
	f := &connForm{host: widget.NewEntry(), port: widget.NewEntry(), user: widget.NewEntry(), password: widget.NewPasswordEntry(), database: widget.NewEntry(),
		ssl: widget.NewSelect([]string{"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}, nil)}
	f.host.SetPlaceHolder("localhost")
	f.port.SetPlaceHolder("5432")
	f.password.SetPlaceHolder("not saved; PGPASSWORD or ~/.pgpass are used when empty")
	f.ssl.SetSelected("prefer")
	if c != nil {
		f.host.SetText(c.Host)
		if c.Port != 0 {
			f.port.SetText(strconv.Itoa(c.Port))
		}
		f.user.SetText(c.User)
		f.database.SetText(c.Database)
		if c.SSLMode != "" {
			f.ssl.SetSelected(c.SSLMode)
		}
	}
	return f
}

func (f *connForm) items() []*widget.FormItem {
	return []*widget.FormItem{widget.NewFormItem("Host", f.host), widget.NewFormItem("Port", f.port), widget.NewFormItem("User", f.user),
		widget.NewFormItem("Password", f.password), widget.NewFormItem("Database", f.database), widget.NewFormItem("SSL mode", f.ssl)}
}

func (f *connForm) read() (*source.Conn, error) {
	c := &source.Conn{Host: strings.TrimSpace(f.host.Text), User: strings.TrimSpace(f.user.Text), Database: strings.TrimSpace(f.database.Text),
		SSLMode: f.ssl.Selected, Password: source.NewSecret(f.password.Text)}
	if t := strings.TrimSpace(f.port.Text); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil || n <= 0 || n > 65535 {
			return nil, fmt.Errorf("the port is a number from 1 to 65535, not %q", t)
		}
		c.Port = n
	}
	return c, nil
}

// connectDatabase opens the PostgreSQL connection dialog.
func (u *UI) connectDatabase() {
	u.sourceDialog(source.Spec{Kind: source.Postgres, Conn: &source.Conn{}})
}
