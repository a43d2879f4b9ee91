/* --format gitlab (to be written). */
#include "report/report.h"

int report_gitlab(FILE *fp, const struct findings *f, const struct report_opts *o)
{
	(void)fp, (void)f, (void)o;
	fputs("bulwark: --format gitlab is not written yet\n", stderr);
	return -1;
}
