/* Just enough ELF, from memory, for the binaries' package data: the class and byte order, a
 * virtual address's file offset (program headers) and a named section (section headers).
 * Every offset and size is checked against the buffer; nothing is trusted. */
#ifndef BW_COLLECT_PKG_ELF_H
#define BW_COLLECT_PKG_ELF_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct elf {
	const unsigned char *d;
	size_t len;
	bool is64, big;
};

bool elf_open(struct elf *e, const void *data, size_t len);     /* false: not ELF */
uint64_t elf_word(const struct elf *e, const unsigned char *p, unsigned size); /* 2, 4 or 8 */
/* The file offset of n bytes at vaddr inside one PT_LOAD segment's file image. */
bool elf_addr(const struct elf *e, uint64_t vaddr, uint64_t n, size_t *off);
/* The file bytes of the section named name (not SHT_NOBITS). */
bool elf_section(const struct elf *e, const char *name, size_t *off, size_t *size);
#endif
