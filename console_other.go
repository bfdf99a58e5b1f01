//go:build !windows

package main

// attachConsole is needed on Windows only, where release builds are GUI
// programs without standard streams (console_windows.go).
func attachConsole() {}
