#ifndef BW_LOC_H
#define BW_LOC_H
/* Where something came from. path is borrowed from the model that owns it; line 0 = unknown. */
struct loc { const char *path; int line; };
#define LOC_NONE ((struct loc){ 0, 0 })
#endif
