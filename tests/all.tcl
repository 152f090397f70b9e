# all.tcl: runs every tests/*.test file (or those named on the command line)
# and ends with the summary line "N passed, N failed"; exits 1 on a failure.
#   tclsh tests/all.tcl ?dist/aibubble? ?file.test ...?

set ::aibubble_root [file dirname [file dirname [file normalize [info script]]]]
set ::aibubble_lib [file join $::aibubble_root dist aibubble]
if {[llength $argv] > 0} {
  set ::aibubble_lib [file normalize [lindex $argv 0]]
  set argv [lrange $argv 1 end]
}
source [file join $::aibubble_root tests tester.tcl]

set files $argv
if {[llength $files] == 0} {
  set files [lsort [glob [file join $::aibubble_root tests *.test]]]
}
foreach f $files {
  set ::runner_before [expr {$::test_passed + $::test_failed}]
  if {[catch {source $f} err]} {
    incr ::test_failed
    lappend ::test_failures $f
    puts "! [file tail $f] aborted: $err"
  }
  catch {db close}
  puts "[file tail $f]: [expr {$::test_passed + $::test_failed - $::runner_before}] tests"
}
if {$::test_failed > 0} { puts "failures: $::test_failures" }
puts "$::test_passed passed, $::test_failed failed"
exit [expr {$::test_failed > 0}]
