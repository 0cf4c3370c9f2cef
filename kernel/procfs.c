/*
 * procfs.c: /proc, a window on the kernel's own tables. Nothing is
 * stored: a file's text is generated when it is read, a directory's
 * entries when it is listed. This first version has what ps and the
 * lecture's demos need:
 *
 *   /proc/self            -> the reader's own /proc/PID
 *   /proc/PID/stat        Linux's one-line format (see proc(5))
 *   /proc/PID/cmdline     argv, NUL-separated
 *   /proc/PID/comm        the program name
 *   /proc/sys/kernel/pid_max   read and write
 *   /proc/uptime, /proc/meminfo
 *
 * Inodes are made on lookup and cached by (kind, pid), so a path walk
 * always finds the same inode for the same name.
 */
#include "kernel/errno.h"
#include "kernel/kmalloc.h"
#include "kernel/page_alloc.h"
#include "kernel/pid.h"
#include "kernel/process.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "kernel/vfs.h"
#include "kernel/vsprintf.h"
#include "kernel/mm.h"

enum kind { ROOT, SELF, SYS, SYS_KERNEL, PID_MAX, UPTIME, MEMINFO, PID_DIR, PID_STAT, PID_CMDLINE, PID_COMM };

struct pnode {
	enum kind kind;
	int pid;
	struct inode *inode;
	struct list_head node;     /* in the cache; guarded by vfs_lock */
};

static const struct inode_ops proc_ops;
static const struct file_ops proc_file_ops;
static struct list_head cache = LIST_HEAD_INIT(cache);
static struct inode *proc_root;

static struct pnode *pn(struct inode *i) { return i->fs_data; }

static bool process_exists(int pid);

/* Forget cached nodes of processes that are gone (and unused). Caller
 * holds vfs_lock. */
static void prune(void)
{
	struct list_head *p, *tmp;
	list_for_each_safe(p, tmp, &cache) {
		struct pnode *n = list_entry(p, struct pnode, node);
		if (n->pid > 0 && n->inode->refs == 0 && !process_exists(n->pid)) {
			list_del(&n->node);
			n->inode->nlink = 0;
			inode_maybe_destroy(n->inode); /* proc_destroy frees N */
		}
	}
}

static void proc_destroy(struct inode *i) { kfree(i->fs_data); }

/* The inode for (KIND, PID), made if needed. Caller holds vfs_lock. */
static struct inode *get_node(enum kind kind, int pid, struct inode *parent)
{
	struct list_head *p;
	list_for_each(p, &cache) {
		struct pnode *n = list_entry(p, struct pnode, node);
		if (n->kind == kind && n->pid == pid)
			return n->inode;
	}
	if (kind == PID_DIR) /* looked up from the root, which prune never frees */
		prune();     /* so the cache holds only live processes' nodes */
	uint32_t mode = kind == ROOT || kind == SYS || kind == SYS_KERNEL || kind == PID_DIR ? S_IFDIR | 0555
		      : kind == SELF ? S_IFLNK | 0777
		      : kind == PID_MAX ? S_IFREG | 0644 : S_IFREG | 0444;
	struct inode *i = inode_new(mode, &proc_ops, S_ISREG(mode) || S_ISDIR(mode) ? &proc_file_ops : 0);
	struct pnode *n = kzalloc(sizeof *n);
	if (!i || !n) {
		kfree(i);
		kfree(n);
		return 0;
	}
	n->kind = kind;
	n->pid = pid;
	n->inode = i;
	i->fs_data = n;
	i->nlink = 1; /* kept in the cache */
	i->parent = parent;
	list_add(&n->node, &cache);
	return i;
}

static bool process_exists(int pid)
{
	spin_lock(&tasklist_lock);
	struct process *p = process_find(pid);
	bool alive = p && !p->exited;
	spin_unlock(&tasklist_lock);
	return alive;
}

static int parse_pid(const char *s)
{
	int v = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 10000000)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

static int proc_lookup(struct inode *dir, const char *name, struct inode **out)
{
	struct pnode *d = pn(dir);
	struct inode *i = 0;
	switch (d->kind) {
	case ROOT: {
		int pid = parse_pid(name);
		if (pid > 0 && process_exists(pid))
			i = get_node(PID_DIR, pid, dir);
		else if (!strcmp(name, "self")) {
			i = get_node(SELF, 0, dir);
			if (i) { /* its target depends on who looks */
				char buf[16];
				snprintf(buf, sizeof buf, "%d", current->proc ? current->proc->pid : 0);
				kfree(i->symlink);
				i->symlink = kmalloc(strlen(buf) + 1);
				if (i->symlink)
					strlcpy(i->symlink, buf, strlen(buf) + 1);
			}
		} else if (!strcmp(name, "sys"))
			i = get_node(SYS, 0, dir);
		else if (!strcmp(name, "uptime"))
			i = get_node(UPTIME, 0, dir);
		else if (!strcmp(name, "meminfo"))
			i = get_node(MEMINFO, 0, dir);
		break;
	}
	case SYS:
		if (!strcmp(name, "kernel"))
			i = get_node(SYS_KERNEL, 0, dir);
		break;
	case SYS_KERNEL:
		if (!strcmp(name, "pid_max"))
			i = get_node(PID_MAX, 0, dir);
		break;
	case PID_DIR:
		if (!process_exists(d->pid))
			return -ENOENT;
		if (!strcmp(name, "stat"))
			i = get_node(PID_STAT, d->pid, dir);
		else if (!strcmp(name, "cmdline"))
			i = get_node(PID_CMDLINE, d->pid, dir);
		else if (!strcmp(name, "comm"))
			i = get_node(PID_COMM, d->pid, dir);
		break;
	default:
		return -ENOTDIR;
	}
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

static int proc_readdir(struct inode *dir, uint64_t *pos, struct dir_entry_out *out)
{
	struct pnode *d = pn(dir);
	uint64_t k = (*pos)++;
	if (k == 0)
		return emit(out, dir->ino, DT_DIR, ".");
	if (k == 1)
		return emit(out, dir->parent ? dir->parent->ino : dir->ino, DT_DIR, "..");
	k -= 2;
	static const char *const root_names[] = { "self", "sys", "uptime", "meminfo" };
	static const char *const pid_names[] = { "stat", "cmdline", "comm" };
	switch (d->kind) {
	case ROOT: {
		if (k < 4)
			return emit(out, 1000 + k, k == 0 ? DT_LNK : k == 1 ? DT_DIR : DT_REG, root_names[k]);
		/* then every process, in list order: the k-4'th live one */
		uint64_t want = k - 4, n = 0;
		int pid = -1;
		spin_lock(&tasklist_lock);
		struct list_head *p;
		list_for_each(p, &all_processes) {
			struct process *pr = list_entry(p, struct process, all_node);
			if (pr->exited)
				continue;
			if (n++ == want) {
				pid = pr->pid;
				break;
			}
		}
		spin_unlock(&tasklist_lock);
		if (pid < 0)
			return 0;
		char name[16];
		snprintf(name, sizeof name, "%d", pid);
		return emit(out, 100000 + (uint64_t)pid, DT_DIR, name);
	}
	case SYS:
		return k == 0 ? emit(out, 2000, DT_DIR, "kernel") : 0;
	case SYS_KERNEL:
		return k == 0 ? emit(out, 2001, DT_REG, "pid_max") : 0;
	case PID_DIR:
		return k < 3 ? emit(out, 3000 + k, DT_REG, pid_names[k]) : 0;
	default:
		return 0;
	}
}

/* The one-letter state ps shows (proc(5)). */
static char state_letter(struct process *p)
{
	if (p->exited)
		return 'Z';
	switch (p->main_task->state) {
	case TASK_RUNNING: return 'R';
	case TASK_INTERRUPTIBLE: return 'S';
	case TASK_UNINTERRUPTIBLE: return 'D';
	}
	return '?';
}

/* Generate file I's text into BUF (at most SIZE); returns its length. */
static size_t generate(struct inode *i, char *buf, size_t size)
{
	struct pnode *n = pn(i);
	size_t len = 0;
	switch (n->kind) {
	case PID_MAX:
		return (size_t)snprintf(buf, size, "%d\n", pid_max_get());
	case UPTIME: {
		uint64_t ms = clock_monotonic_ns() / 1000000;
		return (size_t)snprintf(buf, size, "%lu.%02lu 0.00\n", (unsigned long)(ms / 1000),
					(unsigned long)(ms % 1000 / 10));
	}
	case MEMINFO:
		return (size_t)snprintf(buf, size, "MemTotal:       %8lu kB\nMemFree:        %8lu kB\n",
					(unsigned long)page_alloc_total_count() * 4,
					(unsigned long)page_alloc_free_count() * 4);
	default:
		break;
	}
	spin_lock(&tasklist_lock);
	struct process *p = process_find(n->pid);
	if (!p) {
		spin_unlock(&tasklist_lock);
		return 0;
	}
	if (n->kind == PID_COMM) {
		len = (size_t)snprintf(buf, size, "%s\n", p->comm);
	} else if (n->kind == PID_CMDLINE) {
		len = p->cmdline_len < size ? p->cmdline_len : size;
		if (p->cmdline)
			memcpy(buf, p->cmdline, len);
	} else if (n->kind == PID_STAT) {
		struct task *t = p->main_task;
		uint64_t ut = p->exited ? p->exit_ticks_user : t->ticks_user;
		uint64_t st = p->exited ? p->exit_ticks_system : t->ticks_system;
		uint64_t vsz = 0, rss = p->mm ? mm_resident_pages(p->mm) : 0;
		int ppid = p->parent ? p->parent->pid : 0;
		/* fields 1-52 of proc(5); processor is field 39 */
		len = (size_t)snprintf(buf, size,
			"%d (%s) %c %d %d %d 0 -1 4194304 0 0 0 0 %lu %lu 0 0 20 0 1 0 0 %lu %lu "
			"18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 %d 0 0 0 0 0 0 0 0 0 0 0 0 %d\n",
			p->pid, p->comm, state_letter(p), ppid, p->pgid, p->sid, (unsigned long)ut,
			(unsigned long)st, (unsigned long)vsz, (unsigned long)rss, t->cpu,
			p->exited ? p->exit_status : 0);
	}
	spin_unlock(&tasklist_lock);
	return len;
}

static long proc_read(struct inode *i, void *buf, size_t n, uint64_t off)
{
	char *text = kmalloc(4096);
	if (!text)
		return -ENOMEM;
	size_t len = generate(i, text, 4096);
	if (len > 4096)
		len = 4096;
	long r = 0;
	if (off < len) {
		r = (long)(len - off < n ? len - off : n);
		memcpy(buf, text + off, (size_t)r);
	}
	kfree(text);
	return r;
}

static long proc_write(struct inode *i, const void *buf, size_t n, uint64_t off)
{
	if (pn(i)->kind != PID_MAX)
		return -EINVAL;
	char tmp[16];
	size_t len = n < sizeof tmp - 1 ? n : sizeof tmp - 1;
	memcpy(tmp, buf, len);
	tmp[len] = 0;
	char *end;
	unsigned long v = strtoul(tmp, &end, 10);
	if (end == tmp || (*end && *end != '\n'))
		return -EINVAL;
	int err = pid_max_set((int)v);
	return err ? err : (long)n;
}

static const struct inode_ops proc_ops = {
	.lookup = proc_lookup,
	.readdir = proc_readdir,
	.read = proc_read,
	.write = proc_write,
	.destroy = proc_destroy,
};

static long pfile_read(struct file *f, void *kbuf, size_t n, uint64_t *pos)
{
	if (S_ISDIR(f->inode->mode))
		return -EISDIR;
	long r = vfs_read_inode(f->inode, kbuf, n, *pos);
	if (r > 0)
		*pos += (uint64_t)r;
	return r;
}

static long pfile_write(struct file *f, const void *kbuf, size_t n, uint64_t *pos)
{
	long r = vfs_write_inode(f->inode, kbuf, n, *pos);
	if (r > 0)
		*pos += (uint64_t)r;
	return r;
}

static const struct file_ops proc_file_ops = { .read = pfile_read, .write = pfile_write, .seekable = true };

void procfs_init(void)
{
	struct inode *mountpoint;
	vfs_mkdir(vfs_root, "/proc", 0555);
	if (vfs_lookup(vfs_root, "/proc", true, &mountpoint))
		return;
	spin_lock(&vfs_lock);
	proc_root = get_node(ROOT, 0, vfs_root);
	if (proc_root)
		mountpoint->mounted = proc_root;
	spin_unlock(&vfs_lock);
	inode_put(mountpoint);
}
