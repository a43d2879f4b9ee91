/* GET with the body as a byte stream the caller pulls (a `docker save` of an image): libcurl
 * pushes, so one thread runs the transfer into a socket pair and the caller reads the other
 * end. Nothing touches the disk. */
#include "collect/curl_api.h"
#include "collect/engine.h"
#include "util/util.h"
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

CURL *engine_stream_handle(struct engine *e, char **url, const char *path);

struct engine_stream {
	CURL *h;
	char *url, *path;
	int fd[2];                  /* [0] the caller reads, [1] the transfer writes */
	pthread_t thread;
	CURLcode code;
	long http;
	struct buf errbody;         /* a non-2xx answer's body, for its message */
	char errbuf[CURL_ERROR_SIZE];
};

static size_t on_data(char *p, size_t size, size_t nmemb, void *ud)
{
	struct engine_stream *s = ud;
	size_t n = size * nmemb, done = 0;
	long http = 0;
	curl_easy_getinfo(s->h, CURLINFO_RESPONSE_CODE, &http);
	if (http && (http < 200 || http > 299)) {
		if (s->errbody.len < 4096)
			buf_add(&s->errbody, p, n);
		return n;
	}
	while (done < n) {
		ssize_t w = send(s->fd[1], p + done, n - done, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return 0;   /* the reader closed: abort the transfer */
		done += (size_t)w;
	}
	return n;
}

static void *run(void *arg)
{
	struct engine_stream *s = arg;
	s->code = curl_easy_perform(s->h);
	curl_easy_getinfo(s->h, CURLINFO_RESPONSE_CODE, &s->http);
	shutdown(s->fd[1], SHUT_WR);
	return NULL;
}

struct engine_stream *engine_stream_open(struct engine *e, const char *path, char **err)
{
	struct engine_stream *s = xcalloc(1, sizeof *s);
	s->h = engine_stream_handle(e, &s->url, path);
	s->path = xstrdup(path);
	if (!s->h || socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, s->fd) != 0) {
		*err = xasprintf("GET %s: cannot stream from this engine", path);
		if (s->h)
			curl_easy_cleanup(s->h);
		free(s->url);
		free(s->path);
		free(s);
		return NULL;
	}
	curl_easy_setopt(s->h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(s->h, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(s->h, CURLOPT_ERRORBUFFER, s->errbuf);
	curl_easy_setopt(s->h, CURLOPT_PRIVATE, NULL);
	if (pthread_create(&s->thread, NULL, run, s) != 0) {
		*err = xasprintf("GET %s: cannot start the transfer", path);
		close(s->fd[0]);
		close(s->fd[1]);
		curl_easy_cleanup(s->h);
		free(s->url);
		free(s->path);
		free(s);
		return NULL;
	}
	return s;
}

ssize_t engine_stream_read(void *ctx, void *buf, size_t n)
{
	struct engine_stream *s = ctx;
	ssize_t r;
	do
		r = recv(s->fd[0], buf, n, 0);
	while (r < 0 && errno == EINTR);
	return r;
}

int engine_stream_close(struct engine_stream *s, char **err)
{
	int status;
	if (!s)
		return -1;
	shutdown(s->fd[0], SHUT_RDWR);   /* an unfinished transfer stops at its next write */
	pthread_join(s->thread, NULL);
	if (s->code != CURLE_OK && s->code != CURLE_WRITE_ERROR) {
		status = -1;
		*err = xasprintf("GET %s: %s", s->path,
		                 s->errbuf[0] ? s->errbuf : curl_easy_strerror(s->code));
	} else if (s->http < 200 || s->http > 299) {
		json_t *j = s->errbody.len ? json_loadb(s->errbody.s, s->errbody.len, 0, NULL) : NULL;
		const char *m = json_string_value(json_object_get(j, "message"));
		status = (int)s->http;
		*err = m ? xasprintf("GET %s: HTTP %ld: %.300s", s->path, s->http, m)
		         : xasprintf("GET %s: HTTP %ld", s->path, s->http);
		json_decref(j);
	} else {
		status = (int)s->http;
	}
	close(s->fd[0]);
	close(s->fd[1]);
	curl_easy_cleanup(s->h);
	free(s->errbody.s);
	free(s->url);
	free(s->path);
	free(s);
	return status;
}
