/* Image configs from the engine: GET /images/{id}/json. */
#ifndef BW_IMAGE_CFG_H
#define BW_IMAGE_CFG_H
#include <jansson.h>
#include "model/image.h"

/* NULL when j is not an object. */
struct image_cfg *image_cfg_from_inspect(json_t *j);
void image_cfg_set_history(struct image_cfg *im, json_t *history);
#endif
