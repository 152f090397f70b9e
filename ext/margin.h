/*
** margin.h: a margin (liquidity or equity) that decides a default, summed
** exactly from its terms, and taken as 0 within the rounding of decimal
** figures to doubles.
**
** The plain sums of a round can land a hair on the wrong side of 0: the
** doubles of 0.3 - 0.9 - 0.3 + 0.9, added left to right, make -1.1e-16,
** where the figures, added by hand, make 0. So a margin that its plain sum
** puts near 0 is summed again exactly, in twice the precision (twice.h:
** each product split by fma, each sum by TwoSum). The exact sum of the
** doubles can still differ from the figures' own: 0.1 + 0.3 - 0.2 - 0.2 is
** -2.8e-17 in doubles, 0 by hand, since 0.1, 0.2 and 0.3 are not doubles.
** A decimal figure is within half a unit in the last place of its double,
** a product of two within one; so a margin within 2^-52 of the terms that
** are not whole numbers (whole numbers below 2^53 are exact) counts as 0:
** the figures may cancel exactly. A whole-number figure moves nothing: with
** cash and debt service of 1e12 each, a loss of 0.0001 is a shortfall.
*/
#ifndef AIBUBBLE_MARGIN_H
#define AIBUBBLE_MARGIN_H

#include <math.h>
#include "twice.h"

typedef struct Margin {
  Wide sum;
  double decimal;      /* the magnitudes of the terms that rounding may have moved */
} Margin;

#define MARGIN_INIT { { 0, 0, 0, 0, 0 }, 0 }

/* A figure, as it is. */
static inline void margin_add(Margin *m, double v) {
  wide_add_term(&m->sum, v);
  if (!(v == floor(v) && fabs(v) < 0x1p53)) m->decimal += fabs(v);
}

/* a times b, exactly. */
static inline void margin_add_product(Margin *m, double a, double b) {
  wide_add_product(&m->sum, a, b);
  m->decimal += fabs(a * b);
}

/* The margin rounded once, or 0 when the figures may cancel exactly;
** plain (the plain sum) when a product was too small to split exactly or
** the terms pass the largest double. */
static inline double margin_value(const Margin *m, double plain) {
  double v = m->sum.hi + m->sum.lo;
  if (m->sum.inexact || !isfinite(v) || !isfinite(m->sum.magnitude)) return plain;
  return fabs(v) <= 2 * TWICE_ROUNDING * m->decimal + pair_error(&m->sum) ? 0 : v;
}

/* Whether a plain sum of at most `terms` rounded terms, magnitudes adding
** up to size, lands near enough 0 to be summed again exactly: within its
** own error bound (plain_error) and the decimal one. */
static inline int margin_near_zero(double plain, int terms, double size) {
  return fabs(plain) <= plain_error(terms, size) + 2 * TWICE_ROUNDING * size;
}

#endif
