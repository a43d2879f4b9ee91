/* Follows an engine's event stream for tests/cli/events.sh, one line per thing that happened:
 *   event TYPE ACTION [cmd=COMMAND] [name=NAME] [exit=N]
 *   down / up (the stream lost and back; the engine's message on stderr)
 *   skipped: MESSAGE
 * usage: events_tail HOST SECONDS. After "down" it waits for a line on stdin before reconnecting,
 * so a test can make an event happen while it is away. Ends after SECONDS. */
#include "collect/engine.h"
#include "collect/engine_events.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int downs;

static void on_state(void *ud, bool up, const char *text)
{
	(void)ud;
	printf("%s\n", up ? "up" : "down");
	fprintf(stderr, "%s\n", text);
	if (!up)
		downs++;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: events_tail HOST SECONDS\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	struct engine_endpoint ep = { .host = argv[1] };
	char *err = NULL;
	struct engine *e = engine_connect(&ep, NULL, &err);
	if (!e) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	struct engine_events_opts o = {
		.since_nano = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec,
		.notify = on_state,
	};
	struct engine_events *s = engine_events_open(e, &o, &err);
	if (!s) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	printf("open\n");
	time_t end = time(NULL) + atoi(argv[2]);
	int waited = 0;
	while (time(NULL) < end) {
		struct event ev;
		int r = engine_events_next(s, &ev, 200, &err);
		if (r > 0) {
			printf("event %s %s", ev.type, ev.action);
			if (ev.exec_cmd)
				printf(" cmd=%s", ev.exec_cmd);
			if (ev.name)
				printf(" name=%s", ev.name);
			if (ev.has_exit_code)
				printf(" exit=%d", ev.exit_code);
			printf("\n");
			event_free(&ev);
		} else if (r < 0) {
			printf("skipped: %s\n", err);
			free(err);
			err = NULL;
		}
		if (downs > waited) {   /* hold the reconnect until the test says so */
			char line[64];
			waited = downs;
			if (!fgets(line, sizeof line, stdin))
				clearerr(stdin);
		}
	}
	engine_events_close(s);
	engine_close(e);
	return 0;
}
