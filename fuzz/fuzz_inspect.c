/* libFuzzer target: the bytes are an engine answer. Each is parsed as JSON and fed to what turns
 * engine answers into models: the container inspect, its top listing, its exec ids and an exec
 * record (GET /exec/{id}/json), and the image config; every container rule runs over the result
 * (an engine may be hostile or broken). */
#include "collect/image_cfg.h"
#include "collect/inspect.h"
#include "rules/rule.h"
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const socks[] = { "/run/x.sock", NULL };
	static const struct cs_engine eng = { true, true, true, "/data", socks, false, false };
	json_error_t err;
	json_t *j = json_loadb((const char *)data, size, 0, &err);
	if (!j)
		return 0;
	struct findings out = { 0 };
	struct cspec *c = cspec_from_inspect(j, &eng);
	if (c) {
		const char *ids[CSPEC_MAX_EXECS];
		cspec_set_procs(c, j, "/nonexistent-bulwark-fuzz");
		cspec_exec_ids(c, j, ids);
		cspec_add_exec_inspect(c, j, NULL);
		cspec_add_exec_inspect(c, json_object_get(j, "Exec"), j);
		rules_run_cspec(c, &out);
		cspec_free(c);
	}
	struct image_cfg *im = image_cfg_from_inspect(j);
	if (im)
		rules_run_image(im, &out);
	image_cfg_free(im);
	findings_free(&out);
	json_decref(j);
	return 0;
}
