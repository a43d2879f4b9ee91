/* Shared by the image rules: walking the kept files and reporting one with its layer. */
#ifndef BW_I_UTIL_H
#define BW_I_UTIL_H
#include "model/image.h"
#include "model/image_fs.h"
#include "rules/rule.h"

/* The image's files, or none when its layers were not read. */
#define IMG_FILES(im, f) \
	for (const struct img_file *f = (im)->fs ? (im)->fs->files : NULL; \
	     f && f < (im)->fs->files + (im)->fs->nfiles; f++)

/* A finding at file f (line 0 for the whole file), with f's layer; the message gets " (deleted
 * in layer M, still in layer N)" appended when the file is no longer visible. */
void i_report(struct findings *out, const struct rule *self, const struct image_cfg *im,
              const struct img_file *f, int line, const char *evidence, const char *what);
/* The base name of a path. */
const char *i_base(const char *path);
/* The path ends with this component sequence ("/.aws/credentials" matches ".aws/credentials"). */
bool i_path_ends(const char *path, const char *tail);
#endif
