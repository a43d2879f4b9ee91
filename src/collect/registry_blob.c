/* A blob pulled as the layer reader asks for bytes: libcurl pushes, so the transfer runs in a
 * multi handle driven from next(), and pauses whenever the reader has not taken what came. No
 * thread, no file: a layer is never written to disk. */
#include "collect/registry_int.h"
#include "util/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK (1u << 20)

struct blob {
	struct layer_input in;      /* first: the reader holds a pointer to it */
	CURLM *m;
	CURL *h;
	char *buf;
	size_t len, cap;
	bool paused, done;
	CURLcode rc;
	char ebuf[CURL_ERROR_SIZE];
	const char *what;
};

static size_t on_data(char *p, size_t size, size_t n, void *arg)
{
	struct blob *b = arg;
	(void)size;
	if (b->len && b->len + n > b->cap) {
		b->paused = true;
		return CURL_WRITEFUNC_PAUSE;
	}
	if (b->len + n > b->cap) {
		b->cap = b->len + n;
		b->buf = xrealloc(b->buf, b->cap);
	}
	memcpy(b->buf + b->len, p, n);
	b->len += n;
	return n;
}

/* Runs the transfer until it has bytes for the reader or ends. */
static void pump(struct blob *b)
{
	int running = 1;
	for (int spins = 0; !b->len && !b->done; spins++) {
		CURLMsg *msg;
		int left;
		if (curl_multi_perform(b->m, &running) != CURLM_OK) {
			b->done = true;
			b->rc = CURLE_RECV_ERROR;
			break;
		}
		while ((msg = curl_multi_info_read(b->m, &left)))
			if (msg->msg == CURLMSG_DONE) {
				b->done = true;
				b->rc = msg->data.result;
			}
		if (!b->len && !b->done)
			curl_multi_poll(b->m, NULL, 0, 1000, NULL);
	}
}

static ssize_t blob_next(struct layer_input *in, const void **p)
{
	struct blob *b = (struct blob *)in;
	b->len = 0;                       /* the last chunk was consumed */
	if (b->paused) {
		b->paused = false;
		curl_easy_pause(b->h, CURLPAUSE_CONT);
	}
	pump(b);
	if (b->len) {
		*p = b->buf;
		return (ssize_t)b->len;
	}
	if (b->rc == CURLE_OK)
		return 0;
	long st = 0;
	curl_easy_getinfo(b->h, CURLINFO_RESPONSE_CODE, &st);
	if (b->rc == CURLE_HTTP_RETURNED_ERROR)
		snprintf(in->err, sizeof in->err, "blob %.80s: HTTP %ld", b->what, st);
	else
		snprintf(in->err, sizeof in->err, "blob %.80s: %.160s", b->what,
		         *b->ebuf ? b->ebuf : curl_easy_strerror(b->rc));
	return -1;
}

struct layer_input *reg_blob_open(struct reg_client *c, const char *digest, char **err)
{
	struct blob *b = xcalloc(1, sizeof *b);
	char *url = xasprintf("%s/v2/%s/blobs/%s", c->base, c->name, digest);
	b->in = (struct layer_input){ blob_next, NULL, "" };
	b->cap = CHUNK;
	b->buf = xmalloc(b->cap);
	b->what = digest;
	b->m = curl_multi_init();
	b->h = curl_easy_init();
	if (!b->m || !b->h) {
		*err = xstrdup("libcurl: cannot make a handle");
		free(url);
		reg_blob_close(&b->in);
		return NULL;
	}
	reg_handle_setup(c, b->h);
	curl_easy_setopt(b->h, CURLOPT_URL, url);
	curl_easy_setopt(b->h, CURLOPT_FAILONERROR, 1L);
	curl_easy_setopt(b->h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(b->h, CURLOPT_WRITEDATA, b);
	curl_easy_setopt(b->h, CURLOPT_ERRORBUFFER, b->ebuf);
	curl_multi_add_handle(b->m, b->h);
	free(url);
	return &b->in;
}

void reg_blob_close(struct layer_input *in)
{
	struct blob *b = (struct blob *)in;
	if (!b)
		return;
	if (b->m && b->h)
		curl_multi_remove_handle(b->m, b->h);
	if (b->h)
		curl_easy_cleanup(b->h);
	if (b->m)
		curl_multi_cleanup(b->m);
	free(b->buf);
	free(b);
}
