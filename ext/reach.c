/*
** reach.c: the companies a round's changes reach (reach.h).
*/
#include "reach.h"

long long reach_size(const Network *net, int j, unsigned moved) {
  long long size = 0;
  if (moved & MOVED_CUT) {
    size += 1 + (net->out_start[j + 1] - net->out_start[j])
              + (net->behalf_start[j + 1] - net->behalf_start[j]);
  }
  if (moved & MOVED_DEFAULT) size += net->debtor_start[j + 1] - net->debtor_start[j];
  return size;
}

static void mark_one(Reach *r, int j) {
  if (r->marked[j]) return;
  r->marked[j] = 1;
  r->next[r->n_next++] = j;
}

static void mark_all(Reach *r, const int *list, int from, int to) {
  int k;
  for (k = from; k < to; k++) mark_one(r, list[k]);
}

void reach_mark(Reach *r, const Network *net, int j, unsigned moved) {
  if (moved & MOVED_CUT) {
    mark_one(r, j);
    mark_all(r, net->out_payee, net->out_start[j], net->out_start[j + 1]);
    mark_all(r, net->behalf_payee, net->behalf_start[j], net->behalf_start[j + 1]);
  }
  if (moved & MOVED_DEFAULT) {
    mark_all(r, net->debtor_creditor, net->debtor_start[j], net->debtor_start[j + 1]);
  }
}


void reach_advance(Reach *r) {
  int k, *swap = r->list;
  for (k = 0; k < r->n_next; k++) r->marked[r->next[k]] = 0;
  r->list = r->next;
  r->next = swap;
  r->n_list = r->n_next;
  r->n_next = 0;
}

int reach_next(Reach *r, const Network *net, unsigned char *moved, long long reached) {
  int all = reached > (long long)(net->n_flows + net->n_claims) / 4 + net->n_companies, k;
  for (k = 0; k < r->n_list; k++) {
    int j = r->list[k];
    if (!all) reach_mark(r, net, j, moved[j]);
    moved[j] = 0;
  }
  if (!all) {
    reach_advance(r);
    return 0;
  }
  for (k = 0; k < net->n_companies; k++) r->list[k] = k;   /* no mark was made */
  r->n_list = net->n_companies;
  return 1;
}
