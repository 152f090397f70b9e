# naive_contagion.tcl: independent, deliberately naive implementations of
# the contagion models of MODEL.md section 3, in plain Tcl, to check the
# extension against. The tables are read with `db eval`; the matrix A is a
# Tcl array; every round recomputes every sum over the full matrix, and the
# clearing payments are solved by Gaussian elimination over all defaulters
# at once (the extension splits them into components and sweeps large ones).
#
#   naive_debtrank DB SHOCK ?METHOD battiston? ?WEIGHTS {}?
#       SHOCK: dict name -> h0; WEIGHTS: dict name -> raw weight, {} for
#       the default (equity above 0). -> dict name -> dict {stress_initial
#       stress equity_loss defaulted round distress_round weight}
#   naive_clearing DB ?SHOCK {}? ?ALPHA 1? ?BETA 1?
#       SHOCK: dict name -> share of cash lost. -> dict name -> dict
#       {obligation payment recovery_rate defaulted equity round
#       external_assets external_liabilities received}
#   naive_furfine DB FAILED ?RECOVERY 0?
#       FAILED: list of names. -> dict name -> dict {round defaulted loss
#       equity_after}
#   random_claims_network DB SEED N_COMPANIES N_CLAIMS
#       fills companies and claims (flows emptied) with a random network:
#       cycles, self-claims, repeated pairs, zero amounts, equity NULL, 0
#       and below 0, cash and debt NULL.
#   NULL results are empty strings, as `db eval` gives them.
#
# Conventions (README "Contagion models"): A_ij sums every claim of i on j;
# equity NULL: never stressed, no solvency test; equity <= 0: no buffer
# (Battiston W = 1 on every claim, linear: any new stress of a debtor makes
# h = 1, weight 0); cash, debt NULL = 0; pbar = max(debt, claims owed).

# Reads the tables into ::nc_names (table order), ::nc_E, ::nc_cash,
# ::nc_debt (arrays by name, E "" for NULL) and ::nc_A(i,j).
proc nc_load {db} {
  global nc_names nc_E nc_cash nc_debt nc_A
  set nc_names {}
  array unset nc_E
  array unset nc_cash
  array unset nc_debt
  array unset nc_A
  $db eval {SELECT name, equity, cash, debt FROM companies ORDER BY rowid} {
    lappend nc_names $name
    set nc_E($name) $equity
    set nc_cash($name) [expr {$cash eq "" ? 0.0 : double($cash)}]
    set nc_debt($name) [expr {$debt eq "" ? 0.0 : double($debt)}]
  }
  foreach i $nc_names {
    foreach j $nc_names { set nc_A($i,$j) 0.0 }
  }
  $db eval {SELECT creditor, debtor, amount FROM claims ORDER BY rowid} {
    set nc_A($creditor,$debtor) [expr {$nc_A($creditor,$debtor) + $amount}]
  }
}

proc nc_get {dict key {default 0.0}} {
  if {[dict exists $dict $key]} { return [dict get $dict $key] }
  return $default
}

proc nc_min1 {x} { expr {$x > 1 ? 1.0 : $x} }

# ---------------------------------------------------------------- DebtRank

# Battiston's W_ij.
proc nc_impact {i j} {
  set a $::nc_A($i,$j)
  set e $::nc_E($i)
  if {$e eq "" || $a == 0} { return 0.0 }
  if {$e <= 0} { return 1.0 }
  return [nc_min1 [expr {$a / $e}]]
}

proc nc_weights {weights} {
  set w {}
  set sum 0.0
  foreach i $::nc_names {
    if {[llength $weights] == 0} {
      set e $::nc_E($i)
      set v [expr {$e ne "" && $e > 0 ? double($e) : 0.0}]
    } else {
      set v [expr {double([nc_get $weights $i])}]
    }
    dict set w $i $v
    set sum [expr {$sum + $v}]
  }
  if {$sum > 0} {
    foreach i $::nc_names { dict set w $i [expr {[dict get $w $i] / $sum}] }
  }
  return $w
}

proc nc_any_distressed {statevar} {
  upvar 1 $statevar state
  foreach i $::nc_names {
    if {$state($i) eq "D"} { return 1 }
  }
  return 0
}

# One Battiston round: h(t) from h(t-1), then the states.
proc nc_battiston_round {hvar statevar} {
  upvar 1 $hvar h $statevar state
  set new {}
  foreach i $::nc_names {
    set sum 0.0
    foreach j $::nc_names {
      if {$state($j) eq "D"} { set sum [expr {$sum + [nc_impact $i $j] * $h($j)}] }
    }
    dict set new $i [nc_min1 [expr {$h($i) + $sum}]]
  }
  foreach i $::nc_names {
    if {$state($i) eq "D"} { set state($i) I }
  }
  foreach i $::nc_names {
    set h($i) [dict get $new $i]
    if {$state($i) eq "U" && $h($i) > 0} { set state($i) D }
  }
}

# One linear round. Summing the paper's increments h(t+1) = min(1, h(t) +
# Lambda (h(t) - h(t-1))) from h(-1) = 0 gives h(t+1) = min(1, h(0) +
# Lambda h(t)), computed here in full (summed increments would drift by
# rounding). Returns 1 if some h changed.
proc nc_linear_round {hvar h0var} {
  upvar 1 $hvar h $h0var h0
  set new {}
  foreach i $::nc_names {
    set e $::nc_E($i)
    set sum 0.0
    set wiped 0
    foreach j $::nc_names {
      if {$e eq "" || $::nc_A($i,$j) == 0} continue
      if {$e <= 0} {
        if {$h($j) > 0} { set wiped 1 }
      } else {
        set sum [expr {$sum + $::nc_A($i,$j) / $e * $h($j)}]
      }
    }
    if {$e eq ""} {
      dict set new $i $h($i)
    } else {
      dict set new $i [expr {$wiped ? 1.0 : [nc_min1 [expr {$h0($i) + $sum}]]}]
    }
  }
  set moved 0
  foreach i $::nc_names {
    if {[dict get $new $i] != $h($i)} { set moved 1 }
    set h($i) [dict get $new $i]
  }
  return $moved
}

proc naive_debtrank {db shock {method battiston} {weights {}}} {
  nc_load $db
  foreach i $::nc_names {
    set h($i) [expr {double([nc_get $shock $i])}]
    set h0($i) $h($i)
    set state($i) [expr {$h($i) > 0 ? "D" : "U"}]
    set dround($i) [expr {$h($i) > 0 ? 0 : ""}]
    set fround($i) [expr {$h($i) >= 1 ? 0 : ""}]
  }
  set t 0
  while {$t < 100000} {
    if {$method eq "battiston"} {
      if {![nc_any_distressed state]} break
      incr t
      nc_battiston_round h state
    } else {
      incr t
      if {![nc_linear_round h h0]} break
    }
    foreach i $::nc_names {
      if {$h($i) > 0 && $dround($i) eq ""} { set dround($i) $t }
      if {$h($i) >= 1 && $fround($i) eq ""} { set fround($i) $t }
    }
  }
  set w [nc_weights $weights]
  set result {}
  foreach i $::nc_names {
    set e $::nc_E($i)
    set loss [expr {$e eq "" ? "" : ($e > 0 ? $h($i) * $e : 0.0)}]
    dict set result $i [dict create stress_initial $h0($i) stress $h($i) \
      equity_loss $loss defaulted [expr {$h($i) >= 1}] round $fround($i) \
      distress_round $dround($i) weight [dict get $w $i]]
  }
  return $result
}

# ---------------------------------------------------------------- Clearing

# Solves m x = b (m a list of rows) by Gaussian elimination with partial
# pivoting; returns x.
proc nc_solve {m b} {
  set n [llength $b]
  for {set c 0} {$c < $n} {incr c} {
    set best $c
    for {set r [expr {$c + 1}]} {$r < $n} {incr r} {
      if {abs([lindex $m $r $c]) > abs([lindex $m $best $c])} { set best $r }
    }
    set row [lindex $m $best]; lset m $best [lindex $m $c]; lset m $c $row
    set v [lindex $b $best]; lset b $best [lindex $b $c]; lset b $c $v
    for {set r [expr {$c + 1}]} {$r < $n} {incr r} {
      set f [expr {[lindex $m $r $c] / [lindex $m $c $c]}]
      for {set s $c} {$s < $n} {incr s} {
        lset m $r $s [expr {[lindex $m $r $s] - $f * [lindex $m $c $s]}]
      }
      lset b $r [expr {[lindex $b $r] - $f * [lindex $b $c]}]
    }
  }
  set x [lrepeat $n 0.0]
  for {set r [expr {$n - 1}]} {$r >= 0} {incr r -1} {
    set v [lindex $b $r]
    for {set s [expr {$r + 1}]} {$s < $n} {incr s} {
      set v [expr {$v - [lindex $m $r $s] * [lindex $x $s]}]
    }
    lset x $r [expr {$v / [lindex $m $r $r]}]
  }
  return $x
}

# r_i = sum_j A_ij p_j / pbar_j.
proc nc_received {i pvar pbarvar} {
  upvar 1 $pvar p $pbarvar pbar
  set r 0.0
  foreach j $::nc_names {
    if {$::nc_A($i,$j) > 0} { set r [expr {$r + $::nc_A($i,$j) * $p($j) / $pbar($j)}] }
  }
  return $r
}

# The defaulters' payments: p_i - beta sum_{j in D} A_ij/pbar_j p_j
#   = alpha e_i + beta sum_{j not in D} A_ij.
proc nc_solve_defaulters {defaulters alpha beta evar pbarvar pvar} {
  upvar 1 $evar e $pbarvar pbar $pvar p
  set m {}
  set b {}
  foreach i $defaulters {
    set row {}
    set rhs [expr {$alpha * $e($i)}]
    foreach j $::nc_names {
      if {$j ni $defaulters} { set rhs [expr {$rhs + $beta * $::nc_A($i,$j)}] }
    }
    foreach j $defaulters {
      set v [expr {$i eq $j ? 1.0 : 0.0}]
      if {$::nc_A($i,$j) > 0} { set v [expr {$v - $beta * $::nc_A($i,$j) / $pbar($j)}] }
      lappend row $v
    }
    lappend m $row
    lappend b $rhs
  }
  foreach i $defaulters x [nc_solve $m $b] {
    set p($i) [expr {$x < 0 ? 0.0 : ($x > $pbar($i) ? $pbar($i) : $x)}]
  }
}

proc naive_clearing {db {shock {}} {alpha 1} {beta 1}} {
  nc_load $db
  foreach i $::nc_names {
    set owed 0.0
    foreach k $::nc_names { set owed [expr {$owed + $::nc_A($k,$i)}] }
    set pbar($i) [expr {max($::nc_debt($i), $owed)}]
    set x($i) [expr {max(0.0, $::nc_debt($i) - $owed)}]
    set e($i) [expr {$::nc_cash($i) * (1 - [nc_get $shock $i])}]
    set p($i) $pbar($i)
    set round($i) ""
  }
  set defaulters {}
  for {set k 1} {1} {incr k} {
    set found 0
    foreach i $::nc_names { set r($i) [nc_received $i p pbar] }
    foreach i $::nc_names {
      if {$round($i) eq "" && $e($i) + $r($i) < $pbar($i)} {
        set round($i) $k
        lappend defaulters $i
        set found 1
      }
    }
    if {!$found} break
    nc_solve_defaulters $defaulters $alpha $beta e pbar p
  }
  set result {}
  foreach i $::nc_names {
    dict set result $i [dict create obligation $pbar($i) payment $p($i) \
      recovery_rate [expr {$pbar($i) > 0 ? $p($i) / $pbar($i) : ""}] \
      defaulted [expr {$round($i) ne ""}] equity [expr {$e($i) + $r($i) - $pbar($i)}] \
      round $round($i) external_assets $e($i) external_liabilities $x($i) received $r($i)]
  }
  return $result
}

# ----------------------------------------------------------------- Furfine

proc nc_loss {i defaulted recovery} {
  set sum 0.0
  foreach j $::nc_names {
    if {[dict exists $defaulted $j]} { set sum [expr {$sum + $::nc_A($i,$j)}] }
  }
  return [expr {(1 - $recovery) * $sum}]
}

proc naive_furfine {db failed {recovery 0}} {
  nc_load $db
  set defaulted {}
  foreach i $::nc_names {
    set e $::nc_E($i)
    if {$i in $failed || ($e ne "" && $e < 0)} { dict set defaulted $i 0 }
  }
  for {set t 1} {1} {incr t} {
    set new {}
    foreach i $::nc_names {
      set e $::nc_E($i)
      if {[dict exists $defaulted $i] || $e eq ""} continue
      if {$e - [nc_loss $i $defaulted $recovery] < 0} { lappend new $i }
    }
    if {[llength $new] == 0} break
    foreach i $new { dict set defaulted $i $t }
  }
  set result {}
  foreach i $::nc_names {
    set e $::nc_E($i)
    set loss [nc_loss $i $defaulted $recovery]
    dict set result $i [dict create round [nc_get $defaulted $i ""] \
      defaulted [dict exists $defaulted $i] loss $loss \
      equity_after [expr {$e eq "" ? "" : $e - $loss}]]
  }
  return $result
}

# ---------------------------------------------------------- Random networks

proc nc_pick {list} { lindex $list [expr {int(rand() * [llength $list])}] }

proc random_claims_network {db seed n_companies n_claims} {
  expr {srand($seed)}
  $db eval {DELETE FROM claims; DELETE FROM flows; DELETE FROM companies}
  set names {}
  for {set i 0} {$i < $n_companies} {incr i} { lappend names "C$i" }
  foreach name $names {
    set u [expr {rand()}]
    if {$u < 0.1} {
      set equity ""
    } elseif {$u < 0.15} {
      set equity 0
    } elseif {$u < 0.2} {
      set equity [expr {-rand() * 5}]
    } else {
      set equity [expr {rand() * 40}]
    }
    set cash [expr {rand() < 0.1 ? "" : rand() * 30}]
    set debt [expr {rand() < 0.2 ? "" : rand() * 60}]
    $db eval {
      INSERT INTO companies(name, cash, debt, equity)
      VALUES($name, nullif($cash, ''), nullif($debt, ''), nullif($equity, ''))
    }
  }
  set pairs {}
  set debtor [nc_pick $names]
  for {set k 0} {$k < $n_claims} {incr k} {
    set u [expr {rand()}]
    if {$u < 0.15 && [llength $pairs] > 0} {
      lassign [nc_pick $pairs] creditor debtor          ;# the same pair again
    } elseif {$u < 0.2} {
      set creditor [nc_pick $names]                     ;# a self-claim
      set debtor $creditor
    } elseif {$u < 0.55} {
      set creditor $debtor                              ;# extend a chain
      set debtor [nc_pick $names]
    } else {
      set creditor [nc_pick $names]
      set debtor [nc_pick $names]
    }
    set amount [expr {rand() < 0.05 ? 0 : rand() * 25}]
    lappend pairs [list $creditor $debtor]
    $db eval {INSERT INTO claims(creditor, debtor, amount) VALUES($creditor, $debtor, $amount)}
  }
  return $names
}
