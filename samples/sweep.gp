# sweep.gp: the sweep chart (samples/render_plots.sh; make plots).
#   gnuplot -e "datafile='sweep.csv'; outfile='sweep.png'" samples/sweep.gp
# datafile: CSV with a header, columns cut_pct, defaulted, revenue_lost
# (USD bn); outfile: a 1000 x 600 PNG, companies defaulted (bars, left
# axis) and revenue lost (line, right axis) against the hyperscalers' cut.
set terminal pngcairo size 1000,600 font "Sans,11"
set output outfile
set datafile separator ","
set key top left
set title "Cascade sweep: hyperscalers cut pct of their outflows"
set xlabel "hyperscaler cut (pct of outflows)"
set ylabel "companies defaulted or failed"
set y2label "revenue lost (USD bn a year)"
set xrange [-1:101]
set yrange [0:*]
set y2range [0:*]
set ytics nomirror
set y2tics
set grid ytics
set style fill solid 0.6 noborder
plot datafile using 1:2 skip 1 with boxes lc rgb "#e74c3c" title "companies defaulted", \
     datafile using 1:3 skip 1 axes x1y2 with lines lw 2 lc rgb "#2c3e50" title "revenue lost"
