/* The report's order, stable whatever order the stages produced findings in. */
#ifndef BW_SORT_H
#define BW_SORT_H
#include <stddef.h>
#include "model/finding.h"

void findings_sort(struct findings *f);                      /* by target, path, line, rule */
void findings_sort_from(struct findings *f, size_t from);   /* only v[from..n) */
#endif
