# cdrtui: make run opens the workbench on the demo case; make test checks everything.
GO      ?= go
BIN     := bin/cdrtui
PKGS    := ./...
# Fuzz budgets are counts of inputs, not durations: with a duration, Go
# 1.26's fuzz coordinator can fail a target at the deadline with "context
# deadline exceeded" and no input (go.dev/issue/75804, fixed in Go 1.27)
# when the machine is busy.
FUZZTIME ?= 20000x

# One static binary, no cgo.
export CGO_ENABLED := 0

.PHONY: all build run test vet unit race fuzz bench dist clean

all: build

build:
	$(GO) build -trimpath -o $(BIN) ./cmd/cdrtui

run: build
	demo=$$(./$(BIN) demo) && ./$(BIN) "$$demo"

test: vet unit race fuzz

vet:
	$(GO) vet $(PKGS)
	@unformatted=$$(gofmt -l cmd internal); if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi

# A package's tests may take longer than go test's default 10 minutes on a
# busy two-core machine (the store's under the race detector take 8 here).
unit:
	$(GO) test -count=1 -timeout 30m $(PKGS)

# The race detector needs cgo; it runs on the packages with concurrency of
# their own (the UI's commands, the import pipeline) when a C compiler is there.
# Three whole-shell tests run in `unit` only: under the race detector's
# slowdown the demo build, and the two-shard cluster's answers to two
# workbenches compared screen by screen, outlast their wait. Of the
# ClickHouse store's tests, those with writers of their own at once (the
# audit trail's chains, notes numbered by two analysts) run under it; the
# rest, answers compared with a local case's, run in `unit`.
race:
	@if command -v gcc >/dev/null 2>&1; then \
		CGO_ENABLED=1 $(GO) test -race -count=1 -timeout 30m -skip '^(TestStartScreenDemo|TestStartScreenCreateRecentReopen|TestClickHouseWorkbench)$$' ./internal/ui/... ./internal/store && \
		CGO_ENABLED=1 $(GO) test -race -count=1 -timeout 30m -run '^TestClickHouse$$/^(audit_trail|notes_at_once)$$' ./internal/store/clickhouse; \
	else echo "no C compiler: race detector skipped"; fi

# A short run of every fuzz target: it must not find a panic. A failure
# prints the run's output (and the fuzzer keeps the input in testdata/fuzz).
fuzz:
	@set -e; log=$$(mktemp); trap 'rm -f $$log' EXIT; \
	for pkg in $$($(GO) list ./internal/...); do \
		dir=$$($(GO) list -f '{{.Dir}}' $$pkg); \
		for t in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go 2>/dev/null | sed 's/^func //'); do \
			echo "fuzz $$pkg $$t"; \
			if ! $(GO) test -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) $$pkg >$$log 2>&1; then cat $$log; exit 1; fi; \
		done; \
	done

# Benchmarks print their ratio to a reference measured in the same run,
# one package at a time (-p 1) so that no benchmark shares the two cores
# with another's.
# The ClickHouse case of BenchmarkClickHouseAtScale holds CH_SCALE_RECORDS
# records (issue 19's 100,000,000: growing it takes 30 minutes on a busy
# two-core machine; make bench CH_SCALE_RECORDS=2000000 for a quick run).
CH_SCALE_RECORDS ?= 100000000

bench: build
	@command -v sqlite3 >/dev/null 2>&1 || (apt-get install -y sqlite3 >/dev/null 2>&1 || sudo apt-get install -y sqlite3 >/dev/null 2>&1) || echo "sqlite3 shell missing: the import ratio will be skipped"
	CDRTUI_CH_SCALE_RECORDS=$(CH_SCALE_RECORDS) $(GO) test -p 1 -run '^$$' -bench . -benchtime 1x -timeout 240m $(PKGS)

# Static binaries for the platforms a field laptop or a server runs, with
# their SHA-256 in dist/SHA256SUMS (check with: sha256sum -c SHA256SUMS).
# -trimpath and an empty build id make the same source give the same bytes.
DIST_TARGETS := linux/amd64 linux/arm64 windows/amd64 darwin/arm64

dist:
	rm -rf dist && mkdir -p dist
	@set -e; for t in $(DIST_TARGETS); do \
		os=$${t%/*}; arch=$${t#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		out=dist/cdrtui-$$os-$$arch$$ext; echo "build $$out"; \
		GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags '-s -w -buildid=' -o $$out ./cmd/cdrtui; \
	done
	cd dist && sha256sum cdrtui-* > SHA256SUMS && cat SHA256SUMS

clean:
	rm -rf bin dist
