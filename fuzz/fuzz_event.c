/* libFuzzer target: one line of the Engine API's event stream into the model, then what the
 * stream does with it (the followed events, the seam). */
#include "collect/engine_events.h"
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct event ev;
	char *err = NULL;
	if (engine_event_parse((const char *)data, size, &ev, &err) == 0) {
		struct engine_seam seam = { 0 };
		if (engine_event_wanted(&ev))
			engine_seam_seen(&seam, &ev);
		engine_seam_seen(&seam, &ev);
		engine_seam_free(&seam);
		event_free(&ev);
	}
	free(err);
	return 0;
}
