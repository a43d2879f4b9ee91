/* The fleet report's formats beside text and JSON (fleet.c): each host's latest findings are
 * read from the fleet's source one host at a time as the report is written. */
#ifndef BW_REPORT_FLEET_INT_H
#define BW_REPORT_FLEET_INT_H
#include <stdio.h>
#include "model/fleet.h"

/* One self-contained page: the estate's overview, then a section per host. */
int fleet_html_write(FILE *fp, const struct fleet *f);
/* SARIF 2.1.0 with one run per host. */
int fleet_sarif_write(FILE *fp, const struct fleet *f);
#endif
