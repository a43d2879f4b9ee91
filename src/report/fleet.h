/* The estate's report from the fleet store: text or JSON (docs/json-schema.md, "Fleet
 * report"). */
#ifndef BW_REPORT_FLEET_H
#define BW_REPORT_FLEET_H
#include <stdio.h>
#include "model/fleet.h"
#include "report/report.h"

/* 0, or -1 when the format is not one the fleet report has or the write failed. */
int fleet_report_write(FILE *fp, const struct fleet *f, enum report_format format);
#endif
