/* getopt.h: command-line option parsing; getopt() itself is POSIX and
 * also declared in <unistd.h>. */
#ifndef _GETOPT_H
#define _GETOPT_H

#include <unistd.h>

#endif
