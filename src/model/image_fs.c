/* Freeing the image filesystem model. */
#include "model/image_fs.h"
#include "util/util.h"
#include <stdlib.h>

void img_file_clear(struct img_file *f)
{
	free(f->path);
	free(f->link);
	for (size_t i = 0; i < f->nsecrets; i++) {
		free(f->secrets[i].kind_id);
		free(f->secrets[i].kind_name);
		free(f->secrets[i].evidence);
	}
	free(f->secrets);
	for (size_t i = 0; i < f->naccounts; i++)
		free(f->accounts[i].name);
	free(f->accounts);
	f->path = f->link = NULL;
	f->secrets = NULL;
	f->accounts = NULL;
	f->nsecrets = f->naccounts = 0;
}

void img_accounts_copy(struct img_file *to, const struct img_file *from)
{
	to->naccounts = from->naccounts;
	to->accounts = from->naccounts ? xcalloc(from->naccounts, sizeof *to->accounts) : NULL;
	for (size_t i = 0; i < from->naccounts; i++) {
		to->accounts[i] = from->accounts[i];
		to->accounts[i].name = xstrdup(from->accounts[i].name);
	}
}

void img_layer_clear(struct img_layer *l)
{
	free(l->diff_id);
	free(l->digest);
	free(l->created_by);
	for (size_t i = 0; i < l->ncaches; i++)
		free(l->caches[i].dir);
	free(l->caches);
	l->diff_id = l->digest = l->created_by = NULL;
	l->caches = NULL;
	l->ncaches = 0;
}

void image_fs_free(struct image_fs *fs)
{
	if (!fs)
		return;
	for (size_t i = 0; i < fs->nfiles; i++)
		img_file_clear(&fs->files[i]);
	for (size_t i = 0; i < fs->nlayers; i++)
		img_layer_clear(&fs->layers[i]);
	free(fs->files);
	free(fs->layers);
	pkg_inv_clear(&fs->inv);
	fs->files = NULL;
	fs->layers = NULL;
	fs->nfiles = fs->nlayers = 0;
}
