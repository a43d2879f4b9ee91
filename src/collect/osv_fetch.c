/* OSV archive downloads: conditional, resumable, verified. Beside <eco>.zip the cache keeps
 * <eco>.zip.meta (the validators of that archive) and, after a broken transfer, <eco>.zip.part
 * with <eco>.zip.part.meta (the validator the partial bytes belong to, sent as If-Range so a
 * changed archive restarts instead of being spliced). */
#include "collect/osv_fetch.h"
#include "collect/curl_api.h"
#include "collect/http_header.h"
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct meta { char etag[512], modified[128]; };

struct xfer {
	FILE *f;               /* the .part file, opened at the first body byte */
	const char *part;
	long status;           /* of the response being read (after redirects, the last one) */
	struct meta got;       /* its validators */
	uint64_t bytes, have, max;
	bool too_big, io_error;
};

static void read_meta(const char *path, struct meta *m)
{
	char line[700];
	FILE *f = fopen(path, "r");
	memset(m, 0, sizeof *m);
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!strncmp(line, "etag: ", 6))
			snprintf(m->etag, sizeof m->etag, "%.511s", line + 6);
		else if (!strncmp(line, "last-modified: ", 15))
			snprintf(m->modified, sizeof m->modified, "%.127s", line + 15);
	}
	fclose(f);
}

static bool write_meta(const char *path, const struct meta *m)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return false;
	fprintf(f, "etag: %s\nlast-modified: %s\n", m->etag, m->modified);
	return fclose(f) == 0;
}

/* A header's value, trimmed, into buf when line is "name: value". */
static void header_value(const char *line, size_t n, const char *name, char *buf, size_t len)
{
	const char *v;
	size_t vlen;
	if (http_header(line, n, name, &v, &vlen) && vlen < len && !memchr(v, '\n', vlen))
		snprintf(buf, len, "%.*s", (int)vlen, v);
}

static size_t on_header(char *line, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;
	(void)size;
	if (n > 5 && !strncmp(line, "HTTP/", 5)) {     /* a new response: forget the last one's */
		const char *sp = memchr(line, ' ', n);
		x->status = sp ? strtol(sp + 1, NULL, 10) : 0;
		memset(&x->got, 0, sizeof x->got);
		return n;
	}
	header_value(line, n, "ETag", x->got.etag, sizeof x->got.etag);
	header_value(line, n, "Last-Modified", x->got.modified, sizeof x->got.modified);
	return n;
}

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;
	(void)size;
	if (x->status != 200 && x->status != 206)
		return n;                                  /* a 304's or an error page's body */
	if (!x->f) {
		x->f = fopen(x->part, x->status == 206 ? "ab" : "wb");
		if (!x->f) {
			x->io_error = true;
			return 0;
		}
		if (x->status == 200)
			x->have = 0;
	}
	if (x->have + x->bytes + n > x->max) {
		x->too_big = true;
		return 0;
	}
	if (fwrite(data, 1, n, x->f) != n) {
		x->io_error = true;
		return 0;
	}
	x->bytes += n;
	return n;
}

/* "Rocky Linux" -> "Rocky%20Linux" in the URL, "Rocky_Linux" as a file name. */
static void eco_url(char *buf, size_t len, const char *base, const char *eco)
{
	size_t k = (size_t)snprintf(buf, len, "%s/", base);
	for (const unsigned char *p = (const unsigned char *)eco; *p && k + 4 < len; p++)
		k += (size_t)(isalnum(*p) || strchr("-._~", *p)
		              ? snprintf(buf + k, len - k, "%c", *p)
		              : snprintf(buf + k, len - k, "%%%02X", *p));
	snprintf(buf + k, len - k, "/all.zip");
}

static void eco_file(char *buf, size_t len, const char *dir, const char *eco, const char *ext)
{
	size_t k = (size_t)snprintf(buf, len, "%s/", dir);
	for (const unsigned char *p = (const unsigned char *)eco; *p && k + 1 < len; p++)
		buf[k++] = (char)(isalnum(*p) || *p == '-' || *p == '.' ? *p : '_');
	snprintf(buf + k, len - k, ".zip%s", ext);
}

static struct curl_slist *conditions(const char *zip, const char *part, struct meta *partm,
                                     uint64_t *have, bool *resume)
{
	struct curl_slist *h = NULL;
	struct meta done;
	struct stat st;
	char line[700], mpath[4200];
	snprintf(mpath, sizeof mpath, "%s.meta", part);
	read_meta(mpath, partm);
	*resume = stat(part, &st) == 0 && st.st_size > 0 && (partm->etag[0] || partm->modified[0]);
	if (*resume) {
		*have = (uint64_t)st.st_size;
		snprintf(line, sizeof line, "Range: bytes=%llu-", (unsigned long long)*have);
		h = curl_slist_append(h, line);
		snprintf(line, sizeof line, "If-Range: %s", partm->etag[0] ? partm->etag : partm->modified);
		return curl_slist_append(h, line);
	}
	snprintf(mpath, sizeof mpath, "%s.meta", zip);
	read_meta(mpath, &done);
	if (access(zip, R_OK) != 0)
		return NULL;
	if (done.etag[0]) {
		snprintf(line, sizeof line, "If-None-Match: %s", done.etag);
		h = curl_slist_append(h, line);
	}
	if (done.modified[0]) {
		snprintf(line, sizeof line, "If-Modified-Since: %s", done.modified);
		h = curl_slist_append(h, line);
	}
	return h;
}

static void setup(CURL *c, const struct osv_fetch_opts *o, const char *url, struct xfer *x,
                  struct curl_slist *h)
{
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);      /* a stalled transfer ends */
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "bulwark");
	if (o->cacert)
		curl_easy_setopt(c, CURLOPT_CAINFO, o->cacert);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, x);
}

/* After a response: the archive complete (rename into place), unchanged, or kept to resume. */
static enum osv_fetched settle(struct xfer *x, CURLcode rc, const char *url, const char *zip,
                               const char *part, char *err, size_t errlen)
{
	char mpath[4200];
	if (x->f && fclose(x->f) != 0)
		x->io_error = true;
	x->f = NULL;
	snprintf(mpath, sizeof mpath, "%s.meta", part);
	if (x->too_big || x->io_error) {
		snprintf(err, errlen, "%s: %s", url, x->too_big ? "the archive is larger than allowed"
		                                              : "cannot write it to the cache");
		unlink(part), unlink(mpath);
		return OSV_FAILED;
	}
	if (rc == CURLE_OK && x->status == 304)
		return OSV_UNCHANGED;
	if (rc == CURLE_OK && (x->status == 200 || x->status == 206)) {
		char zmeta[4200];
		snprintf(zmeta, sizeof zmeta, "%s.meta", zip);
		if (rename(part, zip) != 0 || !write_meta(zmeta, &x->got)) {
			snprintf(err, errlen, "%s: %s", zip, strerror(errno));
			return OSV_FAILED;
		}
		unlink(mpath);
		return OSV_NEW;
	}
	if (rc == CURLE_OK && x->status == 416) {    /* the partial bytes fit no archive it has */
		unlink(part), unlink(mpath);
		snprintf(err, errlen, "%s: the server refused to resume (HTTP 416); the next update "
		         "starts over", url);
		return OSV_FAILED;
	}
	if (rc == CURLE_OK) {
		snprintf(err, errlen, "%s: the server answered HTTP %ld", url, x->status);
		return OSV_FAILED;
	}
	/* Broken mid-way: keep what came, with the validator it belongs to, to resume. */
	if (x->bytes && (x->got.etag[0] || x->got.modified[0]) && x->status == 200)
		write_meta(mpath, &x->got);
	snprintf(err, errlen, "%s: %s%s", url, curl_easy_strerror(rc),
	         x->bytes ? " (what arrived is kept, and the next update resumes from there)" : "");
	return OSV_FAILED;
}

enum osv_fetched osv_fetch(const struct osv_fetch_opts *o, const char *ecosystem,
                           struct osv_fetch_result *r, char *err, size_t errlen)
{
	char url[2048], part[4100];
	struct meta partm;
	struct xfer x = { .part = part, .max = o->max_bytes ? o->max_bytes : UINT64_MAX };
	const char *why;
	memset(r, 0, sizeof *r);
	if (!curl_api_load(&why)) {
		snprintf(err, errlen, "cannot download: %s", why);
		return OSV_FAILED;
	}
	eco_url(url, sizeof url, o->base ? o->base : OSV_DEFAULT_SOURCE, ecosystem);
	eco_file(r->path, sizeof r->path, o->dir, ecosystem, "");
	eco_file(part, sizeof part, o->dir, ecosystem, ".part");
	struct curl_slist *h = conditions(r->path, part, &partm, &x.have, &r->resumed);
	CURL *c = curl_easy_init();
	if (!c) {
		curl_slist_free_all(h);
		snprintf(err, errlen, "%s: cannot start a transfer", url);
		return OSV_FAILED;
	}
	setup(c, o, url, &x, h);
	CURLcode rc = curl_easy_perform(c);
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
	/* A resumed transfer answered 200 started over; its validators are the new ones. */
	r->resumed = r->resumed && x.status == 206;
	r->status = x.status;
	r->bytes = x.bytes;
	return settle(&x, rc, url, r->path, part, err, errlen);
}
