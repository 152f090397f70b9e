# measure.tcl: the measurements of one database for bench.tcl, each kind in
# a tclsh of its own, so that peak memory is per size and per kind.
#
#   tclsh bench/measure.tcl extension LIB MEMSTAT DB
#   tclsh bench/measure.tcl breaking  LIB MEMSTAT DB
#   tclsh bench/measure.tcl baseline  LIB MEMSTAT DB LIMIT_SECONDS
#
# Prints one line, a Tcl dict; times are in seconds, of the wall clock.
#   extension  flows, companies; scan: SELECT sum(amount) FROM flows (best
#              of 5, after one untimed read); column_scan: the same, reading
#              every column the model reads (count(payer), ...); cold: the
#              first cascade_shock(30)
#              on a new connection (best of 3 connections), with its
#              defaults, revenue_lost, rounds; warm: cascade_shock at 5 pcts
#              from 31 to 45, in steps that never repeat (so no sweep runs
#              ahead), on the last of them (best); repeat: cascade_shock(45) again, which
#              the memo of recent cascades answers (best of 3); round: what
#              one more round of the cascade costs, (t8 - t4) / 4 where tN is
#              a call stopped after N rounds (max_rounds, best of 3 pcts
#              each); sweep: the
#              README's 101-point sweep
#              on a new connection; exposure: SELECT name, exposure(name)
#              FROM companies on a connection whose network is cached;
#              network_bytes: SQLite memory kept after a call that loads
#              the network and fails on an unknown spender (on a connection
#              whose page cache was filled first); memo_bytes: what a cold
#              call then adds, the cascade its memo keeps; load_peak_bytes:
#              the most SQLite memory held during both; peak_rss_kb: VmHWM
#   breaking   breaking: SELECT name, breaking_point(name) FROM companies on
#              a new connection; broken: companies with a breaking point
#   baseline   baseline: bench/baseline.tcl's plain SQL cascade at 30%, or
#              "timeout" past LIMIT_SECONDS; then its defaults, revenue_lost
#              and rounds, and mismatches: companies whose status or
#              default round differs from cascade_shock(30)'s
# The best of several runs, not their median: on a shared machine the
# other processes only ever add time. Databases are opened read-only:
# measuring never changes them.

package require sqlite3

lassign $argv mode lib memstat file limit
set here [file dirname [file normalize [info script]]]

proc open_db {name file} {
  sqlite3 $name $file -readonly 1
  $name enable_load_extension 1
  $name eval {SELECT load_extension($::lib), load_extension($::memstat)}
  $name enable_load_extension 0
}

# Seconds taken by script, run in the caller; its result in ::last.
proc seconds {script} {
  set start [clock microseconds]
  set ::last [uplevel 1 $script]
  return [expr {([clock microseconds] - $start) / 1e6}]
}

proc best {values} {
  return [tcl::mathfunc::min {*}$values]
}

proc peak_rss_kb {} {
  set fd [open /proc/self/status]
  set status [read $fd]
  close $fd
  regexp {VmHWM:\s*(\d+)} $status -> kb
  return $kb
}

# Steps that never repeat, so that no call continues a sweep (which would
# run the next pcts ahead and answer from the memo).
set WARM_PCTS {31 33 36 40 45}
set CASCADE {
  SELECT count(*) FILTER (WHERE status = 'default'), total(revenue_lost), max(rounds)
  FROM cascade_shock($pct)
}
set SWEEP {
  WITH RECURSIVE p(v) AS (SELECT 0 UNION ALL SELECT v + 1 FROM p WHERE v < 100)
  SELECT v, (SELECT count(*) FROM cascade_shock(p.v) WHERE status = 'default') FROM p
}
set STOPPED {
  SELECT count(*) FROM cascade_shock($pct, NULL, json_object('max_rounds', CAST($stop_after AS INTEGER)))
  WHERE status = 'default'
}
set COLUMN_SCAN {
  SELECT count(payer), count(payee), count(kind), total(amount), count(on_behalf_of) FROM flows
}
set EXPOSURE_ALL {SELECT count(e), total(e) FROM (SELECT name, exposure(name) AS e FROM companies)}
set BREAKING_ALL {
  SELECT count(b), total(b) FROM (SELECT name, breaking_point(name) AS b FROM companies)
}

proc measure_extension {file} {
  open_db db $file
  set flows [db onecolumn {SELECT count(*) FROM flows}]
  set companies [db onecolumn {SELECT count(*) FROM companies}]
  db eval {SELECT sum(amount) FROM flows}
  set scans {}
  for {set i 0} {$i < 5} {incr i} {
    lappend scans [seconds {db eval {SELECT sum(amount) FROM flows}}]
  }
  set column_scans {}
  for {set i 0} {$i < 3} {incr i} {
    lappend column_scans [seconds {db eval $::COLUMN_SCAN}]
  }
  set pct 30
  set colds {}
  for {set i 0} {$i < 3} {incr i} {
    catch {warm close}
    open_db warm $file
    lappend colds [seconds {warm eval $::CASCADE}]
    lassign $::last defaults revenue_lost rounds
  }
  set warms {}
  foreach pct $::WARM_PCTS {
    lappend warms [seconds {warm eval $::CASCADE}]
  }
  set repeats {}
  for {set i 0} {$i < 3} {incr i} {
    lappend repeats [seconds {warm eval $::CASCADE}]
  }
  set stopped(4) {}
  set stopped(8) {}
  foreach {stop_after pct} {4 41 8 42 4 43 8 44 4 45 8 46} {
    lappend stopped($stop_after) [seconds {warm eval $::STOPPED}]
  }
  set round [expr {([best $stopped(8)] - [best $stopped(4)]) / 4}]
  set exposure [seconds {warm eval $::EXPOSURE_ALL}]
  warm close
  open_db sweep $file
  set sweep [seconds {sweep eval $::SWEEP}]
  set sweep_at_30 [lindex $::last 61]
  sweep close
  lassign [network_memory $file] network_bytes memo_bytes load_peak_bytes
  db close
  return [dict create flows $flows companies $companies scan [best $scans] \
            column_scan [best $column_scans] cold [best $colds] warm [best $warms] \
            repeat [best $repeats] round $round sweep $sweep exposure $exposure \
            defaults $defaults revenue_lost $revenue_lost rounds $rounds \
            sweep_defaults_at_30 $sweep_at_30 network_bytes $network_bytes memo_bytes $memo_bytes \
            load_peak_bytes $load_peak_bytes peak_rss_kb [peak_rss_kb]]
}

# SQLite memory kept by a cold call, and the most held during it, beyond
# what the connection held before (its page cache filled by reading every
# table first, so that the call does not grow it): the network alone (a
# call that loads it, then fails on an unknown spender), the cascade the
# memo keeps, and the peak.
proc network_memory {file} {
  open_db mem $file
  mem eval {
    SELECT total(length(name)) FROM companies;
    SELECT total(amount) FROM flows;
    SELECT total(amount) FROM claims;
  }
  set before [mem onecolumn {SELECT bench_memory_used()}]
  mem eval {SELECT bench_memory_highwater(1)}
  catch {mem eval {SELECT count(*) FROM cascade_shock(30, 'bench: no such company')}}
  set network [expr {[mem onecolumn {SELECT bench_memory_used()}] - $before}]
  set pct 30
  mem eval $::CASCADE
  set memo [expr {[mem onecolumn {SELECT bench_memory_used()}] - $before - $network}]
  set peak [mem onecolumn {SELECT bench_memory_highwater(0)}]
  mem close
  return [list $network $memo [expr {$peak - $before}]]
}

proc measure_breaking {file} {
  open_db db $file
  set breaking [seconds {db eval $::BREAKING_ALL}]
  set broken [lindex $::last 0]
  db close
  return [dict create breaking $breaking broken $broken breaking_rss_kb [peak_rss_kb]]
}

proc measure_baseline {file limit} {
  source [file join $::here baseline.tcl]
  open_db db $file
  db eval {PRAGMA temp_store = MEMORY}
  set deadline [expr {[clock milliseconds] + int($limit * 1000)}]
  if {[catch {seconds {sql_cascade db 30 $deadline}} baseline]} {
    if {![string match *interrupted* $baseline]} { error $baseline }
    db close
    return [dict create baseline timeout]
  }
  set result [dict create baseline $baseline baseline_rounds [dict get $::last rounds]]
  db eval {
    SELECT count(*) FILTER (WHERE status = 'default') AS defaults,
           total(revenue_lost) AS revenue_lost FROM sql_result
  } {}
  dict set result baseline_defaults $defaults
  dict set result baseline_revenue_lost $revenue_lost
  db eval {
    CREATE TEMP TABLE extension_result AS SELECT company, status, round FROM cascade_shock(30);
    CREATE INDEX temp.extension_result_company ON extension_result(company);
  }
  dict set result mismatches [db onecolumn {
    SELECT count(*) FROM sql_result s LEFT JOIN extension_result e USING (company)
    WHERE e.status IS NOT s.status OR e.round IS NOT s.round
  }]
  db close
  return $result
}

switch -- $mode {
  extension { puts [measure_extension $file] }
  breaking { puts [measure_breaking $file] }
  baseline { puts [measure_baseline $file $limit] }
  default { error "usage: measure.tcl extension|breaking|baseline LIB MEMSTAT DB ?LIMIT?" }
}
