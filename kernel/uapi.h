/*
 * uapi.h: structures and constants shared with user programs, laid out
 * exactly as x86-64 Linux lays them out (see the man pages named).
 */
#ifndef KERNEL_UAPI_H
#define KERNEL_UAPI_H

#include <stdint.h>

#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR 0x200
#define AT_EMPTY_PATH 0x1000
#define AT_SYMLINK_FOLLOW 0x400

struct linux_timespec {    /* clock_gettime(2) */
	int64_t tv_sec;
	int64_t tv_nsec;
};

struct linux_timeval {     /* gettimeofday(2) */
	int64_t tv_sec;
	int64_t tv_usec;
};

struct linux_stat {        /* stat(2), x86-64: 144 bytes */
	uint64_t st_dev;
	uint64_t st_ino;
	uint64_t st_nlink;
	uint32_t st_mode;
	uint32_t st_uid;
	uint32_t st_gid;
	uint32_t pad0;
	uint64_t st_rdev;
	int64_t st_size;
	int64_t st_blksize;
	int64_t st_blocks;
	struct linux_timespec st_atim, st_mtim, st_ctim;
	int64_t unused[3];
};

struct linux_dirent64 {    /* getdents64(2) */
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
};

struct linux_utsname {     /* uname(2) */
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

struct linux_termios {     /* termios(3), the kernel's struct (TCGETS) */
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[19];
};

struct linux_winsize {     /* TIOCGWINSZ */
	uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};

#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TIOCSCTTY 0x540e
#define TIOCGPGRP 0x540f
#define TIOCSPGRP 0x5410
#define TIOCOUTQ 0x5411
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD 0x541b
#define FIONBIO 0x5421
#define TIOCNOTTY 0x5422
#define TIOCGSID 0x5429
#define TIOCGPTN 0x80045430   /* pty master: which /dev/pts/N is its slave */
#define TIOCSPTLCK 0x40045431 /* pty master: lock or unlock the slave */

/* c_lflag bits */
#define ISIG 0000001
#define ICANON 0000002
#define ECHO 0000010
#define ECHOE 0000020
#define ECHOK 0000040
#define ECHONL 0000100
#define NOFLSH 0000200
#define TOSTOP 0000400
#define ECHOCTL 0001000
#define ECHOKE 0004000
#define IEXTEN 0100000
/* c_iflag / c_oflag bits */
#define BRKINT 0000002
#define INLCR 0000100
#define IGNCR 0000200
#define ICRNL 0000400
#define IXON 0002000
#define OPOST 0000001
#define ONLCR 0000004
/* c_cc indexes */
#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define VSTART 8
#define VSTOP 9
#define VSUSP 10
#define VEOL 11
#define VREPRINT 12
#define VDISCARD 13
#define VWERASE 14
#define VLNEXT 15
#define VEOL2 16

#endif
