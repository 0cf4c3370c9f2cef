/*
 * console.h: the console terminal (console.c). Keyboard drivers (the
 * UART's receive interrupt, the PS/2 keyboard) push characters in;
 * readers of /dev/console take them out through the terminal code
 * (tty.c), sleeping until one arrives.
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

/* Set up the console's terminal; at boot, before interrupts. */
void console_tty_init(void);
/* A typed character; called from interrupt handlers. */
void console_input_char(char c);
/* Wait for and return the next input character (the kernel monitor). */
int console_getc(void);
/* Non-blocking: the next input character, or -1 if none is waiting. */
int console_trygetc(void);

struct file_ops;
extern const struct file_ops console_fops; /* /dev/console */
extern const struct file_ops ctty_fops;    /* /dev/tty: the controlling terminal */

#endif
