/* bulwark: one binary, subcommands dispatched from a table; as docker-bulwark, a docker CLI
 * plugin. */
#include "cmd/cmd.h"

int main(int argc, char **argv)
{
	if (argc > 0 && cmd_is_plugin(argv[0]))
		return cmd_plugin_main(argc, argv);
	return cmd_main(argc, argv);
}
