/* A bounded ELF reader: headers are read field by field in the file's byte order, tables are
 * walked only when they lie inside the buffer, and their entry counts are capped. */
#include "collect/pkg_elf.h"
#include <string.h>

#define TABLE_MAX 4096   /* program or section headers; real binaries have tens */

bool elf_open(struct elf *e, const void *data, size_t len)
{
	const unsigned char *d = data;
	if (len < 52 || memcmp(d, "\177ELF", 4) != 0 || (d[4] != 1 && d[4] != 2) ||
	    (d[5] != 1 && d[5] != 2))
		return false;
	*e = (struct elf){ d, len, d[4] == 2, d[5] == 2 };
	return !e->is64 || len >= 64;
}

uint64_t elf_word(const struct elf *e, const unsigned char *p, unsigned size)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < size; i++)
		v |= (uint64_t)p[e->big ? size - 1 - i : i] << (8 * i);
	return v;
}

static bool in_file(const struct elf *e, uint64_t off, uint64_t n)
{
	return off <= e->len && n <= e->len - off;
}

/* The table at ELF header offsets (e_phoff/e_shoff): where, entry size and count. */
static bool table(const struct elf *e, bool sections, uint64_t *off, uint64_t *ent, uint64_t *n)
{
	const unsigned char *d = e->d;
	if (e->is64) {
		*off = elf_word(e, d + (sections ? 0x28 : 0x20), 8);
		*ent = elf_word(e, d + (sections ? 0x3a : 0x36), 2);
		*n = elf_word(e, d + (sections ? 0x3c : 0x38), 2);
	} else {
		*off = elf_word(e, d + (sections ? 0x20 : 0x1c), 4);
		*ent = elf_word(e, d + (sections ? 0x2e : 0x2a), 2);
		*n = elf_word(e, d + (sections ? 0x30 : 0x2c), 2);
	}
	uint64_t need = e->is64 ? (sections ? 64 : 56) : (sections ? 40 : 32);
	return *ent >= need && *n > 0 && *n <= TABLE_MAX && in_file(e, *off, *ent * *n);
}

bool elf_addr(const struct elf *e, uint64_t vaddr, uint64_t n, size_t *off)
{
	uint64_t at, ent, count;
	if (!table(e, false, &at, &ent, &count))
		return false;
	for (uint64_t i = 0; i < count; i++) {
		const unsigned char *p = e->d + at + i * ent;
		uint64_t w = e->is64 ? 8 : 4;
		if (elf_word(e, p, 4) != 1)   /* PT_LOAD */
			continue;
		uint64_t o = elf_word(e, p + (e->is64 ? 8 : 4), (unsigned)w);
		uint64_t va = elf_word(e, p + (e->is64 ? 16 : 8), (unsigned)w);
		uint64_t fsz = elf_word(e, p + (e->is64 ? 32 : 16), (unsigned)w);
		if (vaddr < va || vaddr - va > fsz || n > fsz - (vaddr - va))
			continue;
		uint64_t fo = o + (vaddr - va);
		if (fo < o || !in_file(e, fo, n))
			return false;
		*off = (size_t)fo;
		return true;
	}
	return false;
}

bool elf_section(const struct elf *e, const char *name, size_t *off, size_t *size)
{
	uint64_t at, ent, count;
	if (!table(e, true, &at, &ent, &count))
		return false;
	uint64_t shstrndx = elf_word(e, e->d + (e->is64 ? 0x3e : 0x32), 2), w = e->is64 ? 8 : 4;
	if (shstrndx >= count)
		return false;
	const unsigned char *sp = e->d + at + shstrndx * ent;
	uint64_t str_off = elf_word(e, sp + (e->is64 ? 24 : 16), (unsigned)w);
	uint64_t str_size = elf_word(e, sp + (e->is64 ? 32 : 20), (unsigned)w);
	if (!in_file(e, str_off, str_size))
		return false;
	size_t nlen = strlen(name);
	for (uint64_t i = 0; i < count; i++) {
		const unsigned char *p = e->d + at + i * ent;
		uint64_t nm = elf_word(e, p, 4);
		if (elf_word(e, p + 4, 4) == 8 /* SHT_NOBITS */ || nm >= str_size ||
		    str_size - nm < nlen + 1 || memcmp(e->d + str_off + nm, name, nlen + 1) != 0)
			continue;
		uint64_t o = elf_word(e, p + (e->is64 ? 24 : 16), (unsigned)w);
		uint64_t s = elf_word(e, p + (e->is64 ? 32 : 20), (unsigned)w);
		if (!in_file(e, o, s))
			return false;
		*off = (size_t)o, *size = (size_t)s;
		return true;
	}
	return false;
}
