/* bulwark watch: list the running containers, scan their processes, learn or compare, and turn
 * exec events into alerts, until a signal (or after one scan with --once). Every wait is
 * bounded by the next scan; a signal ends the loop at the next event poll (at most 500 ms). */
#include "pipeline/watch.h"
#include "collect/engine.h"
#include "collect/engine_events.h"
#include "collect/watch_engine.h"
#include "collect/watch_proc.h"
#include "collect/watch_store.h"
#include "pipeline/run.h"
#include "pipeline/watch_detect.h"
#include "report/watch.h"
#include "util/util.h"
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static volatile sig_atomic_t stopping;

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

struct ctr_state {
	char *id;
	int64_t first_ms;    /* when the watch first listed it: its learning window starts */
	bool learning, listed;
};

struct wstate {
	const struct watch_opts *o;
	struct engine *e;
	struct engine_events *events;
	struct watch_store *store;
	struct ctr_state *c; size_t nc, cap_c;
	struct watch_base **b; size_t nb, cap_b;   /* one per image id */
	struct watch_seen seen, execs;
	unsigned gen;
	FILE *out;
	int worst;           /* the highest severity raised; -1 none */
	bool errors;
	bool list_failing;   /* the last listing failed: said once, not every interval */
};

static int64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("bulwark watch: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* The baseline of image: loaded from the store on first use, else new (NULL when there is none
 * and create is false). */
static struct watch_base *base_for(struct wstate *st, const char *image, bool create)
{
	for (size_t i = 0; i < st->nb; i++)
		if (!strcmp(st->b[i]->image, image))
			return st->b[i];
	struct watch_base *b = xmalloc(sizeof *b);
	char err[512];
	int r = watch_store_load(st->store, image, b, err, sizeof err);
	if (r < 0) {
		warn("%s", err);
		st->errors = true;
	}
	if (r <= 0 && !create) {
		watch_base_free(b);
		free(b);
		return NULL;
	}
	GROW(st->b, st->cap_b, st->nb);
	st->b[st->nb++] = b;
	return b;
}

static struct ctr_state *ctr_state(struct wstate *st, const char *id, int64_t now)
{
	for (size_t i = 0; i < st->nc; i++)
		if (!strcmp(st->c[i].id, id))
			return &st->c[i];
	GROW(st->c, st->cap_c, st->nc);
	struct ctr_state *c = &st->c[st->nc++];
	*c = (struct ctr_state){ xstrdup(id), now, !st->o->once && st->o->learn_s > 0, false };
	return c;
}

/* Forget containers no longer listed: a container started again later learns anew. */
static void ctr_prune(struct wstate *st)
{
	size_t j = 0;
	for (size_t i = 0; i < st->nc; i++) {
		if (st->c[i].listed)
			st->c[j++] = st->c[i];
		else
			free(st->c[i].id);
	}
	st->nc = j;
}

/* Print the alerts not raised before (process alerts are marked for this scan). */
static void emit(struct wstate *st, struct watch_alerts *a, struct watch_seen *seen)
{
	for (size_t i = 0; i < a->n; i++) {
		if (!watch_seen_add(seen, a->v[i].key, st->gen))
			continue;
		int rc = st->o->text ? report_watch_text(st->out, &a->v[i])
		                     : report_watch_jsonl(st->out, &a->v[i]);
		if (rc != 0 && !st->errors) {
			warn("%s: %s", st->o->output ? st->o->output : "stdout", strerror(errno));
			st->errors = true;
		}
		if ((int)a->v[i].severity > st->worst)
			st->worst = (int)a->v[i].severity;
	}
	watch_alerts_free(a);
}

static void learned(struct wstate *st, const struct watch_ctr *w, struct watch_base *b)
{
	char err[512];
	if (b->changed && watch_store_save(st->store, b, err, sizeof err) != 0) {
		warn("%s", err);
		st->errors = true;
		return;
	}
	b->changed = false;
	warn("%s: baseline of %s learned (%zu executables, %zu listening ports)", w->name,
	     w->image_id, b->nexes, b->nports);
}

/* One container of the scan: learn while its window is open, else compare. */
static void scan_one(struct wstate *st, const struct watch_ctr *w, const struct watch_container *c,
                     int64_t now, struct watch_alerts *out)
{
	struct ctr_state *cs = ctr_state(st, w->id, now);
	cs->listed = true;
	struct watch_base *b = base_for(st, w->image_id, !st->o->once);
	if (!b) {
		warn("%s: no baseline stored for image %s (bulwark watch learns one)", w->name,
		     w->image_id);
		return;
	}
	if (!c)   /* no process read: it stopped between the listing and the scan */
		return;
	if (cs->learning && now - cs->first_ms < (int64_t)st->o->learn_s * 1000) {
		watch_learn(b, c);
		return;
	}
	if (cs->learning) {
		cs->learning = false;
		watch_learn(b, c);   /* what it did up to the end of its window */
		learned(st, w, b);
		return;
	}
	struct watch_who who = { w->name, w->id, w->image };
	watch_compare(b, c, &who, now, out);
}

static void scan(struct wstate *st)
{
	struct watch_ctrs list = { 0 };
	char *err = NULL;
	if (watch_engine_list(st->e, &list, &err) != 0) {
		if (!st->list_failing)
			warn("%s: %s (retrying every scan)", engine_name(st->e), err);
		free(err);
		st->list_failing = true;
		st->errors |= st->o->once;   /* a watch waits for the engine to come back */
		return;
	}
	if (st->list_failing)
		warn("%s: containers listed again", engine_name(st->e));
	st->list_failing = false;
	const char **ids = xcalloc(list.n + 1, sizeof *ids);
	for (size_t i = 0; i < list.n; i++)
		ids[i] = list.v[i].id;
	struct watch_snapshot s;
	watch_snapshot_init(&s);
	const char *proc = st->o->proc_root ? st->o->proc_root : "/proc";
	if (list.n && watch_proc_scan(&s, proc, ids, list.n) != 0) {
		warn("%s: %s", proc, strerror(errno));
		st->errors = true;
	}
	int64_t now = now_ms();
	st->gen++;
	for (size_t i = 0; i < st->nc; i++)
		st->c[i].listed = false;
	struct watch_alerts out = { 0 };
	for (size_t i = 0; i < list.n; i++)
		scan_one(st, &list.v[i], watch_container_find(&s, list.v[i].id), now, &out);
	emit(st, &out, &st->seen);
	watch_seen_prune(&st->seen, NULL, st->gen);   /* processes gone: forgotten */
	ctr_prune(st);
	watch_snapshot_free(&s);
	free(ids);
	watch_ctrs_free(&list);
}

static void on_exec(struct wstate *st, const struct event *ev)
{
	struct watch_exec_info info;
	char *err = NULL;
	bool known = watch_engine_exec(st->e, ev->exec_id, &info, &err) == 0;
	if (!known) {   /* the exec is still an alert; only its user and terminal are unknown */
		warn("exec %s: %s", ev->exec_id ? ev->exec_id : "?", err ? err : "not found");
		free(err);
	}
	struct watch_exec x = { ev->exec_id, ev->exec_cmd, known, known ? info.user : NULL, NULL,
	                        known && info.tty, known && info.stdin_open };
	x.container_user = x.user;
	struct watch_who who = { ev->name, ev->id, ev->image };
	struct watch_alerts out = { 0 };
	watch_exec_alert(&x, &who, ev->time_nano ? ev->time_nano / 1000000 : now_ms(), &out);
	if (st->execs.n >= 4096)   /* exec ids are never repeated by the stream: a bound only */
		watch_seen_prune(&st->execs, NULL, st->gen + 1);
	emit(st, &out, &st->execs);
	if (known)
		free(info.user);
}

static void on_stream(void *ud, bool up, const char *text)
{
	(void)ud;
	(void)up;
	warn("%s", text);
}

/* Events until the next scan is due (or a signal). */
static void follow(struct wstate *st, int64_t until)
{
	for (int64_t now = now_ms(); !stopping && now < until; now = now_ms()) {
		int wait = (int)(until - now < 500 ? until - now : 500);
		if (!st->events) {
			struct timespec ts = { wait / 1000, (long)(wait % 1000) * 1000000 };
			nanosleep(&ts, NULL);
			continue;
		}
		struct event ev;
		char *err = NULL;
		int r = engine_events_next(st->events, &ev, wait, &err);
		if (r < 0) {
			warn("%s: %s", engine_name(st->e), err);
			free(err);
		} else if (r > 0) {
			if (!strcmp(ev.type, "container") && !strcmp(ev.action, "exec_start"))
				on_exec(st, &ev);
			event_free(&ev);
		}
	}
}

static bool setup(struct wstate *st)
{
	const struct watch_opts *o = st->o;
	char path[4096], err[1024];
	const char *store = o->store ? o->store : watch_store_default_path(path, sizeof path);
	if (!store) {
		warn("no --store given and neither XDG_STATE_HOME nor HOME is set");
		return false;
	}
	if (!(st->store = watch_store_open(store, !o->once, err, sizeof err))) {
		warn("%s", err);
		return false;
	}
	struct engine_endpoint ep = { 0 };
	char *e = NULL;
	if (engine_endpoint_resolve(&ep, o->host, o->context, &e) == 0)
		st->e = engine_connect(&ep, NULL, &e);
	engine_endpoint_free(&ep);
	if (!st->e) {
		warn("%s", e ? e : "no engine");
		free(e);
		return false;
	}
	if (o->output && !(st->out = fopen(o->output, "w"))) {
		warn("%s: %s", o->output, strerror(errno));
		return false;
	}
	if (!o->once) {
		struct engine_events_opts eo = { .since_nano = now_ms() * 1000000, .notify = on_stream };
		if (!(st->events = engine_events_open(st->e, &eo, &e))) {
			warn("%s: %s (no exec alerts)", engine_name(st->e), e);
			free(e);
		}
	}
	return true;
}

int pipeline_watch(const struct watch_opts *o)
{
	struct wstate st = { .o = o, .worst = -1 };
	bool ok = setup(&st);
	if (ok) {
		if (!st.out)
			st.out = stdout;
		struct sigaction sa = { .sa_handler = on_signal };
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		while (!stopping) {
			int64_t next = now_ms() + (int64_t)o->interval_s * 1000;
			scan(&st);
			if (o->once)
				break;
			follow(&st, next);
		}
	}
	if (st.out && st.out != stdout && fclose(st.out) != 0) {
		warn("%s: %s", o->output, strerror(errno));
		st.errors = true;
	}
	if (st.events)
		engine_events_close(st.events);
	if (st.e)
		engine_close(st.e);
	watch_store_close(st.store);
	for (size_t i = 0; i < st.nb; i++) {
		watch_base_free(st.b[i]);
		free(st.b[i]);
	}
	free(st.b);
	for (size_t i = 0; i < st.nc; i++)
		free(st.c[i].id);
	free(st.c);
	watch_seen_free(&st.seen);
	watch_seen_free(&st.execs);
	if (!ok || st.errors)
		return EXIT_ERROR;
	return st.worst >= 0 && o->fail_on != FAIL_ON_NONE && st.worst >= o->fail_on ? EXIT_FINDINGS
	                                                                             : EXIT_CLEAN;
}
