/* --format html (to be written). */
#include "report/report.h"

int report_html(FILE *fp, const struct findings *f, const struct report_opts *o)
{
	(void)fp, (void)f, (void)o;
	fputs("bulwark: --format html is not written yet\n", stderr);
	return -1;
}
