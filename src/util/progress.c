#include "util/progress.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MIN_ITEMS 50   /* below this the work is over before a bar helps */
#define WIDTH 30

void progress_start(struct progress *p, size_t total, const char *label)
{
	const char *term = getenv("TERM");
	p->total = total;
	p->label = label;
	p->last = -1;
	p->on = total >= MIN_ITEMS && isatty(2) && !(term && strcmp(term, "dumb") == 0);
}

void progress_step(struct progress *p, size_t done)
{
	if (!p->on)
		return;
	int pct = (int)(done * 100 / p->total);
	if (pct == p->last)
		return;
	p->last = pct;
	int fill = pct * WIDTH / 100;
	fprintf(stderr, "\r%s [%.*s%*s] %3d%% %zu/%zu", p->label, fill,
	        "##############################", WIDTH - fill, "", pct, done, p->total);
}

void progress_end(struct progress *p)
{
	if (p->on)
		fputs("\r\033[K", stderr);
	p->on = false;
}
