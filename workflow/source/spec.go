package source

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"modelbench/workflow/data"
)

// Kind names a family of sources. It is written to project files as the
// lower-case word of its constant.
type Kind string

// The kinds of source Load understands.
const (
	CSV      Kind = "csv"      // delimited text, optionally gzip-compressed (read by data.LoadCSV)
	Excel    Kind = "excel"    // an .xlsx workbook
	JSON     Kind = "json"     // an array of records, or one record per line
	Parquet  Kind = "parquet"  // an Apache Parquet file
	ARFF     Kind = "arff"     // Weka's attribute-relation file format
	SQLite   Kind = "sqlite"   // an SQLite database file
	Postgres Kind = "postgres" // a PostgreSQL server
)

// Kinds lists every kind in a stable order, for menus.
func Kinds() []Kind { return []Kind{CSV, Excel, JSON, Parquet, ARFF, SQLite, Postgres} }

// Spec says where a table comes from and how to read it. It is what the
// project file keeps about a source, so it is JSON-serialisable, and it
// never holds a password in that form (see Conn). The zero Spec is invalid:
// Kind and either Path or Conn must be set.
type Spec struct {
	// Kind chooses the reader.
	Kind Kind `json:"kind"`
	// Path is the file to read (every kind but Postgres).
	Path string `json:"path,omitempty"`
	// Sheet is the worksheet of an Excel workbook; "" means the first one.
	Sheet string `json:"sheet,omitempty"`
	// HeaderRow is the 1-based worksheet row holding the column names; 0
	// means the first row that is not empty. Rows above it are skipped.
	HeaderRow int `json:"header_row,omitempty"`
	// Table is the database table (or view) to read; for PostgreSQL it may
	// be qualified as schema.table. Ignored when Query is set.
	Table string `json:"table,omitempty"`
	// Query is an SQL query to run instead of reading a whole table.
	Query string `json:"query,omitempty"`
	// Limit stops after that many data rows; 0 reads all of them.
	Limit int `json:"limit,omitempty"`
	// Conn holds the connection fields of a database server; nil for files.
	Conn *Conn `json:"conn,omitempty"`
	// CSV holds the options passed to data.LoadCSV; nil sniffs everything.
	CSV *data.CSVOptions `json:"csv,omitempty"`
	// Parse says which cell texts are missing and how numbers are written,
	// for the cells that arrive as text; nil means data's defaults for files
	// of text (Excel, JSON) and "only empty text is missing" for databases,
	// Parquet and ARFF string columns, whose NULLs already mark missing
	// values.
	Parse *data.ParseOptions `json:"parse,omitempty"`
}

// ErrNoSource is returned for a Spec that names neither a file nor a server.
var ErrNoSource = errors.New("the source names no file and no server")

// Validate checks that the Spec has what its Kind needs.
func (s Spec) Validate() error {
	if s.Limit < 0 {
		return fmt.Errorf("%s: the row limit %d is negative", s, s.Limit)
	}
	if s.HeaderRow < 0 {
		return fmt.Errorf("%s: the header row %d is negative", s, s.HeaderRow)
	}
	switch s.Kind {
	case CSV, Excel, JSON, Parquet, ARFF:
		if s.Path == "" {
			return fmt.Errorf("%s source: %w", s.Kind, ErrNoSource)
		}
	case SQLite:
		if s.Path == "" {
			return fmt.Errorf("sqlite source: %w", ErrNoSource)
		}
		if s.Table == "" && s.Query == "" {
			return fmt.Errorf("%s: choose a table or write a query", s)
		}
	case Postgres:
		if s.Conn == nil {
			return fmt.Errorf("postgres source: %w", ErrNoSource)
		}
		if s.Table == "" && s.Query == "" {
			return fmt.Errorf("%s: choose a table or write a query", s)
		}
	default:
		return fmt.Errorf("unknown source kind %q (want one of %s)", s.Kind, kindList())
	}
	return nil
}

func kindList() string {
	var names []string
	for _, k := range Kinds() {
		names = append(names, string(k))
	}
	return strings.Join(names, ", ")
}

// String describes the source for messages and Table.Source: the file (and
// sheet or table), or the server without its password.
func (s Spec) String() string {
	var b strings.Builder
	if s.Kind == Postgres && s.Conn != nil {
		b.WriteString(s.Conn.String())
	} else {
		b.WriteString(s.Path)
	}
	switch {
	case s.Sheet != "":
		fmt.Fprintf(&b, " [sheet %q]", s.Sheet)
	case s.Query != "":
		b.WriteString(" [query]")
	case s.Table != "":
		fmt.Fprintf(&b, " [table %q]", s.Table)
	}
	if b.Len() == 0 {
		return string(s.Kind) + " source"
	}
	return b.String()
}

// Conn holds what it takes to reach a database server. Everything but the
// password is saved with the project; Password is kept in memory only.
type Conn struct {
	Host     string `json:"host,omitempty"`     // "" means localhost
	Port     int    `json:"port,omitempty"`     // 0 means 5432
	User     string `json:"user,omitempty"`     // "" means the server's default
	Database string `json:"database,omitempty"` // "" means the user's name
	SSLMode  string `json:"sslmode,omitempty"`  // disable, allow, prefer (""), require, verify-ca, verify-full
	// Password is never serialised; when it is empty the PGPASSWORD
	// environment variable (and then ~/.pgpass) is used at connect time.
	Password Secret `json:"-"`
}

// String writes the connection as user@host:port/database, never with the
// password.
func (c Conn) String() string {
	host := c.Host
	if host == "" {
		host = "localhost"
	}
	port := c.Port
	if port == 0 {
		port = 5432
	}
	s := "postgres://"
	if c.User != "" {
		s += c.User + "@"
	}
	return s + host + ":" + strconv.Itoa(port) + "/" + c.Database
}

// Secret holds a password. Its value never prints (every fmt verb shows
// "***" or nothing) and never marshals to JSON or text; only this package
// reads it, to connect.
type Secret struct{ value string }

// NewSecret wraps a password typed by the user.
func NewSecret(password string) Secret { return Secret{value: password} }

// IsSet reports whether a password was given.
func (s Secret) IsSet() bool { return s.value != "" }

// String shows "***" for a set password and "" for none.
func (s Secret) String() string {
	if s.value == "" {
		return ""
	}
	return "***"
}

// GoString implements fmt.GoStringer without the value.
func (s Secret) GoString() string { return `source.Secret("` + s.String() + `")` }

// Format implements fmt.Formatter so that no verb, %+v and %#v included,
// reveals the value.
func (s Secret) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = f.Write([]byte(s.GoString()))
		return
	}
	_, _ = f.Write([]byte(s.String()))
}

// MarshalJSON writes null, whatever the value: passwords are not saved.
func (s Secret) MarshalJSON() ([]byte, error) { return []byte("null"), nil }

// UnmarshalJSON ignores the input and leaves the secret unset.
func (s *Secret) UnmarshalJSON([]byte) error { *s = Secret{}; return nil }

// MarshalText refuses, so that no text encoder writes the value.
func (s Secret) MarshalText() ([]byte, error) {
	return nil, errors.New("a password is never written out")
}
