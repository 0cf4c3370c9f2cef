/*
 * process.h: a process is a thread group: one pid, one address space, one
 * descriptor table and working directory, shared by its threads (tasks).
 * Until threads arrive (a later issue) each process has exactly one task.
 *
 * The process tree (parent, children, sibling) and each process's exit
 * state are guarded by tasklist_lock. A process that exits becomes a
 * zombie holding its wait status until its parent reaps it with wait4;
 * its children go to init (pid 1).
 */
#ifndef KERNEL_PROCESS_H
#define KERNEL_PROCESS_H

#include <stdbool.h>
#include <stdint.h>
#include "kernel/list.h"
#include "kernel/resource.h"
#include "kernel/signal.h"
#include "kernel/spinlock.h"
#include "kernel/wait.h"

struct files;
struct inode;
struct mm;
struct task;

/* Working directory and umask: shared by the threads of a process, and
 * between processes made with CLONE_FS. */
struct fs_info {
	struct spinlock lock;        /* guards cwd and umask */
	struct inode *cwd;           /* a reference */
	uint32_t umask;
	int refs;                    /* processes sharing it; atomic */
};

struct fs_info *fs_info_new(struct inode *cwd, uint32_t umask);
struct fs_info *fs_info_copy(struct fs_info *src);
void fs_info_put(struct fs_info *fs);
/* The current working directory, referenced (inode_put it). */
struct inode *cwd_get(void);

struct process {
	int pid;                     /* = tid of its first task; immutable */
	char comm[16];               /* program name (exec sets it) */
	struct task *main_task;      /* immutable while the process lives */
	struct mm *mm;               /* shared with its tasks */
	struct files *files;         /* descriptor table */
	struct fs_info *fs;          /* working directory and umask */
	int pgid, sid;               /* process group and session; tasklist_lock */
	struct tty *tty;             /* controlling terminal, or 0; tasklist_lock */
	bool did_exec;               /* has called execve (setpgid by the parent: EACCES) */
	int exit_signal;             /* sent to the parent at exit (SIGCHLD, or
	                              * another for "clone children"); immutable */

	/* guarded by tasklist_lock */
	struct process *parent;
	struct list_head children;   /* of process.sibling */
	struct list_head sibling;
	struct list_head all_node;   /* in all_processes */
	bool exited;                 /* zombie: exit_status is final */
	int exit_status;             /* wait status, Linux encoding */
	uint64_t exit_ticks_user, exit_ticks_system;

	struct list_head threads;    /* of task.thread_node; guarded by tasklist_lock */
	int nthreads;                /* live tasks in the group; tasklist_lock */
	bool group_exiting;          /* exit_group, a fatal signal or exec in
	                              * progress: the other threads must die */
	int group_status;            /* the wait status the group ends with */
	struct wait_queue thread_exit; /* exec waits here for the others to go */
	struct wait_queue child_exit; /* wait4 sleeps here; a child's exit wakes it */
	struct sighand *sighand;     /* signal actions (shared by CLONE_SIGHAND) */
	struct sigpending *shared_pending; /* process-directed signals; tasklist_lock */
	uint64_t itimer_deadline, itimer_interval; /* ITIMER_REAL, ns; tasklist_lock */
	/* job control; guarded by tasklist_lock */
	bool stopped;                /* SIGSTOP & co.: its threads wait in stop_wait */
	int stop_sig;                /* the signal that stopped it */
	bool stop_unreported;        /* for wait4(WUNTRACED) */
	bool cont_unreported;        /* for wait4(WCONTINUED) */
	struct wait_queue stop_wait; /* stopped threads sleep here until SIGCONT */
	volatile bool vfork_pending; /* a vfork child still on its parent's memory */
	struct wait_queue vfork_wait; /* the vfork parent waits here */
	struct list_head ptraced;    /* tasks it traces (task.ptrace_node); tasklist_lock */
	struct list_head ptrace_exits; /* traced threads that ended, unreported; tasklist_lock */
	char *cmdline;               /* argv joined by NULs, for ps; kmalloc'd */
	size_t cmdline_len;
	/* identities (cred.c): real, effective and saved user and group ids;
	 * changed only by the process itself, read by others under
	 * tasklist_lock */
	uint32_t uid, euid, suid, gid, egid, sgid;
	/* resource limits (resource.c): written under tasklist_lock (prlimit
	 * may change another process's), read lock-free word by word */
	struct rlimit rlim[RLIM_NLIMITS];
	uint64_t cpu_ticks;          /* CPU time of all its threads, ticks; atomic */
	char *environ;               /* envp the same way, for /proc/PID/environ */
	size_t environ_len;
	struct inode *exe;           /* the program file (a reference; exec sets
	                              * it, exit drops it); tasklist_lock */
	uint64_t start_time;         /* clock_monotonic_ns() at fork; immutable */
};

/* clone(2) flags (Linux's values): fork.c, and ptrace.c's events */
#define CSIGNAL              0x000000ff /* exit signal in the low byte */
#define CLONE_VM             0x00000100 /* share the address space */
#define CLONE_FS             0x00000200 /* share working directory and umask */
#define CLONE_FILES          0x00000400 /* share the descriptor table */
#define CLONE_SIGHAND        0x00000800 /* share signal handlers */
#define CLONE_PTRACE         0x00002000
#define CLONE_VFORK          0x00004000 /* the parent waits until the child execs or exits */
#define CLONE_PARENT         0x00008000 /* the child's parent is our parent */
#define CLONE_THREAD         0x00010000 /* same process (thread group) */
#define CLONE_SYSVSEM        0x00040000 /* share SysV semaphore undo lists (none here) */
#define CLONE_SETTLS         0x00080000 /* the new thread's TLS base */
#define CLONE_PARENT_SETTID  0x00100000 /* store the tid in the parent's memory */
#define CLONE_CHILD_CLEARTID 0x00200000 /* at exit: clear the tid word, futex-wake it */
#define CLONE_DETACHED       0x00400000 /* ignored, as by Linux */
#define CLONE_UNTRACED       0x00800000
#define CLONE_CHILD_SETTID   0x01000000 /* store the tid in the child's memory */

extern struct spinlock tasklist_lock;
extern struct list_head all_processes; /* of process.all_node, under tasklist_lock */
extern struct process *init_process;

/* Wait status encodings (Linux's) */
#define W_EXITCODE(code, sig) (((code) & 0xff) << 8 | (sig))

struct process *process_alloc(const char *name);
void process_free(struct process *p);
struct process *process_find(int pid);   /* caller holds tasklist_lock */
struct task *task_find(int tid);         /* a live thread; caller holds tasklist_lock */
/* End the calling thread; the last thread of a process ends the process,
 * with wait status STATUS unless a group exit already chose one. */
__attribute__((noreturn)) void do_exit(int status);
/* End every thread of the current process with wait status STATUS. */
__attribute__((noreturn)) void do_exit_group(int status);
/* Make every other thread of P exit (exit_group, exec, fatal signals).
 * Caller holds tasklist_lock. */
void kill_other_threads(struct process *p, struct task *except);
/* A user-mode fault: signal SIG (si_code CODE) to the current thread;
 * if nothing handles it, log it Linux-style first. */
void user_fault(int sig, int code, const char *what, uint64_t addr, uint64_t ip, uint64_t sp,
		uint64_t error);
/* Free an auto-reaped process (its last task is gone). */
void release_process(struct process *p);
/* A vfork child has exec'd or exited: its parent may run again. */
void vfork_release(struct process *p);
/* Start /sbin/init (or init=) as pid 1. */
void start_init(void);

#endif
