/* Load generator for the authz plugin socket: N client threads, each with one HTTP/1.1
 * keep-alive connection, send recorded AuthZReq bodies at a fixed offered rate (or as fast as
 * they can with --rate 0) for a bounded count and time, then print throughput and latency.
 * usage: authz_load SOCKET RATE SECONDS THREADS BODY.json...  (RATE 0: max) */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define MAX_SAMPLES 2000000

static const char *sock_path;
static double rate, seconds;
static int nthreads, nbodies;
static char **reqs;          /* whole HTTP requests, prebuilt */
static size_t *req_len;
static double *lat;          /* microseconds */
static size_t nlat;
static long errors;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static int dial(void)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", sock_path);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	struct timeval tmo = {2, 0};   /* a server that stops answering ends the run, not hangs it */
	if (fd >= 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tmo, sizeof tmo);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Reads one response (headers with Content-Length, then the body). 0 on success. */
static int read_response(int fd, char *b, size_t cap)
{
	size_t n = 0;
	for (;;) {
		ssize_t r = read(fd, b + n, cap - n - 1);
		if (r <= 0)
			return -1;
		n += (size_t)r;
		b[n] = '\0';
		char *end = strstr(b, "\r\n\r\n");
		if (!end)
			continue;
		char *cl = strcasestr(b, "content-length:");
		size_t want = (size_t)(end + 4 - b) + (cl ? strtoul(cl + 15, NULL, 10) : 0);
		if (n >= want)
			return strncmp(b, "HTTP/1.1 200", 12) == 0 ? 0 : -1;
	}
}

static void *client(void *arg)
{
	long id = (long)arg;
	int fd = dial();
	char resp[65536];
	double *mine = malloc(sizeof(double) * (MAX_SAMPLES / nthreads));
	size_t n = 0;
	long err = 0;
	double start = now(), per = rate > 0 ? nthreads / rate : 0, next = start;
	for (long i = id; fd >= 0 && n < (size_t)(MAX_SAMPLES / nthreads); i += nthreads) {
		if (per > 0) {   /* fixed schedule: latency counts from the planned send time */
			next += per;
			double w = next - now();
			if (w > 0)
				nanosleep(&(struct timespec){(time_t)w, (long)((w - (time_t)w) * 1e9)}, NULL);
		}
		double t0 = per > 0 ? next : now();
		if (t0 - start > seconds)
			break;
		int k = (int)(i % nbodies);
		if (write(fd, reqs[k], req_len[k]) != (ssize_t)req_len[k] ||
		    read_response(fd, resp, sizeof resp) != 0) {
			err++;
			close(fd);
			fd = dial();
			continue;
		}
		mine[n++] = (now() - t0) * 1e6;
	}
	if (fd >= 0)
		close(fd);
	pthread_mutex_lock(&mu);
	memcpy(lat + nlat, mine, n * sizeof *mine);
	nlat += n;
	errors += err;
	pthread_mutex_unlock(&mu);
	free(mine);
	return NULL;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *s = malloc(1 << 20);
	*len = fread(s, 1, (1 << 20) - 1, f);
	fclose(f);
	return s;
}

int main(int argc, char **argv)
{
	if (argc < 6) {
		fprintf(stderr, "usage: authz_load SOCKET RATE SECONDS THREADS BODY.json...\n");
		return 2;
	}
	sock_path = argv[1];
	rate = atof(argv[2]);
	seconds = atof(argv[3]);
	nthreads = atoi(argv[4]);
	nbodies = argc - 5;
	reqs = calloc(nbodies, sizeof *reqs);
	req_len = calloc(nbodies, sizeof *req_len);
	for (int i = 0; i < nbodies; i++) {
		size_t n;
		char *body = slurp(argv[5 + i], &n);
		if (!body) {
			fprintf(stderr, "authz_load: cannot read %s: %s\n", argv[5 + i], strerror(errno));
			return 2;
		}
		reqs[i] = malloc(n + 256);
		req_len[i] = (size_t)sprintf(reqs[i], "POST /AuthZPlugin.AuthZReq HTTP/1.1\r\nHost: "
		                             "plugin\r\nContent-Type: application/json\r\nContent-Length:"
		                             " %zu\r\n\r\n%.*s", n, (int)n, body);
		free(body);
	}
	/* The default 50 us timer slack would make every planned send late by up to that much. */
	prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
	lat = malloc(sizeof(double) * MAX_SAMPLES);
	pthread_t *t = calloc(nthreads, sizeof *t);
	double t0 = now();
	for (long i = 0; i < nthreads; i++)
		pthread_create(&t[i], NULL, client, (void *)i);
	for (int i = 0; i < nthreads; i++)
		pthread_join(t[i], NULL);
	double el = now() - t0;
	qsort(lat, nlat, sizeof *lat, cmp);
#define PCT(p) (nlat ? lat[(size_t)((p) * (nlat - 1))] : 0)
	printf("offered %s: %zu requests in %.2f s = %.0f req/s, errors %ld, latency us p50 %.0f "
	       "p99 %.0f p99.9 %.0f max %.0f\n", rate > 0 ? argv[2] : "max", nlat, el, nlat / el,
	       errors, PCT(0.5), PCT(0.99), PCT(0.999), nlat ? lat[nlat - 1] : 0);
	return errors || !nlat;
}
