//go:build windows

package main

import (
	"os"
	"syscall"
)

// attachConsole gives a headless command the console it was started from.
// Release builds are Windows GUI programs (-H=windowsgui, so that opening
// the app shows no console window), and such a program starts with no
// standard streams: without this, `modelbench describe` typed in a console
// would print nothing. Streams that are already valid (redirected to a
// file or a pipe) are kept.
func attachConsole() {
	if validHandle(syscall.STD_OUTPUT_HANDLE) && validHandle(syscall.STD_ERROR_HANDLE) {
		return
	}
	const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	if r, _, _ := attach.Call(attachParentProcess); r == 0 {
		return // started from Explorer or a shortcut: no console to attach to
	}
	out, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0)
	if err != nil {
		return
	}
	if !validHandle(syscall.STD_OUTPUT_HANDLE) {
		os.Stdout = out
	}
	if !validHandle(syscall.STD_ERROR_HANDLE) {
		os.Stderr = out
	}
}

func validHandle(std int) bool {
	h, err := syscall.GetStdHandle(std)
	if err != nil || h == syscall.InvalidHandle || h == 0 {
		return false
	}
	_, err = syscall.GetFileType(h)
	return err == nil
}
