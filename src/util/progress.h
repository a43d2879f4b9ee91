/* A progress bar on stderr, only when stderr is a terminal and the work is long enough. */
#ifndef BW_PROGRESS_H
#define BW_PROGRESS_H
#include <stdbool.h>
#include <stddef.h>
struct progress { size_t total; const char *label; bool on; int last; };
void progress_start(struct progress *p, size_t total, const char *label);
void progress_step(struct progress *p, size_t done);
void progress_end(struct progress *p);
#endif
