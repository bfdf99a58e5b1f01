// Package servebin finds the prebuilt modelbench-serve binaries that a
// deployment package copies in, one per target system. `make package`
// builds them (static, CGO_ENABLED=0) for every Target and lays them out
// as serve/<os>_<arch>/modelbench-serve[.exe]; this package knows where
// that folder sits beside an installed or unpacked Modelbench, and that
// MODELBENCH_SERVE_DIR overrides it.
//
// It only reads the file system (os.Stat) and the environment; nothing is
// downloaded or built. Its functions are safe for concurrent use.
package servebin
