/* bulwark completion bash|zsh|fish: the shell's completion script, made from the command,
 * option and rule tables (cmd/complete*.c). */
#include "cmd/cmd.h"
#include "cmd/complete.h"
#include "cmd/opts.h"
#include <getopt.h>
#include <string.h>

static const struct cmd shells[] = {
	{ "bash", "completion bash", "the bash script", NULL, NULL },
	{ "zsh", "completion zsh", "the zsh script", NULL, NULL },
	{ "fish", "completion fish", "the fish script", NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

static const char about[] =
	"\nbash:  source <(bulwark completion bash), or install it as\n"
	"       /usr/share/bash-completion/completions/bulwark\n"
	"zsh:   source <(bulwark completion zsh), or install it as _bulwark in a directory of\n"
	"       $fpath (/usr/share/zsh/vendor-completions)\n"
	"fish:  bulwark completion fish | source, or install it as\n"
	"       /usr/share/fish/vendor_completions.d/bulwark.fish\n";

static int run(int argc, char **argv)
{
	const struct opts p = { "completion", cmd_completion.usage, NULL, 0, NULL, about };
	int rc = opts_only_help(&p, argc, argv);
	if (rc >= 0)
		return rc;
	if (argc - optind != 1)
		return opts_usage_error(&p, "completion takes one shell (bash, zsh, fish)", NULL);
	const char *sh = argv[optind];
	if (!strcmp(sh, "bash"))
		complete_bash(stdout);
	else if (!strcmp(sh, "zsh"))
		complete_zsh(stdout);
	else if (!strcmp(sh, "fish"))
		complete_fish(stdout);
	else
		return opts_usage_error(&p, "unknown shell (bash, zsh, fish)", sh);
	return fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_ERROR;
}

const struct cmd cmd_completion = {
	.name = "completion", .usage = "completion bash|zsh|fish",
	.summary = "print the shell completion script for bash, zsh or fish", .run = run,
	.about = about, .subs = shells, .operands = OPERANDS_NONE,
};
