//go:build linux && cgo

package main

// Fyne reads the user's locale in the initialisation of its lang package,
// which runs before any code of ours: lang's init loads the bundled
// translations and calls github.com/jeandeaual/go-locale, which takes the
// first of LC_ALL, LC_MESSAGES and LANG (LANGUAGE when that is set and the
// locale is not exactly C or POSIX), cuts the codeset off and hands what is
// left to golang.org/x/text/language. "C.UTF-8" (Debian's default in
// containers, CI and cron), "POSIX.UTF-8" and values with a modifier
// ("ca_ES@valencia") do not parse, and Fyne logs three lines per lookup to
// stderr ("Fyne error: Error parsing user locale C") — before main runs,
// so before the command line could say anything.
//
// The C constructor below runs when the program is loaded, before the Go
// runtime starts and so before every package's initialisation. When the
// locale variables would give such an unparsable value and LANGUAGE is
// unset, it sets LANGUAGE to the language they mean (English for C and
// POSIX, the language and territory without the modifier otherwise) and
// executes the program again with the same arguments: Go reads the
// environment from the process's start, so a change made here is seen only
// after an exec. LANGUAGE is read by gettext and go-locale only, never for
// LC_CTYPE, so the C library's character set (GLFW's keyboard input) is
// exactly what the user set. Every other locale, including the GUI's real
// translations (LANG=fr_FR.UTF-8), is left alone and costs nothing.

/*
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// mbLocaleFix writes into out the LANGUAGE value that makes the locale
// value v parse, and returns 1; it returns 0 when v parses as it is. It
// follows go-locale's reading: the codeset (from the first '.') is cut
// off, '-' counts as '_', the language is what comes before the first '_'.
static int mbLocaleFix(const char *v, char *out, size_t n) {
	char buf[128], lang[16] = "", terr[16] = "";
	size_t i, l = 0, t = 0;
	int inTerr = 0, bad = 0;
	if (v == NULL || *v == 0 || strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0) {
		return 0;
	}
	strncpy(buf, v, sizeof buf - 1);
	buf[sizeof buf - 1] = 0;
	buf[strcspn(buf, ".")] = 0;
	for (i = 0; buf[i]; i++) {
		char c = buf[i];
		if (c == '@') { // a modifier: not part of a language tag
			bad = 1;
			break;
		}
		if ((c == '_' || c == '-') && !inTerr) {
			inTerr = 1;
			continue;
		}
		if (!isalnum((unsigned char)c)) {
			bad = 1;
			continue;
		}
		if (inTerr) {
			if (t < sizeof terr - 1) terr[t++] = c;
		} else if (l < sizeof lang - 1) {
			lang[l++] = c;
		}
	}
	lang[l] = 0;
	terr[t] = 0;
	for (i = 0; i < l; i++) {
		if (!isalpha((unsigned char)lang[i])) l = 0;
	}
	if (l < 2 || l > 3) { // C, POSIX and other non-languages: English
		strncpy(out, "en", n);
		return 1;
	}
	if (!bad) {
		return 0;
	}
	if (t == 2 || t == 3) {
		snprintf(out, n, "%s_%s", lang, terr);
	} else {
		snprintf(out, n, "%s", lang);
	}
	return 1;
}

static void mbFixLocale(int argc, char **argv, char **envp) __attribute__((constructor));

static void mbFixLocale(int argc, char **argv, char **envp) {
	const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	const char *v = NULL, *language = getenv("LANGUAGE");
	char fix[64];
	int i;
	(void)envp;
	if (argc < 1 || argv == NULL || (language != NULL && *language != 0)) {
		return;
	}
	for (i = 0; i < 3; i++) {
		v = getenv(names[i]);
		if (v != NULL && *v != 0) break;
	}
	if (!mbLocaleFix(v, fix, sizeof fix)) {
		return;
	}
	if (setenv("LANGUAGE", fix, 1) != 0) {
		return;
	}
	execv("/proc/self/exe", argv);
	// The exec failed (no /proc): carry on; Fyne's messages will show.
}
*/
import "C"
