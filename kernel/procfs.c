/*
 * procfs.c: /proc, a window on the kernel's own tables. Nothing is
 * stored: a file's text is generated each time it is read, a
 * directory's entries when it is listed, a link's target when it is
 * followed. The formats are Linux's (proc(5)), so ps, top and scripts
 * written for Linux read them unchanged:
 *
 *   /proc/self                -> PID of the reader (a symlink)
 *   /proc/PID/stat, status    the process in one line / in "Name: value" lines
 *   /proc/PID/cmdline, environ   argv / envp, NUL-separated
 *   /proc/PID/comm            the program name
 *   /proc/PID/maps            the memory regions
 *   /proc/PID/fd/N            -> what descriptor N is open on (/dev/console,
 *                                /tmp/x, pipe:[inode])
 *   /proc/PID/cwd, exe        -> working directory / program file
 *   /proc/PID/task/TID/       stat, status, comm of each thread
 *   /proc/cpuinfo, meminfo, stat, uptime, loadavg
 *   /proc/sys/kernel/pid_max  read and write
 *
 * Inodes are made on lookup and cached by (kind, pid, sub), so a path
 * walk finds the same inode for the same name; the cached nodes of
 * processes that are gone are freed when nothing uses them. A node
 * remembers its process's start time as well as its pid: a pid reused
 * by a new process does not make an old open file read the new one.
 *
 * Locks: directory and link operations run under vfs_lock (the VFS
 * calls them so) and take tasklist_lock, then a process's files or fs
 * lock, inside it. File text is generated without vfs_lock, under
 * tasklist_lock (and the address space's lock for maps).
 */
#include <stdarg.h>
#include "kernel/cpu.h"
#include "kernel/errno.h"
#include "kernel/files.h"
#include "kernel/kmalloc.h"
#include "kernel/loadavg.h"
#include "kernel/mm.h"
#include "kernel/page_alloc.h"
#include "kernel/param.h"
#include "kernel/pid.h"
#include "kernel/process.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/task.h"
#include "kernel/time.h"
#include "kernel/vfs.h"
#include "kernel/vsprintf.h"

#define USER_HZ 100 /* the unit of clock ticks in /proc files (sysconf(_SC_CLK_TCK)) */

enum kind {
	/* directories */
	ROOT, SYS, SYS_KERNEL, PID_DIR, FD_DIR, TASK_DIR, TID_DIR,
	/* symbolic links */
	SELF, FD_LINK, CWD_LINK, EXE_LINK,
	/* files */
	PID_MAX, UPTIME, MEMINFO, CPUINFO, LOADAVG, STAT,
	PID_STAT, PID_STATUS, PID_CMDLINE, PID_ENVIRON, PID_COMM, PID_MAPS,
	TID_STAT, TID_STATUS, TID_COMM,
};

struct entry {
	const char *name;
	enum kind kind;
};

/* The fixed entries of each directory, in the order ls shows them. */
static const struct entry root_entries[] = {
	{ "cpuinfo", CPUINFO }, { "loadavg", LOADAVG }, { "meminfo", MEMINFO }, { "self", SELF },
	{ "stat", STAT },       { "sys", SYS },         { "uptime", UPTIME },
};
static const struct entry sys_entries[] = { { "kernel", SYS_KERNEL } };
static const struct entry sys_kernel_entries[] = { { "pid_max", PID_MAX } };
static const struct entry pid_entries[] = {
	{ "cmdline", PID_CMDLINE }, { "comm", PID_COMM }, { "cwd", CWD_LINK },   { "environ", PID_ENVIRON },
	{ "exe", EXE_LINK },        { "fd", FD_DIR },     { "maps", PID_MAPS },  { "stat", PID_STAT },
	{ "status", PID_STATUS },   { "task", TASK_DIR },
};
static const struct entry tid_entries[] = { { "comm", TID_COMM }, { "stat", TID_STAT }, { "status", TID_STATUS } };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct pnode {
	enum kind kind;
	int pid;                   /* 0 for the files that belong to no process */
	int sub;                   /* FD_LINK: the descriptor; TID_*: the thread id */
	uint64_t start;            /* the process's start_time (pids are reused) */
	struct inode *inode;
	struct list_head node;     /* in the cache; guarded by vfs_lock */
};

static const struct inode_ops proc_ops;
static const struct file_ops proc_file_ops;
static struct list_head cache = LIST_HEAD_INIT(cache);
static struct inode *proc_root;
/* Inside proc_readlink naming a file; guarded by vfs_lock. The path walk
 * that follows the link holds the link's inode (and its directory)
 * without a reference meanwhile, so no pruning may happen then. */
static int naming;

static struct pnode *pn(struct inode *i) { return i->fs_data; }

static bool is_dir(enum kind k) { return k <= TID_DIR; }
static bool is_link(enum kind k) { return k >= SELF && k <= EXE_LINK; }
static bool is_thread_kind(enum kind k) { return k == TID_DIR || k == TID_STAT || k == TID_STATUS || k == TID_COMM; }

static uint32_t mode_of(enum kind k)
{
	if (is_dir(k))
		return S_IFDIR | 0555;
	if (is_link(k))
		return S_IFLNK | 0777;
	return k == PID_MAX ? S_IFREG | 0644 : S_IFREG | 0444;
}

static unsigned char dtype_of(enum kind k) { return is_dir(k) ? DT_DIR : is_link(k) ? DT_LNK : DT_REG; }

/* N's process if it still exists (a zombie counts). Caller holds tasklist_lock. */
static struct process *proc_of(int pid, uint64_t start)
{
	struct process *p = pid > 0 ? process_find(pid) : 0;
	return p && p->start_time == start ? p : 0;
}

/* Thread TID of P, or NULL. Caller holds tasklist_lock. */
static struct task *thread_of(struct process *p, int tid)
{
	struct list_head *l;
	list_for_each(l, &p->threads) {
		struct task *t = list_entry(l, struct task, thread_node);
		if (t->tid == tid)
			return t;
	}
	/* a leader that exited before the other threads stays as a zombie */
	return p->main_task && p->main_task->tid == tid ? p->main_task : 0;
}

static bool node_alive(struct pnode *n)
{
	if (n->pid == 0)
		return true;
	spin_lock(&tasklist_lock);
	struct process *p = proc_of(n->pid, n->start);
	bool alive = p && (!is_thread_kind(n->kind) || thread_of(p, n->sub));
	spin_unlock(&tasklist_lock);
	return alive;
}

/* Forget the cached nodes of processes that are gone (and unused).
 * Newer nodes come first in the list, so a directory's entries are
 * freed before the directory, whose reference they held. Caller holds
 * vfs_lock. */
static void prune(void)
{
	struct list_head *p, *tmp;
	list_for_each_safe(p, tmp, &cache) {
		struct pnode *n = list_entry(p, struct pnode, node);
		if (n->pid > 0 && n->inode->refs == 0 && !node_alive(n)) {
			list_del(&n->node);
			n->inode->nlink = 0;
			inode_maybe_destroy(n->inode); /* proc_destroy frees N */
		}
	}
}

static void proc_destroy(struct inode *i)
{
	struct pnode *n = pn(i);
	if (n->pid > 0 && i->parent) /* the reference get_node took */
		__atomic_sub_fetch(&i->parent->refs, 1, __ATOMIC_RELAXED);
	kfree(n);
}

/* The inode for (KIND, PID, SUB) of the process started at START, made
 * if needed, in directory PARENT. Caller holds vfs_lock. */
static struct inode *get_node(enum kind kind, int pid, int sub, uint64_t start, struct inode *parent)
{
	struct list_head *p;
	list_for_each(p, &cache) {
		struct pnode *n = list_entry(p, struct pnode, node);
		if (n->kind == kind && n->pid == pid && n->sub == sub && n->start == start)
			return n->inode;
	}
	if (kind == PID_DIR && !naming) /* a new process's directory: drop the dead ones' */
		prune();
	struct inode *i = inode_new(mode_of(kind), &proc_ops, is_link(kind) ? 0 : &proc_file_ops);
	struct pnode *n = kzalloc(sizeof *n);
	if (!i || !n) {
		kfree(i);
		kfree(n);
		return 0;
	}
	n->kind = kind;
	n->pid = pid;
	n->sub = sub;
	n->start = start;
	n->inode = i;
	i->fs_data = n;
	i->nlink = 1; /* kept in the cache */
	i->parent = parent;
	if (pid > 0) /* keep the directory while its entry is cached */
		inode_get(parent);
	list_add(&n->node, &cache);
	return i;
}

/* A decimal number (a pid, tid or descriptor), or -1. */
static int parse_number(const char *s)
{
	int v = 0;
	if (!*s || (*s == '0' && s[1]))
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > PID_MAX_LIMIT)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

static const struct entry *find_entry(const struct entry *e, size_t n, const char *name)
{
	for (size_t k = 0; k < n; k++)
		if (!strcmp(e[k].name, name))
			return &e[k];
	return 0;
}

/* The fixed entries of directory kind K. */
static const struct entry *entries_of(enum kind k, size_t *n)
{
	switch (k) {
	case ROOT: *n = COUNT(root_entries); return root_entries;
	case SYS: *n = COUNT(sys_entries); return sys_entries;
	case SYS_KERNEL: *n = COUNT(sys_kernel_entries); return sys_kernel_entries;
	case PID_DIR: *n = COUNT(pid_entries); return pid_entries;
	case TID_DIR: *n = COUNT(tid_entries); return tid_entries;
	default: *n = 0; return 0;
	}
}

/* Is descriptor FD open in P? Caller holds tasklist_lock. */
static bool fd_open(struct process *p, int fd)
{
	struct files *fs = p->files;
	if (!fs)
		return false;
	spin_lock(&fs->lock);
	bool open = fd >= 0 && fd < fs->max && fs->fd[fd];
	spin_unlock(&fs->lock);
	return open;
}

static int proc_lookup(struct inode *dir, const char *name, struct inode **out)
{
	struct pnode *d = pn(dir);
	struct inode *i = 0;
	int num = parse_number(name);
	if (d->kind == ROOT && num > 0) {
		spin_lock(&tasklist_lock);
		struct process *p = process_find(num);
		uint64_t start = p ? p->start_time : 0;
		spin_unlock(&tasklist_lock);
		if (p)
			i = get_node(PID_DIR, num, 0, start, dir);
		goto done;
	}
	if (d->pid > 0) { /* somewhere under /proc/PID */
		spin_lock(&tasklist_lock);
		struct process *p = proc_of(d->pid, d->start);
		bool found = p && (d->kind != FD_DIR || fd_open(p, num)) &&
			     (d->kind != TASK_DIR || (num > 0 && thread_of(p, num)));
		spin_unlock(&tasklist_lock);
		if (!p)
			return -ESRCH; /* as Linux says in a directory whose process is gone */
		if (d->kind == FD_DIR || d->kind == TASK_DIR) {
			if (found)
				i = get_node(d->kind == FD_DIR ? FD_LINK : TID_DIR, d->pid, num, d->start, dir);
			goto done;
		}
	}
	size_t n;
	const struct entry *e = entries_of(d->kind, &n);
	if (!is_dir(d->kind))
		return -ENOTDIR;
	e = find_entry(e, n, name);
	if (e)
		i = get_node(e->kind, d->pid, d->sub, d->start, dir);
done:
	if (!i)
		return -ENOENT;
	*out = i;
	return 0;
}

static int emit(struct dir_entry_out *out, uint64_t ino, unsigned char type, const char *name)
{
	out->ino = ino;
	out->type = type;
	strlcpy(out->name, name, sizeof out->name);
	return 1;
}

/*
 * Listing processes, descriptors and threads: the position in the
 * directory after its fixed entries is the lowest number to show next,
 * so entries come in ascending order and a process that appears or
 * goes between two getdents calls neither repeats nor hides another.
 */

/* The lowest pid >= FROM, or -1. */
static int next_process(uint64_t from)
{
	int best = -1;
	spin_lock(&tasklist_lock);
	struct list_head *l;
	list_for_each(l, &all_processes) {
		int pid = list_entry(l, struct process, all_node)->pid;
		if ((uint64_t)pid >= from && (best < 0 || pid < best))
			best = pid;
	}
	spin_unlock(&tasklist_lock);
	return best;
}

/* The lowest open descriptor (FD_DIR) or thread id (TASK_DIR) >= FROM
 * of D's process, or -1. */
static int next_fd_or_thread(struct pnode *d, uint64_t from)
{
	int best = -1;
	spin_lock(&tasklist_lock);
	struct process *p = proc_of(d->pid, d->start);
	if (p && d->kind == FD_DIR && p->files) {
		struct files *fs = p->files;
		spin_lock(&fs->lock);
		for (int fd = from < (uint64_t)fs->max ? (int)from : fs->max; fd < fs->max; fd++)
			if (fs->fd[fd]) {
				best = fd;
				break;
			}
		spin_unlock(&fs->lock);
	} else if (p && d->kind == TASK_DIR) {
		struct list_head *l;
		list_for_each(l, &p->threads) {
			int tid = list_entry(l, struct task, thread_node)->tid;
			if ((uint64_t)tid >= from && (best < 0 || tid < best))
				best = tid;
		}
	}
	spin_unlock(&tasklist_lock);
	return best;
}

static int proc_readdir(struct inode *dir, uint64_t *pos, struct dir_entry_out *out)
{
	struct pnode *d = pn(dir);
	uint64_t k = *pos;
	if (k == 0 || k == 1) {
		*pos = k + 1;
		return k == 0 ? emit(out, dir->ino, DT_DIR, ".")
			      : emit(out, dir->parent ? dir->parent->ino : dir->ino, DT_DIR, "..");
	}
	k -= 2;
	char name[16];
	if (d->kind == FD_DIR || d->kind == TASK_DIR) {
		int v = next_fd_or_thread(d, k);
		if (v < 0)
			return 0;
		*pos = 2 + (uint64_t)v + 1;
		snprintf(name, sizeof name, "%d", v);
		return emit(out, 200000 + (uint64_t)v, d->kind == FD_DIR ? DT_LNK : DT_DIR, name);
	}
	size_t n;
	const struct entry *e = entries_of(d->kind, &n);
	if (k < n) {
		*pos = 2 + k + 1;
		return emit(out, 1000 + (uint64_t)e[k].kind, dtype_of(e[k].kind), e[k].name);
	}
	if (d->kind != ROOT)
		return 0;
	int pid = next_process(k - n); /* then every process */
	if (pid < 0)
		return 0;
	*pos = 2 + n + (uint64_t)pid + 1;
	snprintf(name, sizeof name, "%d", pid);
	return emit(out, 100000 + (uint64_t)pid, DT_DIR, name);
}

/* What descriptor N of a process refers to, as Linux names it. Caller
 * holds vfs_lock (which keeps INODE alive). */
static long name_file(struct inode *inode, char *buf, size_t size)
{
	long r = vfs_name_of_locked(inode, buf, size);
	if (r >= 0 || r == -ERANGE)
		return r;
	if (S_ISFIFO(inode->mode))
		return snprintf(buf, size, "pipe:[%lu]", (unsigned long)inode->ino);
	/* a file removed while open: its name is gone with its entry */
	return snprintf(buf, size, "(deleted)");
}

static long proc_readlink(struct inode *link, char *buf, size_t size)
{
	struct pnode *n = pn(link);
	if (n->kind == SELF) {
		int tgid = current->proc ? current->proc->pid : 0;
		if (!tgid)
			return -ENOENT;
		return snprintf(buf, size, "%d", tgid);
	}
	struct inode *target = 0;
	spin_lock(&tasklist_lock);
	struct process *p = proc_of(n->pid, n->start);
	if (p && n->kind == EXE_LINK) {
		target = p->exe;
	} else if (p && n->kind == CWD_LINK && p->fs) {
		spin_lock(&p->fs->lock);
		target = p->fs->cwd;
		spin_unlock(&p->fs->lock);
	} else if (p && n->kind == FD_LINK && p->files) {
		struct files *fs = p->files;
		spin_lock(&fs->lock);
		if (n->sub < fs->max && fs->fd[n->sub])
			target = fs->fd[n->sub]->inode;
		spin_unlock(&fs->lock);
	}
	spin_unlock(&tasklist_lock);
	if (!target)
		return -ENOENT;
	/* TARGET cannot be freed: that needs vfs_lock, which we hold */
	naming++;
	long r = name_file(target, buf, size);
	naming--;
	return r;
}

/* ---- generating the text of a file ---- */

struct seq {
	char *buf;
	size_t size, len;          /* LEN may pass SIZE: then the caller retries */
};

__attribute__((format(printf, 2, 3))) static void sprint(struct seq *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	size_t at = s->len < s->size ? s->len : s->size;
	int n = vsnprintf(s->buf + at, s->size - at, fmt, ap);
	va_end(ap);
	s->len += (size_t)n;
}

static void swrite(struct seq *s, const void *data, size_t n)
{
	if (s->len + n <= s->size)
		memcpy(s->buf + s->len, data, n);
	s->len += n;
}

/* The letter and word of proc(5) for thread T of P. */
static char state_letter(struct process *p, struct task *t)
{
	if (p->exited || t->state == TASK_ZOMBIE)
		return 'Z';
	if (t->state == TASK_DEAD)
		return 'X';
	if (p->stopped)
		return 'T';
	switch (t->state) {
	case TASK_RUNNING: return 'R';
	case TASK_INTERRUPTIBLE: return 'S';
	case TASK_UNINTERRUPTIBLE: return 'D';
	}
	return '?';
}

static const char *state_word(char c)
{
	switch (c) {
	case 'R': return "R (running)";
	case 'S': return "S (sleeping)";
	case 'D': return "D (disk sleep)";
	case 'T': return "T (stopped)";
	case 'Z': return "Z (zombie)";
	default: return "X (dead)";
	}
}

/* Sizes of an address space, in bytes (rss in pages). */
struct vm_sizes {
	uint64_t total, data, stack, exe, rss_pages;
};

/*
 * What the text of a process's file needs besides the process table:
 * its address space (referenced, so it is read without tasklist_lock,
 * under its own lock), the sizes of its regions and, for maps, the
 * program's path. Gathered once before the text is generated.
 */
struct mm_view {
	struct mm *mm;             /* a user reference (mm_put), or NULL */
	struct vm_sizes vm;
	const char *exe;           /* the program's path, or NULL */
	uint64_t exe_ino;
	char exe_buf[256];
};

static void vm_sizes(struct mm *mm, struct vm_sizes *v)
{
	memset(v, 0, sizeof *v);
	if (!mm)
		return;
	v->rss_pages = mm_resident_pages(mm);
	spin_lock(&mm->lock);
	struct list_head *l;
	list_for_each(l, &mm->vmas) {
		struct vma *r = list_entry(l, struct vma, node);
		uint64_t len = r->end - r->start;
		v->total += len;
		if (r->flags & VM_GROWSDOWN)
			v->stack += len;
		else if (r->prot & PROT_EXEC)
			v->exe += len;
		else if ((r->prot & PROT_WRITE) && !(r->flags & VM_SHARED))
			v->data += len;
	}
	spin_unlock(&mm->lock);
}

/* Clock ticks of threads T (or all of P's when T is NULL). */
static void cpu_ticks(struct process *p, struct task *t, uint64_t *user, uint64_t *sys)
{
	if (p->exited) {
		*user = p->exit_ticks_user;
		*sys = p->exit_ticks_system;
		return;
	}
	if (t) {
		*user = t->ticks_user;
		*sys = t->ticks_system;
		return;
	}
	*user = *sys = 0;
	struct list_head *l;
	bool leader_listed = false;
	list_for_each(l, &p->threads) {
		struct task *x = list_entry(l, struct task, thread_node);
		*user += x->ticks_user;
		*sys += x->ticks_system;
		leader_listed |= x == p->main_task;
	}
	if (!leader_listed && p->main_task) {
		*user += p->main_task->ticks_user;
		*sys += p->main_task->ticks_system;
	}
}

/* Signals P ignores (IGNORED) or catches with a handler, as a bit mask
 * (bit sig-1). */
static uint64_t handler_mask(struct process *p, bool ignored)
{
	uint64_t m = 0;
	if (!p->sighand)
		return 0;
	for (int sig = 1; sig <= NSIG; sig++) {
		uint64_t h = p->sighand->action[sig - 1].handler;
		if (ignored ? h == SIG_IGN : h != SIG_IGN && h != SIG_DFL)
			m |= 1ull << (sig - 1);
	}
	return m;
}

/* /proc/PID/stat and /proc/PID/task/TID/stat (thread T, or NULL for the
 * whole process). Caller holds tasklist_lock. */
static void show_stat(struct seq *s, struct process *p, struct task *t, const struct mm_view *view)
{
	struct task *who = t ? t : p->main_task;
	uint64_t ut, st;
	cpu_ticks(p, t, &ut, &st);
	const struct vm_sizes v = view->vm;
	struct mm *mm = view->mm;
	uint64_t start_ticks = p->start_time / (1000000000ull / USER_HZ);
	uint64_t pending = who->pending ? who->pending->set : 0;
	if (p->shared_pending)
		pending |= p->shared_pending->set;
	/* the fields of proc(5), numbered there 1 to 52 */
	sprint(s, "%d (%s) %c %d %d %d 0 -1 0 0 0 0 0 %lu %lu 0 0 20 0 %d 0 %lu %lu %lu "
		  "18446744073709551615 %lu %lu %lu 0 0 %lu %lu %lu %lu 0 0 0 %d %d 0 0 0 0 0 "
		  "0 0 0 0 0 0 0 %d\n",
	       t ? t->tid : p->pid, t ? t->comm : p->comm, state_letter(p, who), p->parent ? p->parent->pid : 0,
	       p->pgid, p->sid, (unsigned long)ut, (unsigned long)st, p->nthreads,
	       (unsigned long)start_ticks, (unsigned long)v.total, (unsigned long)v.rss_pages,
	       (unsigned long)(mm ? mm->start_code : 0), (unsigned long)(mm ? mm->end_code : 0),
	       (unsigned long)(mm ? mm->start_stack : 0), (unsigned long)pending, (unsigned long)who->blocked,
	       (unsigned long)handler_mask(p, true), (unsigned long)handler_mask(p, false),
	       p->exit_signal, who->cpu, p->exited ? p->exit_status : 0);
}

/* Cpus_allowed_list: "0-3", "0,2". */
static void show_cpu_list(struct seq *s, uint64_t mask)
{
	bool first = true;
	for (unsigned i = 0; i < ncpus; i++) {
		if (!(mask >> i & 1))
			continue;
		unsigned j = i;
		while (j + 1 < ncpus && (mask >> (j + 1) & 1))
			j++;
		sprint(s, first ? "%u" : ",%u", i);
		if (j > i)
			sprint(s, "-%u", j);
		first = false;
		i = j;
	}
	sprint(s, "\n");
}

/* /proc/PID/status and /proc/PID/task/TID/status. Caller holds tasklist_lock. */
static void show_status(struct seq *s, struct process *p, struct task *t, const struct mm_view *view)
{
	struct task *who = t ? t : p->main_task;
	const struct vm_sizes v = view->vm;
	uint32_t umask = p->fs ? p->fs->umask : 0;
	int fdsize = p->files ? p->files->max : 0;
	uint64_t cpumask = who->cpus_allowed & ((ncpus < 64 ? 1ull << ncpus : 0) - 1);
	sprint(s, "Name:\t%s\n", t ? t->comm : p->comm);
	sprint(s, "Umask:\t%04o\n", umask);
	sprint(s, "State:\t%s\n", state_word(state_letter(p, who)));
	sprint(s, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", p->pid, who->tid,
	       p->parent ? p->parent->pid : 0);
	sprint(s, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n"); /* everyone is root */
	sprint(s, "FDSize:\t%d\n", fdsize);
	if (view->mm && !p->exited) {
		sprint(s, "VmSize:\t%8lu kB\n", (unsigned long)(v.total / 1024));
		sprint(s, "VmRSS:\t%8lu kB\n", (unsigned long)(v.rss_pages * (PAGE_SIZE / 1024)));
		sprint(s, "VmData:\t%8lu kB\n", (unsigned long)(v.data / 1024));
		sprint(s, "VmStk:\t%8lu kB\n", (unsigned long)(v.stack / 1024));
		sprint(s, "VmExe:\t%8lu kB\n", (unsigned long)(v.exe / 1024));
	}
	sprint(s, "Threads:\t%d\n", p->nthreads);
	uint64_t pending = who->pending ? who->pending->set : 0;
	sprint(s, "SigPnd:\t%016lx\n", (unsigned long)pending);
	sprint(s, "ShdPnd:\t%016lx\n", (unsigned long)(p->shared_pending ? p->shared_pending->set : 0));
	sprint(s, "SigBlk:\t%016lx\n", (unsigned long)who->blocked);
	sprint(s, "SigIgn:\t%016lx\n", (unsigned long)handler_mask(p, true));
	sprint(s, "SigCgt:\t%016lx\n", (unsigned long)handler_mask(p, false));
	sprint(s, "Cpus_allowed:\t%lx\n", (unsigned long)cpumask);
	sprint(s, "Cpus_allowed_list:\t");
	show_cpu_list(s, cpumask);
	sprint(s, "voluntary_ctxt_switches:\t%lu\n", (unsigned long)who->nvcsw);
	sprint(s, "nonvoluntary_ctxt_switches:\t%lu\n", (unsigned long)who->nivcsw);
}

/*
 * The last column of a maps line: what the region holds. The program's
 * text shows the program file; the heap and stack their names.
 * File-backed mappings show their file here too.
 */
static const char *vma_name(struct mm *mm, struct vma *v, const char *exe)
{
	if (v->special) /* the kernel's pages: [vdso], [vvar] */
		return v->special->name;
	if (v->flags & VM_GROWSDOWN || (v->start <= mm->start_stack && mm->start_stack < v->end))
		return "[stack]";
	if (mm->brk_start < mm->brk && v->start < mm->brk && v->end > mm->brk_start)
		return "[heap]";
	if (exe && v->end <= mm->brk_start) /* the program's segments lie below the heap */
		return exe;
	return 0;
}

/* /proc/PID/maps: "start-end perms offset dev inode   name". */
static void show_maps(struct seq *s, const struct mm_view *view)
{
	struct mm *mm = view->mm;
	const char *exe = view->exe;
	uint64_t exe_ino = view->exe_ino;
	if (!mm)
		return;
	spin_lock(&mm->lock);
	struct list_head *l;
	list_for_each(l, &mm->vmas) {
		struct vma *v = list_entry(l, struct vma, node);
		const char *name = vma_name(mm, v, exe);
		uint64_t ino = name && name == exe ? exe_ino : 0;
		size_t before = s->len;
		sprint(s, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ", (unsigned long)v->start,
		       (unsigned long)v->end, v->prot & PROT_READ ? 'r' : '-', v->prot & PROT_WRITE ? 'w' : '-',
		       v->prot & PROT_EXEC ? 'x' : '-', v->flags & VM_SHARED ? 's' : 'p', 0ul, 0,
		       ino ? 1 : 0, (unsigned long)ino);
		if (name) { /* names start in column 74, as Linux aligns them */
			while (s->len - before < 73)
				sprint(s, " ");
			sprint(s, "%s", name);
		}
		sprint(s, "\n");
	}
	spin_unlock(&mm->lock);
}

static void show_meminfo(struct seq *s)
{
	unsigned long total = (unsigned long)page_alloc_total_count() * (PAGE_SIZE / 1024);
	unsigned long free = (unsigned long)page_alloc_free_count() * (PAGE_SIZE / 1024);
	/* no page cache and no swap: what is free is what is available */
	sprint(s, "MemTotal:       %8lu kB\n", total);
	sprint(s, "MemFree:        %8lu kB\n", free);
	sprint(s, "MemAvailable:   %8lu kB\n", free);
	sprint(s, "Buffers:        %8lu kB\n", 0ul);
	sprint(s, "Cached:         %8lu kB\n", 0ul);
	sprint(s, "SwapCached:     %8lu kB\n", 0ul);
	sprint(s, "SwapTotal:      %8lu kB\n", 0ul);
	sprint(s, "SwapFree:       %8lu kB\n", 0ul);
}

static void show_cpu_line(struct seq *s, const char *name, uint64_t user, uint64_t sys, uint64_t idle)
{
	/* user nice system idle iowait irq softirq steal guest guest_nice */
	sprint(s, "%s %lu 0 %lu %lu 0 0 0 0 0 0\n", name, (unsigned long)user, (unsigned long)sys,
	       (unsigned long)idle);
}

static unsigned count_tasks(void)
{
	unsigned n = 0;
	spin_lock(&tasklist_lock);
	struct list_head *l;
	list_for_each(l, &all_processes)
		n += (unsigned)list_entry(l, struct process, all_node)->nthreads;
	spin_unlock(&tasklist_lock);
	return n;
}

/* /proc/stat: time of every CPU in USER_HZ ticks (HZ is 100 too) */
static void show_stat_all(struct seq *s)
{
	uint64_t u = 0, sy = 0, id = 0, ctxt = 0;
	for (unsigned i = 0; i < ncpus; i++) {
		u += cpus[i].time_user;
		sy += cpus[i].time_system;
		id += cpus[i].time_idle;
		ctxt += cpus[i].nr_switches;
	}
	show_cpu_line(s, "cpu ", u, sy, id);
	for (unsigned i = 0; i < ncpus; i++) {
		char name[16];
		snprintf(name, sizeof name, "cpu%u", i);
		show_cpu_line(s, name, cpus[i].time_user, cpus[i].time_system, cpus[i].time_idle);
	}
	sprint(s, "ctxt %lu\n", (unsigned long)ctxt);
	sprint(s, "btime %lu\n", (unsigned long)((clock_realtime_ns() - clock_monotonic_ns()) / 1000000000ull));
	sprint(s, "processes %lu\n", (unsigned long)pid_alloc_count());
	sprint(s, "procs_running %u\n", nr_running());
	sprint(s, "procs_blocked 0\n");
}

static void show_loadavg(struct seq *s)
{
	uint64_t a[3];
	for (int i = 0; i < 3; i++) {
		a[i] = __atomic_load_n(&avenrun[i], __ATOMIC_RELAXED) + FIXED_1 / 200; /* round to 0.01 */
	}
	for (int i = 0; i < 3; i++)
		sprint(s, "%lu.%02lu ", (unsigned long)(a[i] >> FSHIFT),
		       (unsigned long)((a[i] & (FIXED_1 - 1)) * 100 >> FSHIFT));
	sprint(s, "%u/%u %d\n", nr_running(), count_tasks(), pid_last());
}

static void show_uptime(struct seq *s)
{
	uint64_t ms = clock_monotonic_ns() / 1000000, idle = 0;
	for (unsigned i = 0; i < ncpus; i++)
		idle += cpus[i].time_idle;
	sprint(s, "%lu.%02lu %lu.%02lu\n", (unsigned long)(ms / 1000), (unsigned long)(ms % 1000 / 10),
	       (unsigned long)(idle / HZ), (unsigned long)(idle % HZ * 100 / HZ));
}

static void show_cpuinfo(struct seq *s)
{
	for (unsigned i = 0; i < ncpus; i++) {
		size_t at = s->len < s->size ? s->len : s->size;
		s->len += (size_t)arch_cpuinfo(i, s->buf + at, s->size - at);
	}
}

static bool needs_mm(enum kind k)
{
	return k == PID_STAT || k == TID_STAT || k == PID_STATUS || k == TID_STATUS || k == PID_MAPS;
}

/* Fill VIEW for file N (see struct mm_view); put it with view_put. */
static void view_get(struct pnode *n, struct mm_view *view)
{
	struct inode *exe = 0;
	memset(view, 0, sizeof *view);
	if (!needs_mm(n->kind))
		return;
	spin_lock(&tasklist_lock);
	struct process *p = proc_of(n->pid, n->start);
	if (p && p->mm) { /* P holds a reference until exit clears p->mm under the lock */
		view->mm = p->mm;
		__atomic_add_fetch(&view->mm->users, 1, __ATOMIC_RELAXED);
	}
	if (p && p->exe && n->kind == PID_MAPS)
		exe = inode_get(p->exe);
	spin_unlock(&tasklist_lock);
	vm_sizes(view->mm, &view->vm);
	if (exe) {
		spin_lock(&vfs_lock);
		long r = vfs_name_of_locked(exe, view->exe_buf, sizeof view->exe_buf);
		spin_unlock(&vfs_lock);
		view->exe = r >= 0 ? view->exe_buf : 0;
		view->exe_ino = exe->ino;
		inode_put(exe);
	}
}

static void view_put(struct mm_view *view)
{
	if (view->mm)
		mm_put(view->mm);
}

/* The text of file N into S: 0, or -ESRCH if its process is gone. */
static int generate(struct pnode *n, struct seq *s, const struct mm_view *view)
{
	switch (n->kind) {
	case PID_MAX: sprint(s, "%d\n", pid_max_get()); return 0;
	case UPTIME: show_uptime(s); return 0;
	case MEMINFO: show_meminfo(s); return 0;
	case CPUINFO: show_cpuinfo(s); return 0;
	case LOADAVG: show_loadavg(s); return 0;
	case STAT: show_stat_all(s); return 0;
	default: break;
	}
	int err = 0;
	spin_lock(&tasklist_lock);
	struct process *p = proc_of(n->pid, n->start);
	struct task *t = 0;
	if (p && is_thread_kind(n->kind) && !(t = thread_of(p, n->sub)))
		p = 0;
	if (!p) {
		err = -ESRCH;
	} else {
		switch (n->kind) {
		case PID_STAT: show_stat(s, p, 0, view); break;
		case TID_STAT: show_stat(s, p, t, view); break;
		case PID_STATUS: show_status(s, p, 0, view); break;
		case TID_STATUS: show_status(s, p, t, view); break;
		case PID_COMM: sprint(s, "%s\n", p->comm); break;
		case TID_COMM: sprint(s, "%s\n", t->comm); break;
		case PID_CMDLINE: swrite(s, p->cmdline, p->cmdline ? p->cmdline_len : 0); break;
		case PID_ENVIRON: swrite(s, p->environ, p->environ ? p->environ_len : 0); break;
		default: break;
		}
	}
	spin_unlock(&tasklist_lock);
	/* maps needs only the address space: generated outside tasklist_lock */
	if (!err && n->kind == PID_MAPS)
		show_maps(s, view);
	return err;
}

#define TEXT_MAX (1024 * 1024) /* the longest text a /proc file has */

/* Generate the whole text of file N, again with a bigger buffer if it
 * did not fit, and copy what lies at *POS into KBUF. */
static long pfile_text(struct pnode *pnode, const struct mm_view *view, void *kbuf, size_t n, uint64_t *pos)
{
	for (size_t size = 4096;;) {
		struct seq s = { kmalloc(size), size, 0 };
		if (!s.buf)
			return -ENOMEM;
		int err = generate(pnode, &s, view);
		if (!err && s.len > size) {
			kfree(s.buf);
			size = (s.len + 4095) & ~4095ul;
			if (size > TEXT_MAX)
				return -ENOMEM;
			continue;
		}
		long r = err;
		if (!err && *pos < s.len) {
			r = (long)(s.len - *pos < n ? s.len - *pos : n);
			memcpy(kbuf, s.buf + *pos, (size_t)r);
			*pos += (uint64_t)r;
		}
		kfree(s.buf);
		return r;
	}
}

static long pfile_read(struct file *f, void *kbuf, size_t n, uint64_t *pos)
{
	struct pnode *pnode = pn(f->inode);
	if (is_dir(pnode->kind))
		return -EISDIR;
	struct mm_view *view = kmalloc(sizeof *view);
	if (!view)
		return -ENOMEM;
	view_get(pnode, view);
	long r = pfile_text(pnode, view, kbuf, n, pos);
	view_put(view);
	kfree(view);
	return r;
}

static long pfile_write(struct file *f, const void *kbuf, size_t n, uint64_t *pos)
{
	if (pn(f->inode)->kind != PID_MAX)
		return -EINVAL;
	char tmp[24];
	size_t len = n < sizeof tmp - 1 ? n : sizeof tmp - 1;
	memcpy(tmp, kbuf, len);
	tmp[len] = 0;
	const char *p = tmp;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p < '0' || *p > '9')
		return -EINVAL;
	char *end;
	unsigned long v = strtoul(p, &end, 10);
	while (*end == ' ' || *end == '\t' || *end == '\n')
		end++;
	if (*end || n >= sizeof tmp || v > PID_MAX_LIMIT)
		return -EINVAL;
	int err = pid_max_set((int)v);
	if (err)
		return err;
	*pos += n;
	return (long)n;
}

static const struct inode_ops proc_ops = {
	.lookup = proc_lookup,
	.readdir = proc_readdir,
	.destroy = proc_destroy,
	.readlink = proc_readlink,
};

static const struct file_ops proc_file_ops = { .read = pfile_read, .write = pfile_write, .seekable = true };

void procfs_init(void)
{
	struct inode *mountpoint;
	vfs_mkdir(vfs_root, "/proc", 0555);
	if (vfs_lookup(vfs_root, "/proc", true, &mountpoint))
		return;
	spin_lock(&vfs_lock);
	proc_root = get_node(ROOT, 0, 0, 0, vfs_root);
	if (proc_root)
		mountpoint->mounted = proc_root;
	spin_unlock(&vfs_lock);
	inode_put(mountpoint);
}
