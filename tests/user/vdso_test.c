/* vdso_test.c: the vDSO. The auxiliary vector's AT_SYSINFO_EHDR points
 * at an ELF shared object exporting __vdso_clock_gettime,
 * __vdso_gettimeofday, __vdso_time and __vdso_getcpu at version
 * LINUX_2.6 (found here by walking its dynamic symbols, independently of
 * the C library), which /proc/self/maps calls [vdso] next to [vvar]. Its clocks are monotonic and lie between two readings
 * by the system call; getcpu names the CPU a thread is pinned to; it
 * survives fork; its data page cannot be made writable; and reading the
 * clocks through it (directly or through the C library) makes no system
 * call at all: a child under seccomp, which the kernel kills at the
 * first call other than read, write and exit, survives it. */
#define _GNU_SOURCE
#define TEST_NAME "vdso"
#include "check.h"

#include <elf.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

typedef int (*clock_gettime_fn)(clockid_t, struct timespec *);
typedef int (*gettimeofday_fn)(struct timeval *, void *);
typedef time_t (*time_fn)(time_t *);
typedef long (*getcpu_fn)(unsigned *, unsigned *, void *);

static clock_gettime_fn v_clock_gettime;
static gettimeofday_fn v_gettimeofday;
static time_fn v_time;
static getcpu_fn v_getcpu;

/* ---- finding the symbols ---- */

static uintptr_t load_bias;
static const Elf64_Sym *symtab;
static const char *strtab;
static const Elf64_Versym *versym;
static const Elf64_Verdef *verdef;
static size_t nsyms;

static size_t gnu_hash_count(const uint32_t *h)
{
	uint32_t nbuckets = h[0], symoffset = h[1], bloom = h[2];
	const uint32_t *buckets = h + 4 + bloom * 2; /* 64-bit bloom words */
	const uint32_t *chain = buckets + nbuckets;
	size_t last = 0;
	for (uint32_t b = 0; b < nbuckets; b++)
		if (buckets[b] > last)
			last = buckets[b];
	if (last < symoffset)
		return symoffset;
	while (!(chain[last - symoffset] & 1))
		last++;
	return last + 1;
}

static const char *parse_vdso(uintptr_t base)
{
	const Elf64_Ehdr *eh = (const void *)base;
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0)
		return "no ELF magic";
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_type != ET_DYN)
		return "not a 64-bit ELF shared object";
	const Elf64_Phdr *ph = (const void *)(base + eh->e_phoff);
	const Elf64_Dyn *dyn = NULL;
	int have_load = 0;
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && !have_load) {
			load_bias = base + ph[i].p_offset - ph[i].p_vaddr;
			have_load = 1;
		}
		if (ph[i].p_type == PT_DYNAMIC)
			dyn = (const void *)(base + ph[i].p_offset);
	}
	if (!have_load || !dyn)
		return "no PT_LOAD or no PT_DYNAMIC";
	const uint32_t *hash = NULL, *gnu_hash = NULL;
	for (; dyn->d_tag != DT_NULL; dyn++) {
		uintptr_t p = load_bias + dyn->d_un.d_ptr;
		if (dyn->d_tag == DT_SYMTAB)
			symtab = (const void *)p;
		else if (dyn->d_tag == DT_STRTAB)
			strtab = (const void *)p;
		else if (dyn->d_tag == DT_HASH)
			hash = (const void *)p;
		else if (dyn->d_tag == DT_GNU_HASH)
			gnu_hash = (const void *)p;
		else if (dyn->d_tag == DT_VERSYM)
			versym = (const void *)p;
		else if (dyn->d_tag == DT_VERDEF)
			verdef = (const void *)p;
	}
	if (!symtab || !strtab || (!hash && !gnu_hash))
		return "no symbol table, string table or hash table";
	if (!versym || !verdef)
		return "no symbol versions (DT_VERSYM, DT_VERDEF)";
	nsyms = hash ? hash[1] : gnu_hash_count(gnu_hash);
	return NULL;
}

static const char *version_of(size_t i)
{
	unsigned want = versym[i] & 0x7fff;
	for (const Elf64_Verdef *d = verdef;; d = (const void *)((const char *)d + d->vd_next)) {
		if (d->vd_ndx == want && !(d->vd_flags & VER_FLG_BASE)) {
			const Elf64_Verdaux *a = (const void *)((const char *)d + d->vd_aux);
			return strtab + a->vda_name;
		}
		if (!d->vd_next)
			return "";
	}
}

static void *find(const char *name)
{
	for (size_t i = 1; i < nsyms; i++) {
		const Elf64_Sym *s = &symtab[i];
		if (s->st_shndx == SHN_UNDEF || ELF64_ST_TYPE(s->st_info) != STT_FUNC)
			continue;
		if (strcmp(strtab + s->st_name, name) == 0 && strcmp(version_of(i), "LINUX_2.6") == 0)
			return (void *)(load_bias + s->st_value);
	}
	return NULL;
}

/* ---- helpers ---- */

static long long ns_of(const struct timespec *t) { return t->tv_sec * 1000000000LL + t->tv_nsec; }

static int sys_clock(clockid_t id, struct timespec *t) { return (int)syscall(SYS_clock_gettime, id, t); }

/* vDSO reading between two system-call readings, N times, never going back. */
static void check_bracketed(const char *check, clockid_t id)
{
	struct timespec a, v, b;
	long long prev = 0;
	for (int i = 0; i < 2000; i++) {
		if (sys_clock(id, &a) || v_clock_gettime(id, &v) || sys_clock(id, &b)) {
			fail(check, "a clock_gettime call failed");
			return;
		}
		if (v.tv_nsec < 0 || v.tv_nsec >= 1000000000) {
			fail(check, "tv_nsec %ld out of range", (long)v.tv_nsec);
			return;
		}
		if (ns_of(&v) < ns_of(&a) || ns_of(&v) > ns_of(&b)) {
			fail(check, "vDSO read %lld, not between the system call's %lld and %lld", ns_of(&v),
			     ns_of(&a), ns_of(&b));
			return;
		}
		if (ns_of(&v) < prev) {
			fail(check, "went back from %lld to %lld", prev, ns_of(&v));
			return;
		}
		prev = ns_of(&v);
	}
	pass(check);
}

static int cpu_has_rdpid_or_rdtscp(void)
{
	unsigned a, b, c, d;
	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0), "c"(0));
	if (a >= 7) {
		__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(7), "c"(0));
		if (c & (1u << 22))
			return 1;
	}
	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000001), "c"(0));
	return (d >> 27) & 1;
}

/* ---- the checks ---- */

static void check_getcpu(void)
{
	cpu_set_t all, one;
	if (sched_getaffinity(0, sizeof all, &all) != 0) {
		fail("getcpu_pinned", "sched_getaffinity failed");
		return;
	}
	int tried = 0;
	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, &all))
			continue;
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		if (sched_setaffinity(0, sizeof one, &one) != 0) {
			fail("getcpu_pinned", "sched_setaffinity to CPU %d failed", cpu);
			return;
		}
		unsigned vc = 9999, sc = 9999, node = 9999;
		long r1 = v_getcpu(&vc, &node, NULL);
		long r2 = syscall(SYS_getcpu, &sc, NULL, NULL);
		int lib = sched_getcpu();
		if (r1 != 0 || r2 != 0 || vc != (unsigned)cpu || sc != (unsigned)cpu || lib != cpu || node != 0) {
			fail("getcpu_pinned", "pinned to %d: vDSO says cpu %u node %u (ret %ld), syscall %u, sched_getcpu %d",
			     cpu, vc, node, r1, sc, lib);
			sched_setaffinity(0, sizeof all, &all);
			return;
		}
		tried++;
	}
	sched_setaffinity(0, sizeof all, &all);
	expect("getcpu_pinned", tried > 0, "no CPU in the affinity mask");
}

static int pipefd[2];

/*
 * Let this process make no system call but read, write, exit and
 * rt_sigreturn; any other kills it. On Linux that takes a seccomp
 * filter, because Linux's strict mode also disables RDTSC (which the
 * vDSO needs); this kernel has only strict mode, which leaves RDTSC
 * alone, and refuses filters with EINVAL.
 */
struct sock_filter { uint16_t code; uint8_t jt, jf; uint32_t k; };
struct sock_fprog { unsigned short len; struct sock_filter *filter; };
#define BPF_LD_W_ABS 0x20  /* BPF_LD | BPF_W | BPF_ABS */
#define BPF_JEQ_K 0x15     /* BPF_JMP | BPF_JEQ | BPF_K */
#define BPF_RET_K 0x06     /* BPF_RET | BPF_K */
#define SECCOMP_RET_KILL_THREAD 0
#define SECCOMP_RET_ALLOW 0x7fff0000u
#define PR_SET_NO_NEW_PRIVS 38

static void enter_strict(void)
{
	struct sock_filter f[] = {
		{ BPF_LD_W_ABS, 0, 0, 4 },            /* seccomp_data.arch */
		{ BPF_JEQ_K, 1, 0, 0xc000003e },      /* AUDIT_ARCH_X86_64 */
		{ BPF_RET_K, 0, 0, SECCOMP_RET_KILL_THREAD },
		{ BPF_LD_W_ABS, 0, 0, 0 },            /* seccomp_data.nr */
		{ BPF_JEQ_K, 4, 0, SYS_read },
		{ BPF_JEQ_K, 3, 0, SYS_write },
		{ BPF_JEQ_K, 2, 0, SYS_exit },
		{ BPF_JEQ_K, 1, 0, SYS_rt_sigreturn },
		{ BPF_RET_K, 0, 0, SECCOMP_RET_KILL_THREAD },
		{ BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW },
	};
	struct sock_fprog prog = { sizeof f / sizeof f[0], f };
	if (syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 &&
	    syscall(SYS_seccomp, 1 /* SECCOMP_SET_MODE_FILTER */, 0, &prog) == 0)
		return;
	if (syscall(SYS_seccomp, 0 /* SECCOMP_SET_MODE_STRICT */, 0, NULL) != 0)
		_exit(2);
}

static void strict_report_and_exit(char c)
{
	write(pipefd[1], &c, 1);
	syscall(SYS_exit, 0); /* exit, not exit_group: strict mode allows only that */
	for (;;)
		;
}

static int child_strict_getpid(void)
{
	enter_strict();
	syscall(SYS_getpid);
	strict_report_and_exit('g'); /* not reached if the kernel enforces it */
	return 0;
}

static int child_strict_clocks(void)
{
	struct timespec ts;
	struct timeval tv;
	enter_strict();
	int ok = 1;
	for (int i = 0; i < 100; i++) {
		ok &= clock_gettime(CLOCK_MONOTONIC, &ts) == 0;
		ok &= clock_gettime(CLOCK_REALTIME, &ts) == 0;
		ok &= v_clock_gettime(CLOCK_MONOTONIC_COARSE, &ts) == 0;
		ok &= gettimeofday(&tv, NULL) == 0;
		ok &= time(NULL) > 0;
		ok &= v_time(NULL) > 0;
	}
	strict_report_and_exit(ok ? 'y' : 'n');
	return 0;
}

static int child_strict_getcpu(void)
{
	unsigned cpu;
	enter_strict();
	long r = v_getcpu(&cpu, NULL, NULL);
	strict_report_and_exit(r == 0 ? 'y' : 'n');
	return 0;
}

/* Run FN in a child; *REPORT gets its byte ('-' if none). */
static int strict_child(int (*fn)(void), char *report)
{
	if (pipe(pipefd) != 0)
		die("pipe");
	int status = status_of_child(fn);
	close(pipefd[1]);
	*report = '-';
	if (read(pipefd[0], report, 1) != 1)
		*report = '-';
	close(pipefd[0]);
	return status;
}

static void check_no_syscall(void)
{
	char r;
	int st = strict_child(child_strict_getpid, &r);
	if (!WIFSIGNALED(st)) {
		fail("strict_mode_kills_getpid", "status %#x, report '%c': seccomp not enforced", st, r);
		return; /* the checks below would prove nothing */
	}
	pass("strict_mode_kills_getpid");

	st = strict_child(child_strict_clocks, &r);
	if (WIFSIGNALED(st))
		fail("clocks_make_no_syscall", "killed by signal %d: reading a clock made a system call",
		     WTERMSIG(st));
	else if (!(WIFEXITED(st) && WEXITSTATUS(st) == 0 && r == 'y'))
		fail("clocks_make_no_syscall", "the child did not finish its clock readings (status %#x, report %c)",
		     st, r);
	else
		pass("clocks_make_no_syscall");

	if (!cpu_has_rdpid_or_rdtscp()) {
		printf("# vdso/getcpu_makes_no_syscall skipped: the CPU has neither RDPID nor RDTSCP\n");
		return;
	}
	st = strict_child(child_strict_getcpu, &r);
	expect("getcpu_makes_no_syscall", WIFEXITED(st) && WEXITSTATUS(st) == 0 && r == 'y',
	       "killed or failed: getcpu made a system call");
}

/* /proc/self/maps names the regions: [vdso] r-xp at BASE, [vvar] read-only. */
static void check_maps(uintptr_t base)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	int vdso = 0, vvar = 0;
	if (!f) {
		fail("maps_names_vdso_vvar", "cannot open /proc/self/maps");
		return;
	}
	while (fgets(line, sizeof line, f)) {
		unsigned long start, end;
		char perms[8];
		if (sscanf(line, "%lx-%lx %7s", &start, &end, perms) != 3)
			continue;
		if (strstr(line, "[vdso]"))
			vdso = start == base && strcmp(perms, "r-xp") == 0;
		if (strstr(line, "[vvar]") && perms[0] == 'r' && perms[1] == '-')
			vvar = 1;
	}
	fclose(f);
	expect("maps_names_vdso_vvar", vdso && vvar, "no [vdso] r-xp line at AT_SYSINFO_EHDR, or no read-only [vvar]");
}

static int child_after_fork(void)
{
	struct timespec a, v;
	if (sys_clock(CLOCK_MONOTONIC, &a) || v_clock_gettime(CLOCK_MONOTONIC, &v))
		return 1;
	return ns_of(&v) >= ns_of(&a) ? 0 : 2;
}

int main(void)
{
	uintptr_t base = getauxval(AT_SYSINFO_EHDR);
	if (!base) {
		fail("auxv_sysinfo_ehdr", "no AT_SYSINFO_EHDR in the auxiliary vector");
		return check_summary();
	}
	pass("auxv_sysinfo_ehdr");
	const char *why = parse_vdso(base);
	if (why) {
		fail("is_elf_shared_object", "%s", why);
		return check_summary();
	}
	pass("is_elf_shared_object");
	v_clock_gettime = (clock_gettime_fn)find("__vdso_clock_gettime");
	v_gettimeofday = (gettimeofday_fn)find("__vdso_gettimeofday");
	v_time = (time_fn)find("__vdso_time");
	v_getcpu = (getcpu_fn)find("__vdso_getcpu");
	if (!v_clock_gettime || !v_gettimeofday || !v_time || !v_getcpu) {
		fail("four_symbols_linux_2_6", "clock_gettime %p gettimeofday %p time %p getcpu %p",
		     (void *)v_clock_gettime, (void *)v_gettimeofday, (void *)v_time, (void *)v_getcpu);
		return check_summary();
	}
	pass("four_symbols_linux_2_6");

	check_bracketed("monotonic_between_syscalls", CLOCK_MONOTONIC);
	check_bracketed("realtime_between_syscalls", CLOCK_REALTIME);
	check_bracketed("monotonic_coarse_between_syscalls", CLOCK_MONOTONIC_COARSE);
	check_bracketed("realtime_coarse_between_syscalls", CLOCK_REALTIME_COARSE);

	/* a clock the vDSO does not read itself: the system call's answer */
	struct timespec c;
	expect_eq("cputime_falls_back", v_clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c), 0);
	expect_eq("bad_clock_einval", v_clock_gettime(12345, &c), -EINVAL);

	/* the C library's clock_gettime: the same clock */
	struct timespec a, l, b;
	sys_clock(CLOCK_MONOTONIC, &a);
	clock_gettime(CLOCK_MONOTONIC, &l);
	sys_clock(CLOCK_MONOTONIC, &b);
	expect("libc_clock_gettime_between", ns_of(&a) <= ns_of(&l) && ns_of(&l) <= ns_of(&b),
	       "libc's clock_gettime not between two system calls");

	/* gettimeofday and time agree with the system calls and each other */
	struct timeval t1, tv, t2;
	syscall(SYS_gettimeofday, &t1, NULL);
	int r = v_gettimeofday(&tv, NULL);
	syscall(SYS_gettimeofday, &t2, NULL);
	long long u1 = t1.tv_sec * 1000000LL + t1.tv_usec, uv = tv.tv_sec * 1000000LL + tv.tv_usec,
		  u2 = t2.tv_sec * 1000000LL + t2.tv_usec;
	expect("gettimeofday_between_syscalls", r == 0 && u1 <= uv && uv <= u2 && tv.tv_usec < 1000000,
	       "vDSO gettimeofday not between two system calls");
	long s1 = syscall(SYS_time, NULL);
	time_t tt = 0, tr = v_time(&tt);
	long s2 = syscall(SYS_time, NULL);
	expect("time_between_syscalls", s1 <= tr && tr <= s2 && tt == tr, "vDSO time not between two system calls");
	gettimeofday(&tv, NULL);
	tr = time(NULL);
	expect("time_agrees_with_gettimeofday", tr >= tv.tv_sec - 1 && tr <= tv.tv_sec + 1,
	       "time() and gettimeofday() disagree by more than a second");

	check_getcpu();
	check_maps(base);

	int st = status_of_child(child_after_fork);
	expect("works_after_fork", WIFEXITED(st) && WEXITSTATUS(st) == 0, "the vDSO failed in a forked child");

	/* the data page just below is the kernel's: never writable */
	uintptr_t below = (base - 4096);
	expect_errno("vvar_not_writable", mprotect((void *)below, 4096, PROT_READ | PROT_WRITE), EACCES);

	check_no_syscall();
	return check_summary();
}
