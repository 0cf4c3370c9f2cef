/*
 * signal_frame.c: the frame a signal handler runs on, x86-64 Linux
 * layout (the kernel's struct rt_sigframe), and taking it down again in
 * rt_sigreturn.
 *
 *   higher addresses
 *   +--------------------------+ <- the interrupted rsp - 128 (red zone),
 *   | FPU/SSE state (FXSAVE)   |    or the top of the sigaltstack
 *   +--------------------------+ <- 64-byte aligned
 *   | struct siginfo           |
 *   | struct ucontext          |    saved registers (uc_mcontext) and
 *   |                          |    the signal mask to restore
 *   | pretcode: sa_restorer    | <- rsp when the handler starts: its
 *   +--------------------------+    "return address" is libc's restorer,
 *                                   which calls rt_sigreturn
 */
#include "arch/x86_64/arch.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/trap.h"
#include "kernel/cpu.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/task.h"
#include "kernel/uaccess.h"

struct sigcontext {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, rflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2;
	uint64_t fpstate;        /* user address of the FXSAVE image */
	uint64_t reserved[8];
};

struct ucontext {
	uint64_t flags, link;
	uint64_t ss_sp;
	int32_t ss_flags, pad;
	uint64_t ss_size;
	struct sigcontext mcontext;
	uint64_t sigmask;
};

struct siginfo {
	int32_t signo, errno_, code, pad;
	union {
		struct { int32_t pid, uid, status, pad2; int64_t utime, stime; } chld;
		struct { int32_t pid, uid; } kill;
		uint64_t addr;
		char bytes[112];
	};
};

struct rt_sigframe {
	uint64_t pretcode;
	struct ucontext uc;
	struct siginfo info;
};

_Static_assert(sizeof(struct siginfo) == 128, "siginfo is 128 bytes");
_Static_assert(sizeof(struct sigcontext) == 256, "sigcontext is 256 bytes");


void arch_fill_siginfo(void *out, int sig, const struct ksiginfo *info)
{
	struct siginfo *si = out;
	memset(si, 0, sizeof *si);
	si->signo = sig;
	si->code = info->code;
	if (sig == SIGCHLD) {
		si->chld.pid = info->pid;
		si->chld.status = info->status;
	} else if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP) {
		si->addr = info->addr;
	} else {
		si->kill.pid = info->pid;
	}
}

int arch_setup_signal_frame(struct trap_frame *f, int sig, const struct ksiginfo *info,
			    const struct k_sigaction *ka, uint64_t old_mask)
{
	struct task *t = this_cpu()->current_task;
	uint64_t sp = f->rsp;
	bool on_alt = t->altstack_size && sp > t->altstack_sp && sp <= t->altstack_sp + t->altstack_size;
	if ((ka->flags & SA_ONSTACK) && t->altstack_size && !on_alt)
		sp = t->altstack_sp + t->altstack_size;
	else
		sp -= 128; /* leave the interrupted function's red zone alone */
	sp = (sp - 512) & ~63ull;
	uint64_t fpstate = sp;
	sp = ((sp - sizeof(struct rt_sigframe)) & ~15ull) - 8;

	static struct rt_sigframe frames[MAX_CPUS]; /* one per CPU: too big for the stack */
	struct rt_sigframe *fr = &frames[this_cpu()->id];
	bool irq = arch_irq_save(); /* nothing else on this CPU may use the slot meanwhile */
	memset(fr, 0, sizeof *fr);
	fr->pretcode = ka->restorer;
	fr->uc.ss_sp = t->altstack_sp;
	fr->uc.ss_size = t->altstack_size;
	fr->uc.ss_flags = t->altstack_size ? (on_alt ? 1 : 0) : 2;
	struct sigcontext *sc = &fr->uc.mcontext;
	sc->r8 = f->r8, sc->r9 = f->r9, sc->r10 = f->r10, sc->r11 = f->r11;
	sc->r12 = f->r12, sc->r13 = f->r13, sc->r14 = f->r14, sc->r15 = f->r15;
	sc->rdi = f->rdi, sc->rsi = f->rsi, sc->rbp = f->rbp, sc->rbx = f->rbx;
	sc->rdx = f->rdx, sc->rax = f->rax, sc->rcx = f->rcx, sc->rsp = f->rsp;
	sc->rip = f->rip, sc->rflags = f->rflags;
	sc->cs = (uint16_t)f->cs, sc->ss = (uint16_t)f->ss;
	sc->err = f->vector < 32 ? f->error : 0;
	sc->trapno = f->vector < 32 ? f->vector : 0;
	sc->cr2 = info->addr;
	sc->oldmask = old_mask;
	sc->fpstate = fpstate;
	fr->uc.sigmask = old_mask;
	arch_fill_siginfo(&fr->info, sig, info);
	static uint8_t fxsave[MAX_CPUS][512] __attribute__((aligned(16)));
	arch_fpu_save(fxsave[this_cpu()->id]);
	long err = copy_to_user((void *)sp, fr, sizeof *fr);
	if (!err)
		err = copy_to_user((void *)fpstate, fxsave[this_cpu()->id], 512);
	arch_irq_restore(irq);
	if (err)
		return -1;

	/* the handler starts with a clean FPU, like a new function call */
	arch_fpu_init_state(t->fpu);
	arch_fpu_restore(t->fpu);
	f->rip = ka->handler;
	f->rsp = sp;
	f->rdi = (uint64_t)sig;
	f->rsi = sp + __builtin_offsetof(struct rt_sigframe, info);
	f->rdx = sp + __builtin_offsetof(struct rt_sigframe, uc);
	f->rax = 0;
	f->rflags &= ~(RFLAGS_TF | RFLAGS_DF);
	f->cs = USER_CS;
	f->ss = USER_DS;
	return 0;
}

int arch_restore_signal_frame(struct trap_frame *f, uint64_t *mask)
{
	struct task *t = this_cpu()->current_task;
	static struct rt_sigframe frames[MAX_CPUS];
	struct rt_sigframe *fr = &frames[this_cpu()->id];
	static uint8_t fxsave[MAX_CPUS][512] __attribute__((aligned(16)));
	bool irq = arch_irq_save();
	uint64_t at = f->rsp - 8; /* the handler's `ret` popped pretcode */
	long err = copy_from_user(fr, (void *)at, sizeof *fr);
	struct sigcontext sc = fr->uc.mcontext;
	uint64_t m = fr->uc.sigmask;
	if (!err && sc.fpstate)
		err = copy_from_user(fxsave[this_cpu()->id], (void *)sc.fpstate, 512);
	if (!err && sc.fpstate) {
		/* reserved MXCSR bits set would make fxrstor fault in the kernel */
		uint32_t *mxcsr = (uint32_t *)(fxsave[this_cpu()->id] + 24);
		*mxcsr &= 0xffbf;
		memcpy(t->fpu, fxsave[this_cpu()->id], 512);
		arch_fpu_restore(t->fpu);
	}
	arch_irq_restore(irq);
	/* a return address or stack outside user space would fault in the
	 * kernel's own iretq: refuse the frame instead (SIGSEGV) */
	if (err || sc.rip >= 0x800000000000ull || sc.rsp >= 0x800000000000ull)
		return -1;
	f->r8 = sc.r8, f->r9 = sc.r9, f->r10 = sc.r10, f->r11 = sc.r11;
	f->r12 = sc.r12, f->r13 = sc.r13, f->r14 = sc.r14, f->r15 = sc.r15;
	f->rdi = sc.rdi, f->rsi = sc.rsi, f->rbp = sc.rbp, f->rbx = sc.rbx;
	f->rdx = sc.rdx, f->rax = sc.rax, f->rcx = sc.rcx, f->rsp = sc.rsp, f->rip = sc.rip;
	/* whatever the frame says, user mode stays user mode: no kernel
	 * segments, no I/O privilege, interrupts on */
	f->rflags = (sc.rflags & RFLAGS_USER) | RFLAGS_IF | 2;
	f->cs = USER_CS;
	f->ss = USER_DS;
	f->vector = 0x100;
	*mask = m;
	return 0;
}
