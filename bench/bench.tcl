# bench.tcl: make bench's driver. Measures each database in tclsh children
# (bench/measure.tcl), prints one table of times, ratios and memory, the
# growth per flow and the issue's targets, and writes them with a
# description of the machine to the results file (markdown).
#
#   tclsh bench/bench.tcl ?options? DB...
#     -lib PATH               the extension (dist/aibubble.so)
#     -memstat PATH           bench/memstat.c built as an extension
#     -out FILE               the results file (bench/results.md)
#     -seed N                 the generator's seed, for the description
#     -timeout S              a child's time limit (1800)
#     -breaking-max FLOWS     breaking_point for every company only on
#                             databases up to this many flows (1000000)
#     -breaking-timeout S     and at most S seconds each (300)
#     -baseline-limit S       the plain SQL cascade's time limit (60); after
#                             a size exceeds it, larger sizes are not tried
# The databases are those make bench generated (bench/generate.c), smallest
# first. A child that exceeds its limit is reported as "> limit".

set here [file dirname [file normalize [info script]]]
array set opt {
  -lib dist/aibubble.so -memstat bench/data/memstat.so -out bench/results.md -seed 1
  -timeout 1800 -breaking-max 1000000 -breaking-timeout 300 -baseline-limit 60
}
set dbs {}
for {set i 0} {$i < [llength $argv]} {incr i} {
  set arg [lindex $argv $i]
  if {[info exists opt($arg)]} {
    set opt($arg) [lindex $argv [incr i]]
  } elseif {[string match -* $arg]} {
    error "bench.tcl: unknown option $arg"
  } else {
    lappend dbs $arg
  }
}
set lib [file normalize $opt(-lib)]
set memstat [file normalize $opt(-memstat)]

# ---- running the children ----

# The dict a child prints, or {} with a note when it fails or times out.
proc child {timeout mode db args} {
  set command [list timeout $timeout [info nameofexecutable] \
                 [file join $::here measure.tcl] $mode $::lib $::memstat $db {*}$args]
  if {[catch {exec {*}$command 2>@ stderr} output]} {
    if {[lindex $::errorCode 0] eq "CHILDSTATUS" && [lindex $::errorCode 2] == 124} {
      return timeout
    }
    puts stderr "bench: $mode on $db failed: $output"
    return error
  }
  return [lindex [split [string trim $output] \n] end]
}

proc progress {message} {
  puts stderr "bench: $message"
}

proc read_file {path} {
  set fd [open $path]
  set text [read $fd]
  close $fd
  return $text
}

# The machine and the build, before the run.
proc machine {} {
  package require sqlite3
  sqlite3 probe :memory:
  probe enable_load_extension 1
  probe eval {SELECT load_extension($::lib)}
  set versions [probe eval {SELECT sqlite_version(), aibubble_version()}]
  probe close
  set cpu unknown
  regexp -line {^model name\s*:\s*(.*)$} [read_file /proc/cpuinfo] -> cpu
  regexp {MemTotal:\s*(\d+)} [read_file /proc/meminfo] -> memory_kb
  set commit unknown
  catch {
    set commit [exec git -C $::here rev-parse --short HEAD]
    if {[exec git -C $::here status --porcelain -- [file join $::here .. ext]] ne ""} {
      append commit " (with uncommitted changes in ext/)"
    }
  }
  return [list \
    "- CPU: $cpu, [exec nproc] processors (nproc)" \
    "- Memory: [format %.1f [expr {$memory_kb / 1048576.0}]] GiB" \
    "- SQLite [lindex $versions 0] (the library tclsh loads), aibubble [lindex $versions 1], commit $commit" \
    "- Load average before the run: [lrange [read_file /proc/loadavg] 0 2]" \
    "- Date: [clock format [clock seconds] -format {%Y-%m-%d %H:%M} -gmt 1] UTC"]
}
set machine [machine]

set rows {}
set baseline_stop ""
foreach db $dbs {
  set flows_label [file rootname [file tail $db]]
  progress "$flows_label: cascade_shock, exposure, sweep"
  set row [child $opt(-timeout) extension $db]
  if {$row in {timeout error}} {
    lappend rows [dict create label $flows_label failed $row]
    continue
  }
  set flows [dict get $row flows]
  if {$flows <= $opt(-breaking-max)} {
    progress "$flows_label: breaking_point for every company"
    set result [child $opt(-breaking-timeout) breaking $db]
    if {$result in {timeout error}} {
      dict set row breaking $result
    } else {
      set row [dict merge $row $result]
    }
  }
  if {$baseline_stop eq ""} {
    progress "$flows_label: the plain SQL cascade"
    set result [child [expr {$opt(-baseline-limit) + 600}] baseline $db $opt(-baseline-limit)]
    if {$result in {timeout error}} {
      dict set row baseline $result
    } else {
      set row [dict merge $row $result]
    }
    if {[dict get $row baseline] in {timeout error}} { set baseline_stop $flows }
  }
  lappend rows $row
}

# ---- formatting ----

proc value {row key} {
  if {[dict exists $row $key]} { return [dict get $row $key] }
  return ""
}

proc seconds_text {s {limit ""}} {
  if {$s eq ""} { return "-" }
  if {$s eq "timeout"} { return [expr {$limit eq "" ? "timeout" : "> $limit s"}] }
  if {$s eq "error"} { return "error" }
  if {$s < 1e-3} { return [format "%.0f us" [expr {$s * 1e6}]] }
  if {$s < 1} { return [format "%.1f ms" [expr {$s * 1e3}]] }
  if {$s < 100} { return [format "%.2f s" $s] }
  return [format "%.0f s" $s]
}

proc is_number {x} { string is double -strict $x }

proc ratio {a b} {
  if {![is_number $a] || ![is_number $b] || $b <= 0} { return "" }
  return [expr {double($a) / $b}]
}

proc ratio_text {r} {
  if {$r eq ""} { return "-" }
  if {$r >= 100} { return [format "%.0fx" $r] }
  if {$r >= 10} { return [format "%.1fx" $r] }
  return [format "%.2fx" $r]
}

proc count_text {n} {
  if {$n >= 1000000 && $n % 1000000 == 0} { return "[expr {$n / 1000000}]M" }
  if {$n >= 1000 && $n % 1000 == 0} { return "[expr {$n / 1000}]k" }
  return $n
}

proc megabytes {kb} {
  if {$kb eq ""} { return "-" }
  return [format "%.0f MB" [expr {$kb / 1024.0}]]
}

proc bytes_per_flow {row key} {
  set bytes [value $row $key]
  if {$bytes eq ""} { return "" }
  return [expr {double($bytes) / [dict get $row flows]}]
}

proc ns_per_flow {row key} {
  set s [value $row $key]
  if {![is_number $s]} { return "-" }
  return [format "%.1f" [expr {$s * 1e9 / [dict get $row flows]}]]
}

# A markdown table with aligned columns: header is a list, rows a list of lists.
proc table {header rows} {
  set widths {}
  foreach cell $header { lappend widths [string length $cell] }
  foreach row $rows {
    set i 0
    foreach cell $row {
      lset widths $i [expr {max([lindex $widths $i], [string length $cell])}]
      incr i
    }
  }
  set lines {}
  foreach row [list $header {} {*}$rows] {
    set cells {}
    set i 0
    foreach width $widths {
      if {$row eq {}} {
        lappend cells [string repeat - $width]
      } else {
        lappend cells [format "%-*s" $width [lindex $row $i]]
      }
      incr i
    }
    lappend lines "| [join $cells { | }] |"
  }
  return [join $lines \n]
}

proc main_table {rows} {
  set header {flows companies rounds scan "column scan" cold warm repeat "one round" sweep exposure-all
              breaking-all "SQL baseline" cold/scan "cold/column scan" warm/scan repeat/scan
              sweep/cold exposure/scan breaking/cold baseline/cold "network B/flow"
              "memo B/company" "load peak B/flow" "peak RSS"}
  set out {}
  foreach row $rows {
    if {[dict exists $row failed]} {
      lappend out [list [dict get $row label] [dict get $row failed]]
      continue
    }
    set b_per_flow [bytes_per_flow $row network_bytes]
    set peak_per_flow [bytes_per_flow $row load_peak_bytes]
    lappend out [list \
      [count_text [dict get $row flows]] [count_text [dict get $row companies]] \
      [dict get $row rounds] \
      [seconds_text [value $row scan]] [seconds_text [value $row column_scan]] \
      [seconds_text [value $row cold]] [seconds_text [value $row warm]] \
      [seconds_text [value $row repeat]] [seconds_text [value $row round]] \
      [seconds_text [value $row sweep]] \
      [seconds_text [value $row exposure]] \
      [seconds_text [value $row breaking] $::opt(-breaking-timeout)] \
      [seconds_text [value $row baseline] $::opt(-baseline-limit)] \
      [ratio_text [ratio [value $row cold] [value $row scan]]] \
      [ratio_text [ratio [value $row cold] [value $row column_scan]]] \
      [ratio_text [ratio [value $row warm] [value $row scan]]] \
      [ratio_text [ratio [value $row repeat] [value $row scan]]] \
      [ratio_text [ratio [value $row sweep] [value $row cold]]] \
      [ratio_text [ratio [value $row exposure] [value $row scan]]] \
      [ratio_text [ratio [value $row breaking] [value $row cold]]] \
      [ratio_text [ratio [value $row baseline] [value $row cold]]] \
      [expr {$b_per_flow eq "" ? "-" : [format %.1f $b_per_flow]}] \
      [memo_per_company $row] \
      [expr {$peak_per_flow eq "" ? "-" : [format %.1f $peak_per_flow]}] \
      [megabytes [value $row peak_rss_kb]]]
  }
  return [table $header $out]
}

proc memo_per_company {row} {
  set bytes [value $row memo_bytes]
  if {![is_number $bytes] || [dict get $row companies] == 0} { return "-" }
  return [format %.1f [expr {double($bytes) / [dict get $row companies]}]]
}

proc growth_table {rows} {
  set out {}
  foreach row $rows {
    if {[dict exists $row failed]} continue
    lappend out [list [count_text [dict get $row flows]] [ns_per_flow $row scan] \
                   [ns_per_flow $row cold] [ns_per_flow $row warm]]
  }
  return [table {flows "scan ns/flow" "cold ns/flow" "warm ns/flow"} $out]
}

proc checks_table {rows} {
  set out {}
  foreach row $rows {
    if {[dict exists $row failed]} continue
    set sql_lost [value $row baseline_revenue_lost]
    set difference "-"
    if {[is_number $sql_lost]} {
      set lost [dict get $row revenue_lost]
      set difference [format %.1e [expr {abs($lost - $sql_lost) / max(abs($lost), 1e-300)}]]
    }
    lappend out [list [count_text [dict get $row flows]] [dict get $row defaults] \
                   [format %.6g [dict get $row revenue_lost]] \
                   [value $row sweep_defaults_at_30] [value $row broken] \
                   [value $row baseline_defaults] [value $row baseline_rounds] \
                   $difference [value $row mismatches]]
  }
  return [table {flows "defaults at 30%" "revenue_lost" "sweep's defaults at 30"
                 "companies with a breaking point" "SQL defaults" "SQL rounds"
                 "revenue_lost rel. diff." "status or round mismatches"} $out]
}

# ---- targets ----

# The row of the given size, or the largest one measured.
proc row_for {rows flows} {
  set chosen ""
  foreach row $rows {
    if {[dict exists $row failed]} continue
    if {[dict get $row flows] == $flows} { return $row }
    set chosen $row
  }
  return $chosen
}

proc verdict {value limit} {
  if {$value eq ""} { return "not measured" }
  return [expr {$value <= $limit ? "met" : "not met"}]
}

proc targets_table {rows} {
  set out {}
  set big [row_for $rows 1000000]
  if {$big ne ""} {
    set at "[count_text [dict get $big flows]] flows"
    foreach {what key base limit} {
      "cold cascade_shock / scan" cold scan 2
      "warm cascade_shock / scan" warm scan 0.1
      "101-point sweep / cold"    sweep cold 3
    } {
      set r [ratio [value $big $key] [value $big $base]]
      lappend out [list "$what, $at" "<= ${limit}x" [ratio_text $r] [verdict $r $limit]]
    }
    set big_rounds [dict get $big rounds]
    foreach {what key base limit} [list \
      "cold / a scan of every column the model reads" cold column_scan "" \
      "one round of the cascade / scan ($big_rounds rounds a call)" round scan "" \
      "repeated call, same arguments (memo) / scan" repeat scan "" \
      "exposure for every company / scan" exposure scan "once per data version" \
    ] {
      set r [ratio [value $big $key] [value $big $base]]
      lappend out [list "$what, $at" $limit [ratio_text $r] "reported"]
    }
  }
  set mid [row_for $rows 100000]
  if {$mid ne ""} {
    set at "[count_text [dict get $mid flows]] flows, [count_text [dict get $mid companies]] companies"
    set breaking [value $mid breaking]
    set r [ratio $breaking [value $mid cold]]
    set shown [expr {$breaking eq "timeout" ? "> $::opt(-breaking-timeout) s" : [ratio_text $r]}]
    lappend out [list "breaking_point for every company / cold, $at" "< 10x" $shown \
                   [expr {$breaking eq "timeout" ? "not met" : [verdict $r 9.999999]}]]
  }
  set worst ""
  set speedups {}
  set agree 1
  set ran 0
  foreach row $rows {
    if {[dict exists $row failed]} continue
    set b [bytes_per_flow $row network_bytes]
    if {$b ne "" && ($worst eq "" || $b > $worst)} { set worst $b }
    if {[is_number [value $row mismatches]]} {
      incr ran
      if {[dict get $row mismatches] != 0} { set agree 0 }
      lappend speedups "[count_text [dict get $row flows]]: [ratio_text [ratio [dict get $row baseline] [dict get $row cold]]]"
    }
  }
  lappend out [list "compiled network, largest B/flow" "<= 64" \
                 [expr {$worst eq "" ? "-" : [format %.1f $worst]}] [verdict $worst 64]]
  lappend out [list "plain SQL cascade agrees (status, round per company)" "0 mismatches" \
                 "$ran sizes; faster: [join $speedups {, }]" \
                 [expr {$ran == 0 ? "not measured" : ($agree ? "met" : "not met")}]]
  foreach key {cold warm} {
    set per_flow {}
    foreach row $rows {
      if {![dict exists $row failed]} { lappend per_flow [ns_per_flow $row $key] }
    }
    set per_flow [lsearch -all -inline -not $per_flow -]
    if {[llength $per_flow] < 2} continue
    set r [expr {[lindex $per_flow end] / [tcl::mathfunc::min {*}$per_flow]}]
    lappend out [list "$key ns/flow flat: largest size / best size" "<= 1.5x" [ratio_text $r] \
                   [verdict $r 1.5]]
  }
  return [table {target limit measured verdict} $out]
}

# ---- output ----

set report [join [list \
  "# aibubble benchmark" "" \
  "Written by \`make bench\` (bench/bench.tcl); README \"Performance\" explains the method." "" \
  {*}$machine "" \
  "Networks: bench/generate.c, seed $opt(-seed); scenario: cascade_shock(30), the default spenders (kind hyperscaler)." "" \
  "## Times, ratios, memory" "" \
  [main_table $rows] "" \
  "## Growth: wall time per flow" "" \
  [growth_table $rows] "" \
  "## Targets (issue 5)" "" \
  [targets_table $rows] "" \
  "## Checks" "" \
  [checks_table $rows] ""] \n]
puts $report
set fd [open $opt(-out) w]
puts -nonewline $fd $report
close $fd
progress "wrote $opt(-out)"
