/* Go: the build info the linker embeds in every module-aware binary (Go ≥ 1.13), found by its
 * header "\xff Go buildinf:" (32 bytes: magic, pointer size, flags). Go ≥ 1.18 writes the
 * toolchain version and the module info inline after the header as two uvarint-prefixed
 * strings (flags bit 2); older ones point at two Go string headers (address, length) in the
 * data, read through the ELF program headers (flags bit 1: big-endian). The module info holds
 * "mod", "dep" and "=>" (replacement) lines of path, version and sum; the toolchain becomes the
 * package "stdlib", as OSV names Go's standard library. The header is searched in the whole
 * file: it lives in .go.buildinfo at the start of the data segment, which in a large binary
 * lies well past the text (tens of MiB in); each hit is validated, since a binary that
 * embeds debug/buildinfo also holds the magic as a string constant. */
#include "collect/pkg_elf.h"
#include "collect/pkg_lang_int.h"
#include "util/util.h"
#include <stdio.h>
#include <string.h>

#define MAGIC "\xff Go buildinf:"
#define MAGIC_LEN 14
#define HDR 32
#define MODINFO_MAX ((size_t)4 << 20)
#define HITS_MAX 64       /* magic occurrences tried before giving up */
#define FIELD_MAX 512

struct gostr { const char *s; size_t n; };

static bool uvarint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	*v = 0;
	for (unsigned shift = 0; *p < end && shift < 64; shift += 7) {
		unsigned char b = *(*p)++;
		*v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return true;
	}
	return false;
}

static bool inline_str(const unsigned char **p, const unsigned char *end, struct gostr *out)
{
	uint64_t n;
	if (!uvarint(p, end, &n) || n > MODINFO_MAX || n > (uint64_t)(end - *p))
		return false;
	*out = (struct gostr){ (const char *)*p, (size_t)n };
	*p += n;
	return true;
}

/* A Go string header (pointer, length) at vaddr → its bytes in the file. */
static bool pointed_str(const struct elf *e, uint64_t vaddr, unsigned ptr, struct gostr *out)
{
	size_t off;
	if (!elf_addr(e, vaddr, 2 * (uint64_t)ptr, &off))
		return false;
	uint64_t at = elf_word(e, e->d + off, ptr), n = elf_word(e, e->d + off + ptr, ptr);
	if (n > MODINFO_MAX || (n && !elf_addr(e, at, n, &off)))
		return false;
	*out = (struct gostr){ n ? (const char *)e->d + off : "", (size_t)n };
	return true;
}

/* The version and module info of the header at h, or false when it is not a real one. */
static bool read_header(const struct elf *e, const unsigned char *h, struct gostr *vers,
                        struct gostr *mod)
{
	const unsigned char *end = e->d + e->len;
	if ((size_t)(end - h) < HDR)
		return false;
	unsigned ptr = h[14], flags = h[15];
	if (ptr != 4 && ptr != 8)
		return false;
	if (flags & 2) {
		const unsigned char *p = h + HDR;
		if (!inline_str(&p, end, vers) || !inline_str(&p, end, mod))
			return false;
	} else {
		struct elf be = *e;
		be.big = flags & 1;
		if (!pointed_str(&be, elf_word(&be, h + 16, ptr), ptr, vers) ||
		    !pointed_str(&be, elf_word(&be, h + 16 + ptr, ptr), ptr, mod))
			return false;
	}
	return (vers->n > 2 && memcmp(vers->s, "go", 2) == 0) ||
	       (vers->n >= 5 && memcmp(vers->s, "devel", 5) == 0);
}

/* "go1.21.3 X:boringcrypto" → "1.21.3"; "go1.20" → "1.20.0"; "go1.21rc2" → "1.21.0-rc.2";
 * "" for a development toolchain. */
static void stdlib_version(struct gostr v, char *out, size_t cap)
{
	*out = '\0';
	if (v.n < 3 || memcmp(v.s, "go", 2) != 0)
		return;
	char s[64];
	size_t n = 0;
	for (size_t i = 2; i < v.n && v.s[i] != ' ' && n < sizeof s - 1; i++)
		s[n++] = v.s[i];
	s[n] = '\0';
	unsigned a = 0, b = 0, c = 0, pre = 0;
	char tag[8] = "";
	int used = 0;
	if (sscanf(s, "%u.%u.%u%n", &a, &b, &c, &used) == 3 && (size_t)used == n)
		snprintf(out, cap, "%u.%u.%u", a, b, c);
	else if (sscanf(s, "%u.%u%n", &a, &b, &used) == 2 && (size_t)used == n)
		snprintf(out, cap, "%u.%u.0", a, b);
	else if (sscanf(s, "%u.%u%7[a-z]%u%n", &a, &b, tag, &pre, &used) == 4 && (size_t)used == n)
		snprintf(out, cap, "%u.%u.0-%s.%u", a, b, tag, pre);
}

/* Field i (0-based) of a tab-separated line, into out. */
static void field(const char *line, size_t n, int i, char *out)
{
	const char *p = line, *end = line + n;
	for (; i > 0 && p < end; i--) {
		const char *t = memchr(p, '\t', (size_t)(end - p));
		p = t ? t + 1 : end;
	}
	const char *t = memchr(p, '\t', (size_t)(end - p));
	size_t m = (size_t)((t ? t : end) - p);
	m = m < FIELD_MAX - 1 ? m : FIELD_MAX - 1;
	memcpy(out, p, m);
	out[m] = '\0';
}

/* Modules in mod order; a "=>" line replaces the module just before it (a local directory,
 * with no version, drops it: its code is not the published module's). */
static void modules(struct gostr mod, const char *path, size_t layer, struct pkg_inv *inv)
{
	if (mod.n >= 33 && mod.s[mod.n - 17] == '\n')
		mod.s += 16, mod.n -= 32;   /* the sentinels Go wraps the text in */
	char mpath[FIELD_MAX] = "", mvers[FIELD_MAX] = "";
	for (const char *p = mod.s, *end = mod.s + mod.n; p <= end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		bool repl = n > 3 && memcmp(p, "=>\t", 3) == 0;
		if (repl || (n > 4 && (memcmp(p, "mod\t", 4) == 0 || memcmp(p, "dep\t", 4) == 0)) ||
		    !nl) {
			if (!repl && *mpath && *mvers && strcmp(mvers, "(devel)") != 0)
				pkg_lang_add(inv, PKG_GO, mpath, mvers, path, layer);
			*mpath = *mvers = '\0';
			if (nl) {
				field(p, n, 1, mpath);
				field(p, n, 2, mvers);
			}
		}
		if (!nl)
			break;
		p = nl + 1;
	}
}

PKG_LANG_PARSE(pkg_gobin_parse)
{
	(void)err, (void)errlen;
	struct elf e;
	if (!elf_open(&e, data, len))
		return true;
	const unsigned char *d = e.d, *end = d + len, *h = d;
	for (int hits = 0; hits < HITS_MAX &&
	     (h = memmem(h, (size_t)(end - h), MAGIC, MAGIC_LEN)); hits++, h++) {
		struct gostr vers, mod;
		if (!read_header(&e, h, &vers, &mod))
			continue;
		char sv[64];
		stdlib_version(vers, sv, sizeof sv);
		if (*sv)
			pkg_lang_add(inv, PKG_GO, "stdlib", sv, path, layer);
		modules(mod, path, layer, inv);
		break;
	}
	return true;
}
