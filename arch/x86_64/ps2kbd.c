/*
 * ps2kbd.c: the PC keyboard behind the 8042 controller (ports 0x60 and
 * 0x64, ISA IRQ 1), turned into characters for the console terminal.
 *
 * The controller translates whatever the keyboard speaks into "scan code
 * set 1": one byte per key press (the make code), the same byte with bit
 * 7 set when the key is let go (the break code), and a 0xe0 byte before
 * the keys added later (arrows, the right Ctrl and Alt, the keypad's
 * Enter and /). This driver keeps the state of Shift, Ctrl and Caps
 * Lock, maps a make code through the US layout, and hands the result to
 * console_input_char -- the same door the serial line uses, so the line
 * discipline, ^C and job control work the same from both. Keys that
 * have no single character send the escape sequences of the Linux
 * console (TERM=linux): the arrows ESC [ A..D, Home ESC [ 1 ~, and so on.
 */
#include <stdbool.h>
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/ioapic.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/trap.h"
#include "kernel/console.h"
#include "kernel/printk.h"

#define KBD_DATA 0x60
#define KBD_STATUS 0x64      /* read: status */
#define KBD_COMMAND 0x64     /* write: controller command */
#define STATUS_OUTPUT_FULL 0x01
#define STATUS_INPUT_FULL 0x02
#define STATUS_FROM_MOUSE 0x20
#define CMD_READ_CONFIG 0x20
#define CMD_WRITE_CONFIG 0x60
#define CONFIG_KBD_IRQ 0x01
#define CONFIG_TRANSLATE 0x40
#define KBD_IRQ 1

/* set 1 make codes */
#define SC_ESCAPE_PREFIX 0xe0
#define SC_LCTRL 0x1d
#define SC_LSHIFT 0x2a
#define SC_RSHIFT 0x36
#define SC_LALT 0x38
#define SC_CAPSLOCK 0x3a

/* The US layout: what each make code types, without and with Shift. */
static const char plain[0x3a] = {
	[0x01] = 27,  [0x02] = '1', [0x03] = '2', [0x04] = '3', [0x05] = '4', [0x06] = '5',
	[0x07] = '6', [0x08] = '7', [0x09] = '8', [0x0a] = '9', [0x0b] = '0', [0x0c] = '-',
	[0x0d] = '=', [0x0e] = 127, [0x0f] = '\t', [0x10] = 'q', [0x11] = 'w', [0x12] = 'e',
	[0x13] = 'r', [0x14] = 't', [0x15] = 'y', [0x16] = 'u', [0x17] = 'i', [0x18] = 'o',
	[0x19] = 'p', [0x1a] = '[', [0x1b] = ']', [0x1c] = '\r', [0x1e] = 'a', [0x1f] = 's',
	[0x20] = 'd', [0x21] = 'f', [0x22] = 'g', [0x23] = 'h', [0x24] = 'j', [0x25] = 'k',
	[0x26] = 'l', [0x27] = ';', [0x28] = '\'', [0x29] = '`', [0x2b] = '\\', [0x2c] = 'z',
	[0x2d] = 'x', [0x2e] = 'c', [0x2f] = 'v', [0x30] = 'b', [0x31] = 'n', [0x32] = 'm',
	[0x33] = ',', [0x34] = '.', [0x35] = '/', [0x37] = '*', [0x39] = ' ',
};

static const char shifted[0x3a] = {
	[0x01] = 27,  [0x02] = '!', [0x03] = '@', [0x04] = '#', [0x05] = '$', [0x06] = '%',
	[0x07] = '^', [0x08] = '&', [0x09] = '*', [0x0a] = '(', [0x0b] = ')', [0x0c] = '_',
	[0x0d] = '+', [0x0e] = 127, [0x0f] = '\t', [0x10] = 'Q', [0x11] = 'W', [0x12] = 'E',
	[0x13] = 'R', [0x14] = 'T', [0x15] = 'Y', [0x16] = 'U', [0x17] = 'I', [0x18] = 'O',
	[0x19] = 'P', [0x1a] = '{', [0x1b] = '}', [0x1c] = '\r', [0x1e] = 'A', [0x1f] = 'S',
	[0x20] = 'D', [0x21] = 'F', [0x22] = 'G', [0x23] = 'H', [0x24] = 'J', [0x25] = 'K',
	[0x26] = 'L', [0x27] = ':', [0x28] = '"', [0x29] = '~', [0x2b] = '|', [0x2c] = 'Z',
	[0x2d] = 'X', [0x2e] = 'C', [0x2f] = 'V', [0x30] = 'B', [0x31] = 'N', [0x32] = 'M',
	[0x33] = '<', [0x34] = '>', [0x35] = '?', [0x37] = '*', [0x39] = ' ',
};

/* The keypad without Num Lock, and the 0xe0 keys: escape sequences. */
static const char *special(uint8_t code, bool extended)
{
	switch (code) {
	case 0x48: return "\033[A";  /* up */
	case 0x50: return "\033[B";  /* down */
	case 0x4d: return "\033[C";  /* right */
	case 0x4b: return "\033[D";  /* left */
	case 0x47: return "\033[1~"; /* Home */
	case 0x4f: return "\033[4~"; /* End */
	case 0x52: return "\033[2~"; /* Insert */
	case 0x53: return "\033[3~"; /* Delete */
	case 0x49: return "\033[5~"; /* Page Up */
	case 0x51: return "\033[6~"; /* Page Down */
	case 0x1c: return extended ? "\r" : 0; /* keypad Enter */
	case 0x35: return extended ? "/" : 0;  /* keypad / */
	case 0x4a: return "-";                 /* keypad - */
	case 0x4e: return "+";                 /* keypad + */
	}
	return 0;
}

static struct {
	bool extended;  /* the previous byte was 0xe0 */
	bool shift[2];  /* left, right */
	bool ctrl[2];
	bool caps_lock;
} kbd;

static void send(const char *s)
{
	while (*s)
		console_input_char(*s++);
}

/* One byte from the keyboard. */
static void scancode(uint8_t b)
{
	if (b == SC_ESCAPE_PREFIX) {
		kbd.extended = true;
		return;
	}
	bool extended = kbd.extended, release = b & 0x80;
	uint8_t code = b & 0x7f;
	kbd.extended = false;
	if (code == SC_LSHIFT || code == SC_RSHIFT) {
		if (!extended) /* (0xe0 0x2a is a "fake shift" some keys send) */
			kbd.shift[code == SC_RSHIFT] = !release;
		return;
	}
	if (code == SC_LCTRL) {
		kbd.ctrl[extended] = !release;
		return;
	}
	if (release || code == SC_LALT)
		return;
	if (code == SC_CAPSLOCK) {
		kbd.caps_lock = !kbd.caps_lock;
		return;
	}
	const char *seq = special(code, extended);
	if (seq) {
		send(seq);
		return;
	}
	if (extended || code >= sizeof plain || !plain[code])
		return; /* F-keys, Num Lock, ...: nothing to type */
	bool shift = kbd.shift[0] || kbd.shift[1];
	char c = plain[code];
	if (c >= 'a' && c <= 'z' && kbd.caps_lock)
		shift = !shift; /* Caps Lock inverts Shift, for letters only */
	if (shift)
		c = shifted[code];
	if (kbd.ctrl[0] || kbd.ctrl[1]) {
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 1);   /* ^A .. ^Z */
		else if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 1);
		else if (c >= '[' && c <= '_')
			c = (char)(c - '@');       /* ^[ ^\ ^] ^^ ^_ */
		else if (c == '{' || c == '|' || c == '}')
			c = (char)(c - '`');
		else if (c == ' ' || c == '@' || c == '2')
			c = 0;                     /* ^@ */
	}
	console_input_char(c);
}

static void kbd_irq(struct trap_frame *f)
{
	uint8_t status;
	while ((status = inb(KBD_STATUS)) & STATUS_OUTPUT_FULL) {
		uint8_t b = inb(KBD_DATA);
		if (!(status & STATUS_FROM_MOUSE))
			scancode(b);
	}
}

static bool wait_input_empty(void)
{
	for (int i = 0; i < 100000; i++)
		if (!(inb(KBD_STATUS) & STATUS_INPUT_FULL))
			return true;
	return false;
}

void ps2kbd_init(void)
{
	if (inb(KBD_STATUS) == 0xff) {
		printk("ps2kbd: no keyboard controller\n");
		return;
	}
	while (inb(KBD_STATUS) & STATUS_OUTPUT_FULL)
		(void)inb(KBD_DATA); /* whatever the firmware left */
	/* the keyboard's interrupt on, and translation to set 1 */
	if (!wait_input_empty())
		return;
	outb(KBD_COMMAND, CMD_READ_CONFIG);
	for (int i = 0; i < 100000 && !(inb(KBD_STATUS) & STATUS_OUTPUT_FULL); i++)
		;
	uint8_t config = inb(KBD_DATA);
	config |= CONFIG_KBD_IRQ | CONFIG_TRANSLATE;
	if (!wait_input_empty())
		return;
	outb(KBD_COMMAND, CMD_WRITE_CONFIG);
	if (!wait_input_empty())
		return;
	outb(KBD_DATA, config);
	irq_register(VEC_IRQ_BASE + KBD_IRQ, kbd_irq);
	ioapic_route_isa_irq(KBD_IRQ, VEC_IRQ_BASE + KBD_IRQ, lapic_id());
	printk("ps2kbd: keyboard by interrupt (ISA IRQ %d -> vector %#x), US layout\n", KBD_IRQ,
	       VEC_IRQ_BASE + KBD_IRQ);
}
