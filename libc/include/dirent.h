/* dirent.h: reading directories (src/dirent/dirent.c) on top of the
 * getdents64 system call. */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <bits/types.h>

/* Same fields and order as the kernel's struct linux_dirent64; the
 * name gets its full NAME_MAX + 1 bytes. */
struct dirent {
	ino_t d_ino;
	off_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];
};

/* d_type values */
#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12
#define DT_WHT 14

typedef struct __DIR DIR;

DIR *opendir(const char *path);
DIR *fdopendir(int fd);
struct dirent *readdir(DIR *d);
int closedir(DIR *d);
void rewinddir(DIR *d);
int dirfd(DIR *d);
int alphasort(const struct dirent **a, const struct dirent **b);
int scandir(const char *path, struct dirent ***list,
	    int (*filter)(const struct dirent *),
	    int (*compar)(const struct dirent **, const struct dirent **));

#endif
