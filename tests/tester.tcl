# tester.tcl: the test harness, in the shape of SQLite's own test/tester.tcl.
#
# Tests are data:
#   do_execsql_test name {SQL} {expected flat list of result values}
#   do_catchsql_test name {SQL} {1 {error message}}   (or {0 {results}})
#   do_test name {tcl script} {expected result}
#   do_near_test name {tcl script} {expected numbers} ?tolerance?
# A failure prints "! name expected: [..]" and "! name got: [..]".
# Each *.test file is sourced by all.tcl, which prints the summary line.
# The extension is loaded from $::aibubble_lib (set by all.tcl).

package require sqlite3

if {![info exists ::test_passed]} {
  set ::test_passed 0
  set ::test_failed 0
  set ::test_failures {}
}

# Opens (or reopens) database handle $name on $file with the extension loaded.
proc open_db {name {file :memory:} args} {
  catch {$name close}
  sqlite3 $name $file {*}$args
  $name enable_load_extension 1
  $name eval {SELECT load_extension($::aibubble_lib)}
  $name enable_load_extension 0
  return $name
}

# Creates the input tables of sql/schema.sql in handle $db.
proc create_schema {{db db}} {
  set fd [open [file join $::aibubble_root sql schema.sql]]
  set sql [read $fd]
  close $fd
  $db eval $sql
}

proc test_result {name ok expected got} {
  if {$ok} {
    incr ::test_passed
  } else {
    incr ::test_failed
    lappend ::test_failures $name
    puts "! $name expected: \[$expected\]"
    puts "! $name got:      \[$got\]"
  }
}

proc do_test {name script expected} {
  if {[catch {uplevel 1 $script} got]} {
    set got "TCL ERROR: $got"
  }
  test_result $name [expr {$got eq $expected}] $expected $got
}

# Two values as equal lists (white space aside), or as equal strings when
# either is not a well-formed list.
proc same_list {a b} {
  if {[catch {expr {[list {*}$a] eq [list {*}$b]}} same]} { return [expr {$a eq $b}] }
  return $same
}

proc do_execsql_test {name sql expected} {
  if {[catch {uplevel 1 [list db eval $sql]} got]} {
    set got [list SQL ERROR: $got]
  }
  test_result $name [same_list $got $expected] $expected $got
}

proc do_catchsql_test {name sql expected} {
  set rc [catch {uplevel 1 [list db eval $sql]} got]
  set got [list $rc $got]
  test_result $name [same_list $got $expected] $expected $got
}

# Compares two lists element by element: numbers within a relative and
# absolute tolerance, anything else exactly.
proc lists_near {got expected tol} {
  if {[llength $got] != [llength $expected]} { return 0 }
  foreach g $got e $expected {
    if {[string is double -strict $g] && [string is double -strict $e]} {
      if {abs($g - $e) > $tol * max(1.0, abs($e))} { return 0 }
    } elseif {$g ne $e} {
      return 0
    }
  }
  return 1
}

proc do_near_test {name script expected {tol 1e-9}} {
  if {[catch {uplevel 1 $script} got]} {
    set got "TCL ERROR: $got"
  }
  test_result $name [lists_near $got $expected $tol] $expected $got
}

proc do_execsql_near_test {name sql expected {tol 1e-9}} {
  uplevel 1 [list do_near_test $name [list db eval $sql] $expected $tol]
}
