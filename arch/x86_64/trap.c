/*
 * trap.c: the IDT and what happens on each vector.
 *
 * Exceptions in kernel mode are bugs: they panic with the registers, the
 * decoded error code and a backtrace. (User-mode exceptions become
 * signals in a later issue.) Device and IPI vectors go to the handler
 * registered for them, then the LAPIC gets its end-of-interrupt.
 */
#include "arch/x86_64/trap.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/paging.h"
#include "kernel/cpu.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/oom.h"
#include "kernel/process.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscall.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "kernel/vsprintf.h"

struct idt_entry {
	uint16_t offset_low, selector;
	uint8_t ist, type_attr;
	uint16_t offset_mid;
	uint32_t offset_high, zero;
} __attribute__((packed));

static struct idt_entry idt[256];
static irq_handler_t handlers[256];
extern const uint64_t isr_table[256];

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow", "bound range exceeded",
	"invalid opcode", "device not available", "double fault", "coprocessor segment overrun",
	"invalid TSS", "segment not present", "stack-segment fault", "general protection fault",
	"page fault", "reserved (15)", "x87 floating-point error", "alignment check",
	"machine check", "SIMD floating-point error", "virtualization exception",
	"control protection exception", "reserved (22)", "reserved (23)", "reserved (24)",
	"reserved (25)", "reserved (26)", "reserved (27)", "hypervisor injection",
	"VMM communication", "security exception", "reserved (31)",
};

static void set_gate(unsigned v, uint64_t handler, unsigned ist)
{
	idt[v] = (struct idt_entry){
		.offset_low = handler & 0xffff,
		.selector = KERNEL_CS,
		.ist = ist,
		.type_attr = 0x8e, /* present, DPL 0, 64-bit interrupt gate */
		.offset_mid = (handler >> 16) & 0xffff,
		.offset_high = handler >> 32,
	};
}

void idt_init(void)
{
	for (unsigned v = 0; v < 256; v++)
		set_gate(v, isr_table[v], 0);
	idt[2].ist = IST_NMI;
	idt[8].ist = IST_DOUBLE_FAULT;
	idt[VEC_INT80].type_attr = 0xee; /* DPL 3: user code may `int $0x80` */
}

void idt_load(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) idtr = { sizeof idt - 1, (uint64_t)idt };
	__asm__ volatile("lidt %0" ::"m"(idtr));
}

void irq_register(unsigned vector, irq_handler_t fn) { handlers[vector] = fn; }

void dump_trap_frame(const struct trap_frame *f)
{
	printk(KERN_EMERG "RIP: %04lx:%pS  RFLAGS: %08lx\n", f->cs, (void *)f->rip, f->rflags);
	printk(KERN_EMERG "RSP: %04lx:%016lx  RBP: %016lx\n", f->ss, f->rsp, f->rbp);
	printk(KERN_EMERG "RAX: %016lx RBX: %016lx RCX: %016lx\n", f->rax, f->rbx, f->rcx);
	printk(KERN_EMERG "RDX: %016lx RSI: %016lx RDI: %016lx\n", f->rdx, f->rsi, f->rdi);
	printk(KERN_EMERG "R8:  %016lx R9:  %016lx R10: %016lx\n", f->r8, f->r9, f->r10);
	printk(KERN_EMERG "R11: %016lx R12: %016lx R13: %016lx\n", f->r11, f->r12, f->r13);
	printk(KERN_EMERG "R14: %016lx R15: %016lx\n", f->r14, f->r15);
	printk(KERN_EMERG "CR0: %016lx CR2: %016lx CR3: %016lx CR4: %016lx\n", read_cr0(),
	       read_cr2(), read_cr3(), read_cr4());
}

/* Page-fault error code bits (Intel SDM vol. 3, 4.7) in words. */
static void describe_page_fault(char *buf, size_t size, uint64_t err, uint64_t cr2)
{
	snprintf(buf, size, "page fault at %#lx: %s, %s, %s mode%s%s%s", (unsigned long)cr2,
		 err & 1 ? "protection violation" : "page not present",
		 err & 16 ? "instruction fetch" : err & 2 ? "write" : "read",
		 err & 4 ? "user" : "kernel", err & 8 ? ", reserved bit set" : "",
		 err & 32 ? ", protection key" : "", err & 64 ? ", shadow stack" : "");
}

static void describe_selector_error(char *buf, size_t size, const char *name, uint64_t err)
{
	if (!err) {
		snprintf(buf, size, "%s", name);
		return;
	}
	static const char *const tables[] = { "GDT", "IDT", "LDT", "IDT" };
	snprintf(buf, size, "%s (error %#lx: %s selector index %lu%s)", name, (unsigned long)err,
		 tables[(err >> 1) & 3], (unsigned long)(err >> 3), err & 1 ? ", external" : "");
}

static __attribute__((noreturn)) void kernel_exception(struct trap_frame *f)
{
	char what[160];
	uint64_t v = f->vector;
	if (v == 14) {
		describe_page_fault(what, sizeof what, f->error, read_cr2());
	} else if (v == 8) {
		uint64_t top = kstack_guard_owner(read_cr2());
		/* #DF from a #PF whose frame could not be pushed: the stack is gone */
		if (!top)
			top = kstack_guard_owner(f->rsp - 8);
		if (top)
			snprintf(what, sizeof what, "double fault: kernel stack overflow "
				 "(guard page hit, stack top %#lx, CR2 %#lx)", (unsigned long)top,
				 (unsigned long)read_cr2());
		else
			snprintf(what, sizeof what, "double fault");
	} else if (v == 10 || v == 11 || v == 12 || v == 13) {
		describe_selector_error(what, sizeof what, exception_names[v], f->error);
	} else {
		snprintf(what, sizeof what, "%s (error code %#lx)", exception_names[v],
			 (unsigned long)f->error);
	}
	panic_frame(f, "%s", what);
}


extern char uaccess_begin[], uaccess_end[], uaccess_fixup_count[],
	uaccess_fixup_string[], uaccess_copy_words[], uaccess_fixup_words[];

/* A page fault: demand paging and copy-on-write first; then a user-copy
 * fixup, a killed process, or (a kernel bug) a panic. */
static void page_fault(struct trap_frame *f)
{
	uint64_t addr = read_cr2();
	bool user = f->cs & 3, write = f->error & 2, exec = f->error & 16;
	struct task *t = this_cpu()->current_task;
	bool in_uaccess = f->rip >= (uint64_t)uaccess_begin && f->rip < (uint64_t)uaccess_end;
	if (t && t->mm && (user || in_uaccess) && addr < USER_TOP) {
		/* the fault may copy a page: let the timer run, if it could before */
		if (f->rflags & RFLAGS_IF)
			arch_irq_enable();
		int err = mm_fault(t->mm, addr, write, exec);
		arch_irq_disable();
		if (err == 0)
			return;
		if (err == -ENOMEM)
			oom_kill_current(addr); /* a user copy fails too, then the kill */
		if (user && err == -ENOMEM)
			return;
		if (user && err == -ENXIO) { /* a file mapping past the file's end */
			user_fault(SIGBUS, BUS_ADRERR, "bus error", addr, f->rip, f->rsp, f->error);
			return;
		}
	}
	if (user) {
		/* not present: nothing mapped there; present: not allowed */
		user_fault(SIGSEGV, f->error & 1 ? SEGV_ACCERR : SEGV_MAPERR, "segfault", addr, f->rip,
			   f->rsp, f->error);
		return;
	}
	if (in_uaccess) {
		bool string = f->rip >= (uint64_t)&arch_strncpy_user && f->rip < (uint64_t)uaccess_fixup_count;
		bool words = f->rip == (uint64_t)uaccess_copy_words; /* rcx counts words there */
		f->rip = (uint64_t)(string ? uaccess_fixup_string : words ? uaccess_fixup_words : uaccess_fixup_count);
		return;
	}
	kernel_exception(f);
}

static void user_exception(struct trap_frame *f)
{
	int sig, code;
	switch (f->vector) {
	case 0: sig = SIGFPE, code = FPE_INTDIV; break;   /* divide error */
	case 16: case 19: sig = SIGFPE, code = SI_KERNEL; break;
	case 1: sig = SIGTRAP, code = TRAP_TRACE; break;  /* debug: a single step */
	case 3: sig = SIGTRAP, code = TRAP_BRKPT; break;  /* int3 */
	case 6: sig = SIGILL, code = ILL_ILLOPN; break;   /* invalid opcode */
	case 17: sig = SIGBUS, code = BUS_ADRALN; break;  /* alignment check */
	default: sig = SIGSEGV, code = SI_KERNEL; break;  /* #GP, #SS, #NP...: privileged or bad access */
	}
	user_fault(sig, code, exception_names[f->vector], f->vector == 0 ? f->rip : 0, f->rip, f->rsp, f->error);
}

static void nmi(struct trap_frame *f)
{
	if (panicking)
		arch_halt_forever();
	/* no this_cpu() here: an NMI can arrive between swapgs and sysretq */
	printk(KERN_WARNING "NMI at %pS\n", (void *)f->rip);
}

void trap_dispatch(struct trap_frame *f)
{
	uint64_t v = f->vector;
	if (v == 2) {
		nmi(f);
		return;
	}
	if (v == 14) {
		page_fault(f);
		if (f->cs & 3)
			syscall_return_work(f, false); /* e.g. deliver the SIGSEGV */
		return;
	}
	if (v < 32) {
		if (!(f->cs & 3))
			kernel_exception(f);
		user_exception(f);
		syscall_return_work(f, false);
		return;
	}
	if (v == VEC_INT80) {
		syscall_dispatch(f);
		return;
	}
	if (v >= VEC_PIC_BASE && v < VEC_PIC_BASE + 16)
		return; /* spurious interrupt from the masked legacy PIC */
	if (v == VEC_SPURIOUS)
		return; /* the LAPIC wants no EOI for these */
	if (handlers[v])
		handlers[v](f);
	else
		printk(KERN_WARNING "cpu %u: interrupt on vector %lu with no handler\n",
		       this_cpu()->id, (unsigned long)v);
	lapic_eoi();
	if (f->cs & 3)
		syscall_return_work(f, false); /* returning to user mode */
	else
		sched_preempt_point(f->rflags & RFLAGS_IF);
}
