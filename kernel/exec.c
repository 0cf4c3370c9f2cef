/*
 * exec.c: execve, replacing the calling process's program.
 *
 * 1. Copy the path, argv and envp in from the old address space.
 * 2. Read and check the ELF64 headers (static x86-64 executables only:
 *    PT_INTERP, i.e. dynamic linking, is refused with ENOEXEC).
 * 3. Build a new address space: each PT_LOAD segment with its rights,
 *    the file's bytes copied in and the rest (bss) zero; then the stack
 *    with argc, argv, envp and the auxiliary vector (System V ABI 3.4).
 * 4. Past the point of no return: end the process's other threads, switch
 *    to the new address space, free the old, close O_CLOEXEC descriptors,
 *    and start at the ELF entry.
 * Failures before step 4 leave the caller running its old program.
 */
#include "kernel/errno.h"
#include "kernel/files.h"
#include "kernel/kmalloc.h"
#include "kernel/mm.h"
#include "kernel/pid.h"
#include "kernel/process.h"
#include "kernel/ptrace.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "kernel/sysproto.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/vfs.h"
#include "arch/x86_64/trap.h"

#define MAX_ARG_STRLEN (32 * 4096)  /* one string, as Linux */
#define MAX_ARG_TOTAL  (2 << 20)    /* all strings: a quarter of the 8 MiB stack */
#define MAX_ARGS       0x7fffffff
#define STACK_INITIAL  (128 * 1024)

#include "kernel/elf.h"

/* auxiliary vector types */
enum { AT_NULL = 0, AT_IGNORE = 1, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7,
       AT_FLAGS = 8, AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14,
       AT_CLKTCK = 17, AT_SECURE = 23, AT_RANDOM = 25, AT_EXECFN = 31, AT_SYSINFO_EHDR = 33 };

/* The strings of argv or envp, packed one after another with their NULs. */
struct strings {
	char *buf;
	size_t len, count;
};

/* Make room for at least NEED more bytes in S (capacity *CAP). */
static long grow(struct strings *s, size_t *cap, size_t need)
{
	if (*cap - s->len >= need)
		return 0;
	size_t ncap = *cap ? *cap : 4096;
	while (ncap - s->len < need)
		ncap *= 2;
	char *n = kmalloc(ncap);
	if (!n)
		return -ENOMEM;
	if (s->buf)
		memcpy(n, s->buf, s->len);
	kfree(s->buf);
	s->buf = n;
	*cap = ncap;
	return 0;
}

static long copy_strings(char *const *uvec, struct strings *s, size_t *total)
{
	s->buf = 0;
	s->len = s->count = 0;
	if (!uvec)
		return 0; /* Linux accepts NULL argv/envp as empty */
	size_t cap = 0;
	for (;;) {
		char *ustr;
		if (get_user(ustr, &uvec[s->count]))
			return -EFAULT;
		if (!ustr)
			return 0;
		if (s->count == MAX_ARGS)
			return -E2BIG;
		/* copy into what room there is; if the string is longer, grow
		 * the buffer and copy it again (most strings are short) */
		long len;
		for (;;) {
			if (grow(s, &cap, 256))
				return -ENOMEM;
			size_t room = cap - s->len < MAX_ARG_STRLEN ? cap - s->len : MAX_ARG_STRLEN;
			len = strncpy_from_user(s->buf + s->len, ustr, room);
			if (len != -ENAMETOOLONG)
				break;
			if (room == MAX_ARG_STRLEN)
				return -E2BIG; /* one string longer than Linux allows */
			if (grow(s, &cap, (cap - s->len) * 2))
				return -ENOMEM;
		}
		if (len < 0)
			return len;
		s->len += (size_t)len + 1;
		s->count++;
		*total += (size_t)len + 1 + sizeof(char *);
		if (*total > MAX_ARG_TOTAL)
			return -E2BIG;
	}
}

static long check_elf(const struct elf64_ehdr *h, uint64_t file_size)
{
	if (file_size < sizeof *h || memcmp(h->ident, "\177ELF", 4) != 0)
		return -ENOEXEC;
	if (h->ident[4] != 2 || h->ident[5] != 1) /* 64-bit, little-endian */
		return -ENOEXEC;
	if (h->machine != EM_X86_64 || h->type != ET_EXEC)
		return -ENOEXEC;
	if (h->phentsize != sizeof(struct elf64_phdr) || h->phnum == 0 || h->phnum > 64)
		return -ENOEXEC;
	if (h->phoff > file_size || h->phnum * sizeof(struct elf64_phdr) > file_size - h->phoff)
		return -ENOEXEC;
	return 0;
}

static uint32_t seg_prot(uint32_t flags)
{
	return (flags & PF_R ? PROT_READ : 0) | (flags & PF_W ? PROT_WRITE : 0) | (flags & PF_X ? PROT_EXEC : 0);
}

long elf_validate(const struct elf64_ehdr *h, const struct elf64_phdr *ph, uint64_t file_size)
{
	long err = check_elf(h, file_size);
	if (err)
		return err;
	uint64_t prev_end = 0;
	bool any = false;
	if (h->entry >= USER_TOP)
		return -ENOEXEC; /* would be jumped to from the kernel's iretq */
	for (int i = 0; i < h->phnum; i++) {
		const struct elf64_phdr *p = &ph[i];
		if (p->type == PT_INTERP)
			return -ENOEXEC; /* needs a dynamic linker: not supported */
		if (p->type != PT_LOAD || p->memsz == 0)
			continue;
		if (p->filesz > p->memsz || p->offset > file_size || p->filesz > file_size - p->offset)
			return -ENOEXEC; /* truncated file */
		if (p->vaddr < USER_MIN || p->vaddr >= USER_TOP || p->memsz > USER_TOP - p->vaddr)
			return -ENOEXEC; /* outside user space */
		if (p->vaddr < prev_end)
			return -ENOEXEC; /* overlapping (or unsorted) segments */
		prev_end = p->vaddr + p->memsz;
		any = true;
	}
	return any ? 0 : -ENOEXEC;
}

/* Map and fill every PT_LOAD segment of the (validated) file into MM. */
static long load_segments(struct mm *mm, struct inode *file, const struct elf64_ehdr *h,
			  const struct elf64_phdr *ph, uint64_t *phdr_addr, uint64_t *end)
{
	uint64_t prev_end = 0;
	uint32_t prev_prot = 0;
	*phdr_addr = 0;
	*end = 0;
	for (int i = 0; i < h->phnum; i++) {
		const struct elf64_phdr *p = &ph[i];
		if (p->type == PT_PHDR)
			*phdr_addr = p->vaddr;
		if (p->type != PT_LOAD || p->memsz == 0)
			continue;
		uint64_t start = p->vaddr & ~(uint64_t)(PAGE_SIZE - 1);
		uint64_t stop = (p->vaddr + p->memsz + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
		uint32_t prot = seg_prot(p->flags);
		if (start < prev_end) {
			/* shares a page with the previous segment: that page gets both rights */
			long err = mm_mprotect(mm, start, PAGE_SIZE, (int)(prev_prot | prot));
			if (err)
				return err;
			start += PAGE_SIZE;
		}
		if (start < stop) {
			long err = mm_add_vma(mm, start, stop, prot, 0);
			if (err)
				return err == -EEXIST ? -ENOEXEC : err;
		}
		/* copy the file's bytes; pages come zeroed, which is the bss */
		char *buf = kmalloc(PAGE_SIZE);
		if (!buf)
			return -ENOMEM;
		for (uint64_t off = 0; off < p->filesz; off += PAGE_SIZE) {
			uint64_t n = p->filesz - off < PAGE_SIZE ? p->filesz - off : PAGE_SIZE;
			long r = vfs_read_inode(file, buf, n, p->offset + off);
			long err = r != (long)n ? -EIO : mm_copy_in(mm, p->vaddr + off, buf, n);
			if (err) {
				kfree(buf);
				return err;
			}
		}
		kfree(buf);
		if (!*phdr_addr && h->phoff >= p->offset && h->phoff < p->offset + p->filesz)
			*phdr_addr = p->vaddr + (h->phoff - p->offset);
		prev_end = p->vaddr + p->memsz;
		prev_prot = prot;
		if (stop > *end)
			*end = stop;
	}
	return *end ? 0 : -ENOEXEC;
}

/* Build the initial stack; returns the user rsp (argc's address) or -errno. */
static long build_stack(struct mm *mm, struct strings *argv, struct strings *envp, const char *execfn,
			const struct elf64_ehdr *h, uint64_t phdr_addr, uint64_t vdso)
{
	/* room for the strings and vectors, and at least STACK_INITIAL */
	uint64_t need = argv->len + envp->len + strlen(execfn) + 1 + 16 + 64 * 8 +
			(argv->count + envp->count + 3) * 8;
	uint64_t size = ((need + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1)) + STACK_INITIAL;
	long err = mm_add_vma(mm, USER_STACK_TOP - size, USER_STACK_TOP, PROT_READ | PROT_WRITE, VM_GROWSDOWN);
	if (err)
		return err;
	uint64_t sp = USER_STACK_TOP;
	size_t fnlen = strlen(execfn) + 1;
	/* strings at the very top: execfn, envp, argv; then 16 random bytes */
	sp -= fnlen;
	uint64_t execfn_addr = sp;
	if ((err = mm_copy_in(mm, sp, execfn, fnlen)))
		return err;
	sp -= envp->len;
	uint64_t env_base = sp;
	if (envp->len && (err = mm_copy_in(mm, sp, envp->buf, envp->len)))
		return err;
	sp -= argv->len;
	uint64_t arg_base = sp;
	if (argv->len && (err = mm_copy_in(mm, sp, argv->buf, argv->len)))
		return err;
	sp -= 16;
	uint64_t random_addr = sp;
	uint64_t rnd[2] = { clock_monotonic_ns() * 0x9e3779b97f4a7c15ull, (uint64_t)mm ^ 0xc2b2ae3d27d4eb4full };
	if ((err = mm_copy_in(mm, sp, rnd, sizeof rnd)))
		return err;

	/* then the vectors, argc lowest, 16-byte aligned */
	uint64_t aux[][2] = {
		{ vdso ? AT_SYSINFO_EHDR : AT_IGNORE, vdso }, { AT_PHDR, phdr_addr }, { AT_PHENT, sizeof(struct elf64_phdr) }, { AT_PHNUM, h->phnum },
		{ AT_PAGESZ, PAGE_SIZE }, { AT_BASE, 0 }, { AT_FLAGS, 0 }, { AT_ENTRY, h->entry },
		{ AT_UID, current->proc->uid }, { AT_EUID, current->proc->euid },
		{ AT_GID, current->proc->gid }, { AT_EGID, current->proc->egid }, { AT_CLKTCK, 100 },
		{ AT_SECURE, 0 }, { AT_RANDOM, random_addr }, { AT_EXECFN, execfn_addr }, { AT_NULL, 0 },
	};
	size_t words = 1 + argv->count + 1 + envp->count + 1 + 2 * (sizeof aux / sizeof aux[0]);
	sp = (sp - words * 8) & ~(uint64_t)15;
	uint64_t *v = kmalloc(words * 8);
	if (!v)
		return -ENOMEM;
	size_t w = 0;
	v[w++] = argv->count;
	for (size_t i = 0, off = 0; i < argv->count; i++) {
		v[w++] = arg_base + off;
		off += strlen(argv->buf + off) + 1;
	}
	v[w++] = 0;
	for (size_t i = 0, off = 0; i < envp->count; i++) {
		v[w++] = env_base + off;
		off += strlen(envp->buf + off) + 1;
	}
	v[w++] = 0;
	memcpy(&v[w], aux, sizeof aux);
	err = mm_copy_in(mm, sp, v, words * 8);
	kfree(v);
	mm->start_stack = sp;
	return err ? err : (long)sp;
}

/* Keep a copy of the strings of argv or envp for /proc/PID/cmdline and
 * environ in *TEXT (kmalloc'd, the old one freed). */
static void keep_strings(struct strings *s, char **text, size_t *len)
{
	char *copy = s->len ? kmalloc(s->len) : 0;
	if (copy)
		memcpy(copy, s->buf, s->len);
	kfree(*text);
	*text = copy;
	*len = copy ? s->len : 0;
}

static void set_comm(struct process *p, const char *path, struct strings *argv, struct strings *envp)
{
	const char *base = path;
	for (const char *s = path; *s; s++)
		if (*s == '/' && s[1])
			base = s + 1;
	strlcpy(p->comm, base, sizeof p->comm);
	strlcpy(current->comm, base, sizeof current->comm);
	keep_strings(argv, &p->cmdline, &p->cmdline_len);
	keep_strings(envp, &p->environ, &p->environ_len);
}

/* exec from one thread of several: the others end, and the caller takes
 * over the process's pid if it was not the first thread. */
static long de_thread(struct process *p)
{
	struct task *me = current;
	spin_lock(&tasklist_lock);
	if (p->nthreads == 1) {
		spin_unlock(&tasklist_lock);
		return 0;
	}
	kill_other_threads(p, me);
	spin_unlock(&tasklist_lock);
	if (wait_event_killable(&p->thread_exit, p->nthreads == 1))
		return -EINTR;
	spin_lock(&tasklist_lock);
	struct task *leader = p->main_task;
	int old_tid = me->tid;
	if (leader != me) {
		me->tid = p->pid;
		p->main_task = me;
	}
	spin_unlock(&tasklist_lock);
	if (leader != me) {
		task_free(leader); /* it exited as a zombie to keep the pid for us */
		pid_free(old_tid);
	}
	return 0;
}

/* Execute PATH in the current process (kernel strings). */
long exec_program(const char *path, struct strings *argv, struct strings *envp)
{
	struct process *p = current->proc;
	struct inode *file;
	struct inode *cwd = cwd_get();
	long err = vfs_lookup(cwd, path, true, &file);
	inode_put(cwd);
	if (err)
		return err;
	struct elf64_ehdr h;
	struct elf64_phdr *ph = 0;
	struct mm *mm = 0;
	if (S_ISDIR(file->mode) || !S_ISREG(file->mode) || !(file->mode & 0111)) {
		err = -EACCES;
		goto out;
	}
	if (vfs_read_inode(file, &h, sizeof h, 0) != (long)sizeof h) {
		err = -ENOEXEC;
		goto out;
	}
	if ((err = check_elf(&h, file->size)))
		goto out; /* before reading the program headers it describes */
	size_t phsize = h.phnum * sizeof *ph;
	ph = kmalloc(phsize);
	if (!ph) {
		err = -ENOMEM;
		goto out;
	}
	if (vfs_read_inode(file, ph, phsize, h.phoff) != (long)phsize) {
		err = -ENOEXEC;
		goto out;
	}
	if ((err = elf_validate(&h, ph, file->size)))
		goto out;
	if (!(mm = mm_create())) {
		err = -ENOMEM;
		goto out;
	}
	mm->mmap_next = mm_mmap_base(rlimit(RLIMIT_STACK)); /* the stack's room */
	uint64_t phdr_addr, end;
	if ((err = load_segments(mm, file, &h, ph, &phdr_addr, &end)))
		goto out;
	long vdso = arch_setup_additional_pages(mm); /* [vvar] and [vdso] */
	if (vdso < 0) {
		err = vdso;
		goto out;
	}
	long sp = build_stack(mm, argv, envp, path, &h, phdr_addr, (uint64_t)vdso);
	if (sp < 0) {
		err = sp;
		goto out;
	}
	mm->brk_start = mm->brk = end;
	mm->start_code = end; /* refined below */
	for (int i = 0; i < h.phnum; i++)
		if (ph[i].type == PT_LOAD && (ph[i].flags & PF_X)) {
			mm->start_code = ph[i].vaddr;
			mm->end_code = ph[i].vaddr + ph[i].memsz;
			break;
		}

	/* the point of no return: first every other thread goes */
	if ((err = de_thread(p)))
		goto out;
	spin_lock(&tasklist_lock); /* procfs reads p->mm and p->exe under it */
	struct mm *old = p->mm;
	struct inode *old_exe = p->exe;
	p->mm = current->mm = mm;
	p->did_exec = true; /* before anyone can see the exec (vfork, close-on-exec) */
	p->exe = inode_get(file);
	spin_unlock(&tasklist_lock);
	inode_put(old_exe);
	arch_switch_mm(mm);
	if (old)
		mm_put(old);
	mm = 0;
	vfork_release(p); /* off the parent's memory now */
	if (p->sighand->refs > 1) { /* shared with another process: unshare */
		struct sighand *own = sighand_copy(p->sighand);
		if (own) {
			sighand_put(p->sighand);
			p->sighand = own;
		}
	}
	sighand_exec_reset(p->sighand); /* handlers are gone with the old program */
	current->altstack_sp = current->altstack_size = 0;
	files_close_on_exec(p->files);
	spin_lock(&tasklist_lock); /* the saved ids become the effective ones */
	p->suid = p->euid;
	p->sgid = p->egid;
	spin_unlock(&tasklist_lock);
	set_comm(p, path, argv, envp);
	arch_init_user_regs(current->uregs, h.entry, (uint64_t)sp);
	arch_reset_user_state(current); /* no TLS base, a clean FPU */
	err = 0;
out:
	if (mm)
		mm_put(mm);
	kfree(ph);
	inode_put(file);
	return err;
}

long sys_execve(const char *upath, char *const uargv[], char *const uenvp[])
{
	char *path = kmalloc(PATH_MAX);
	if (!path)
		return -ENOMEM;
	struct strings argv = { 0, 0, 0 }, envp = { 0, 0, 0 };
	size_t total = 0;
	long err = upath ? strncpy_from_user(path, upath, PATH_MAX) : -EFAULT;
	if (err >= 0)
		err = copy_strings(uargv, &argv, &total);
	if (err >= 0)
		err = copy_strings(uenvp, &envp, &total);
	int old_tid = current->tid;
	if (err >= 0)
		err = exec_program(path, &argv, &envp);
	kfree(path);
	kfree(argv.buf);
	kfree(envp.buf);
	if (err >= 0)
		ptrace_exec_event(old_tid); /* PTRACE_EVENT_EXEC, or SIGTRAP */
	return err;
}

/* Start PATH with the given argument list in the current (kernel-made) process. */
long exec_initial(const char *path, const char *const *args)
{
	struct strings argv = { 0, 0, 0 }, envp = { 0, 0, 0 };
	size_t len = 0;
	for (int i = 0; args[i]; i++)
		len += strlen(args[i]) + 1;
	argv.buf = kmalloc(len + 1);
	if (!argv.buf)
		return -ENOMEM;
	for (int i = 0; args[i]; i++) {
		strlcpy(argv.buf + argv.len, args[i], len + 1 - argv.len);
		argv.len += strlen(args[i]) + 1;
		argv.count++;
	}
	static const char env[] = "HOME=/\0PATH=/bin:/sbin:/usr/bin\0TERM=linux";
	envp.buf = (char *)env;
	envp.len = sizeof env;
	envp.count = 3;
	long err = exec_program(path, &argv, &envp);
	kfree(argv.buf);
	return err;
}
