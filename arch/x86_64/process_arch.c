/*
 * process_arch.c: the x86-64 parts of tasks: a new task's first stack,
 * the kernel stack used on entry from ring 3, address-space switches and
 * the FPU/SSE registers (saved and restored on every switch, so user
 * programs may use SSE; the kernel itself is built without it).
 */
#include "arch/x86_64/arch.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/paging.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/trap.h"
#include "kernel/cpu.h"
#include "kernel/mm.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/task.h"
#include "kernel/uaccess.h"

extern char task_first_run[];
static uint8_t fpu_initial[512] __attribute__((aligned(16)));

void arch_prepare_kthread(struct task *t, void (*fn)(void *), void *arg)
{
	/* what arch_switch_context pops: r15 r14 r13 r12 rbx rbp, then ret;
	 * below the space for user registers at the top */
	uint64_t *sp = (uint64_t *)t->uregs;
	*--sp = (uint64_t)task_first_run; /* ret: leaves rsp 16-byte aligned */
	*--sp = 0;                       /* rbp */
	*--sp = 0;                       /* rbx */
	*--sp = (uint64_t)fn;            /* r12 */
	*--sp = (uint64_t)arg;           /* r13 */
	*--sp = 0;                       /* r14 */
	*--sp = 0;                       /* r15 */
	t->saved_rsp = (uint64_t)sp;
}

void arch_set_kernel_stack(uint64_t top)
{
	struct cpu *c = this_cpu();
	c->arch.tss.rsp[0] = top;
	c->kernel_rsp = top;
}

/* Interrupts stay off from the CR3 write to the active_mm update: a
 * task preempted between them (an exiting thread calls this with
 * interrupts on) would leave active_mm naming the old address space
 * while CR3 holds the new one, and the next task of that old space
 * would be switched to without loading its CR3. */
void arch_switch_mm(struct mm *mm)
{
	bool irq = arch_irq_save();
	struct cpu *c = this_cpu();
	if (c->active_mm == mm) {
		arch_irq_restore(irq);
		return;
	}
	/* the cpu_mask says who may cache this address space (tlb.c) */
	if (mm)
		__atomic_or_fetch(&mm->cpu_mask, 1ull << c->id, __ATOMIC_ACQ_REL);
	write_cr3(mm ? mm->pt_root : virt_to_phys(kernel_pml4));
	if (c->active_mm)
		__atomic_and_fetch(&c->active_mm->cpu_mask, ~(1ull << c->id), __ATOMIC_ACQ_REL);
	c->active_mm = mm;
	arch_irq_restore(irq);
}

void arch_fpu_save(uint8_t *area) { __asm__ volatile("fxsave64 (%0)" ::"r"(area) : "memory"); }
void arch_fpu_restore(const uint8_t *area) { __asm__ volatile("fxrstor64 (%0)" ::"r"(area) : "memory"); }
void arch_fpu_init_state(uint8_t *area) { memcpy(area, fpu_initial, sizeof fpu_initial); }

/* Enable SSE for user code and record a clean FPU state (every CPU). */
void fpu_init_cpu(void)
{
	uint64_t cr0 = read_cr0();
	cr0 &= ~(1ull << 2); /* EM: no x87 emulation */
	cr0 |= 1ull << 1;    /* MP */
	cr0 &= ~(1ull << 3); /* TS */
	__asm__ volatile("mov %0, %%cr0" ::"r"(cr0));
	write_cr4(read_cr4() | (1 << 9) | (1 << 10)); /* OSFXSR, OSXMMEXCPT */
	uint32_t mxcsr = 0x1f80; /* all SSE exceptions masked */
	__asm__ volatile("fninit; ldmxcsr %0" ::"m"(mxcsr));
	if (this_cpu()->id == 0)
		arch_fpu_save(fpu_initial);
}

uint64_t arch_kstack_alloc(void) { return kstack_alloc(KSTACK_SIZE); }
void arch_kstack_free(uint64_t top) { kstack_free(top, KSTACK_SIZE); }

extern char user_first_run[];

void arch_prepare_user_task(struct task *t, const struct trap_frame *regs)
{
	struct trap_frame *f = t->uregs;
	*f = *regs;
	/* switch.S pops six registers and returns into user_first_run, which
	 * leaves through the interrupt return path with rsp = f */
	uint64_t *sp = (uint64_t *)f;
	*--sp = (uint64_t)user_first_run;
	for (int i = 0; i < 6; i++)
		*--sp = 0;
	t->saved_rsp = (uint64_t)sp;
}

/* Registers for a fresh program: everything zero but where to start. */
void arch_init_user_regs(struct trap_frame *f, uint64_t entry, uint64_t stack)
{
	memset(f, 0, sizeof *f);
	f->rip = entry;
	f->rsp = stack;
	f->cs = USER_CS;
	f->ss = USER_DS;
	f->rflags = RFLAGS_IF | 2; /* bit 1 is always set */
	f->vector = 0x100;         /* looks like a system-call frame */
}

void arch_reset_user_state(struct task *t)
{
	t->tls_base = 0;
	wrmsr(MSR_FS_BASE, 0);
	t->user_gs_base = 0;
	wrmsr(MSR_KERNEL_GS, 0);
	arch_fpu_init_state(t->fpu);
	arch_fpu_restore(t->fpu);
}

void arch_switch_tls(struct task *prev, struct task *next)
{
	if (prev->tls_base != next->tls_base)
		wrmsr(MSR_FS_BASE, next->tls_base);
	if (prev->user_gs_base != next->user_gs_base)
		wrmsr(MSR_KERNEL_GS, next->user_gs_base);
}

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

long arch_prctl_tls(int code, uint64_t addr)
{
	struct task *t = this_cpu()->current_task;
	switch (code) {
	case ARCH_SET_FS:
		if (addr >= USER_TOP)
			return -EPERM; /* a kernel address as TLS base: refused, as Linux */
		t->tls_base = addr;
		wrmsr(MSR_FS_BASE, addr);
		return 0;
	case ARCH_GET_FS:
		return copy_to_user((void *)addr, &t->tls_base, sizeof t->tls_base);
	case ARCH_SET_GS:
		if (addr >= USER_TOP)
			return -EPERM;
		/* in the kernel the user's GS base is the "inactive" one that
		 * swapgs brings back on the way out */
		t->user_gs_base = addr;
		wrmsr(MSR_KERNEL_GS, addr);
		return 0;
	case ARCH_GET_GS:
		return copy_to_user((void *)addr, &t->user_gs_base, sizeof t->user_gs_base);
	}
	return -EINVAL;
}

extern char trap_exit[];

void arch_enter_user(void)
{
	struct trap_frame *f = this_cpu()->current_task->uregs;
	__asm__ volatile("cli\n\t"
			 "movq %0, %%rsp\n\t"
			 "jmp trap_exit"
			 ::"r"(f)
			 : "memory");
	__builtin_unreachable();
}

_Static_assert(sizeof(struct trap_frame) == ARCH_TRAP_FRAME_SIZE, "trap frame size");
_Static_assert(__builtin_offsetof(struct cpu, kernel_rsp) == 8, "syscall_entry.S uses %gs:8");
_Static_assert(__builtin_offsetof(struct cpu, user_rsp) == 16, "syscall_entry.S uses %gs:16");
