/* libpq, opened on first use (util/dynlib.h says why). Include this instead of <libpq-fe.h>.
 * Every call goes through pq_api_ready first: the store is optional, so a missing libpq is an
 * error of the run that asked for PostgreSQL, not an exit. */
#ifndef BW_COLLECT_PQ_API_H
#define BW_COLLECT_PQ_API_H
#include <libpq-fe.h>
#include <stdbool.h>

#define PQ_API_FUNCS(X)                                                                          \
	X(connectdb) X(status) X(errorMessage) X(finish) X(execParams) X(resultStatus)           \
	X(resultErrorMessage) X(resultErrorField) X(clear) X(ntuples) X(nfields) X(getvalue)     \
	X(getisnull) X(cmdTuples) X(setNoticeProcessor)

#define PQ_API_SLOT(f) __typeof__(PQ##f) *f;
struct pq_api {
	PQ_API_FUNCS(PQ_API_SLOT)
};
#undef PQ_API_SLOT
extern struct pq_api pq_api;

/* Opens libpq once; false with *err naming what is missing. */
bool pq_api_ready(const char **err);
#endif
