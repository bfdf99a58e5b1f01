package expr

import (
	"context"
	"testing"
)

// FuzzParse checks that no input makes the parser, the evaluator or Tree
// panic, that every expression that parses prints to a form that parses
// back to the same expression, and that Tree succeeds exactly when Check
// does, with Check's type. Its corpus is kept in testdata/fuzz.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"x + y * 2", "not (a and b) or c", `c == "a"`, "if(missing(x), 0, round(x, 2))",
		"`my col` ^ -2", "min(1, 2, 3) / 0", "1e-3 >= .5", "((x))", `"\"\\"`, "x < y and y <= 3",
	} {
		f.Add(s)
	}
	frame := testFrame(f)
	f.Fuzz(func(t *testing.T, src string) {
		e, err := Parse(src)
		if err != nil {
			return
		}
		printed := e.String()
		again, err := Parse(printed)
		if err != nil {
			t.Fatalf("%q printed as %q, which does not parse: %v", src, printed, err)
		}
		if again.String() != printed {
			t.Fatalf("%q: printed %q, then %q", src, printed, again.String())
		}
		_, _, _ = e.Eval(context.Background(), frame)
		typ, checkErr := e.Check(frame)
		root, treeErr := e.Tree(frame)
		if (checkErr == nil) != (treeErr == nil) {
			t.Fatalf("%q: Check says %v, Tree %v", src, checkErr, treeErr)
		}
		if treeErr == nil && root.ResultType() != typ {
			t.Fatalf("%q: Tree types it %v, Check %v", src, root.ResultType(), typ)
		}
	})
}
