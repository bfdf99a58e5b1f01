package source

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"modelbench/workflow/internal/testsets"
)

func TestDetect(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	pq, _ := os.ReadFile("testdata/parquet/penguins.parquet")
	db, _ := os.ReadFile(shopDB)
	xl, _ := os.ReadFile(workbook)
	cases := []struct {
		path string
		want Kind
	}{
		{"data.CSV", CSV}, {"data.tsv.gz", CSV}, {"book.xlsx", Excel}, {"rows.ndjson", JSON}, {"x.parquet", Parquet},
		{"w.arff", ARFF}, {"shop.sqlite3", SQLite},
		{write("noext1", pq), Parquet}, {write("noext2", db), SQLite}, {write("noext3", xl), Excel},
		{write("noext4", []byte("  [{\"a\":1}]")), JSON}, {write("noext5", []byte("% c\n@RELATION r\n")), ARFF},
		{write("noext6", []byte("a,b\n1,2\n")), CSV}, {write("noext7", []byte{0x1f, 0x8b, 8}), CSV},
	}
	for _, c := range cases {
		s, err := Detect(c.path)
		if err != nil || s.Kind != c.want || s.Path != c.path {
			t.Errorf("Detect(%q) = %+v, %v; want %s", c.path, s, err, c.want)
		}
	}
	for _, bad := range []string{"old.xls", write("bin", []byte{0, 1, 2}), filepath.Join(dir, "absent")} {
		if _, err := Detect(bad); err == nil || !strings.Contains(err.Error(), filepath.Base(bad)) {
			t.Errorf("Detect(%q): %v", bad, err)
		}
	}
	s, err := Detect("postgres://ann:hunter2@db:5433/sales")
	if err != nil || s.Kind != Postgres || s.Conn.Host != "db" || s.Conn.Port != 5433 || !s.Conn.Password.IsSet() || s.Path != "" {
		t.Errorf("Detect(url) = %+v, %v", s, err)
	}
}

// TestSpec_PasswordNeverSerialised: the JSON of a Spec, every fmt verb and
// String leave the password out, and reading the JSON back gives no
// password.
func TestSpec_PasswordNeverSerialised(t *testing.T) {
	const pw = "hunter2-very-secret"
	s := Spec{Kind: Postgres, Conn: &Conn{Host: "db", User: "ann", Database: "sales", Password: NewSecret(pw)}, Query: "select 1", Limit: 10}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back Spec
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Conn == nil || back.Conn.Host != "db" || back.Conn.User != "ann" || back.Query != "select 1" || back.Conn.Password.IsSet() {
		t.Errorf("round trip: %+v", back)
	}
	injected := `{"kind":"postgres","conn":{"host":"h","password":"x"}}`
	if err := json.Unmarshal([]byte(injected), &back); err != nil || back.Conn.Password.IsSet() {
		t.Errorf("a password in JSON was read: %+v, %v", back.Conn, err)
	}
	outs := []string{string(b), s.String(), s.Conn.String(), fmt.Sprint(s), fmt.Sprintf("%v %+v %#v %s %q %x", s, s, s, s.Conn.Password, s.Conn.Password, s.Conn.Password),
		fmt.Sprintf("%+v %#v", *s.Conn, *s.Conn)}
	for _, o := range outs {
		if strings.Contains(o, pw) {
			t.Errorf("the password shows in %q", o)
		}
	}
	if _, err := s.Conn.Password.MarshalText(); err == nil {
		t.Error("MarshalText wrote the password")
	}
	if got := s.Conn.Password.String(); got != "***" || (Secret{}).String() != "" {
		t.Errorf("String() = %q", got)
	}
}

func TestSpec_Validate(t *testing.T) {
	cases := []struct {
		s    Spec
		want string
	}{
		{Spec{}, "unknown source kind"},
		{Spec{Kind: Excel}, "no file"},
		{Spec{Kind: SQLite, Path: "x.db"}, "choose a table"},
		{Spec{Kind: Postgres}, "no file and no server"},
		{Spec{Kind: CSV, Path: "a.csv", Limit: -1}, "negative"},
	}
	for _, c := range cases {
		err := c.s.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.s, err, c.want)
		}
		if _, err := Load(context.Background(), c.s, nil); err == nil {
			t.Errorf("Load accepted %+v", c.s)
		}
	}
	if !errors.Is(Spec{Kind: Excel}.Validate(), ErrNoSource) {
		t.Error("ErrNoSource not wrapped")
	}
}

func TestLoad_CSVThroughData(t *testing.T) {
	path := testsets.Path("sk_iris.csv")
	tab, err := Preview(context.Background(), Spec{Kind: CSV, Path: path}, 12)
	if err != nil {
		t.Fatal(err)
	}
	if tab.Frame.NumRows() != 12 || tab.Source != path {
		t.Errorf("csv preview: %d rows from %s", tab.Frame.NumRows(), tab.Source)
	}
}

func ExampleLoad() {
	// What `modelbench describe data.xlsx --sheet Sales` does.
	spec, _ := Detect("testdata/excel/report.xlsx")
	spec.Sheet = "Sales"
	tab, err := Load(context.Background(), spec, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tab.Source, tab.Frame.NumRows(), "rows")
	for _, f := range tab.Schema.Fields {
		fmt.Printf("%-8s %-11s %s\n", f.Name, f.Kind, f.Role)
	}
	// Output:
	// testdata/excel/report.xlsx [sheet "Sales"] 6 rows
	// Region   categorical feature
	// Date     datetime    feature
	// Amount   numeric     feature
	// Amount_2 numeric     feature
	// Paid     boolean     target
	// Notes    text        ignored
	// When     datetime    feature
}

func ExampleDetect() {
	// What `modelbench describe 'postgres://…' --query 'select …'` starts from.
	spec, _ := Detect("postgres://analyst:s3cret@db.example:5432/sales?sslmode=require")
	spec.Query = "select * from orders"
	b, _ := json.Marshal(spec)
	fmt.Println(spec.Kind, spec)
	fmt.Println(string(b))
	// Output:
	// postgres postgres://analyst@db.example:5432/sales [query]
	// {"kind":"postgres","query":"select * from orders","conn":{"host":"db.example","port":5432,"user":"analyst","database":"sales","sslmode":"require"}}
}

// FuzzParseURL: a URL either parses or fails with ErrBadURL alone, whose
// message never repeats the input (which may hold a password); a parsed
// connection never prints its password.
func FuzzParseURL(f *testing.F) {
	f.Add("postgres://ann:pw@db:5432/sales?sslmode=disable")
	f.Add("postgresql://[::1]:5/x")
	f.Add("postgres://a:b@c:notaport/d")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseURL(s)
		if err != nil {
			if err != ErrBadURL {
				t.Fatalf("error %v is not ErrBadURL", err)
			}
			return
		}
		if pw := c.Password.value; len(pw) >= 4 && !strings.Contains(c.User+c.Host+c.Database+c.SSLMode, pw) {
			if strings.Contains(c.String(), pw) || strings.Contains(fmt.Sprintf("%+v %#v", *c, *c), pw) {
				t.Fatalf("the password %q shows", pw)
			}
		}
	})
}
