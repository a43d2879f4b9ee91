/* Read from the peers' own rule lists: hadolint's src/Hadolint/Rule/DL*.hs files, Trivy's
 * checks/docker rego metadata, Dockle's CHECKPOINT.md. Every other check of theirs is an alias
 * of a rule; tests/unit/test_peers.c holds their whole lists and checks that both add up. */
#include "rules/peers.h"
#include "util/util.h"

#define LABELS "hadolint checks this only against a label schema written in its own config. " \
               "Label metadata is not a security property and bulwark has no label schema; " \
               "BW-I016 asks an image to say where it came from."

const struct peer_check peers_not_adopted[] = {
	{ "DL1001", "hadolint", "Please refrain from using inline ignore pragmas",
	  "A pragma on the line before the instruction is bulwark's way to suppress one finding "
	  "with its reason, and every suppression is counted and listed in the report, so none "
	  "goes unseen. (A pragma at the end of an instruction is BW-D058.)" },
	{ "DL3010", "hadolint", "Use ADD for extracting archives into an image",
	  "ADD unpacks only local tar archives, silently; bulwark prefers COPY and an explicit tar "
	  "in RUN (BW-D006, CIS 4.9), and accepts ADD of a local tar archive without asking for it." },
	{ "DL3049", "hadolint", "Label is missing", LABELS },
	{ "DL3050", "hadolint", "Superfluous label(s) present", LABELS },
	{ "DL3051", "hadolint", "Label is empty", LABELS },
	{ "DL3052", "hadolint", "Label is not a valid URL", LABELS },
	{ "DL3053", "hadolint", "Label is not a valid RFC3339 time", LABELS },
	{ "DL3054", "hadolint", "Label is not a valid SPDX license identifier", LABELS },
	{ "DL3055", "hadolint", "Label is not a valid git hash", LABELS },
	{ "DL3056", "hadolint", "Label does not conform to semantic versioning", LABELS },
	{ "DL3058", "hadolint", "Label is not a valid RFC5322 email", LABELS },
	{ "DL3059", "hadolint", "Multiple consecutive RUN instructions",
	  "A layer-count and style hint: merging unrelated RUNs costs build-cache reuse. bulwark "
	  "reports what a split RUN gets wrong: a cache removed in a later layer (BW-D033, BW-D052) "
	  "and an index update without the install (BW-D030)." },
	{ "DL3061", "hadolint", "Dockerfile must begin with FROM, ARG or a comment",
	  "docker build refuses such a file, so bulwark reports it as an input error (file:line, "
	  "exit 2) and still lints the rest, rather than as a finding a config could suppress." },
	{ "DL3066", "hadolint", "Non-numeric user id may not be resolvable by the host",
	  "A user name resolves from the image's /etc/passwd when the container starts. What "
	  "matters for security is whether the user is root, which BW-D004 decides from a name or "
	  "a number alike." },
	{ "CIS-DI-0002", "Dockle", "Use trusted base images for containers",
	  "Dockle names it but checks nothing for it (its content-trust check is CIS-DI-0005, "
	  "BW-E020 here). Which publisher to trust is a judgement; the CIS 4.2 check bulwark makes "
	  "is an allow-list of registries in the config (BW-D068, hadolint's DL3026)." },
	{ "CIS-DI-0003", "Dockle", "Do not install unnecessary packages in the container",
	  "Dockle does not check it: what is unnecessary depends on the application. bulwark "
	  "reports the parts it can decide, recommended packages pulled in (BW-D032) and an SSH "
	  "server (BW-D045, BW-I007); `bulwark explain 4.3` lists them." },
	{ "CIS-DI-0004", "Dockle", "Scan and rebuild the images to include security patches",
	  "Finding unpatched packages needs a vulnerability database; bulwark has none and leaves "
	  "it to a vulnerability scanner (Trivy, Grype). Dockle does not check it either." },
	{ "CIS-DI-0011", "Dockle", "Install verified packages only",
	  "Dockle does not check it. bulwark reports the ways a build turns verification off "
	  "(BW-D044, CIS 4.11) and downloads it cannot verify (BW-D007, BW-D043)." },
	{ "DKL-LI-0003", "Dockle", "Only put necessary files",
	  "Dockle lists caches and editor files (.cache, .npm, .vscode, .idea, .DS_Store), which "
	  "cost size. bulwark reports the files that leak: a git repository (BW-I013), credential "
	  "files (BW-I005), .env files (BW-I014) and package-manager caches (BW-I012)." },
};
const size_t peers_not_adopted_count = sizeof peers_not_adopted / sizeof *peers_not_adopted;

const struct peer_check *peer_not_adopted(const char *id)
{
	for (size_t i = 0; i < peers_not_adopted_count; i++)
		if (str_ieq(peers_not_adopted[i].id, id))
			return &peers_not_adopted[i];
	return NULL;
}
