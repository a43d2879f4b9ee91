/* --format junit (to be written). */
#include "report/report.h"

int report_junit(FILE *fp, const struct findings *f, const struct report_opts *o)
{
	(void)fp, (void)f, (void)o;
	fputs("bulwark: --format junit is not written yet\n", stderr);
	return -1;
}
