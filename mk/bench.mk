# bench.mk: the performance benchmark (README "Performance").
#
#   make bench        generates the synthetic networks of BENCH_SIZES flows
#                     (once; kept in bench/data, remade only when the
#                     generator or the schema changes), measures them with
#                     the extension and with the plain SQL cascade, prints
#                     the table and writes bench/results.md
#   make bench BENCH_SIZES="10000 100000"     a quicker run
#   make bench-clean  removes bench/data
#
# Tuning: BENCH_SEED (1), BENCH_BREAKING_MAX (breaking_point for every
# company only up to this many flows, 1000000), BENCH_BREAKING_TIMEOUT (300
# seconds), BENCH_BASELINE_LIMIT (60 seconds for the plain SQL cascade).

BENCH_SIZES ?= 10000 100000 1000000 10000000
BENCH_SEED ?= 1
BENCH_BREAKING_MAX ?= 1000000
BENCH_BREAKING_TIMEOUT ?= 300
BENCH_BASELINE_LIMIT ?= 60
BENCH_DATA = bench/data
BENCH_GENERATOR = $(BENCH_DATA)/generate
BENCH_MEMSTAT = $(BENCH_DATA)/memstat.so
BENCH_CFLAGS = -std=c11 $(WARNINGS) $(CFLAGS)
BENCH_DBS = $(foreach size,$(BENCH_SIZES),$(BENCH_DATA)/flows-$(size)-seed$(BENCH_SEED).db)

.PHONY: bench bench-clean

# The run measures a copy of the extension, which a rebuild cannot change.
bench: all $(BENCH_MEMSTAT) $(BENCH_DBS)
	@mkdir -p $(BENCH_DATA)/lib
	rm -f $(BENCH_DATA)/lib/aibubble.so && cp $(LIB) $(BENCH_DATA)/lib/aibubble.so
	$(TCLSH) bench/bench.tcl -lib $(BENCH_DATA)/lib/aibubble.so -memstat $(BENCH_MEMSTAT) \
	  -out bench/results.md \
	  -seed $(BENCH_SEED) -breaking-max $(BENCH_BREAKING_MAX) \
	  -breaking-timeout $(BENCH_BREAKING_TIMEOUT) -baseline-limit $(BENCH_BASELINE_LIMIT) \
	  $(BENCH_DBS)

$(BENCH_GENERATOR): bench/generate.c
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -o $@ $< -lm

$(BENCH_MEMSTAT): bench/memstat.c
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -fPIC -shared -o $@ $<

# The stem is the number of flows; the seed is in the name.
$(BENCH_DATA)/flows-%-seed$(BENCH_SEED).db: $(BENCH_GENERATOR) sql/schema.sql
	rm -f $@ $@.tmp
	sqlite3 -bail $@.tmp < sql/schema.sql
	$(BENCH_GENERATOR) $* $(BENCH_SEED) | sqlite3 -bail $@.tmp
	test "$$(sqlite3 $@.tmp 'SELECT count(*) FROM flows')" = $*
	mv $@.tmp $@

bench-clean:
	rm -rf $(BENCH_DATA)
