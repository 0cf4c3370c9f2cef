/*
 * exec_test.c: the ELF checks exec makes before it touches the caller's
 * address space, fed hand-made headers: a good static executable, and
 * the ways a file can be wrong (each must give -ENOEXEC).
 */
#include "kernel/elf.h"
#include "kernel/errno.h"
#include "kernel/selftest.h"
#include "kernel/string.h"

struct image {
	struct elf64_ehdr h;
	struct elf64_phdr ph[3];
};

/* text at 0x400000 (file 0..0x1000), data at 0x401000 (file 0x1000..0x1800) */
static void good(struct image *im)
{
	memset(im, 0, sizeof *im);
	memcpy(im->h.ident, "\177ELF\2\1\1", 7);
	im->h.type = 2;       /* ET_EXEC */
	im->h.machine = 62;   /* EM_X86_64 */
	im->h.version = 1;
	im->h.entry = 0x400100;
	im->h.phoff = sizeof im->h;
	im->h.phentsize = sizeof im->ph[0];
	im->h.phnum = 2;
	im->ph[0] = (struct elf64_phdr){ 1, 5, 0, 0x400000, 0x400000, 0x1000, 0x1000, 0x1000 };
	im->ph[1] = (struct elf64_phdr){ 1, 6, 0x1000, 0x401000, 0x401000, 0x800, 0x2000, 0x1000 };
}

#define FILE_SIZE 0x1800

KTEST(exec_elf_checks)
{
	static struct image im;
	good(&im);
	CHECK(elf_validate(&im.h, im.ph, FILE_SIZE) == 0, "a good executable was refused");

	good(&im);
	im.h.ident[1] = 'X';
	CHECK(elf_validate(&im.h, im.ph, FILE_SIZE) == -ENOEXEC, "bad magic accepted");
	good(&im);
	im.h.machine = 183; /* EM_AARCH64 */
	CHECK(elf_validate(&im.h, im.ph, FILE_SIZE) == -ENOEXEC, "wrong architecture accepted");
	good(&im);
	im.h.ident[4] = 1; /* ELFCLASS32 */
	CHECK(elf_validate(&im.h, im.ph, FILE_SIZE) == -ENOEXEC, "32-bit file accepted");
	good(&im);
	CHECK(elf_validate(&im.h, im.ph, 0x1400) == -ENOEXEC, "truncated file (data past its end) accepted");
	CHECK(elf_validate(&im.h, im.ph, 100) == -ENOEXEC, "file ending inside its program headers accepted");
	good(&im);
	im.ph[1].vaddr = 0x400800; /* inside the text segment */
	CHECK(elf_validate(&im.h, im.ph, FILE_SIZE) == -ENOEXEC, "overlapping segments accepted");
	good(&im);
	im.ph[1].filesz = 0x3000; /* more file bytes than memory */
	CHECK(elf_validate(&im.h, im.ph, 0x5000) == -ENOEXEC, "filesz > memsz accepted");
	good(&im);
	im.ph[0].vaddr = 0xffffffff80000000ull; /* the kernel's half */
	CHECK(elf_validate(&im.h, im.ph, FILE_SIZE) == -ENOEXEC, "segment in kernel space accepted");
	good(&im);
	im.h.phnum = 3;
	im.ph[2] = (struct elf64_phdr){ 3, 4, 0x100, 0, 0, 20, 20, 1 }; /* PT_INTERP */
	CHECK(elf_validate(&im.h, im.ph, FILE_SIZE) == -ENOEXEC, "dynamic executable (PT_INTERP) accepted");
	return NULL;
}
