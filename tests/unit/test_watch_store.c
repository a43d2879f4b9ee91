/* The runtime watch's baseline store: a baseline saved and loaded back whole, a newer schema
 * refused, and the exported JSON read back with errors that name the field. */
#include "test.h"
#include "collect/watch_store.h"
#include "util/util.h"
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

static void sample(struct watch_base *b)
{
	watch_base_init(b, "sha256:abc");
	watch_base_exe_add(b, "/bin/sh", 1, 2);
	watch_base_exe_add(b, "/app/server", 3, 4);
	watch_base_port_add(b, "udp", 53);
	watch_base_port_add(b, "tcp", 8080);
	b->cap_eff = 0xa80425fbull | (1ull << 40);
	b->has_uid = true;
	b->min_uid = 1000;
	b->tty_shell = true;
}

TEST(watch_store_round_trip)
{
	char dir[] = "/tmp/bw-wstore-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char *path = xasprintf("%s/sub/watch.db", dir), err[512] = "";
	struct watch_store *s = watch_store_open(path, false, err, sizeof err);
	CHECK(!s);   /* read only: a missing store is an error, and none is made */
	CHECK(str_suffix(err, ": No such file or directory (bulwark watch creates it while "
	                 "learning)"));
	s = watch_store_open(path, true, err, sizeof err);
	CHECK(s != NULL);
	struct watch_base b, got;
	sample(&b);
	CHECK_INT(watch_store_save(s, &b, err, sizeof err), 0);
	CHECK_INT(watch_store_save(s, &b, err, sizeof err), 0);   /* replaced, not doubled */
	CHECK_INT(watch_store_load(s, "sha256:abc", &got, err, sizeof err), 1);
	CHECK_INT(got.nexes, 2);
	CHECK_STR(got.exes[0].path, "/app/server");
	CHECK_INT(got.exes[0].ino, 4);
	CHECK_INT(got.nports, 2);
	CHECK_STR(got.ports[0].proto, "tcp");
	CHECK_INT(got.ports[1].port, 53);
	CHECK(got.cap_eff == b.cap_eff && got.has_uid && got.min_uid == 1000 && got.tty_shell &&
	      !got.packet && !got.changed);
	watch_base_free(&got);
	CHECK_INT(watch_store_load(s, "sha256:other", &got, err, sizeof err), 0);
	watch_base_free(&got);
	char **images;
	size_t n;
	CHECK_INT(watch_store_images(s, &images, &n, err, sizeof err), 0);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_STR(images[0], "sha256:abc");
	for (size_t i = 0; i < n; i++)
		free(images[i]);
	free(images);
	watch_store_close(s);
	watch_base_free(&b);
	/* a newer schema is refused */
	sqlite3 *db;
	CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
	CHECK_INT(sqlite3_exec(db, "PRAGMA user_version=2", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	s = watch_store_open(path, true, err, sizeof err);
	CHECK(!s);
	CHECK(str_suffix(err, "watch.db: baseline store schema 2, this bulwark reads 1"));
	unlink(path);
	char *sub = xasprintf("%s/sub", dir);
	rmdir(sub);
	rmdir(dir);
	free(sub);
	free(path);
}

TEST(watch_base_parse_export)
{
	static const char ok[] = "{\"schema\":\"bulwark/watch-baselines/v1\",\"baselines\":["
		"{\"image\":\"sha256:abc\",\"executables\":[{\"path\":\"/bin/sh\",\"dev\":1,\"ino\":2}],"
		"\"ports\":[{\"proto\":\"tcp\",\"port\":80}],\"capabilities\":\"a80425fb\","
		"\"min_uid\":null,\"packet_socket\":true,\"tty_shell\":false}]}";
	struct watch_base *v;
	size_t n;
	char err[512] = "";
	CHECK_INT(watch_base_parse("x.json", ok, sizeof ok - 1, &v, &n, err, sizeof err), 0);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(v[0].image, "sha256:abc");
		CHECK(v[0].nexes == 1 && v[0].nports == 1 && v[0].cap_eff == 0xa80425fb &&
		      !v[0].has_uid && v[0].packet && !v[0].tty_shell);
		watch_base_free(&v[0]);
	}
	free(v);
	static const char *const bad[][2] = {
		{ "{\"schema\":\"x\",\"baselines\":[]}",
		  "x.json: not a bulwark baseline export (schema bulwark/watch-baselines/v1)" },
		{ "{\"schema\":", "x.json: line 1: invalid JSON: " },
		{ "{\"schema\":\"bulwark/watch-baselines/v1\",\"baselines\":[{\"image\":\"i\","
		  "\"executables\":[],\"ports\":[{\"proto\":\"sctp\",\"port\":1}]}]}",
		  "x.json: baselines[0].ports[0]: not {\"proto\": \"tcp\" or \"udp\", \"port\": 0 to 65535}" },
		{ "{\"schema\":\"bulwark/watch-baselines/v1\",\"baselines\":[{\"image\":\"i\","
		  "\"executables\":[],\"ports\":[],\"capabilities\":\"zz\"}]}",
		  "x.json: baselines[0].capabilities: not a hexadecimal string" },
		{ "{\"schema\":\"bulwark/watch-baselines/v1\",\"baselines\":[7]}",
		  "x.json: baselines[0]: not an object" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		CHECK_INT(watch_base_parse("x.json", bad[i][0], strlen(bad[i][0]), &v, &n, err,
		                           sizeof err), -1);
		CHECK(str_prefix(err, bad[i][1]));
		if (!str_prefix(err, bad[i][1]))
			fprintf(stderr, "  got: %s\n", err);
		CHECK(!v && !n);
	}
}
