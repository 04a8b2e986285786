# TraceLabel: `make run` builds and runs the example job; `make test` builds and runs every test.
# Both install what is missing first (tools/setup.sh: apt packages and a Python venv in .venv).

SWIFT ?= swift
OUT ?= out
BIN = .build/debug/tracelabel
# `make install`: where (DESTDIR stages a package: files go to $(DESTDIR)$(PREFIX), found at run time under $(PREFIX)),
# and which build (release by default; CONFIG=debug installs the debug binary, quicker to build while trying it out).
PREFIX ?= /usr/local
DESTDIR ?=
CONFIG ?= release

.PHONY: all setup build run serve test bench install clean fuzz sanitize faults

all: build

setup:
	@tools/setup.sh

build: setup
	$(SWIFT) build

# The main job: 200 one-item labels of the e-bike battery, registry + A4 sheet PDF + 300 dpi PNG spool.
run: build
	rm -rf $(OUT)
	$(BIN) issue --product examples/ebike-battery.yaml --mode item --count 200 --line L1 \
	  --shift 2026-11-27-A --registry $(OUT)/registry.jsonl --pdf $(OUT)/L1-2026-11-27-A.pdf \
	  --spool $(OUT)/spool/printer-1

# The service on 127.0.0.1:8080 over examples/ and the registry `make run` writes (service.yaml), so that a label
# printed by `make run` resolves on it. Prints a new admin demo token once (only its hash is kept in out/tokens.yaml).
serve: build
	@test -f $(OUT)/registry.jsonl || $(MAKE) run
	@echo "demo token (admin, shown once): $$($(BIN) token add --file $(OUT)/tokens.yaml --name demo-$$(date +%Y%m%d%H%M%S) --role admin)"
	$(BIN) serve --config service.yaml

# The tests run with the folders beside the repository hidden (tools/without-siblings.sh), as in a lone clone;
# tools/check-standalone.sh first refuses any code, test or build file that names a path outside the repository.
test: setup
	tools/check-standalone.sh
	$(SWIFT) build --build-tests
	tools/without-siblings.sh $(SWIFT) test --skip-build

# The crash harness at full length: 500 SIGKILLs of jobs (every mode and code source, PDFs and spools) and
# checkpoints against the release build, every power-loss, failed-fsync and full-disk point (tools/faultfs, PowerLossTests),
# then the process tests (concurrent writers, kills, a full disk).
FAULT_KILLS ?= 500
faults: setup
	$(SWIFT) build -c release --product tracelabel --scratch-path .build-release
	$(SWIFT) build --build-tests
	TRACELABEL_BIN=$(CURDIR)/.build-release/release/tracelabel TRACELABEL_FAULT_KILLS=$(FAULT_KILLS) \
	  tools/without-siblings.sh $(SWIFT) test --skip-build --filter 'CrashFaultTests|PowerLossTests|RegistryProcessTests'

# libFuzzer + AddressSanitizer over the parsers (element string, HRI, Digital Link, scan data, Ecode, product file,
# template, registry line), FUZZ_SECONDS each (default 60); inputs that crash land in .build-fuzz/crashes/ (tools/fuzz.sh).
fuzz: setup
	tools/fuzz.sh $(FUZZ_TARGETS)

# The unit and end-to-end tests once under AddressSanitizer and once under ThreadSanitizer (tools/sanitize.sh).
sanitize: setup
	tools/sanitize.sh $(SANITIZERS)

# Release build, peers installed by Benchmarks/setup.sh, then every workload side by side (see Benchmarks/README.md),
# then the service under wrk (Benchmarks/service/run.sh, bench-out/service-results.md).
bench: setup
	Benchmarks/setup.sh
	$(SWIFT) build -c release --product tracelabel --scratch-path .build-release
	$(SWIFT) build -c release --product tracecore-bench --scratch-path .build-release
	.venv/bin/python Benchmarks/run.py $(BENCH_ARGS)
	Benchmarks/service/run.sh

# The binary, the built-in templates (with sheets and images), the fonts README and the docs: tools/install.sh.
install:
ifeq ($(CONFIG),release)
	$(SWIFT) build -c release --product tracelabel --scratch-path .build-release
	tools/install.sh .build-release/release/tracelabel "$(DESTDIR)$(PREFIX)"
else ifeq ($(CONFIG),debug)
	$(SWIFT) build --product tracelabel
	tools/install.sh $(BIN) "$(DESTDIR)$(PREFIX)"
else
	$(error CONFIG must be release or debug, not '$(CONFIG)')
endif

clean:
	rm -rf .build .build-release bench-out $(OUT)
