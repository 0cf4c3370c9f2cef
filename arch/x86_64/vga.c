/*
 * vga.c: the 80x25 VGA text screen at 0xb8000, as a console. Used when
 * GRUB leaves the display in text mode (it does unless asked for a
 * graphics framebuffer), so `make run GUI=1` shows the kernel log too.
 */
#include "arch/x86_64/arch.h"
#include "arch/x86_64/cpu.h"
#include "kernel/bootinfo.h"
#include "kernel/printk.h"
#include "kernel/string.h"

#define COLS 80
#define ROWS 25
#define ATTR 0x0700 /* light grey on black */

static volatile uint16_t *screen;
static unsigned row, col; /* guarded by the printk lock */

static void move_cursor(void)
{
	uint16_t pos = (uint16_t)(row * COLS + col);
	outb(0x3d4, 0x0f), outb(0x3d5, pos & 0xff);
	outb(0x3d4, 0x0e), outb(0x3d5, pos >> 8);
}

static void newline(void)
{
	col = 0;
	if (++row < ROWS)
		return;
	for (unsigned i = 0; i < (ROWS - 1) * COLS; i++)
		screen[i] = screen[i + COLS];
	for (unsigned i = (ROWS - 1) * COLS; i < ROWS * COLS; i++)
		screen[i] = ATTR | ' ';
	row = ROWS - 1;
}

static void vga_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\n') {
			newline();
		} else if (c == '\r') {
			col = 0;
		} else if (c == '\b') {
			if (col)
				col--;
		} else {
			if (col == COLS)
				newline();
			screen[row * COLS + col++] = ATTR | (uint8_t)c;
		}
	}
	move_cursor();
}

static struct console vga_console = { .name = "vga", .write = vga_write };

void vga_init(void)
{
	if (boot_info.fb.type == FB_RGB) {
		printk("vga: display is a %ux%u graphics framebuffer; screen console not used\n",
		       boot_info.fb.width, boot_info.fb.height);
		return;
	}
	screen = phys_to_virt(boot_info.fb.type == FB_EGA_TEXT ? boot_info.fb.addr : 0xb8000);
	for (unsigned i = 0; i < ROWS * COLS; i++)
		screen[i] = ATTR | ' ';
	row = col = 0;
	register_console(&vga_console);
}
