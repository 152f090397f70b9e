# plots.mk: pictures of the sample (README "Pictures").
#
#   make plots        samples/out/network.png: the network in the cascade at a
#                     50% hyperscaler cut (aibubble_dot, Graphviz); and
#                     samples/out/sweep.png: companies defaulted and revenue
#                     lost for cuts of 0..100% (gnuplot); with their .dot and
#                     .csv sources
#   make plots-deps   installs graphviz and gnuplot-nox when missing
#
# The drawing itself is samples/render_plots.sh, which tests/plots.test runs
# too; so make test (and asan-test) first installs the plotting packages.

PLOT_PACKAGES = graphviz gnuplot-nox
PLOTS_DIR = samples/out
PLOTS_PCT = 50

.PHONY: plots plots-deps

plots-deps:
	@$(MAKE) --no-print-directory deps DEBIAN_PACKAGES="$(PLOT_PACKAGES)"

plots: all plots-deps samples/bubble.db
	sh samples/render_plots.sh $(PLOTS_DIR) ./$(LIB) samples/bubble.db $(PLOTS_PCT)
	@echo "wrote $(PLOTS_DIR)/network.png and $(PLOTS_DIR)/sweep.png"

test asan-test: plots-deps
