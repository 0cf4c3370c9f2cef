/*
 * console.c: the console's input buffer, filled by interrupt handlers
 * and drained by readers. A reader with nothing to read halts the CPU
 * until the next interrupt (a later issue replaces that with a wait
 * queue and the tty line discipline).
 */
#include <stdbool.h>
#include "kernel/console.h"
#include "kernel/spinlock.h"
#include "arch/x86_64/arch.h"

#define INPUT_SIZE 256

static struct spinlock input_lock = SPINLOCK_INIT("console_input");
static char input[INPUT_SIZE];
static unsigned input_head, input_tail; /* guarded by input_lock */

void console_input_char(char c)
{
	spin_lock(&input_lock);
	if (input_head - input_tail < INPUT_SIZE)
		input[input_head++ % INPUT_SIZE] = c;
	spin_unlock(&input_lock);
}

int console_trygetc(void)
{
	int c = -1;
	spin_lock(&input_lock);
	if (input_tail != input_head)
		c = (unsigned char)input[input_tail++ % INPUT_SIZE];
	spin_unlock(&input_lock);
	return c;
}

int console_getc(void)
{
	int c;
	while ((c = console_trygetc()) < 0)
		arch_wait_for_interrupt();
	return c;
}
