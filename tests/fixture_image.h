#ifndef BW_FIXTURE_IMAGE_H
#define BW_FIXTURE_IMAGE_H
#include <stdbool.h>
/* Write the image that json_path (image.json) describes as a docker-archive at path. */
bool fixture_image_write(const char *json_path, const char *path);
#endif
