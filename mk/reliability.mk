# reliability.mk: the extension tested the way SQLite tests itself.
#
#   make oom-test        every allocation failed in turn (tests/oom.c)
#   make valgrind-test   the Tcl suite under valgrind (definite leaks, errors)
#   make thread-test     connections on threads in WAL mode (tests/threads.c)
#   make tsan-test       the same under ThreadSanitizer (clang)
#   make fuzz            libFuzzer for FUZZ_SECONDS (60) on tests/fuzz/corpus
#   make fuzz-replay     the corpus replayed once (regressions of fixed crashes)
#   make coverage        the suite against a --coverage build: line and branch
#                        coverage of ext/ (lcov when installed, else gcov)
# The drivers compile ext/*.c in with -DSQLITE_CORE and link Debian's
# libsqlite3, so they register the extension with sqlite3_aibubble_init.
# asan-test (Makefile) runs the suite under AddressSanitizer and UBSan;
# .ci/reliability runs asan-test, valgrind-test, oom-test and thread-test.

CORE_FLAGS = -std=c11 -Iext -DSQLITE_CORE -DAIBUBBLE_VERSION='"$(VERSION)"' $(WARNINGS)
CLANG ?= clang
FUZZ_SECONDS ?= 60
FUZZ_BIN = dist/fuzz/fuzz_aibubble
FUZZ_FLAGS = -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
  -fno-sanitize-recover=all
FUZZ_CORPUS = tests/fuzz/corpus

.PHONY: oom-test valgrind-test thread-test tsan-test fuzz fuzz-replay coverage reliability-deps

reliability-deps:
	@$(MAKE) --no-print-directory deps DEBIAN_PACKAGES="$(DEBIAN_PACKAGES) $(RELIABILITY_PACKAGES)"

RELIABILITY_PACKAGES = clang valgrind

$(FUZZ_BIN): tests/fuzz/fuzz_aibubble.c $(SOURCES) $(HEADERS) VERSION
	@mkdir -p $(dir $@)
	$(CLANG) $(CORE_FLAGS) $(FUZZ_FLAGS) -o $@ tests/fuzz/fuzz_aibubble.c $(SOURCES) -lsqlite3 -lm

# New inputs go to dist/fuzz/corpus, so a run never changes the seeds.
fuzz: reliability-deps $(FUZZ_BIN)
	@mkdir -p dist/fuzz/corpus
	UBSAN_OPTIONS=print_stacktrace=1 $(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) \
	  -timeout=10 -rss_limit_mb=2048 -max_len=512 -print_final_stats=1 \
	  -artifact_prefix=dist/fuzz/ dist/fuzz/corpus $(FUZZ_CORPUS)

fuzz-replay: reliability-deps $(FUZZ_BIN)
	UBSAN_OPTIONS=print_stacktrace=1 $(FUZZ_BIN) -timeout=10 -runs=0 $(FUZZ_CORPUS)

OOM_BIN = dist/oom/oom
$(OOM_BIN): tests/oom.c $(SOURCES) $(HEADERS) VERSION
	@mkdir -p $(dir $@)
	$(CC) $(CORE_FLAGS) -O0 -g -rdynamic -o $@ tests/oom.c $(SOURCES) -lsqlite3 -lm -ldl

oom-test: deps $(OOM_BIN)
	$(OOM_BIN) sql/schema.sql samples/sample.sql $(OOM_FLAGS)
