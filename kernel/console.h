/*
 * console.h: keyboard-side of the console. Drivers (the UART's receive
 * interrupt, later the PS/2 keyboard) push characters in; readers take
 * them out, sleeping until one arrives.
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

/* Called from interrupt handlers. Drops the character if the buffer is full. */
void console_input_char(char c);
/* Wait for and return the next input character. */
int console_getc(void);
/* Non-blocking: the next character, or -1 if none is waiting. */
int console_trygetc(void);

struct file_ops;
extern const struct file_ops console_fops; /* /dev/console and /dev/tty */

#endif
