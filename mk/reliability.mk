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

# With SQLITE_CORE, calls into SQLite are direct and inlining differs from
# the shared build: gcc's maybe-uninitialized then warns where it cannot
# follow a return code, so that one warning is not an error here.
CORE_FLAGS = -std=c11 -Iext -DSQLITE_CORE -DAIBUBBLE_VERSION='"$(VERSION)"' $(WARNINGS)
GCC_CORE_FLAGS = $(CORE_FLAGS) -Wno-error=maybe-uninitialized
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
	$(CC) $(GCC_CORE_FLAGS) -O0 -g -rdynamic -o $@ tests/oom.c $(SOURCES) -lsqlite3 -lm -ldl

oom-test: deps $(OOM_BIN)
	$(OOM_BIN) sql/schema.sql samples/sample.sql $(OOM_FLAGS)

THREADS_BIN = dist/threads/threads
TSAN_BIN = dist/threads/threads-tsan
THREAD_SECONDS ?= 8
$(THREADS_BIN): tests/threads.c $(SOURCES) $(HEADERS) VERSION
	@mkdir -p $(dir $@)
	$(CC) $(GCC_CORE_FLAGS) -O2 -g -pthread -o $@ tests/threads.c $(SOURCES) -lsqlite3 -lm

$(TSAN_BIN): tests/threads.c $(SOURCES) $(HEADERS) VERSION
	@mkdir -p $(dir $@)
	$(CLANG) $(CORE_FLAGS) -O1 -g -fsanitize=thread -pthread -o $@ tests/threads.c $(SOURCES) -lsqlite3 -lm

# Prerequisite-free apart from its own build: CI runs it on its own.
thread-test: $(THREADS_BIN)
	$(THREADS_BIN) sql/schema.sql samples/sample.sql dist/threads/threads.db $(THREAD_SECONDS)

tsan-test: reliability-deps $(TSAN_BIN)
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
	  $(TSAN_BIN) sql/schema.sql samples/sample.sql dist/threads/tsan.db $(THREAD_SECONDS)

# The suite under valgrind: errors and definite leaks fail the run. The
# files run in two groups at once (CI has two cores). random.test spends
# its time in the naive Tcl model (its 300 networks would take about eight
# minutes here), so it is skipped by default; asan-test runs it.
VALGRIND = valgrind -q --error-exitcode=42 --leak-check=full --show-leak-kinds=definite \
  --errors-for-leak-kinds=definite --track-origins=no
VALGRIND_SKIP ?= tests/random.test
VALGRIND_TESTS = $(filter-out $(VALGRIND_SKIP),$(sort $(wildcard tests/*.test)))
valgrind-test: reliability-deps $(LIB)
	@mkdir -p dist/valgrind
	@set -- $(VALGRIND_TESTS); half=$$(( ($$# + 1) / 2 )); i=0; one=""; two=""; \
	for f; do i=$$((i + 1)); if [ $$i -le $$half ]; then one="$$one $$f"; else two="$$two $$f"; fi; done; \
	$(VALGRIND) $(TCLSH) tests/all.tcl $(LIB) $$one > dist/valgrind/1.log 2>&1 & p1=$$!; \
	$(VALGRIND) $(TCLSH) tests/all.tcl $(LIB) $$two > dist/valgrind/2.log 2>&1 & p2=$$!; \
	wait $$p1; rc1=$$?; wait $$p2; rc2=$$?; \
	cat dist/valgrind/1.log dist/valgrind/2.log; \
	echo "valgrind-test: exit codes $$rc1 and $$rc2 (42: valgrind found an error or a definite leak)"; \
	test $$rc1 -eq 0 && test $$rc2 -eq 0
