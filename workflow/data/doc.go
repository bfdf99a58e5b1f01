// Package data owns Modelbench's in-memory table: the typed columnar Frame,
// the column kinds and roles, type and role inference with reasons a person
// can read, the loaders that turn delimited text into Frames, conversion
// between kinds and CSV export. The interop with gota DataFrames is in the
// subpackage gotaframe, so that this package never links gota.
//
// # Loading
//
// ReadCSV (and LoadCSV, Load for paths) sniffs the delimiter (',', ';', tab,
// '|'), the quote character, whether the first row is a header, and the
// encoding (UTF-8 with or without BOM, Latin-1 when the start is not UTF-8);
// reads gzip input by its magic bytes; and types every column from every
// row, not from a sample. One goroutine cuts the input into chunks of whole
// records, one worker per core parses chunks straight into typed pieces
// (numbers with an exact fast path, text dictionary-encoded per column), and
// the calling goroutine merges the pieces in order into pre-sized columns,
// so memory stays close to the decoded size. A column that looked numeric
// at the start but holds a few words later keeps its numbers and reads the
// words as missing, with a warning; one with many words is read again as
// text when the input can be re-read. Before reading, the decoded size is
// estimated and compared with the memory available (CSVOptions.MemoryLimit,
// the MODELBENCH_MEMORY_LIMIT variable, or /proc/meminfo).
//
// The rules other readers share with the CSV loader are exported so that
// every source names, types and encodes columns the same way: FixNames
// (empty and repeated column names), LooksLikeIdentifier (row numbers
// rather than measurements), and Dictionary and EncodeLevels (category
// codes in order of first appearance).
//
// Missing cells are the tokens of ParseOptions (by default "", NA, N/A,
// null, NaN, ?, -, in any case; "None" is a value). pandas differs: it also
// reads "None", "nan" and "n/a" as missing but not "?" or "-".
//
// # Error contract
//
// Anything that depends on user data (a file, a cell, a column name) is
// reported as an error that names the file, line and column where they
// apply; *ParseError carries those positions and wraps a sentinel where one
// exists (ErrEmptyFile, ErrBinary, ErrNoRows, ErrRaggedRow, ErrInvalidUTF8,
// ErrTooLarge). Convert reports the first row that does not fit as a
// *ConvertError. Cancellation returns ctx.Err() itself. Panics are kept for
// broken internal invariants only, such as columns of different lengths
// inside one Frame.
//
// # Concurrency
//
// Frames, Columns and Tables are immutable once built (WithKind, WithRole
// and the Frame methods return new values), so they may be read from any
// number of goroutines. Loaders take a context.Context and a progress
// callback; they start and end their own worker goroutines, do not care
// which goroutine calls them, and call the callback from the calling
// goroutine only.
package data
