/* libFuzzer target: the bytes are one daemon.json. Parse them into settings as the collector
 * does, derive what the audit reads, run the daemon rules over the result, free it all. */
#include "collect/daemon_int.h"
#include "rules/rule.h"
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1u << 20))
		return 0;
	struct daemon d = { 0 };
	struct findings out = { 0 };
	daemon_json_apply(&d, "/etc/docker/daemon.json", (const char *)data, size, &out);
	daemon_derive(&d);
	out.cur.kind = TK_DAEMON;
	rules_run_daemon(&d, &out);
	daemon_free(&d);
	findings_free(&out);
	return 0;
}
