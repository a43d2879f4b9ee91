#include "model/host_patch.h"
#include <stdlib.h>

void host_patch_free(struct host_patch *x)
{
	for (size_t i = 0; i < x->nups; i++) {
		struct hp_update *u = &x->ups[i];
		free(u->name), free(u->arch), free(u->installed), free(u->candidate), free(u->suite);
	}
	free(x->ups);
	free(x->reboot_flag);
	for (size_t i = 0; i < x->nreboot_pkgs; i++)
		free(x->reboot_pkgs[i]);
	free(x->reboot_pkgs);
	free(x->kernel_newer), free(x->kernel_newer_from);
	free(x->uu_value), free(x->uu_conf);
	free(x->engine_pkg), free(x->engine_version);
	for (size_t i = 0; i < x->nunsigned; i++) {
		struct hp_unsigned *u = &x->unsigned_srcs[i];
		free(u->file), free(u->repo), free(u->setting);
	}
	free(x->unsigned_srcs);
}
