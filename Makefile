# aibubble: a SQLite extension for systemic risk in the AI build-out.
#
#   make            build dist/aibubble.so
#   make demo       build samples/bubble.db and print the sample's results
#   make test       run the Tcl test suite
#   make asan-test  the suite against an AddressSanitizer + UBSan build
#   make clean
# Each target installs missing Debian packages first (make deps).

VERSION := $(shell cat VERSION)
CC ?= cc
WARNINGS = -Wall -Wextra -Werror
CFLAGS ?= -O2 -g
# Only the entry point is exported (ext/aibubble.c): the other functions
# keep their names to this library, whatever else the process has loaded.
SO_FLAGS = -fPIC -fvisibility=hidden
ALL_CFLAGS = -std=c11 $(SO_FLAGS) $(WARNINGS) $(CFLAGS) -DAIBUBBLE_VERSION='"$(VERSION)"'
SOURCES = $(wildcard ext/*.c)
HEADERS = $(wildcard ext/*.h)
LIB = dist/aibubble.so
ASAN_LIB = dist/asan/aibubble.so
ASAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
DEBIAN_PACKAGES = gcc make libsqlite3-dev sqlite3 tcl libsqlite3-tcl
TCLSH = tclsh

.PHONY: all deps test demo asan-test clean

all: deps $(LIB)

$(LIB): $(SOURCES) $(HEADERS) VERSION
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -shared -o $@ $(SOURCES) -lm

$(ASAN_LIB): $(SOURCES) $(HEADERS) VERSION
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(SO_FLAGS) $(WARNINGS) $(ASAN_FLAGS) -DAIBUBBLE_VERSION='"$(VERSION)"' \
	  -shared -o $@ $(SOURCES) -lm

# Installs the Debian packages that are missing (as root), or says which.
deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${db:Status-Abbrev}' $$p 2>/dev/null | grep -q '^ii' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "missing Debian packages:$$missing (run make as root, or apt-get install them)"; exit 1; fi; \
	  echo "installing$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y -q $$missing >/dev/null 2>&1 || \
	  { apt-get update -q >/dev/null && apt-get install -y -q $$missing >/dev/null; } || exit 1; \
	fi

test: all
	$(TCLSH) tests/all.tcl $(LIB)

# Provenance, claims audit and views on top of the sample (README "Data and provenance").
SAMPLE_EXTRA_SQL = sql/provenance.sql samples/facts.sql sql/audit.sql samples/article_claims.sql sql/views.sql
samples/bubble.db: sql/schema.sql samples/sample.sql $(SAMPLE_EXTRA_SQL)
	rm -f $@
	sqlite3 $@ < sql/schema.sql
	sqlite3 $@ < samples/sample.sql
	for f in $(SAMPLE_EXTRA_SQL); do sqlite3 -bail $@ < $$f || { rm -f $@; exit 1; }; done

demo: all samples/bubble.db
	sqlite3 -bail samples/bubble.db < samples/demo.sql

asan-test: deps $(ASAN_LIB)
	LD_PRELOAD="$$($(CC) -print-file-name=libasan.so) $$($(CC) -print-file-name=libubsan.so)" \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=23 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	$(TCLSH) tests/all.tcl $(ASAN_LIB)

clean:
	rm -rf dist samples/bubble.db samples/out

# Further targets, one file per concern (bench, install, fuzz, ...).
-include mk/*.mk
