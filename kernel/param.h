/*
 * param.h: the machine-wide compile-time limits. Limits that belong to
 * one subsystem live in its header beside the code (PIPE_SIZE in pipe.c,
 * STACK_MAX in mm.h, PID_MAX_DEFAULT in pid.h, NR_OPEN_DEFAULT in
 * files.h...). Run-time tunables are kernel command-line options
 * (cmdline.h).
 */
#ifndef KERNEL_PARAM_H
#define KERNEL_PARAM_H

#define MAX_CPUS          64        /* CPUs we bring online; more are skipped */
#define HZ                100       /* timer interrupts per second per CPU */
#define LOG_BUF_SIZE      (64 * 1024) /* printk ring buffer, for dmesg */
#define CMDLINE_MAX       1024      /* kernel command line, bytes */
#define MAX_MEM_REGIONS   64        /* usable ranges kept from the memory map */
#define MAX_MODULES       16        /* multiboot2 modules (initrd, ...) */
#define MAX_IOAPICS       8
#define MAX_IRQ_OVERRIDES 16
#define SPIN_WATCHDOG_NS  5000000000ull /* report a lock spun on this long */
#define AP_START_TIMEOUT_MS 200     /* wait for an AP's "I'm alive" */

#endif
