/* Unit tests of the event stream's pure half: one event's JSON into the model (samples from the
 * Engine API documentation and from a real engine), the followed events, the seam, the path. */
#include "test.h"
#include "collect/engine_events.h"
#include "util/util.h"
#include <stdlib.h>

static int parse(const char *text, struct event *ev, char **err)
{
	*err = NULL;
	return engine_event_parse(text, strlen(text), ev, err);
}

/* GET /events's example in the Engine API reference (v1.47). */
TEST(event_docs_sample)
{
	struct event ev;
	char *err;
	CHECK_INT(parse("{\"Type\":\"container\",\"Action\":\"create\",\"Actor\":{\"ID\":"
	                "\"ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743\","
	                "\"Attributes\":{\"com.example.some-label\":\"some-label-value\","
	                "\"image\":\"alpine:latest\",\"name\":\"my-container\"}},\"scope\":\"local\","
	                "\"time\":1461943101,\"timeNano\":1461943101381709551}", &ev, &err), 0);
	CHECK_STR(ev.type, "container");
	CHECK_STR(ev.action, "create");
	CHECK(ev.exec_cmd == NULL);
	CHECK_STR(ev.id, "ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743");
	CHECK_STR(ev.name, "my-container");
	CHECK_STR(ev.image, "alpine:latest");
	CHECK(ev.exec_id == NULL && !ev.has_exit_code);
	CHECK_INT(ev.time_nano, 1461943101381709551LL);
	CHECK(!engine_event_wanted(&ev));
	event_free(&ev);
}

/* An exec without arguments (the engine puts a space after its command) and a container's end. */
TEST(event_exec_and_die)
{
	struct event ev;
	char *err;
	CHECK_INT(parse("{\"status\":\"exec_create: sh -c id \",\"id\":\"c0ffee\",\"from\":\"bb:1\","
	                "\"Type\":\"container\",\"Action\":\"exec_create: sh -c id \",\"Actor\":{"
	                "\"ID\":\"c0ffee\",\"Attributes\":{\"execID\":\"e1\",\"image\":\"bb:1\","
	                "\"name\":\"web\"}},\"scope\":\"local\",\"time\":1765130000,"
	                "\"timeNano\":1765130000000000001}", &ev, &err), 0);
	CHECK_STR(ev.action, "exec_create");
	CHECK_STR(ev.exec_cmd, "sh -c id");
	CHECK_STR(ev.exec_id, "e1");
	CHECK(engine_event_wanted(&ev));
	event_free(&ev);
	CHECK_INT(parse("{\"Type\":\"container\",\"Action\":\"exec_start: id \",\"Actor\":{\"ID\":"
	                "\"c0ffee\"}}", &ev, &err), 0);
	CHECK_STR(ev.action, "exec_start");
	CHECK_STR(ev.exec_cmd, "id");
	CHECK(ev.name == NULL && ev.time_nano == 0);
	event_free(&ev);
	/* only exec actions carry a command */
	CHECK_INT(parse("{\"Type\":\"container\",\"Action\":\"health_status: healthy\"}", &ev, &err),
	          0);
	CHECK_STR(ev.action, "health_status: healthy");
	CHECK(ev.exec_cmd == NULL && !engine_event_wanted(&ev));
	event_free(&ev);
	CHECK_INT(parse("{\"Type\":\"container\",\"Action\":\"die\",\"Actor\":{\"ID\":\"c0ffee\","
	                "\"Attributes\":{\"exitCode\":\"137\",\"name\":\"web\"}},\"time\":17}",
	                &ev, &err), 0);
	CHECK(ev.has_exit_code);
	CHECK_INT(ev.exit_code, 137);
	CHECK_INT(ev.time_nano, 17000000000LL);
	event_free(&ev);
	CHECK_INT(parse("{\"Type\":\"container\",\"Action\":\"die\",\"Actor\":{\"Attributes\":{"
	                "\"exitCode\":\"13x\"}}}", &ev, &err), 0);
	CHECK(!ev.has_exit_code && ev.id == NULL);
	event_free(&ev);
}

/* What Docker 20.10 (API 1.41) printed for `docker exec cap1 sh -c id`. */
TEST(event_real_exec_start)
{
	static const char text[] =
		"{\"status\":\"exec_start: sh -c id\",\"id\":\"876c3aa62a0108e1f0572c86b6af63"
		"8f02e8ded34f63d9826d0af2c1fb424e88\",\"from\":\"bulwark-test/busybox:1\",\"T"
		"ype\":\"container\",\"Action\":\"exec_start: sh -c id\",\"Actor\":{\"ID\":\""
		"876c3aa62a0108e1f0572c86b6af638f02e8ded34f63d9826d0af2c1fb424e88\",\"Attribu"
		"tes\":{\"execID\":\"7f86f9f5a39545314f01b23da7e47ca28a758646194362efc36d4135"
		"49cff777\",\"image\":\"bulwark-test/busybox:1\",\"name\":\"cap1\"}},\"scope"
		"\":\"local\",\"time\":1796669696,\"timeNano\":1796669696973111173}";
	struct event ev;
	char *err;
	CHECK_INT(parse(text, &ev, &err), 0);
	CHECK_STR(ev.type, "container");
	CHECK_STR(ev.action, "exec_start");
	CHECK_STR(ev.exec_cmd, "sh -c id");
	CHECK_STR(ev.id, "876c3aa62a0108e1f0572c86b6af638f02e8ded34f63d9826d0af2c1fb424e88");
	CHECK_STR(ev.name, "cap1");
	CHECK_STR(ev.image, "bulwark-test/busybox:1");
	CHECK_STR(ev.exec_id, "7f86f9f5a39545314f01b23da7e47ca28a758646194362efc36d413549cff777");
	CHECK_INT(ev.time_nano, 1796669696973111173LL);
	CHECK(engine_event_wanted(&ev));
	event_free(&ev);
}

TEST(event_missing_and_wrong_types)
{
	static const struct { const char *text, *err; } bad[] = {
		{ "[1,2]", "event: expected a JSON object" },
		{ "\"start\"", "event: malformed JSON at line 1 column 7: '[' or '{' expected" },
		{ "{\"Action\":\"start\"}", "event: no Type" },
		{ "{\"Type\":\"container\"}", "event: no Action" },
		{ "{\"Type\":\"container\",\"Action\":\"\"}", "event: no Action" },
		{ "{\"Type\":7,\"Action\":\"start\"}", "event: no Type" },
		{ "{\"status\":\"start\",\"id\":\"c0ffee\",\"from\":\"bb\",\"time\":1}",
		  "event: no Type" },
		{ "{\"Type\":\"container\",",
		  "event: malformed JSON at line 1 column 20: string or '}' expected near end of file" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct event ev;
		char *err;
		CHECK_INT(parse(bad[i].text, &ev, &err), -1);
		CHECK_STR(err, bad[i].err);
		if (!str_eq(err, bad[i].err))
			fprintf(stderr, "  %s -> %s\n", bad[i].text, err ? err : "(null)");
		CHECK(ev.type == NULL && ev.action == NULL);
		free(err);
	}
	/* fields of the wrong type are absent, not errors */
	struct event ev;
	char *err;
	CHECK_INT(parse("{\"Type\":\"image\",\"Action\":\"tag\",\"Actor\":[1],\"timeNano\":\"5\","
	                "\"time\":-3}", &ev, &err), 0);
	CHECK(ev.id == NULL && ev.name == NULL && ev.time_nano == 0);
	CHECK(engine_event_wanted(&ev));
	event_free(&ev);
}

TEST(event_huge)
{
	struct buf b = { 0 };
	buf_adds(&b, "{\"Type\":\"container\",\"Action\":\"start\",\"Actor\":{\"ID\":\"c\","
	             "\"Attributes\":{\"label\":\"");
	for (int i = 0; i < 512 * 1024; i++)
		buf_addc(&b, 'x');
	buf_adds(&b, "\",\"name\":\"big\"}}}");
	struct event ev;
	char *err = NULL;
	CHECK_INT(engine_event_parse(b.s, b.len, &ev, &err), 0);
	CHECK_STR(ev.name, "big");
	event_free(&ev);
	b.len -= 3;
	for (int i = 0; i < 600 * 1024; i++)
		buf_addc(&b, 'y');
	buf_adds(&b, "\"}}}");
	CHECK_INT(engine_event_parse(b.s, b.len, &ev, &err), -1);
	CHECK(err && strstr(err, "over the 1 MiB limit"));
	free(err);
	free(b.s);
}

static struct event mk(const char *type, const char *id, const char *action, int64_t t)
{
	return (struct event){ .type = (char *)type, .id = (char *)id, .action = (char *)action,
	                       .time_nano = t };
}

TEST(event_seam)
{
	struct engine_seam s = { 0 };
	struct event a = mk("container", "c1", "start", 100), b = mk("container", "c1", "die", 200),
	             c = mk("container", "c2", "die", 200), d = mk("image", "c1", "die", 200),
	             e = mk("container", "c2", "start", 300), untimed = mk("image", "i", "tag", 0);
	CHECK(!engine_seam_seen(&s, &a));
	CHECK(!engine_seam_seen(&s, &b));
	CHECK(!engine_seam_seen(&s, &c));
	/* the engine sends the events at since=200 again after a reconnect */
	CHECK(engine_seam_seen(&s, &a));
	CHECK(engine_seam_seen(&s, &b));
	CHECK(engine_seam_seen(&s, &c));
	CHECK(!engine_seam_seen(&s, &d));    /* same time and id, another type */
	CHECK(!engine_seam_seen(&s, &e));
	CHECK(engine_seam_seen(&s, &c));
	CHECK_INT(s.n, 1);
	CHECK(!engine_seam_seen(&s, &untimed));
	CHECK(!engine_seam_seen(&s, &untimed));
	struct event x = mk("container", "c3", "exec_start", 300), y = x;
	x.exec_cmd = (char *)"id";
	y.exec_cmd = (char *)"sh";
	CHECK(!engine_seam_seen(&s, &x));
	CHECK(!engine_seam_seen(&s, &y));
	CHECK(engine_seam_seen(&s, &y));
	engine_seam_free(&s);
}

TEST(event_path)
{
	static const char filters[] =
		"filters=%7B%22type%22%3A%5B%22container%22%2C%22image%22%5D%2C%22event%22%3A%5B"
		"%22start%22%2C%22die%22%2C%22exec_create%22%2C%22exec_start%22%2C%22attach%22%2C"
		"%22pull%22%2C%22tag%22%5D%7D";
	char *p = engine_events_path(1765130000000000001LL), *want;
	want = xasprintf("/events?since=1765130000.000000001&%s", filters);
	CHECK_STR(p, want);
	free(p);
	free(want);
	p = engine_events_path(0);
	want = xasprintf("/events?%s", filters);
	CHECK_STR(p, want);
	free(p);
	free(want);
}
