#!/bin/sh
# render_plots.sh: draws the sample's two pictures (make plots; tests/plots.test).
#
#   sh samples/render_plots.sh OUTDIR [LIB [DB [PCT]]]
#
# OUTDIR/network.dot, network.png  aibubble_dot(PCT) (default 50) rendered by
#                                  Graphviz dot to fit 1600 x 1000 pixels
# OUTDIR/sweep.csv, sweep.png      companies defaulted and revenue lost for
#                                  cuts 0..100, drawn by gnuplot (1000 x 600)
# LIB: the extension (default ./dist/aibubble); DB: default samples/bubble.db.
# Needs sqlite3, dot (graphviz) and gnuplot (gnuplot-nox); stops at the first
# failure. dot and gnuplot run without LD_PRELOAD: make asan-test preloads the
# sanitizers for the extension, and they would report the tools' own leaks.
set -eu
out=$1
lib=${2:-./dist/aibubble}
db=${3:-samples/bubble.db}
pct=${4:-50}
here=$(dirname "$0")
mkdir -p "$out"
sqlite3 -bail "$db" ".load $lib" "SELECT aibubble_dot($pct);" > "$out/network.dot"
env -u LD_PRELOAD dot -Tpng -Gsize='16,10!' -Gdpi=100 "$out/network.dot" -o "$out/network.png"
sqlite3 -bail -csv -header "$db" ".load $lib" "
WITH RECURSIVE p(v) AS (SELECT 0 UNION ALL SELECT v + 1 FROM p WHERE v < 100)
SELECT p.v AS cut_pct,
       (SELECT count(*) FROM cascade_shock(p.v) WHERE status IN ('default', 'failed')) AS defaulted,
       (SELECT round(sum(revenue_lost), 3) FROM cascade_shock(p.v)) AS revenue_lost
FROM p;" > "$out/sweep.csv"
env -u LD_PRELOAD gnuplot -e "datafile='$out/sweep.csv'; outfile='$out/sweep.png'" "$here/sweep.gp"
