/* The runtime watch's alerts as output lines: one JSON object per line (jsonl), or one line of
 * text. The JSON shape is documented next to the findings schema. */
#ifndef BW_REPORT_WATCH_H
#define BW_REPORT_WATCH_H
#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>
#include "model/watch_alert.h"
#include "model/watch_base.h"

/* {"time","kind","severity","container":{"name","id","image"},"message","evidence":{k:v}};
 * time is RFC 3339 UTC with milliseconds. 0, or -1 when the stream failed. */
int report_watch_jsonl(FILE *fp, const struct watch_alert *a);
/* TIME SEVERITY KIND NAME: MESSAGE (k=v, ...). */
int report_watch_text(FILE *fp, const struct watch_alert *a);
/* Baselines (bulwark baseline): text for show; JSON for export, which import reads back:
 * {"schema":"bulwark/watch-baselines/v1","baselines":[{"image","executables":[{"path","dev",
 * "ino"}],"ports":[{"proto","port"}],"capabilities":HEX,"min_uid":N|null,"packet_socket",
 * "tty_shell"}]}. 0, or -1 when the stream failed. */
int report_watch_bases_text(FILE *fp, const struct watch_base *v, size_t n);
int report_watch_bases_json(FILE *fp, const struct watch_base *v, size_t n);

#endif
