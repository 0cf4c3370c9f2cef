/*
 * ptrace_test.c: process tracing. A traced child stops with SIGTRAP
 * after exec; PTRACE_SYSCALL stops it at every system call's entry and
 * exit, where the tracer reads and changes registers (a call's result,
 * a call cancelled with orig_rax = -1); PEEKDATA/POKEDATA read and
 * write its memory; a signal stops it first and the tracer decides
 * whether it is delivered; PTRACE_O_TRACEFORK attaches a new grandchild
 * and reports the fork; single-stepping a known loop takes exactly as
 * many steps as it has instructions; registers a tracer sets cannot
 * give the child privilege; and the errors for misuse.
 */
#define _GNU_SOURCE
#define TEST_NAME "ptrace"
#include "check.h"

#include <signal.h>
#include <stddef.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>

#ifndef __WALL
#define __WALL 0x40000000
#endif

/* A loop of a known length: 1 + 2 * 1000 instructions from start to end. */
void counted_loop(void);
extern char counted_loop_end[];
__asm__(".text\n.globl counted_loop\ncounted_loop:\n\tmov $1000, %ecx\n1:\tdec %ecx\n\tjnz 1b\n"
	".globl counted_loop_end\ncounted_loop_end:\n\tret\n");

static volatile long shared_word = 1234;
static volatile int usr1_count;
static void on_usr1(int sig) { (void)sig; usr1_count++; }

/* Wait for PID's next stop; its status, or -1 if it ended instead. */
static int wait_stop(pid_t pid)
{
	int st;
	if (waitpid(pid, &st, __WALL) != pid || !WIFSTOPPED(st))
		return -1;
	return st;
}

static pid_t traced_child(void (*body)(void))
{
	pid_t c = fork();
	if (c == 0) {
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		raise(SIGSTOP); /* the tracer takes over here */
		body();
		_exit(0);
	}
	int st = wait_stop(c);
	if (st < 0 || WSTOPSIG(st) != SIGSTOP)
		fail("child_stops", "the traced child did not stop with SIGSTOP");
	return c;
}

static void exec_body(void) { execlp("true", "true", (char *)0); _exit(127); }

static void traceme_exec(void)
{
	pid_t c = traced_child(exec_body);
	ptrace(PTRACE_CONT, c, 0, 0);
	int st = wait_stop(c);
	expect("exec_sigtrap", st >= 0 && WSTOPSIG(st) == SIGTRAP, "no SIGTRAP stop after exec");
	ptrace(PTRACE_CONT, c, 0, 0);
	waitpid(c, &st, 0);
	expect("exec_then_exits", WIFEXITED(st) && WEXITSTATUS(st) == 0, "the traced true did not exit 0");
}

static void getpid_body(void)
{
	pid_t a = (pid_t)syscall(SYS_getpid), b = (pid_t)syscall(SYS_getpid);
	long skipped = syscall(SYS_getppid);
	int cancelled = skipped == -1 && errno == ENOSYS;
	_exit(a == 4242 && b == getpid() && cancelled ? 42 : 1);
}

static void syscall_stops(void)
{
	pid_t c = traced_child(getpid_body);
	ptrace(PTRACE_SETOPTIONS, c, 0, PTRACE_O_TRACESYSGOOD);
	int entries = 0, exits = 0, in_call = 0, getpids = 0, st;
	long bad_stop = 0;
	for (;;) {
		ptrace(PTRACE_SYSCALL, c, 0, 0);
		if (waitpid(c, &st, __WALL) != c || !WIFSTOPPED(st))
			break; /* ended: ST is how */
		if (WSTOPSIG(st) != (SIGTRAP | 0x80)) {
			bad_stop = WSTOPSIG(st);
			continue;
		}
		struct user_regs_struct r;
		ptrace(PTRACE_GETREGS, c, 0, &r);
		in_call = !in_call;
		if (in_call) {
			entries++;
			if (r.orig_rax == SYS_getppid) { /* cancel it */
				r.orig_rax = (unsigned long)-1;
				ptrace(PTRACE_SETREGS, c, 0, &r);
			}
		} else {
			exits++;
			if (r.orig_rax == SYS_getpid && getpids++ == 0) {
				expect("exit_stop_rax_is_result", (pid_t)r.rax == c, "rax at the exit stop is not the pid");
				r.rax = 4242; /* the child will see this instead */
				ptrace(PTRACE_SETREGS, c, 0, &r);
			}
		}
	}
	expect("tracesysgood_stops_only", bad_stop == 0, "a stop other than SIGTRAP|0x80 came");
	expect("entry_exit_pairs", entries >= 4 && entries - exits <= 1, "entry and exit stops do not pair up");
	expect("setregs_result_and_cancel", WIFEXITED(st) && WEXITSTATUS(st) == 42,
	       "the child did not see the changed result or the cancelled call");
}

static void memory_body(void)
{
	raise(SIGSTOP); /* the tracer pokes meanwhile */
	_exit(shared_word == 5678 ? 0 : 1);
}

static void peek_poke(void)
{
	pid_t c = traced_child(memory_body);
	errno = 0;
	long v = ptrace(PTRACE_PEEKDATA, c, (void *)&shared_word, 0);
	expect("peekdata", v == 1234 && errno == 0, "PEEKDATA did not read the child's word");
	expect_eq("pokedata", ptrace(PTRACE_POKEDATA, c, (void *)&shared_word, (void *)5678L), 0);
	errno = 0;
	v = ptrace(PTRACE_PEEKDATA, c, (void *)8, 0);
	expect("peek_unmapped_eio", v == -1 && errno == EIO, "PEEKDATA of an unmapped address is not EIO");
	ptrace(PTRACE_CONT, c, 0, 0);
	int st = wait_stop(c); /* its own SIGSTOP */
	ptrace(PTRACE_CONT, c, 0, 0);
	waitpid(c, &st, 0);
	expect("poked_value_seen", WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child did not see the poked word");
}

static void signal_body(void)
{
	signal(SIGUSR1, on_usr1);
	raise(SIGUSR1); /* suppressed by the tracer */
	raise(SIGUSR1); /* delivered */
	_exit(usr1_count);
}

static void signal_stops(void)
{
	pid_t c = traced_child(signal_body);
	ptrace(PTRACE_CONT, c, 0, 0);
	int st = wait_stop(c);
	expect("signal_delivery_stop", st >= 0 && WSTOPSIG(st) == SIGUSR1, "no stop for SIGUSR1");
	siginfo_t si;
	memset(&si, 0, sizeof si);
	ptrace(PTRACE_GETSIGINFO, c, 0, &si);
	expect("getsiginfo", si.si_signo == SIGUSR1 && si.si_pid == c, "GETSIGINFO is not the child's SIGUSR1");
	ptrace(PTRACE_CONT, c, 0, 0); /* 0: suppress */
	st = wait_stop(c);
	ptrace(PTRACE_CONT, c, 0, SIGUSR1); /* deliver */
	waitpid(c, &st, 0);
	expect("suppress_then_deliver", WIFEXITED(st) && WEXITSTATUS(st) == 1,
	       "the handler did not run exactly once");
}

static void fork_body(void)
{
	pid_t g = fork();
	if (g == 0)
		_exit(7);
	int st;
	waitpid(g, &st, 0);
	_exit(WIFEXITED(st) && WEXITSTATUS(st) == 7 ? 0 : 1);
}

static void fork_event(void)
{
	pid_t c = traced_child(fork_body);
	ptrace(PTRACE_SETOPTIONS, c, 0, PTRACE_O_TRACEFORK);
	ptrace(PTRACE_CONT, c, 0, 0);
	int st = wait_stop(c);
	expect("fork_event_stop", st >= 0 && st >> 8 == (SIGTRAP | PTRACE_EVENT_FORK << 8), "no PTRACE_EVENT_FORK stop");
	unsigned long g = 0;
	ptrace(PTRACE_GETEVENTMSG, c, 0, &g);
	int gst;
	pid_t got = waitpid((pid_t)g, &gst, __WALL);
	expect("grandchild_attached_stopped", got == (pid_t)g && WIFSTOPPED(gst) && WSTOPSIG(gst) == SIGSTOP,
	       "the new grandchild did not start traced and stopped");
	ptrace(PTRACE_CONT, (pid_t)g, 0, 0);
	ptrace(PTRACE_CONT, c, 0, 0);
	got = waitpid((pid_t)g, &gst, __WALL);
	expect("traced_grandchild_exit_reported", got == (pid_t)g && WIFEXITED(gst) && WEXITSTATUS(gst) == 7,
	       "the tracer did not see its traced grandchild exit");
	for (;;) { /* the child: SIGCHLD stop, then its exit */
		if (waitpid(c, &st, __WALL) != c)
			break;
		if (!WIFSTOPPED(st))
			break;
		ptrace(PTRACE_CONT, c, 0, WSTOPSIG(st) == SIGCHLD ? SIGCHLD : 0);
	}
	expect("parent_reaped_grandchild", WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child did not reap its child");
}

static void loop_body(void) { counted_loop(); }

static void single_step(void)
{
	pid_t c = traced_child(loop_body);
	long steps = 0, counted = -1;
	struct user_regs_struct r;
	int st = 0;
	while (steps++ < 200000) {
		if (ptrace(PTRACE_SINGLESTEP, c, 0, 0) < 0 || (st = wait_stop(c)) < 0)
			break;
		ptrace(PTRACE_GETREGS, c, 0, &r);
		if (r.rip == (unsigned long)counted_loop)
			counted = 0;
		else if (counted >= 0)
			counted++;
		if (r.rip == (unsigned long)counted_loop_end)
			break;
	}
	expect_eq("singlestep_counts_loop", counted, 2001);
	ptrace(PTRACE_CONT, c, 0, 0);
	waitpid(c, &st, 0);
}

static void no_privilege(void)
{
	pid_t c = traced_child(loop_body);
	struct user_regs_struct r, back;
	ptrace(PTRACE_GETREGS, c, 0, &r);
	struct user_regs_struct bad = r;
	bad.cs = 0x10; /* a ring-0 selector */
	errno = 0;
	expect("setregs_ring0_cs_eio", ptrace(PTRACE_SETREGS, c, 0, &bad) == -1 && errno == EIO,
	       "SETREGS accepted a ring-0 code segment");
	bad = r;
	bad.eflags |= 0x3000; /* IOPL 3 */
	ptrace(PTRACE_SETREGS, c, 0, &bad);
	ptrace(PTRACE_GETREGS, c, 0, &back);
	expect("setregs_no_iopl", (back.eflags & 0x3000) == 0 && back.cs == r.cs, "IOPL or CS changed");
	bad = r;
	bad.rip = 0xffffffff81000000ul; /* the kernel's half */
	ptrace(PTRACE_SETREGS, c, 0, &bad);
	ptrace(PTRACE_CONT, c, 0, 0);
	int st = wait_stop(c);
	expect("kernel_rip_sigsegv", st >= 0 && WSTOPSIG(st) == SIGSEGV, "a jump into the kernel half did not fault");
	ptrace(PTRACE_CONT, c, 0, SIGSEGV);
	waitpid(c, &st, 0);
	expect("kernel_rip_killed", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "the child was not killed by SIGSEGV");
}

static void misuse(void)
{
	pid_t c = fork();
	if (c == 0) {
		pause();
		_exit(0);
	}
	errno = 0;
	expect("cont_untraced_esrch", ptrace(PTRACE_CONT, c, 0, 0) == -1 && errno == ESRCH,
	       "PTRACE_CONT on an untraced child is not ESRCH");
	errno = 0;
	expect("attach_self_eperm", ptrace(PTRACE_ATTACH, getpid(), 0, 0) == -1 && errno == EPERM,
	       "attaching to oneself is not EPERM");
	errno = 0;
	expect("attach_missing_esrch", ptrace(PTRACE_ATTACH, 999999, 0, 0) == -1 && errno == ESRCH,
	       "attaching to a missing pid is not ESRCH");
	if (getuid() == 0) { /* another user may not trace root's process */
		pid_t u = fork();
		if (u == 0) {
			if (setuid(1000) != 0)
				_exit(2);
			_exit(ptrace(PTRACE_ATTACH, c, 0, 0) == -1 && errno == EPERM ? 0 : 1);
		}
		int ust;
		waitpid(u, &ust, 0);
		expect("attach_other_user_eperm", WIFEXITED(ust) && WEXITSTATUS(ust) == 0,
		       "an unprivileged user attached to root's process");
	}
	expect_eq("attach", ptrace(PTRACE_ATTACH, c, 0, 0), 0);
	int st = wait_stop(c);
	expect("attach_stops_sigstop", st >= 0 && WSTOPSIG(st) == SIGSTOP, "PTRACE_ATTACH did not stop it");
	errno = 0;
	expect("attach_twice_eperm", ptrace(PTRACE_ATTACH, c, 0, 0) == -1 && errno == EPERM,
	       "attaching twice is not EPERM");
	ptrace(PTRACE_CONT, c, 0, 0); /* running, not stopped */
	errno = 0;
	long v = ptrace(PTRACE_PEEKDATA, c, (void *)&shared_word, 0);
	expect("peek_running_esrch", v == -1 && errno == ESRCH, "PEEKDATA on a running tracee is not ESRCH");
	kill(c, SIGKILL);
	waitpid(c, &st, 0);
	expect("killed_tracee_reaped", WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "no SIGKILL status");
}

int main(void)
{
	traceme_exec();
	syscall_stops();
	peek_poke();
	signal_stops();
	fork_event();
	single_step();
	no_privilege();
	misuse();
	return check_summary();
}
