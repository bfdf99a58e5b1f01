# Modelbench — `make run` opens the app, `make test` runs every test.
# Both install what is missing on Debian/Ubuntu first (apt-get, as root or
# through sudo); on macOS and Windows they print what to install.

SHELL := /bin/bash
GO ?= go
BIN := modelbench
export LANG ?= en_US.UTF-8
# Debug builds keep Fyne's thread checks on (STYLE.md).
GOTAGS ?= no_metadata

APT_BUILD := gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
             libxinerama-dev libxi-dev libxxf86vm-dev
APT_SMOKE := xvfb imagemagick xdotool
APT_REF   := python3-pandas python3-sklearn python3-scipy python3-onnx
APT_PACKAGE := $(APT_BUILD) gcc-mingw-w64-x86-64 xz-utils git
APT_TEST  := $(APT_PACKAGE) $(APT_SMOKE) $(APT_REF) chromium poppler-utils libxml2-utils
# The scoring service's benchmark: scikit-learn served by Flask under gunicorn.
APT_SERVE := $(APT_REF) python3-flask gunicorn wrk

.PHONY: run test bench bench-all bench-serve soak smoke cliclean package windows icons lint deps deps-build deps-test deps-package deps-serve build unit vet archcheck clean help

help:
	@echo "make run      build and open Modelbench on a bundled sample dataset"
	@echo "make test     vet, unit tests (no display), import rules, GUI build and a real-window smoke test"
	@echo "make bench    speed and memory against pandas / scikit-learn, same run, ratios (headline tasks)"
	@echo "make bench-all  every benchmark task, then the Go benchmarks"
	@echo "make bench-serve  modelbench-serve against Flask + scikit-learn on loopback: throughput, p99 at 1,000 req/s, ratio"
	@echo "make soak     modelbench-serve under steady load for 5 minutes: memory must stay flat (not in CI)"
	@echo "make smoke    start the real app under Xvfb and check its window"
	@echo "make package  dist/: Linux tarball, Windows exe (mingw-w64), modelbench-serve for four systems"
	@echo "make windows  only the Windows exe (make test builds it once, to catch Windows breaks)"
	@echo "make icons    regenerate assets/icons/ from assets/icon.png"
	@echo "make lint     gofmt, go vet, staticcheck"

deps-build:
	@.ci/deps.sh $(APT_BUILD)

deps-package:
	@.ci/deps.sh $(APT_PACKAGE)

deps-test:
	@.ci/deps.sh $(APT_TEST)

build: deps-build
	CGO_ENABLED=1 $(GO) build -tags $(GOTAGS) -o $(BIN) .

run: build
	./$(BIN) --sample penguins

vet: deps-build
	CGO_ENABLED=1 $(GO) vet ./...

# The unit tests that need Chromium, ONNX Runtime (from npm, installed
# outside the repository by .ci/onnxruntime.sh) or PostgreSQL fail instead
# of skipping when these are set, so CI cannot pass without them.
unit:
	@url="$$(bash .ci/postgres.sh | tail -n 1)"; \
	case "$$url" in postgres*) ;; *) echo "make unit: PostgreSQL for the source tests could not be started"; exit 1;; esac; \
	echo "MODELBENCH_TEST_PG=$$url"; \
	ort="$$(bash .ci/onnxruntime.sh | tail -n 1)"; \
	echo "MODELBENCH_ORT_DIR=$$ort"; \
	MODELBENCH_TEST_PG="$$url" MODELBENCH_ORT_DIR="$$ort" MODELBENCH_REQUIRE_CHROMIUM=1 CGO_ENABLED=0 \
		$(GO) test -count=1 ./workflow/... ./plots/... ./ui/... ./cli/... ./assets/... ./logfile/... ./cmd/...

archcheck:
	CGO_ENABLED=0 $(GO) test -count=1 -run TestImportRules ./workflow/

test: deps-test vet unit build cliclean smoke windows

# The headless commands print nothing of Fyne's, whatever the locale.
cliclean: build
	@.ci/cli-clean.sh ./$(BIN)

smoke: build
	@.ci/smoke.sh ./$(BIN)

bench: deps-test
	CGO_ENABLED=0 $(GO) build -o /tmp/mbbench ./cmd/mbbench
	/tmp/mbbench $(if $(RUN),-run '$(RUN)')
	CGO_ENABLED=0 $(GO) test -run '^$$' -bench . -benchmem ./workflow/... ./plots/...

bench-all: deps-test
	CGO_ENABLED=0 $(GO) build -o /tmp/mbbench ./cmd/mbbench
	/tmp/mbbench -all
	CGO_ENABLED=0 $(GO) test -run '^$$' -bench . -benchmem ./workflow/... ./plots/...

# Release packages (see .ci/package.sh and NOTES-ship.md): fyne package for
# Linux and Windows, static modelbench-serve binaries when cmd/modelbench-serve
# exists. The Go build cache is kept, so a second run takes seconds.
package: deps-package
	@.ci/package.sh

windows: deps-package
	@.ci/package.sh windows

icons:
	$(GO) run ./cmd/mbicons

deps-serve:
	@.ci/deps.sh $(APT_SERVE)

# Loopback only, every attack bounded in time and count (cmd/servebench).
SERVEBENCH = CGO_ENABLED=0 $(GO) build -o /tmp/modelbench-serve ./cmd/modelbench-serve && \
	CGO_ENABLED=0 $(GO) build -o /tmp/servebench ./cmd/servebench && /tmp/servebench -server /tmp/modelbench-serve

bench-serve: deps-serve
	$(SERVEBENCH) $(SERVEBENCH_FLAGS)

soak: deps-serve
	$(SERVEBENCH) -soak 5m -no-flask $(SERVEBENCH_FLAGS)


lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)
	CGO_ENABLED=1 $(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.7.0 ./...

clean:
	rm -rf $(BIN) $(BIN)-serve dist
