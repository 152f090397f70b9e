# naive.tcl: an independent, deliberately naive implementation of the
# bubble model of MODEL.md sections 1 (exposure) and 2 (liquidity cascade),
# in plain Tcl, to check the extension against. No SQL is used for the model:
# the tables are read with `db eval` into Tcl arrays and the formulas are
# applied with plain loops, exactly as written, with no cleverness.
#
#   naive_exposure DB CORE_NAMES
#       -> dict name -> e
#   naive_cascade DB SPENDERS PCT ?FAIL? ?RECOVERY 0.4? ?PASSTHROUGH 1? ?MAX_ROUNDS 1000?
#       -> dict name -> dict {status round revenue revenue_lost lost_share
#          financing_lost credit_loss cash_before cash_after equity_after cut
#          cause saved rounds converged}; SPENDERS and FAIL are Tcl lists of
#          names (the caller expands the default spenders, see naive_of_kind);
#          NULL results are empty strings, as `db eval` gives them.
#   naive_breaking_points DB SPENDERS ?FAIL? ?RECOVERY? ?PASSTHROUGH? ?MAX_ROUNDS?
#       -> dict name -> the smallest pct in {0, 0.01, ..., 100} at which the
#          company is failed or in default, or "" if never (a full scan).
#   naive_of_kind DB KIND -> sorted list of the names of that kind
#   random_network DB SEED N_COMPANIES N_FLOWS ?N_CLAIMS?
#       fills the (empty) tables companies, flows, claims with a random
#       network; reproducible from SEED.
#
# Conventions the extension fixes where MODEL.md leaves room (section 2):
#   R_j = revenue, or when NULL the sum of its revenue inflows (no max rule);
#   kinds 'investment' and 'loan' (any case) are financing, anything else is revenue;
#   on_behalf_of NULL or '' is none; margin NULL = 1; other NULL numbers = 0;
#   equity NULL: no solvency test and equity_after NULL.
#   If I_j <= 0 the term beta*(dRev+dFin)/I_j is 1 when beta*(dRev+dFin) > 0,
#   else 0. Reported values are those of the last round run. The cause of a
#   default is 'baseline' if the company would default that round with zero
#   losses, else the counterparty with the largest contribution to its losses
#   that round (ties: smallest name).
#
# A hand-computed 3-company example (checked by tests/random.test, test
# random-hand-*):
#
#   companies  name kind        revenue op_cf capex cash dserv equity margin
#              H    hyperscaler 100     30    20    10   0     15     NULL
#              N    neocloud    NULL    5     10    20   3     20     0.5
#              L    lab         10      -15   0     0    0     NULL   NULL
#   flows      H->N compute 40 on behalf of L;  L->N compute 10;
#              N->H lease 5;  H->L investment 20
#   claims     H on N 30 (creditor H, debtor N)
#
#   Exposure, core {L}: R_H = max(100, 5) = 100, R_N = 40 + 10 = 50.
#     e_L = 1;  e_N = 40/50 * 1 (on behalf of L) + 10/50 * 1 (payer L) = 1;
#     e_H = 5/100 * e_N = 0.05.
#
#   Cascade at pct 50, spenders {H}, rho 0.4, beta 1.
#     Static: H: R 100 Fin 0 I 100 Out 60 L0 = 10+30-20-0+0 = 20
#             N: R 50  Fin 0 I 50  Out 5  L0 = 20+5-10-3     = 12
#             L: R 10  Fin 20 I 30 Out 10 L0 = 0-15-0-0+20   = 5
#     Round 0: x_H = .5, x_N = x_L = 0, no d.
#     Round 1: H->N y = max(.5, x_L=0) = .5 -> dRev_N = 20 (attributed to H);
#              H->L y = .5 -> dFin_L = 10.
#       H: Saved = .5*60 = 30, L = 20+30 = 50, Eq = 15, x = max(.5, 0) = .5
#       N: L = 12 - .5*20 = 2, Eq = 20 - 10 = 10, x = 20/50 = .4
#       L: L = 5 - 10 = -5 -> default in round 1; L0+Saved = 5 >= 0 so not
#          baseline; contributions H: 10 -> cause H; x_L = 1.
#     Round 2: H->N y = max(.5, 1) = 1, attributed to L (x_L > x_H): 40;
#              L->N y = 1: 10; N->H y = .4: 2; H->L y = .5: 10.
#       H: dRev 2, L = 20-2+30 = 48, Eq = 15-2 = 13, x = max(.5, .02) = .5
#       N: dRev 50, Saved = .4*5 = 2, L = 12-25+2 = -11 -> default round 2;
#          contributions L: .5*(40+10) = 25 -> cause L; Eq = 20-25 = -5.
#       L: dFin 10, Saved = 1*10 = 10, L = 5-10+10 = 5 (stays in default).
#     Round 3: N->H y = 1: 5; claim H on N: dA_H = .6*30*1 = 18.
#       H: dRev 5, L = 20-5+30 = 45, Eq = 15-5-18 = -8 -> default round 3;
#          contributions N: 1*5 + 18 = 23 -> cause N.
#       N: Saved = 1*5 = 5, L = 12-25+5 = -8, Eq = -5.   L: L = 5.
#     Round 4: H->L y = 1: dFin_L = 20.
#       H: Saved = 60, L = 20-5+60 = 75, Eq = -8.   N: L = -8, Eq = -5.
#       L: L = 5-20+10 = -5.  No d changed, no x changed: stop.
#     Result (rounds 4, converged 1):
#       H default round 3 rev 100 lost 5 share .05 fin 0 credit 18
#         cash 20 -> 75 eq -8 cut 1 cause N saved 60
#       N default round 2 rev 50 lost 50 share 1 fin 0 credit 0
#         cash 12 -> -8 eq -5 cut 1 cause L saved 5
#       L default round 1 rev 10 lost 0 share 0 fin 20 credit 0
#         cash 5 -> -5 eq NULL cut 1 cause H saved 10
#   At pct 0 nothing happens: all ok, 1 round, cash_after = cash_before.

# A NULL (empty string) number is 0.
proc naive_num {v} {
  if {$v eq ""} { return 0.0 }
  return [expr {double($v)}]
}

# Adds v to the entry k of the dict in variable dictvar.
proc naive_add {dictvar k v} {
  upvar 1 $dictvar dv
  if {[dict exists $dv $k]} {
    dict set dv $k [expr {[dict get $dv $k] + $v}]
  } else {
    dict set dv $k [expr {double($v)}]
  }
}

proc naive_is_financing {kind} {
  expr {[naive_same_kind $kind investment] || [naive_same_kind $kind loan]}
}

# Kinds compare in any case of their ASCII letters (as sqlite3_stricmp).
proc naive_same_kind {a b} {
  set upper {A B C D E F G H I J K L M N O P Q R S T U V W X Y Z}
  set fold {}
  foreach letter $upper { lappend fold $letter [string tolower $letter] }
  expr {[string map $fold $a] eq [string map $fold $b]}
}

proc naive_of_kind {db kind} {
  set names {}
  $db eval {SELECT name, kind AS k FROM companies} {
    if {[naive_same_kind $k $kind]} { lappend names $name }
  }
  lsort $names
}

# Reads the three tables into arrays of the caller:
#   co(name,field) for every column of companies, names = list of names,
#   flows = list of {payer payee kind amount on_behalf_of},
#   claims = list of {creditor debtor amount}.
proc naive_load {db} {
  upvar 1 co co names names flows flows claims claims
  array unset co
  set names {}
  $db eval {SELECT * FROM companies} row {
    lappend names $row(name)
    foreach f {kind revenue operating_cf capex cash debt debt_service equity margin} {
      set co($row(name),$f) $row($f)
    }
  }
  set names [lsort $names]
  set flows {}
  $db eval {SELECT payer, payee, kind, amount, on_behalf_of FROM flows} {
    lappend flows [list $payer $payee $kind [naive_num $amount] $on_behalf_of]
  }
  set claims {}
  $db eval {SELECT creditor, debtor, amount FROM claims} {
    lappend claims [list $creditor $debtor [naive_num $amount]]
  }
}

# ---------------------------------------------------------------- section 1

proc naive_exposure {db core_names {tolerance 1e-12}} {
  naive_load $db
  foreach j $names {
    set core($j) [expr {$j in $core_names}]
    set inflow($j) 0.0
  }
  foreach fl $flows {
    lassign $fl i j kind f b
    if {![naive_is_financing $kind]} {
      set inflow($j) [expr {$inflow($j) + $f}]
    }
  }
  foreach j $names {
    if {$co($j,revenue) eq ""} {
      set R($j) $inflow($j)
    } else {
      set R($j) [expr {max(double($co($j,revenue)), $inflow($j))}]
    }
    set e($j) 0.0
  }
  for {set iter 0} {$iter < 10000000} {incr iter} {
    # Jacobi step: the new e from the old e.
    foreach j $names {
      if {$core($j)} {
        set new($j) 1.0
      } else {
        set new($j) 0.0
      }
    }
    foreach fl $flows {
      lassign $fl i j kind f b
      if {[naive_is_financing $kind] || $core($j) || $R($j) <= 0} continue
      if {$core($i) || ($b ne "" && [info exists core($b)] && $core($b))} {
        set z 1.0
      } else {
        set z $e($i)
      }
      set new($j) [expr {$new($j) + $f / $R($j) * $z}]
    }
    set change 0.0
    foreach j $names {
      set change [expr {max($change, abs($new($j) - $e($j)))}]
      set e($j) $new($j)
    }
    if {$change < $tolerance} break
  }
  set result {}
  foreach j $names { dict set result $j $e($j) }
  return $result
}

# ---------------------------------------------------------------- section 2

proc naive_cascade {db spenders pct {fail {}} {recovery 0.4} {passthrough 1} {max_rounds 1000}} {
  naive_load $db
  naive_cascade_run $spenders $pct $fail $recovery $passthrough $max_rounds
}

# The cascade on the arrays of naive_load, in the caller's frame.
proc naive_cascade_run {spenders pct fail recovery passthrough max_rounds} {
  upvar 1 co co names names flows flows claims claims
  set rho [expr {double($recovery)}]
  set beta [expr {double($passthrough)}]

  # Static quantities.
  foreach j $names {
    set revin($j) 0.0
    set Fin($j) 0.0
    set Out($j) 0.0
  }
  foreach fl $flows {
    lassign $fl i j kind f b
    if {[naive_is_financing $kind]} {
      set Fin($j) [expr {$Fin($j) + $f}]
    } else {
      set revin($j) [expr {$revin($j) + $f}]
    }
    set Out($i) [expr {$Out($i) + $f}]
  }
  foreach j $names {
    if {$co($j,revenue) eq ""} {
      set R($j) $revin($j)
    } else {
      set R($j) [expr {double($co($j,revenue))}]
    }
    set I($j) [expr {$R($j) + $Fin($j)}]
    set L0($j) [expr {[naive_num $co($j,cash)] + [naive_num $co($j,operating_cf)]
                      - [naive_num $co($j,capex)] - [naive_num $co($j,debt_service)]
                      + $Fin($j)}]
    set m($j) [expr {$co($j,margin) eq "" ? 1.0 : double($co($j,margin))}]
    set E($j) $co($j,equity)
  }

  # Round 0.
  foreach j $names {
    set s($j) 0.0
    set x($j) 0.0
    set d($j) 0
    set round($j) ""
    set cause($j) ""
  }
  foreach j $spenders {
    if {[info exists s($j)]} {
      set s($j) [expr {$pct / 100.0}]
      set x($j) $s($j)
    }
  }
  foreach j $fail {
    if {[info exists d($j)]} {
      set x($j) 1.0
      set d($j) 1
      set round($j) 0
      set failed($j) 1
    }
  }

  # The flows with a financing flag, to keep the round loop simple.
  set fflows {}
  foreach fl $flows {
    lassign $fl i j kind f b
    lappend fflows [list $i $j [naive_is_financing $kind] $f $b]
  }

  set converged 0
  for {set t 1} {$t <= $max_rounds} {incr t} {
    # Everything below reads x and d of round t-1 only.
    foreach j $names {
      set dRev($j) 0.0
      set dFin($j) 0.0
      set dA($j) 0.0
    }
    foreach fl $fflows {
      lassign $fl i j fin f b
      set xb [expr {($b ne "" && [info exists x($b)]) ? $x($b) : 0.0}]
      set y [expr {max($x($i), $xb)}]
      if {$fin} {
        set dFin($j) [expr {$dFin($j) + $y * $f}]
      } else {
        set dRev($j) [expr {$dRev($j) + $y * $f}]
      }
    }
    foreach cl $claims {
      lassign $cl j k c
      set dk [expr {[info exists d($k)] ? $d($k) : 0}]
      set dA($j) [expr {$dA($j) + (1 - $rho) * $c * $dk}]
    }
    set dchanged 0
    set xchange 0.0
    foreach j $names {
      set Saved($j) [expr {$x($j) * $Out($j)}]
      set L($j) [expr {$L0($j) - $m($j) * $dRev($j) - $dFin($j) + $Saved($j)}]
      if {$E($j) ne ""} {
        set Eq($j) [expr {double($E($j)) - $m($j) * $dRev($j) - $dA($j)}]
      } else {
        set Eq($j) ""
      }
      set nd [expr {$d($j) || $L($j) < 0 || ($Eq($j) ne "" && $Eq($j) < 0)}]
      if {$nd} {
        set nx 1.0
      } else {
        set loss [expr {$beta * ($dRev($j) + $dFin($j))}]
        if {$I($j) <= 0} {
          set term [expr {$loss > 0 ? 1.0 : 0.0}]
        } else {
          set term [expr {$loss / $I($j)}]
        }
        set nx [expr {max($s($j), min(1.0, $term))}]
      }
      if {$nd && !$d($j)} {
        # First default, in round t: its cause.
        set round($j) $t
        if {$L0($j) + $Saved($j) < 0 || ($E($j) ne "" && $E($j) < 0)} {
          set cause($j) baseline
        } else {
          # Each counterparty's contribution to j's losses this round.
          set contrib {}
          foreach fl $fflows {
            lassign $fl i jj fin f b
            if {$jj ne $j} continue
            set xb [expr {($b ne "" && [info exists x($b)]) ? $x($b) : 0.0}]
            set y [expr {max($x($i), $xb)}]
            set who [expr {$xb > $x($i) ? $b : $i}]
            if {$fin} {
              naive_add contrib $who [expr {$y * $f}]
            } else {
              naive_add contrib $who [expr {$m($j) * $y * $f}]
            }
          }
          foreach cl $claims {
            lassign $cl jj k c
            if {$jj ne $j} continue
            set dk [expr {[info exists d($k)] ? $d($k) : 0}]
            naive_add contrib $k [expr {(1 - $rho) * $c * $dk}]
          }
          set best ""
          foreach k [lsort [dict keys $contrib]] {
            set v [dict get $contrib $k]
            if {$best eq "" || $v > $bestv} {
              set best $k
              set bestv $v
            }
          }
          set cause($j) $best
        }
      }
      set newd($j) $nd
      set newx($j) $nx
      if {$nd != $d($j)} { set dchanged 1 }
      set xchange [expr {max($xchange, abs($nx - $x($j)))}]
    }
    foreach j $names {
      set d($j) $newd($j)
      set x($j) $newx($j)
    }
    if {!$dchanged && $xchange < 1e-12} {
      set converged 1
      break
    }
  }
  set rounds [expr {min($t, $max_rounds)}]
  if {$max_rounds < 1} { set rounds 0 }

  set result {}
  foreach j $names {
    if {[info exists failed($j)]} {
      set status failed
    } elseif {$d($j)} {
      set status default
    } elseif {[info exists dRev($j)] && $dRev($j) + $dFin($j) + $dA($j) > 0} {
      set status stressed
    } else {
      set status ok
    }
    if {$rounds == 0} {
      # No round run (only with max_rounds < 1): nothing computed.
      foreach v {dRev dFin dA Saved} { set ${v}($j) 0.0 }
      set L($j) $L0($j)
      set Eq($j) $E($j)
    }
    dict set result $j [dict create \
      status $status \
      round $round($j) \
      revenue $R($j) \
      revenue_lost $dRev($j) \
      lost_share [expr {$R($j) == 0 ? 0.0 : $dRev($j) / $R($j)}] \
      financing_lost $dFin($j) \
      credit_loss $dA($j) \
      cash_before $L0($j) \
      cash_after $L($j) \
      equity_after $Eq($j) \
      cut $x($j) \
      cause [expr {$status eq "default" ? $cause($j) : ""}] \
      saved $Saved($j) \
      rounds $rounds \
      converged $converged]
  }
  return $result
}

# The breaking point of every company: a full scan of the 10001 grid values,
# since default need not be monotone in pct (a spender saves what it cuts).
proc naive_breaking_points {db spenders {fail {}} {recovery 0.4} {passthrough 1} {max_rounds 1000}} {
  naive_load $db
  set todo $names
  set result {}
  foreach j $names { dict set result $j "" }
  for {set k 0} {$k <= 10000 && [llength $todo] > 0} {incr k} {
    set pct [expr {$k / 100.0}]
    set r [naive_cascade_run $spenders $pct $fail $recovery $passthrough $max_rounds]
    set left {}
    foreach j $todo {
      if {[dict get $r $j status] in {default failed}} {
        dict set result $j $pct
      } else {
        lappend left $j
      }
    }
    set todo $left
  }
  return $result
}

# ---------------------------------------------------------------- generator

proc naive_pick {list} {
  lindex $list [expr {int(rand() * [llength $list])}]
}

# A random amount: often a small integer (so that ties happen), else real.
proc naive_amount {scale} {
  set u [expr {rand()}]
  if {$u < 0.05} { return 0 }
  if {$u < 0.45} { return [expr {1 + int(rand() * $scale)}] }
  return [expr {rand() * $scale}]
}

proc random_network {db seed n_companies n_flows {n_claims ""}} {
  expr {srand($seed)}
  if {$n_claims eq ""} { set n_claims [expr {int(rand() * 16)}] }
  set names {}
  for {set i 0} {$i < $n_companies} {incr i} {
    lappend names [string index ABCDEFGHIJKLMNOPQRSTUVWXYZ $i]
  }
  $db eval {DELETE FROM companies; DELETE FROM flows; DELETE FROM claims}
  set kinds {hyperscaler lab neocloud chips other Hyperscaler LAB}
  foreach name $names {
    set kind [naive_pick $kinds]
    set u [expr {rand()}]
    if {$u < 0.25} {
      set revenue ""
    } elseif {$u < 0.3} {
      set revenue 0
    } else {
      set revenue [naive_amount 60]
    }
    set rs [expr {$revenue eq "" ? 30.0 : $revenue}]
    set operating_cf [expr {$rs * (rand() * 0.5 - 0.1)}]
    if {rand() < 0.08} { set operating_cf [expr {-rand() * 20}] }
    set capex [expr {rand() < 0.3 ? "" : rand() * 10}]
    set cash [expr {rand() < 0.05 ? "" : 5 + [naive_amount 40]}]
    set debt [expr {rand() < 0.3 ? "" : rand() * 100}]
    set debt_service [expr {rand() < 0.3 ? "" : rand() * 5}]
    set u [expr {rand()}]
    if {$u < 0.25} {
      set equity ""
    } elseif {$u < 0.28} {
      set equity [expr {-rand() * 5}]
    } else {
      set equity [naive_amount 60]
    }
    set u [expr {rand()}]
    if {$u < 0.25} {
      set margin ""
    } elseif {$u < 0.35} {
      set margin [naive_pick {0 1}]
    } else {
      set margin [expr {rand()}]
    }
    $db eval {
      INSERT INTO companies(name, kind, revenue, operating_cf, capex, cash,
                            debt, debt_service, equity, margin)
      VALUES($name, $kind, nullif($revenue, ''), $operating_cf,
             nullif($capex, ''), nullif($cash, ''), nullif($debt, ''),
             nullif($debt_service, ''), nullif($equity, ''),
             nullif($margin, ''))
    }
  }
  set fkinds {compute compute hardware lease services construction "" investment loan Loan INVESTMENT}
  set payers {}
  set payee ""
  for {set i 0} {$i < $n_flows} {incr i} {
    if {$i > 0 && rand() < 0.3} {
      # Continue the last flow and close a cycle back to an earlier payer.
      set payer $payee
      set payee [naive_pick $payers]
    } else {
      set payer [naive_pick $names]
      set payee [naive_pick $names]
    }
    lappend payers $payer
    set kind [naive_pick $fkinds]
    set amount [naive_amount 25]
    set u [expr {rand()}]
    if {$u < 0.25} {
      set obo [naive_pick $names]
    } elseif {$u < 0.3} {
      set obo ""
    } else {
      set obo NULL
    }
    if {$obo eq "NULL"} {
      $db eval {INSERT INTO flows(payer, payee, kind, amount)
                VALUES($payer, $payee, $kind, $amount)}
    } else {
      $db eval {INSERT INTO flows(payer, payee, kind, amount, on_behalf_of)
                VALUES($payer, $payee, $kind, $amount, $obo)}
    }
  }
  set ckinds {loan bond receivable equity_stake}
  for {set i 0} {$i < $n_claims} {incr i} {
    set creditor [naive_pick $names]
    set debtor [naive_pick $names]
    set kind [naive_pick $ckinds]
    set amount [naive_amount 40]
    $db eval {INSERT INTO claims(creditor, debtor, kind, amount)
              VALUES($creditor, $debtor, $kind, $amount)}
  }
  return $names
}
