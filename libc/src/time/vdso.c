/* vdso.c: finding the functions of the kernel's vDSO. The kernel maps a
 * small ELF shared object into every process and passes its address as
 * AT_SYSINFO_EHDR; __vdso_init (called by __libc_start) walks its
 * dynamic symbol table once and keeps the addresses of the functions
 * this library uses (clock.c, sched.c). A function that is missing (no
 * vDSO, or another version) stays NULL and its caller makes the system
 * call instead. The same code finds Linux's vDSO: the names and the
 * version, LINUX_2.6, are Linux's. */
#include <elf.h>
#include <stddef.h>
#include <string.h>
#include <sys/auxv.h>

#include "internal/vdso.h"

struct vdso_functions __vdso;

struct vdso_image {
	uintptr_t load;            /* add to an address in the image */
	const Elf64_Sym *sym;
	const char *str;
	const Elf64_Versym *versym;
	const Elf64_Verdef *verdef;
	size_t nsym;
};

/* Does symbol I carry version VERSION? (No version table: any does.) */
static int has_version(const struct vdso_image *v, size_t i, const char *version)
{
	if (!v->versym || !v->verdef)
		return 1;
	unsigned want = v->versym[i] & VERSYM_VERSION;
	const Elf64_Verdef *d = v->verdef;
	for (;;) {
		if (!(d->vd_flags & VER_FLG_BASE) && d->vd_ndx == want) {
			const Elf64_Verdaux *aux = (const void *)((const char *)d + d->vd_aux);
			return strcmp(v->str + aux->vda_name, version) == 0;
		}
		if (!d->vd_next)
			return 0;
		d = (const void *)((const char *)d + d->vd_next);
	}
}

static void *lookup(const struct vdso_image *v, const char *name, const char *version)
{
	for (size_t i = 1; i < v->nsym; i++) {
		const Elf64_Sym *s = &v->sym[i];
		unsigned bind = ELF64_ST_BIND(s->st_info);
		if (s->st_shndx == SHN_UNDEF || ELF64_ST_TYPE(s->st_info) != STT_FUNC ||
		    (bind != STB_GLOBAL && bind != STB_WEAK))
			continue;
		if (strcmp(v->str + s->st_name, name) == 0 && has_version(v, i, version))
			return (void *)(v->load + s->st_value);
	}
	return NULL;
}

/* Read the image at BASE; 0 if it is not one we can use. */
static int parse(uintptr_t base, struct vdso_image *v)
{
	const Elf64_Ehdr *eh = (const void *)base;
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64)
		return 0;
	const Elf64_Phdr *ph = (const void *)(base + eh->e_phoff);
	const Elf64_Dyn *dyn = NULL;
	int loaded = 0;
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && !loaded) {
			v->load = base + ph[i].p_offset - ph[i].p_vaddr;
			loaded = 1;
		} else if (ph[i].p_type == PT_DYNAMIC) {
			dyn = (const void *)(base + ph[i].p_offset);
		}
	}
	if (!loaded || !dyn)
		return 0;
	const Elf64_Word *hash = NULL;
	for (; dyn->d_tag != DT_NULL; dyn++) {
		uintptr_t p = v->load + dyn->d_un.d_ptr;
		switch (dyn->d_tag) {
		case DT_SYMTAB: v->sym = (const void *)p; break;
		case DT_STRTAB: v->str = (const void *)p; break;
		case DT_HASH: hash = (const void *)p; break;
		case DT_VERSYM: v->versym = (const void *)p; break;
		case DT_VERDEF: v->verdef = (const void *)p; break;
		}
	}
	if (!v->sym || !v->str || !hash)
		return 0;
	v->nsym = hash[1]; /* nchain: one entry per symbol */
	return 1;
}

void __vdso_init(void)
{
	uintptr_t base = getauxval(AT_SYSINFO_EHDR);
	struct vdso_image v = { 0 };
	if (!base || !parse(base, &v))
		return;
	__vdso.clock_gettime = lookup(&v, "__vdso_clock_gettime", "LINUX_2.6");
	__vdso.gettimeofday = lookup(&v, "__vdso_gettimeofday", "LINUX_2.6");
	__vdso.time = lookup(&v, "__vdso_time", "LINUX_2.6");
	__vdso.getcpu = lookup(&v, "__vdso_getcpu", "LINUX_2.6");
}
