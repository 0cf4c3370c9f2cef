/* abi.c: compile-time checks that the structures this libc shares with
 * the kernel have the x86-64 Linux layout. Nothing here runs: a wrong
 * offset stops the build. The numbers are the kernel's (see the
 * structure definitions in the headers named). */
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <termios.h>
#include <time.h>

#define LAYOUT(cond) _Static_assert(cond, #cond)

/* sys/stat.h: what stat/fstat/lstat/newfstatat write */
LAYOUT(sizeof(struct stat) == 144);
LAYOUT(offsetof(struct stat, st_nlink) == 16);
LAYOUT(offsetof(struct stat, st_mode) == 24);
LAYOUT(offsetof(struct stat, st_rdev) == 40);
LAYOUT(offsetof(struct stat, st_size) == 48);
LAYOUT(offsetof(struct stat, st_blocks) == 64);
LAYOUT(offsetof(struct stat, st_atim) == 72);
LAYOUT(offsetof(struct stat, st_mtim) == 88);
LAYOUT(offsetof(struct stat, st_ctim) == 104);

/* time.h, sys/resource.h, sys/uio.h, poll.h */
LAYOUT(sizeof(struct timespec) == 16);
LAYOUT(sizeof(struct timeval) == 16);
LAYOUT(sizeof(struct rlimit) == 16);
LAYOUT(sizeof(struct rusage) == 144);
LAYOUT(sizeof(struct iovec) == 16);
LAYOUT(sizeof(struct pollfd) == 8);
LAYOUT(sizeof(struct flock) == 32);

/* signal.h: siginfo is 128 bytes with its union at offset 16 */
LAYOUT(sizeof(siginfo_t) == 128);
LAYOUT(offsetof(siginfo_t, si_pid) == 16);
LAYOUT(offsetof(siginfo_t, si_uid) == 20);
LAYOUT(offsetof(siginfo_t, si_status) == 24);
LAYOUT(offsetof(siginfo_t, si_value) == 24);
LAYOUT(offsetof(siginfo_t, si_addr) == 16);
LAYOUT(sizeof(sigset_t) == 8);
LAYOUT(sizeof(stack_t) == 24);

/* termios.h: the kernel's struct termios is the first 36 bytes */
LAYOUT(offsetof(struct termios, c_line) == 16);
LAYOUT(offsetof(struct termios, c_cc) == 17);

/* sys/utsname.h, sys/sysinfo.h, dirent.h */
LAYOUT(sizeof(struct utsname) == 6 * 65);
LAYOUT(sizeof(struct sysinfo) == 112);
LAYOUT(offsetof(struct sysinfo, mem_unit) == 104);
LAYOUT(offsetof(struct dirent, d_reclen) == 16);
LAYOUT(offsetof(struct dirent, d_type) == 18);
LAYOUT(offsetof(struct dirent, d_name) == 19);
