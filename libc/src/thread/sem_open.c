/* sem_open.c: named semaphores: sem_open, sem_close, sem_unlink. The
 * operations on an open semaphore are those of semaphore.c.
 *
 * A name "/NAME" is the file DIR/sem.NAME, DIR being /dev/shm if we may
 * write there, else /tmp. The file holds one sem_t and every process
 * maps it MAP_SHARED, so they all use the same futex word. A new
 * semaphore is written completely into a temporary file first and only
 * then given its name with link(): another process can never open a
 * half-made semaphore, and of two processes creating the same name at
 * once exactly one wins (link fails with EEXIST for the other).
 *
 * Fallback, where the kernel cannot map a file MAP_SHARED (ENODEV;
 * this project's kernel can): names live in a table in one
 * anonymous MAP_SHARED mapping, made by the first sem_open of the
 * process and inherited by the children it forks afterwards, which is
 * how a parent and its children share a named semaphore there. The
 * limitation is described in <semaphore.h> and libc/README.md.
 *
 * Each process also keeps a private list of what it has open, so that
 * opening a name twice yields the same address (as POSIX requires) and
 * sem_close knows when to unmap. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal/libc.h"

/* --- what this process has open --------------------------------------- */

struct open_sem {
	sem_t *sem;
	dev_t dev;	/* the file (file mode) ... */
	ino_t ino;
	int slot;	/* ... or the table slot (fallback), else -1 */
	int refs;	/* sem_open calls not yet matched by sem_close */
	struct open_sem *next;
};

static int open_lock; /* guards open_list and the fallback switch */
static struct open_sem *open_list;

/* Tests may set this to exercise the fallback on a kernel that does
 * have shared file mappings (tests/libc/semaphore_test.c). */
int __sem_open_no_files;

/* --- the fallback table -------------------------------------------------- */

#define TABLE_SLOTS 32
#define TABLE_NAME 48

struct table_slot {
	sem_t sem; /* first: stays 32-byte aligned */
	char name[TABLE_NAME];
	int used;     /* slot holds a semaphore */
	int unlinked; /* name removed; slot freed when refs reach 0 */
	int refs;     /* processes (open_list entries) that have it open */
};

struct sem_table {
	volatile int lock; /* a futex lock shared between processes */
	struct table_slot slot[TABLE_SLOTS];
};

static struct sem_table *table;

static void table_lock(void) { __futex_lock(&table->lock, FUTEX_SHARED); }
static void table_unlock(void) { __futex_unlock(&table->lock, FUTEX_SHARED); }

/* A child forked while we had semaphores open has them open too: its
 * list entries need their own references in the shared table (one per
 * entry, as sem_open takes them). The file mode needs nothing: the
 * mappings are simply inherited. Runs in the child, single-threaded. */
static void table_child_after_fork(void)
{
	table_lock();
	for (struct open_sem *o = open_list; o; o = o->next)
		if (o->slot >= 0)
			table->slot[o->slot].refs++;
	table_unlock();
}

static int table_create(void)
{
	if (table)
		return 0;
	void *p = mmap(NULL, sizeof *table, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	table = p;
	pthread_atfork(NULL, NULL, table_child_after_fork);
	return 0;
}

static int table_find(const char *name)
{
	for (int i = 0; i < TABLE_SLOTS; i++)
		if (table->slot[i].used && !table->slot[i].unlinked &&
		    strcmp(table->slot[i].name, name) == 0)
			return i;
	return -1;
}

/* Returns the slot of NAME (opened or created as OFLAG says), or -1
 * with errno set. */
static int table_open(const char *name, int oflag, unsigned value)
{
	int i, err = 0;

	if (strlen(name) >= TABLE_NAME) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (table_create() < 0)
		return -1;
	table_lock();
	i = table_find(name);
	if (i >= 0 && (oflag & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) {
		err = EEXIST;
	} else if (i < 0 && !(oflag & O_CREAT)) {
		err = ENOENT;
	} else if (i < 0) {
		for (i = 0; i < TABLE_SLOTS && table->slot[i].used; i++)
			;
		if (i == TABLE_SLOTS) {
			err = ENOSPC;
		} else {
			struct table_slot *s = &table->slot[i];
			memset(s, 0, sizeof *s);
			strcpy(s->name, name);
			sem_init(&s->sem, 1, value);
			s->used = 1;
		}
	}
	if (!err)
		table->slot[i].refs++;
	table_unlock();
	if (err) {
		errno = err;
		return -1;
	}
	return i;
}

/* Drops one reference; the slot is freed once unlinked and unused. */
static void table_release(int i)
{
	table_lock();
	struct table_slot *s = &table->slot[i];
	if (--s->refs <= 0 && s->unlinked)
		s->used = 0;
	table_unlock();
}

static int table_unlink(const char *name)
{
	if (table_create() < 0)
		return -1;
	table_lock();
	int i = table_find(name);
	if (i >= 0) {
		table->slot[i].unlinked = 1;
		if (table->slot[i].refs <= 0)
			table->slot[i].used = 0;
	}
	table_unlock();
	if (i < 0) {
		errno = ENOENT;
		return -1;
	}
	return 0;
}

/* --- names and files ----------------------------------------------------- */

/* "/NAME" -> "NAME": leading slashes go, no other slash may appear. */
static const char *bare_name(const char *name)
{
	if (!name) {
		errno = EINVAL;
		return NULL;
	}
	while (*name == '/')
		name++;
	if (!*name || strchr(name, '/')) {
		errno = EINVAL;
		return NULL;
	}
	if (strlen(name) > NAME_MAX - 4) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	return name;
}

static const char *sem_dir(void)
{
	return access("/dev/shm", W_OK | X_OK) == 0 ? "/dev/shm" : "/tmp";
}

/* Makes a complete semaphore file under a temporary name and links it
 * to PATH. Returns its descriptor, or -1 (errno EEXIST: PATH exists). */
static int create_file(const char *path, mode_t mode, unsigned value)
{
	static volatile int counter;
	char tmp[PATH_MAX];
	sem_t init;
	int fd;

	do {
		snprintf(tmp, sizeof tmp, "%s/sem.tmp.%d.%d", sem_dir(), (int)getpid(),
			 __fetch_add(&counter, 1));
		fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	} while (fd < 0 && errno == EEXIST);
	if (fd < 0)
		return -1;
	sem_init(&init, 1, value);
	int ok = write(fd, &init, sizeof init) == (ssize_t)sizeof init && link(tmp, path) == 0;
	int saved = errno;
	unlink(tmp);
	if (!ok) {
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

/* Opens or creates the file of PATH as OFLAG says. *CREATED tells
 * whether we made it. Returns the descriptor or -1. */
static int open_file(const char *path, int oflag, mode_t mode, unsigned value, int *created)
{
	*created = 0;
	for (;;) {
		if ((oflag & (O_CREAT | O_EXCL)) != (O_CREAT | O_EXCL)) {
			int fd = open(path, O_RDWR | O_CLOEXEC);
			if (fd >= 0 || errno != ENOENT || !(oflag & O_CREAT))
				return fd;
		}
		int fd = create_file(path, mode, value);
		if (fd >= 0) {
			*created = 1;
			return fd;
		}
		if (errno != EEXIST || (oflag & O_EXCL))
			return -1;
		/* someone else created it between our two tries: open theirs */
	}
}

/* Adds SEM to this process's list, or, if the same semaphore is open
 * already, counts one more reference to that one (and returns it). */
static sem_t *remember(sem_t *sem, dev_t dev, ino_t ino, int slot)
{
	for (struct open_sem *o = open_list; o; o = o->next) {
		if ((slot >= 0 && o->slot == slot) ||
		    (slot < 0 && o->slot < 0 && o->dev == dev && o->ino == ino)) {
			o->refs++;
			return o->sem;
		}
	}
	struct open_sem *o = malloc(sizeof *o);
	if (!o)
		return NULL;
	*o = (struct open_sem){.sem = sem, .dev = dev, .ino = ino, .slot = slot, .refs = 1,
			       .next = open_list};
	open_list = o;
	return sem;
}

static sem_t *open_in_table(const char *name, int oflag, unsigned value)
{
	int slot = table_open(name, oflag, value);

	if (slot < 0)
		return SEM_FAILED;
	struct open_sem *before = open_list;
	sem_t *sem = remember(&table->slot[slot].sem, 0, 0, slot);
	/* The table counts list entries, not sem_open calls: a second open
	 * in this process (no new entry) gives its reference back. */
	if (!sem || open_list == before)
		table_release(slot);
	return sem ? sem : SEM_FAILED;
}

/* Maps the file FD; on success returns the semaphore, else NULL with
 * errno (ENODEV: the kernel has no shared file mappings). */
static sem_t *map_file(int fd, struct stat *st)
{
	if (fstat(fd, st) < 0)
		return NULL;
	if (st->st_size < (off_t)sizeof(sem_t)) {
		errno = EINVAL; /* not a semaphore file */
		return NULL;
	}
	void *p = mmap(NULL, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	return p == MAP_FAILED ? NULL : p;
}

sem_t *sem_open(const char *name, int oflag, ...)
{
	char path[PATH_MAX];
	mode_t mode = 0;
	unsigned value = 0;
	sem_t *sem = SEM_FAILED;
	struct stat st;
	int created;

	if (oflag & O_CREAT) {
		va_list ap;
		va_start(ap, oflag);
		mode = va_arg(ap, mode_t);
		value = va_arg(ap, unsigned);
		va_end(ap);
		if (value > SEM_VALUE_MAX) {
			errno = EINVAL;
			return SEM_FAILED;
		}
	}
	if (!(name = bare_name(name)))
		return SEM_FAILED;

	__libc_lock(&open_lock);
	if (table || __sem_open_no_files) {
		sem = open_in_table(name, oflag, value);
		goto out;
	}
	snprintf(path, sizeof path, "%s/sem.%s", sem_dir(), name);
	int fd = open_file(path, oflag, mode, value, &created);
	if (fd < 0)
		goto out;
	sem_t *mapped = map_file(fd, &st);
	int saved = errno;
	close(fd);
	if (!mapped) {
		if (created)
			unlink(path);
		errno = saved;
		if (saved == ENODEV) /* no shared file mappings: use the table */
			sem = open_in_table(name, oflag, value);
		goto out;
	}
	sem = remember(mapped, st.st_dev, st.st_ino, -1);
	if (sem != mapped)
		munmap(mapped, sizeof(sem_t)); /* open already: use that mapping */
	if (!sem)
		sem = SEM_FAILED;
out:
	__libc_unlock(&open_lock);
	return sem;
}

int sem_close(sem_t *sem)
{
	struct open_sem **link, *o;

	__libc_lock(&open_lock);
	for (link = &open_list; (o = *link) && o->sem != sem; link = &o->next)
		;
	if (!o) {
		__libc_unlock(&open_lock);
		errno = EINVAL;
		return -1;
	}
	if (--o->refs == 0) {
		*link = o->next;
		if (o->slot >= 0)
			table_release(o->slot);
		else
			munmap(sem, sizeof(sem_t));
		free(o);
	}
	__libc_unlock(&open_lock);
	return 0;
}

/* The name goes at once; processes that have the semaphore open keep
 * using it until they close it. */
int sem_unlink(const char *name)
{
	char path[PATH_MAX];
	int r;

	if (!(name = bare_name(name)))
		return -1;
	__libc_lock(&open_lock);
	if (table || __sem_open_no_files) {
		r = table_unlink(name);
	} else {
		snprintf(path, sizeof path, "%s/sem.%s", sem_dir(), name);
		r = unlink(path);
	}
	__libc_unlock(&open_lock);
	return r;
}
