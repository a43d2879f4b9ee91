#include "model/image.h"
#include <stdlib.h>

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void image_cfg_free(struct image_cfg *im)
{
	if (!im)
		return;
	free(im->id);
	free(im->ref);
	free(im->user);
	free_list(im->env, im->nenv);
	free_list(im->ports, im->nports);
	free_list(im->volumes, im->nvolumes);
	free_list(im->labels, im->nlabels);
	free_list(im->history, im->nhistory);
	free(im);
}
