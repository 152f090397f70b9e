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
#   make coverage-all    the same for the suite and oom-test together
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

.PHONY: oom-test valgrind-test thread-test tsan-test fuzz fuzz-replay coverage coverage-all reliability-deps

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
$(OOM_BIN): tests/oom.c tests/read_file.h $(SOURCES) $(HEADERS) VERSION
	@mkdir -p $(dir $@)
	$(CC) $(CORE_FLAGS) -O0 -g -rdynamic -o $@ tests/oom.c $(SOURCES) -lsqlite3 -lm -ldl

oom-test: deps $(OOM_BIN)
	$(OOM_BIN) sql/schema.sql samples/sample.sql $(OOM_FLAGS)

THREADS_BIN = dist/threads/threads
TSAN_BIN = dist/threads/threads-tsan
THREAD_SECONDS ?= 8
$(THREADS_BIN): tests/threads.c tests/read_file.h $(SOURCES) $(HEADERS) VERSION
	@mkdir -p $(dir $@)
	$(CC) $(CORE_FLAGS) -O2 -g -pthread -o $@ tests/threads.c $(SOURCES) -lsqlite3 -lm

$(TSAN_BIN): tests/threads.c tests/read_file.h $(SOURCES) $(HEADERS) VERSION
	@mkdir -p $(dir $@)
	$(CLANG) $(CORE_FLAGS) -O1 -g -fsanitize=thread -pthread -o $@ tests/threads.c $(SOURCES) -lsqlite3 -lm

# Prerequisite-free apart from its own build: CI runs it on its own.
thread-test: $(THREADS_BIN)
	$(THREADS_BIN) sql/schema.sql samples/sample.sql dist/threads/threads.db $(THREAD_SECONDS)

tsan-test: reliability-deps $(TSAN_BIN)
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
	  $(TSAN_BIN) sql/schema.sql samples/sample.sql dist/threads/tsan.db $(THREAD_SECONDS)

# The suite under valgrind: errors and definite leaks fail the run. The
# files run in two groups at once (CI has two cores). random.test and
# breaking_point.test spend their time comparing with a naive Tcl model and
# with a grid scan of 10,001 cascades per network (together some ten
# minutes here), so they are skipped by default; asan-test runs them, and
# the other files call every function here too.
VALGRIND = valgrind -q --error-exitcode=42 --leak-check=full --show-leak-kinds=definite \
  --errors-for-leak-kinds=definite --track-origins=no
VALGRIND_SKIP ?= tests/random.test tests/breaking_point.test
VALGRIND_TESTS = $(filter-out $(VALGRIND_SKIP),$(sort $(wildcard tests/*.test)))
valgrind-test: reliability-deps $(LIB)
	@mkdir -p dist/valgrind
	@i=0; one=""; two=""; \
	for f in $(VALGRIND_TESTS); do i=$$((i + 1)); if [ $$((i % 2)) = 1 ]; then one="$$one $$f"; else two="$$two $$f"; fi; done; \
	$(VALGRIND) $(TCLSH) tests/all.tcl $(LIB) $$one > dist/valgrind/1.log 2>&1 & p1=$$!; \
	$(VALGRIND) $(TCLSH) tests/all.tcl $(LIB) $$two > dist/valgrind/2.log 2>&1 & p2=$$!; \
	wait $$p1; rc1=$$?; wait $$p2; rc2=$$?; \
	cat dist/valgrind/1.log dist/valgrind/2.log; \
	echo "valgrind-test: exit codes $$rc1 and $$rc2 (42: valgrind found an error or a definite leak)"; \
	test $$rc1 -eq 0 && test $$rc2 -eq 0

# Line and branch coverage of ext/ by the Tcl suite, from a --coverage
# build (one object per source, so gcov finds each file's notes). With lcov
# (a Debian package): a summary, a per-file list and an HTML report in
# dist/coverage/html; without it, gcov's own per-file summaries.
COV_DIR = dist/coverage
COV_OBJS = $(patsubst ext/%.c,$(COV_DIR)/obj/%.o,$(SOURCES))
COV_LIB = $(COV_DIR)/aibubble.so
LCOV = lcov --quiet --rc lcov_branch_coverage=1

$(COV_DIR)/obj/%.o: ext/%.c $(HEADERS) VERSION
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -O0 --coverage -c -o $@ $<

$(COV_LIB): $(COV_OBJS)
	$(CC) -shared --coverage -o $@ $(COV_OBJS) -lm

coverage: deps $(COV_LIB)
	@$(MAKE) --no-print-directory deps DEBIAN_PACKAGES=lcov >/dev/null 2>&1 || true
	rm -f $(COV_DIR)/obj/*.gcda
	$(TCLSH) tests/all.tcl $(COV_LIB) > $(COV_DIR)/suite.log 2>&1 || { tail -20 $(COV_DIR)/suite.log; exit 1; }
	tail -1 $(COV_DIR)/suite.log
	@if command -v lcov >/dev/null; then \
	  { $(LCOV) --capture --directory $(COV_DIR)/obj --base-directory $(CURDIR) \
	    --output-file $(COV_DIR)/coverage.info 2>&1 | grep -v redefined; true; } && \
	  $(LCOV) --list $(COV_DIR)/coverage.info && \
	  lcov --rc lcov_branch_coverage=1 --summary $(COV_DIR)/coverage.info 2>&1 | grep -E '^ +(lines|functions|branches)' && \
	  genhtml --quiet --branch-coverage --output-directory $(COV_DIR)/html $(COV_DIR)/coverage.info && \
	  echo "coverage: report in $(COV_DIR)/html/index.html"; \
	else \
	  cd $(COV_DIR)/obj && for f in $(SOURCES); do gcov -b -n -o . ../../../$$f | sed -n '/^File/,/^$$/p'; done; \
	fi

# oom-test's driver built on --coverage objects of its own (SQLITE_CORE),
# its counts added to the suite's: what the failure paths add.
COV_CORE_OBJS = $(patsubst ext/%.c,$(COV_DIR)/core/%.o,$(SOURCES))
$(COV_DIR)/core/%.o: ext/%.c $(HEADERS) VERSION
	@mkdir -p $(dir $@)
	$(CC) $(CORE_FLAGS) -O0 -g --coverage -c -o $@ $<

$(COV_DIR)/oom: tests/oom.c tests/read_file.h $(COV_CORE_OBJS)
	$(CC) $(CORE_FLAGS) -O0 -g -rdynamic --coverage -o $@ tests/oom.c $(COV_CORE_OBJS) -lsqlite3 -lm -ldl

coverage-all: coverage $(COV_DIR)/oom
	rm -f $(COV_DIR)/core/*.gcda
	$(COV_DIR)/oom sql/schema.sql samples/sample.sql
	$(LCOV) --capture --directory $(COV_DIR)/core --base-directory $(CURDIR) \
	  --output-file $(COV_DIR)/oom.info 2>&1 | grep -v redefined || true
	$(LCOV) --add-tracefile $(COV_DIR)/coverage.info --add-tracefile $(COV_DIR)/oom.info \
	  --output-file $(COV_DIR)/all.info
	$(LCOV) --list $(COV_DIR)/all.info
	lcov --rc lcov_branch_coverage=1 --summary $(COV_DIR)/all.info 2>&1 | grep -E '^ +(lines|functions|branches)'
