/*
 * clear: clear the terminal with ANSI escape sequences: move the cursor
 * home (ESC [ H), erase the screen (ESC [ 2 J) and the scroll-back
 * (ESC [ 3 J). The terminal, not the kernel, interprets them.
 */
#include <unistd.h>

int main(void)
{
	static const char seq[] = "\033[H\033[2J\033[3J";

	return write(1, seq, sizeof(seq) - 1) == sizeof(seq) - 1 ? 0 : 1;
}
