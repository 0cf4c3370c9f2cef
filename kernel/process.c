/*
 * process.c: the first user process. The kernel builds pid 1 by hand --
 * descriptors 0, 1 and 2 on /dev/console, the root as working directory
 * -- and has it exec /sbin/init (or the init= option); every later
 * process is a fork of it. Words after "--" on the kernel command line
 * become init's arguments, as on Linux.
 */
#include "kernel/cmdline.h"
#include "kernel/errno.h"
#include "kernel/files.h"
#include "kernel/kmalloc.h"
#include "kernel/monitor.h"
#include "kernel/panic.h"
#include "kernel/pid.h"
#include "kernel/printk.h"
#include "kernel/process.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "kernel/vfs.h"

KERNEL_PARAM("init", "program to run as pid 1 (default /sbin/init); init=none: kernel monitor");

long exec_initial(const char *path, const char *const *args);

static const char *init_path(void)
{
	const char *p = cmdline_get("init");
	return p && *p ? p : "/sbin/init";
}

/* pid 1's first moments, still in the kernel: exec, then enter user mode. */
static void init_entry(void *arg)
{
	const char *args[CMDLINE_INIT_ARGS + 2];
	int n = 0;
	args[n++] = init_path();
	for (int i = 0; i < cmdline_init_argc() && n < CMDLINE_INIT_ARGS + 1; i++)
		args[n++] = cmdline_init_arg(i);
	args[n] = 0;
	long err = exec_initial(args[0], args);
	if (err)
		panic("cannot run %s as init (error %ld)", args[0], err);
	arch_enter_user();
}

void start_init(void)
{
	struct inode *probe;
	if (strcmp(init_path(), "none") == 0) {
		printk("kernel: init=none: starting the kernel monitor\n");
		monitor_run();
	}
	if (vfs_lookup(vfs_root, init_path(), true, &probe)) {
		printk("kernel: no %s to run as init; starting the kernel monitor\n", init_path());
		monitor_run();
	}
	inode_put(probe);

	struct process *p = process_alloc("init");
	struct task *t = task_alloc("init");
	if (!p || !t)
		panic("start_init: out of memory");
	int pid = pid_alloc();
	if (pid != 1)
		panic("start_init: init got pid %d", pid);
	p->pid = t->tid = pid;
	p->pgid = p->sid = pid;
	p->main_task = t;
	p->fs = fs_info_new(vfs_root, 022);
	p->sighand = sighand_new();
	p->shared_pending = kzalloc(sizeof *p->shared_pending);
	if (!p->sighand || !p->shared_pending)
		panic("start_init: out of memory");
	p->exit_signal = 17; /* SIGCHLD */
	p->nthreads = 1;
	p->files = files_new();
	if (!p->files || !p->fs)
		panic("start_init: out of memory");
	struct file *console;
	if (vfs_open(vfs_root, "/dev/console", O_RDWR, 0, &console) == 0) {
		fd_install(p->files, console, 0, false);
		fd_install(p->files, file_get(console), 1, false);
		fd_install(p->files, file_get(console), 2, false);
	} else {
		printk(KERN_ERR "start_init: no /dev/console; init has no stdin/stdout\n");
	}
	t->proc = p;
	list_add_tail(&t->thread_node, &p->threads);
	spin_lock(&tasklist_lock);
	list_add_tail(&p->all_node, &all_processes);
	init_process = p;
	spin_unlock(&tasklist_lock);
	arch_prepare_kthread(t, init_entry, 0); /* below its (empty) user register frame */
	sched_start_task(t);
}
