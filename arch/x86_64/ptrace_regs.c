/*
 * ptrace_regs.c: a traced thread's user registers as ptrace shows them --
 * Linux's struct user_regs_struct -- read from and written back to the
 * trap frame at the top of its kernel stack (task->uregs).
 *
 * Writing is where a tracer could try to gain privilege, so what goes
 * back is checked as rt_sigreturn checks a signal frame: the code and
 * stack segments stay the user ones (a ring 0-2 selector is EIO),
 * rflags keeps only the bits a user may set (no IOPL, interrupts stay
 * on), the FS/GS bases must be user addresses and rip canonical (EIO).
 */
#include "arch/x86_64/arch.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/trap.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/task.h"

/* struct user_regs_struct, in order */
enum {
	R15, R14, R13, R12, RBP, RBX, R11, R10, R9, R8, RAX, RCX, RDX, RSI, RDI, ORIG_RAX,
	RIP, CS, EFLAGS, RSP, SS, FS_BASE, GS_BASE, DS, ES, FS, GS
};
_Static_assert(GS + 1 == USER_REGS_WORDS, "27 words");


void arch_get_user_regs(struct task *t, uint64_t *r)
{
	const struct trap_frame *f = t->uregs;
	r[R15] = f->r15, r[R14] = f->r14, r[R13] = f->r13, r[R12] = f->r12;
	r[RBP] = f->rbp, r[RBX] = f->rbx, r[R11] = f->r11, r[R10] = f->r10;
	r[R9] = f->r9, r[R8] = f->r8, r[RAX] = f->rax, r[RCX] = f->rcx;
	r[RDX] = f->rdx, r[RSI] = f->rsi, r[RDI] = f->rdi;
	r[ORIG_RAX] = trap_frame_is_syscall(f) ? f->error : (uint64_t)-1;
	r[RIP] = f->rip, r[CS] = f->cs, r[EFLAGS] = f->rflags, r[RSP] = f->rsp, r[SS] = f->ss;
	r[FS_BASE] = t->tls_base, r[GS_BASE] = t->user_gs_base;
	r[DS] = r[ES] = r[FS] = r[GS] = 0;
}

static bool canonical(uint64_t va) { return (uint64_t)((int64_t)(va << 16) >> 16) == va; }

int arch_set_user_regs(struct task *t, const uint64_t *r)
{
	/* a kernel-half rip is allowed: the return to user mode then faults
	 * (SIGSEGV), as on Linux; a non-canonical one would fault in the
	 * kernel's own iretq, so it is refused */
	if (!canonical(r[RIP]) || r[FS_BASE] >= USER_TOP || r[GS_BASE] >= USER_TOP)
		return -EIO;
	if ((r[CS] & 3) != 3 || (r[SS] & 3) != 3)
		return -EIO; /* a selector for ring 0-2 */
	struct trap_frame *f = t->uregs;
	f->r15 = r[R15], f->r14 = r[R14], f->r13 = r[R13], f->r12 = r[R12];
	f->rbp = r[RBP], f->rbx = r[RBX], f->r11 = r[R11], f->r10 = r[R10];
	f->r9 = r[R9], f->r8 = r[R8], f->rax = r[RAX], f->rcx = r[RCX];
	f->rdx = r[RDX], f->rsi = r[RSI], f->rdi = r[RDI];
	if (trap_frame_is_syscall(f))
		f->error = r[ORIG_RAX]; /* a system-call stop: the call to make (-1: none) */
	f->rip = r[RIP], f->rsp = r[RSP];
	f->rflags = (r[EFLAGS] & RFLAGS_USER) | RFLAGS_IF | 2;
	f->cs = USER_CS, f->ss = USER_DS;
	t->tls_base = r[FS_BASE], t->user_gs_base = r[GS_BASE];
	return 0;
}

void arch_set_single_step(struct task *t, bool on)
{
	if (on)
		t->uregs->rflags |= RFLAGS_TF;
	else
		t->uregs->rflags &= ~RFLAGS_TF;
}
