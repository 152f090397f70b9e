/*
** twice.h: sums of products in twice the precision of a double.
**
** A Wide keeps a sum as hi + lo: each product is split exactly by fma into
** its rounded value and its error, and each addition by TwoSum into its
** rounded sum and its error (Ogita, Rump and Oishi's Dot2). It also keeps
** what bounds its own error: the magnitudes of the terms and their count.
** For the network's inflow sums, exposure's proofs (exposure_large.c) and
** its exact slacks.
*/
#ifndef AIBUBBLE_TWICE_H
#define AIBUBBLE_TWICE_H

#include <math.h>

#define TWICE_ROUNDING 0x1p-53   /* unit roundoff of a double */
#define TWICE_TINY 0x1p-900      /* products below this could lose fma's exactness */

typedef struct Wide {
  double hi, lo, magnitude;
  int terms;
  int inexact;             /* a product too small for fma to split exactly */
} Wide;

static inline void wide_add(Wide *w, double v) {
  double s = w->hi + v, t = s - w->hi;
  w->lo += (w->hi - (s - t)) + (v - t);
  w->hi = s;
}

/* Adds an amount, exactly as it is (no product to split). */
static inline void wide_add_term(Wide *w, double v) {
  if (v == 0) return;
  wide_add(w, v);
  w->magnitude += fabs(v);
  w->terms += 1;
}

/* The sum of values[from, to), each added as it is. */
static inline Wide wide_sum(const double *values, int from, int to) {
  Wide sum = { 0, 0, 0, 0, 0 };
  int i;
  for (i = from; i < to; i++) wide_add_term(&sum, values[i]);
  return sum;
}

static inline void wide_add_product(Wide *w, double a, double b) {
  double p = a * b;
  if (a == 0 || b == 0) return;
  w->inexact |= fabs(p) < TWICE_TINY;   /* an underflow to 0 too */
  wide_add(w, p);
  wide_add(w, fma(a, b, -p));
  w->magnitude += fabs(p);
  w->terms += 2;
}

/* How far hi + lo, unrounded, may be from the exact sum: Dot2's bound
** gamma_m^2 sum |p| (gamma_m = m eps / (1 - m eps)), taken generously;
** infinite when a product could not be split exactly. */
static inline double pair_error(const Wide *w) {
  double gamma = (w->terms + 2) * TWICE_ROUNDING * 1.01;
  return w->inexact ? INFINITY : gamma * gamma * w->magnitude * 1.01;
}

/* The same for hi + lo rounded to one double: eps |s| more. */
static inline double wide_error(const Wide *w) {
  return 2 * TWICE_ROUNDING * fabs(w->hi + w->lo) + pair_error(w);
}

/* How far a plain left-to-right sum of `terms` rounded terms whose
** magnitudes add up to size may be from the exact sum: gamma_terms size,
** taken generously. */
static inline double plain_error(int terms, double size) {
  return (terms + 2) * TWICE_ROUNDING * 1.1 * size;
}

#endif
