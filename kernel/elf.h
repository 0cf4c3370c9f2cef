/*
 * elf.h: the parts of the ELF64 format (System V gABI, x86-64 psABI)
 * that exec.c reads, and its header check, which the self-tests call
 * with hand-made headers.
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <stdint.h>

/* ELF64 (System V gABI) */
struct elf64_ehdr {
	unsigned char ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct elf64_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};
#define PT_LOAD 1
#define PT_INTERP 3
#define PT_PHDR 6
#define PF_X 1
#define PF_W 2
#define PF_R 4
#define ET_EXEC 2
#define ET_DYN  3
#define EM_X86_64 62

/* 0 if the headers describe a static x86-64 executable this kernel can
 * load from a file of FILE_SIZE bytes; -ENOEXEC if not (not ELF, other
 * machine, dynamic, truncated, segments outside user space or overlapping). */
long elf_validate(const struct elf64_ehdr *h, const struct elf64_phdr *ph, uint64_t file_size);

#endif
