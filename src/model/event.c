#include "model/event.h"
#include <stdlib.h>

void event_free(struct event *ev)
{
	if (!ev)
		return;
	free(ev->type);
	free(ev->action);
	free(ev->exec_cmd);
	free(ev->id);
	free(ev->name);
	free(ev->image);
	free(ev->exec_id);
	*ev = (struct event){ 0 };
}
