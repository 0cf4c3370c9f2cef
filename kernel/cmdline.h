/*
 * cmdline.h: the kernel command line, as `key=value` or bare `key` words.
 *
 * A subsystem that reads an option declares it once, next to its code:
 *
 *   KERNEL_PARAM("quantum", "scheduler time slice in ms (default 10)");
 *   const char *q = cmdline_get("quantum");   // NULL if not given
 *
 * Declared options are collected in the .kparam section, so the boot
 * code can report any word on the command line that nobody declared.
 */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <stdbool.h>
#include <stdint.h>

struct kernel_param {
	const char *name;
	const char *help;
};

#define KP_CONCAT2(a, b) a##b
#define KP_CONCAT(a, b) KP_CONCAT2(a, b)
#define KERNEL_PARAM(name, help)                                              \
	static const struct kernel_param KP_CONCAT(kparam_, __COUNTER__)      \
		__attribute__((used, section(".kparam"), aligned(8))) = { name, help }

void cmdline_init(const char *raw);
/* The value of KEY: "" for a bare word, NULL when absent. */
const char *cmdline_get(const char *key);
/* Numeric value of KEY, or DEFAULT_VALUE when absent or not a number. */
uint64_t cmdline_get_u64(const char *key, uint64_t default_value);
bool cmdline_has(const char *key);
/* Print one line per word that no KERNEL_PARAM declared; returns count. */
int cmdline_report_unknown(void);
const char *cmdline_raw(void);
/* Words after "--": arguments for init, as on Linux. */
#define CMDLINE_INIT_ARGS 16
int cmdline_init_argc(void);
const char *cmdline_init_arg(int i);

#endif
