/*
 * poweroff: switch the machine off. It flushes the file systems (sync)
 * and asks the kernel to power off with reboot(RB_POWER_OFF); on our
 * kernel in QEMU that ends QEMU cleanly. Only root may do this; the
 * kernel says EPERM to anyone else.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(void)
{
	sync();
	reboot(RB_POWER_OFF);
	/* reboot() returns only if it failed */
	fprintf(stderr, "poweroff: %s\n", strerror(errno));
	return 1;
}
