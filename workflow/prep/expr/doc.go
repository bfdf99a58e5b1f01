// Package expr is Modelbench's small, safe expression language, used by
// the prep steps filter_rows (a condition) and derive (a new column).
//
// An expression is made of numbers (3, 0.5, 1e-3), text in double quotes
// ("Adelie", with \" and \\ escapes), true and false, column names (a bare
// name of letters, digits, _ and . that does not start with a digit, or any
// name in backquotes: `body mass (g)`), the operators + - * / ^ (power),
// == != < <= > >=, and, or, not, parentheses, and the functions log (natural
// logarithm), exp, sqrt, abs, round(x) or round(x, digits), min(a, b, ...),
// max(a, b, ...), if(condition, then, else) and missing(x) (true where x
// has no value). Precedence, loosest first: or, and, not, comparisons,
// + and -, * and /, unary minus, ^ (right-associative, so -2^2 is -4).
// Text columns (categories, yes/no, free text) can be compared with text
// using == and != only; dates cannot be used (split them with date_parts).
//
// Evaluation is column-wise over a data.Frame. A missing input gives a
// missing result; a result that is not a finite number (division by zero,
// the logarithm of a negative number) is missing too. and/or follow
// three-valued logic: false and missing is false, true or missing is true.
// There is no I/O, assignment, loop or recursion, and the parser bounds
// the length and nesting of an expression, so any text is safe to
// evaluate.
//
// Expr.Tree gives the parsed expression as a typed syntax tree (Node and
// its concrete types), for exporters that translate it into another
// language; the node types' doc comments state the evaluation rules above
// exactly, and a test checks them against Eval.
//
// Error contract: Parse returns a *Error whose Pos is the 1-based
// character position of the problem; Check and Eval return a *Error
// naming the position and the column for type problems (an unknown
// column, text used in arithmetic). Nothing panics on user input.
//
// Concurrency: a parsed *Expr is immutable and safe for concurrent use.
package expr
