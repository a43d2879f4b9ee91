/* The live event stream: one long GET /events on its own curl multi handle, driven only inside
 * engine_events_next (no thread), its body cut into lines. A lost stream is retried with
 * exponential backoff from the last event delivered (since=); the seam drops what the engine
 * sends again. Memory stays bounded: a line over ENGINE_EVENT_MAX is dropped as it arrives and
 * the transfer pauses while complete lines wait to be taken. */
#include "collect/curl_api.h"
#include "collect/engine.h"
#include "collect/engine_events.h"
#include "util/util.h"
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

CURL *engine_stream_handle(struct engine *e, char **url, const char *path);

#define PENDING_MAX (2 * ENGINE_EVENT_MAX)   /* buffered bytes before the transfer pauses */

struct engine_events {
	struct engine *e;
	struct engine_events_opts o;
	CURLM *multi;
	CURL *h;                   /* the transfer in progress, or NULL */
	char *url;
	struct buf in;             /* received bytes; [off, len) not yet taken */
	size_t off, scanned;       /* scanned: where the partial line (after the last newline) starts */
	size_t looked;             /* how far the search for a newline has gone */
	bool skipping;             /* inside a line over the limit: dropped up to its newline */
	bool paused, up, down;     /* down: a loss was reported and the stream is not back yet */
	char *ended;               /* why the transfer ended, reported once the lines before it are
	                              taken */
	struct buf errbody;        /* a non-2xx answer's body */
	char errbuf[CURL_ERROR_SIZE];
	int backoff_ms, attempts;
	int64_t retry_at;          /* monotonic ms of the next attempt while there is no transfer */
	int64_t since;             /* where a new connection resumes: the last event delivered, or
	                              when the stream first came up (Unix ns) */
	struct engine_seam seam;
};

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The current partial line: dropped once it is over the limit. */
static void limit_partial(struct engine_events *s)
{
	char *nl;
	if (!s->in.s)
		return;
	while ((nl = memchr(s->in.s + s->looked, '\n', s->in.len - s->looked)))
		s->looked = s->scanned = (size_t)(nl - s->in.s) + 1;
	s->looked = s->in.len;
	if (s->in.len - s->scanned > ENGINE_EVENT_MAX) {
		/* in its place a line no engine sends (JSON has no NUL), reported in order */
		s->in.len = s->scanned;
		buf_add(&s->in, "\0\n", 2);
		s->looked = s->scanned = s->in.len;
		s->skipping = true;
	}
}

static size_t on_data(char *p, size_t size, size_t nmemb, void *ud)
{
	struct engine_events *s = ud;
	size_t n = size * nmemb;
	long http = 0;
	curl_easy_getinfo(s->h, CURLINFO_RESPONSE_CODE, &http);
	if (http && (http < 200 || http > 299)) {
		if (s->errbody.len < 4096)
			buf_add(&s->errbody, p, n);
		return n;
	}
	if (s->in.len - s->off > PENDING_MAX) {
		s->paused = true;
		return CURL_WRITEFUNC_PAUSE;   /* curl keeps this chunk until we resume */
	}
	if (s->skipping) {
		char *nl = memchr(p, '\n', n);
		if (!nl)
			return n;
		s->skipping = false;
		size_t k = (size_t)(nl - p) + 1;
		p += k;
		n -= k;
		if (!n)
			return size * nmemb;
	}
	buf_add(&s->in, p, n);
	limit_partial(s);
	return size * nmemb;
}

static void notify(struct engine_events *s, bool up, const char *text)
{
	if (s->o.notify)
		s->o.notify(s->o.ud, up, text);
}

static bool start(struct engine_events *s)
{
	char *path = engine_events_path(s->since);
	free(s->url);
	s->url = NULL;
	s->h = engine_stream_handle(s->e, &s->url, path);
	free(path);
	if (!s->h)
		return false;
	s->in.len = s->off = s->scanned = s->looked = 0;
	s->skipping = s->paused = s->up = false;
	s->errbody.len = 0;
	s->errbuf[0] = '\0';
	curl_easy_setopt(s->h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(s->h, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(s->h, CURLOPT_ERRORBUFFER, s->errbuf);
	curl_easy_setopt(s->h, CURLOPT_PRIVATE, NULL);
	/* A quiet stream is a healthy one: no low-speed limit; keepalive finds a vanished peer. */
	curl_easy_setopt(s->h, CURLOPT_LOW_SPEED_LIMIT, 0L);
	curl_easy_setopt(s->h, CURLOPT_LOW_SPEED_TIME, 0L);
	curl_easy_setopt(s->h, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(s->h, CURLOPT_TCP_KEEPIDLE, 30L);
	curl_easy_setopt(s->h, CURLOPT_TCP_KEEPINTVL, 10L);
	if (curl_multi_add_handle(s->multi, s->h) != CURLM_OK) {
		curl_easy_cleanup(s->h);
		s->h = NULL;
		return false;
	}
	s->attempts++;
	return true;
}

static void stop(struct engine_events *s)
{
	if (!s->h)
		return;
	curl_multi_remove_handle(s->multi, s->h);
	curl_easy_cleanup(s->h);
	s->h = NULL;
}

/* The transfer ended (or never began): report the loss once, schedule the next attempt. */
static void lost(struct engine_events *s, const char *why)
{
	stop(s);
	if (!s->down) {
		char *m = xasprintf("%s: event stream lost: %s; reconnecting", engine_name(s->e), why);
		notify(s, false, m);
		free(m);
		s->down = true;
		s->attempts = 0;
	}
	s->retry_at = now_ms() + s->backoff_ms;
	s->backoff_ms = s->backoff_ms * 2 > s->o.backoff_max_ms ? s->o.backoff_max_ms
	                                                        : s->backoff_ms * 2;
}

static char *end_reason(struct engine_events *s, CURLcode code)
{
	long http = 0, os = 0;
	curl_easy_getinfo(s->h, CURLINFO_RESPONSE_CODE, &http);
	curl_easy_getinfo(s->h, CURLINFO_OS_ERRNO, &os);
	if (code == CURLE_OK && (http < 200 || http > 299)) {
		json_t *j = s->errbody.len ? json_loadb(s->errbody.s, s->errbody.len, 0, NULL) : NULL;
		const char *m = jstr(j, "message");
		char *r = m ? xasprintf("HTTP %ld: %.300s", http, m) : xasprintf("HTTP %ld", http);
		json_decref(j);
		return r;
	}
	if (code == CURLE_OK)
		return xstrdup("the engine ended the stream");
	if (os && (code == CURLE_COULDNT_CONNECT || code == CURLE_RECV_ERROR ||
	           code == CURLE_SEND_ERROR))
		return xasprintf("%s", strerror((int)os));
	return xasprintf("%s", s->errbuf[0] ? s->errbuf : curl_easy_strerror(code));
}

/* Drive the transfer once; a 2xx answer marks the stream up (and reports a return). */
static void pump(struct engine_events *s)
{
	int running = 0;
	CURLMcode mc = curl_multi_perform(s->multi, &running);
	long http = 0;
	if (mc != CURLM_OK) {
		lost(s, curl_multi_strerror(mc));
		return;
	}
	curl_easy_getinfo(s->h, CURLINFO_RESPONSE_CODE, &http);
	if (!s->up && http >= 200 && http <= 299) {
		s->up = true;
		if (!s->since) {
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			s->since = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
		}
		if (s->down) {
			char *m = xasprintf("%s: event stream back after %d attempt%s", engine_name(s->e),
			                    s->attempts, s->attempts == 1 ? "" : "s");
			notify(s, true, m);
			free(m);
			s->down = false;
		}
	}
	CURLMsg *msg;
	int left;
	while ((msg = curl_multi_info_read(s->multi, &left)))
		if (msg->msg == CURLMSG_DONE && msg->easy_handle == s->h) {
			s->ended = end_reason(s, msg->data.result);
			stop(s);
			break;
		}
}

/* The next complete line: 1 with an event to deliver, -1 with *err, 0 when none is left. */
static int take(struct engine_events *s, struct event *ev, char **err)
{
	while (s->off < s->in.len) {
		char *start = s->in.s + s->off;
		char *nl = memchr(start, '\n', s->in.len - s->off);
		if (!nl)
			break;
		size_t n = (size_t)(nl - start);
		s->off += n + 1;
		while (n && (start[n - 1] == '\r' || start[n - 1] == ' '))
			n--;
		if (!n)
			continue;
		s->backoff_ms = s->o.backoff_min_ms;   /* a good read */
		if (n == 1 && *start == '\0') {
			*err = xasprintf("%s: GET /events: an event over %u MiB, skipped",
			                 engine_name(s->e), ENGINE_EVENT_MAX >> 20);
			return -1;
		}
		char *why = NULL;
		if (engine_event_parse(start, n, ev, &why) != 0) {
			*err = xasprintf("%s: GET /events: %s; skipped", engine_name(s->e), why);
			free(why);
			return -1;
		}
		if (engine_event_wanted(ev) && !engine_seam_seen(&s->seam, ev)) {
			if (ev->time_nano > s->since)
				s->since = ev->time_nano;
			return 1;
		}
		event_free(ev);
	}
	/* all taken: reuse the buffer, and let a paused transfer go on */
	if (s->off && s->off == s->in.len)
		s->in.len = s->off = s->scanned = s->looked = 0;
	else if (s->off > ENGINE_EVENT_MAX) {
		memmove(s->in.s, s->in.s + s->off, s->in.len - s->off);
		s->in.len -= s->off;
		s->scanned -= s->off;
		s->looked -= s->off;
		s->off = 0;
	}
	if (s->paused && s->h) {
		s->paused = false;
		curl_easy_pause(s->h, CURLPAUSE_CONT);
	}
	return 0;
}

int engine_events_next(struct engine_events *s, struct event *ev, int timeout_ms, char **err)
{
	int64_t deadline = now_ms() + (timeout_ms > 0 ? timeout_ms : 0);
	*ev = (struct event){ 0 };
	for (;;) {
		int r = take(s, ev, err);
		if (r != 0)
			return r;
		if (s->ended) {
			lost(s, s->ended);
			free(s->ended);
			s->ended = NULL;
		}
		int64_t now = now_ms();
		if (!s->h && now >= s->retry_at && !start(s))
			lost(s, "cannot start the request");
		if (s->h)
			pump(s);
		if ((r = take(s, ev, err)) != 0)
			return r;
		now = now_ms();
		if (now >= deadline)
			return 0;
		int64_t wait = deadline - now;
		if (!s->h && s->retry_at - now < wait)
			wait = s->retry_at - now > 0 ? s->retry_at - now : 0;
		if (wait > 1000)
			wait = 1000;
		if (s->h)
			curl_multi_poll(s->multi, NULL, 0, (int)wait, NULL);
		else
			poll(NULL, 0, (int)wait);
	}
}

struct engine_events *engine_events_open(struct engine *e, const struct engine_events_opts *o,
                                         char **err)
{
	char *url = NULL;
	CURL *probe = engine_stream_handle(e, &url, "/events");
	free(url);
	if (!probe) {
		*err = xasprintf("%s: GET /events: cannot stream from this engine", engine_name(e));
		return NULL;
	}
	curl_easy_cleanup(probe);
	struct engine_events *s = xcalloc(1, sizeof *s);
	s->e = e;
	if (o)
		s->o = *o;
	if (s->o.backoff_min_ms <= 0)
		s->o.backoff_min_ms = 500;
	if (s->o.backoff_max_ms < s->o.backoff_min_ms)
		s->o.backoff_max_ms = s->o.backoff_min_ms > 30000 ? s->o.backoff_min_ms : 30000;
	s->backoff_ms = s->o.backoff_min_ms;
	s->seam.t = s->since = s->o.since_nano > 0 ? s->o.since_nano : 0;
	s->multi = curl_multi_init();
	if (!s->multi) {
		*err = xasprintf("%s: cannot set up libcurl", engine_name(e));
		free(s);
		return NULL;
	}
	return s;
}

void engine_events_close(struct engine_events *s)
{
	if (!s)
		return;
	stop(s);
	free(s->ended);
	curl_multi_cleanup(s->multi);
	engine_seam_free(&s->seam);
	free(s->in.s);
	free(s->errbody.s);
	free(s->url);
	free(s);
}
