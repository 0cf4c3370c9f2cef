/*
 * shm_test.c: POSIX shared memory. shm_open makes /dev/shm/NAME,
 * ftruncate sizes it, MAP_SHARED mappings of it share their pages across
 * fork and between processes that open the name each by themselves, and
 * its memory is given back only when the last mapping and the name are
 * both gone. Bad names and missing objects get glibc's errors.
 *
 * The free-memory numbers are printed everywhere and checked only on
 * this kernel (uname -r ends in "teachos").
 */
#define TEST_NAME "shm"
#include "check.h"

#include <fcntl.h>
#include <semaphore.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <time.h>

#define PG 4096
#define BIG_PAGES 64

static int ours;
static char name[64], name2[64];

static long mem_free_kb(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128];
	long kb = -1;
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "MemFree: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

static void test_open_and_size(void)
{
	int fd = shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600);
	if (fd < 0) {
		fail("shm_open_create", "%s", strerror(errno));
		return;
	}
	pass("shm_open_create");
	char path[96];
	struct stat st;
	snprintf(path, sizeof path, "/dev/shm%s", name);
	expect("object_in_dev_shm", stat(path, &st) == 0 && S_ISREG(st.st_mode), "no /dev/shm file");
	expect("new_object_empty", fstat(fd, &st) == 0 && st.st_size == 0, "size not 0");
	int fl = fcntl(fd, F_GETFD);
	expect("shm_open_sets_cloexec", fl >= 0 && (fl & FD_CLOEXEC), "FD_CLOEXEC not set");
	expect_eq("ftruncate_sizes", ftruncate(fd, 3 * PG), 0);
	expect("size_after_ftruncate", fstat(fd, &st) == 0 && st.st_size == 3 * PG, "wrong size");
	expect_errno("create_excl_again", shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600), EEXIST);
	int again = shm_open(name + 1, O_RDWR, 0); /* the leading slash may be left out */
	expect("open_without_slash", again >= 0, strerror(errno));
	if (again >= 0)
		close(again);
	close(fd);
}

static void test_fork(void)
{
	int fd = shm_open(name, O_RDWR, 0);
	if (fd < 0)
		die("shm_open existing");
	int *w = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd); /* the mapping stays */
	if (w == MAP_FAILED) {
		fail("map_object", "%s", strerror(errno));
		return;
	}
	w[0] = 41;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		w[0]++;
		w[PG / sizeof(int) * 2] = 7; /* third page, first touched here */
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	expect("fork_child_store_seen", w[0] == 42, "parent does not see the child's store");
	expect("fork_child_new_page_seen", w[PG / sizeof(int) * 2] == 7,
	       "a page first touched by the child is not shared");
	munmap(w, 3 * PG);
}

/* Two children that shm_open the name themselves: a ping-pong. */
static int unrelated(int role)
{
	int fd = shm_open(name, O_RDWR, 0);
	if (fd < 0)
		return 2;
	volatile int *w = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (w == MAP_FAILED)
		return 3;
	for (int i = 0; i < 20000; i++) {
		if (role == 0 && w[10] == 0) {
			w[10] = 1;
			continue;
		}
		if (role == 0 && w[10] == 2)
			return 0;
		if (role == 1 && w[10] == 1) {
			w[10] = 2;
			return 0;
		}
		usleep(1000);
	}
	return 4;
}

static void test_unrelated(void)
{
	fflush(stdout);
	pid_t a = fork();
	if (a == 0)
		_exit(unrelated(1));
	pid_t b = fork();
	if (b == 0)
		_exit(unrelated(0));
	int sa, sb;
	waitpid(a, &sa, 0);
	waitpid(b, &sb, 0);
	expect("unrelated_processes_share", WIFEXITED(sa) && WEXITSTATUS(sa) == 0 && WIFEXITED(sb) &&
	       WEXITSTATUS(sb) == 0, "the processes did not see each other's stores");
}

/* link(): a second name for the object (sem_open makes its files so) */
static void test_link(void)
{
	char path[96], path2[96];
	struct stat st;
	snprintf(path, sizeof path, "/dev/shm%s", name);
	snprintf(path2, sizeof path2, "/dev/shm%s.link", name);
	expect_eq("link_second_name", link(path, path2), 0);
	expect("link_counts_two", stat(path2, &st) == 0 && st.st_nlink == 2 && st.st_size == 3 * PG,
	       "second name is not the same file");
	expect_errno("link_existing_eexist", link(path, path2), EEXIST);
	char path3[100];
	snprintf(path3, sizeof path3, "%s2", path2); /* does not exist */
	expect_errno("link_directory_eperm", link("/dev/shm", path3), EPERM);
	expect_errno("link_missing_enoent", link("/dev/shm/no_such_object", path3), ENOENT);
	expect_eq("unlink_second_name", unlink(path2), 0);
	expect("one_name_left", stat(path, &st) == 0 && st.st_nlink == 1, "nlink not back to 1");
}

static void test_names(void)
{
	expect_eq("shm_unlink", shm_unlink(name), 0);
	expect_errno("open_after_unlink", shm_open(name, O_RDWR, 0), ENOENT);
	expect_errno("unlink_twice", shm_unlink(name), ENOENT);
	expect_errno("name_with_slash", shm_open("/a/b", O_CREAT | O_RDWR, 0600), EINVAL);
	expect_errno("empty_name", shm_open("/", O_CREAT | O_RDWR, 0600), EINVAL);
}

/* Map BIG_PAGES pages of object NAME2 and fill them. */
static char *fill_object(int *fdp)
{
	int fd = shm_open(name2, O_CREAT | O_RDWR, 0600);
	if (fd < 0 || ftruncate(fd, BIG_PAGES * PG) != 0)
		die("big object");
	char *p = mmap(NULL, BIG_PAGES * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		die("map big object");
	memset(p, 'z', BIG_PAGES * PG);
	*fdp = fd;
	return p;
}

static void expect_near(const char *check, long got_kb, long want_kb, long slack_kb)
{
	if (!ours)
		return;
	if (got_kb < want_kb - slack_kb || got_kb > want_kb + slack_kb)
		fail(check, "MemFree %ld kB, expected %ld kB (+-%ld)", got_kb, want_kb, slack_kb);
	else
		pass(check);
}

static void test_memory_freed(void)
{
	int fd;
	mem_free_kb();
	long base = mem_free_kb();

	/* name gone first, then the mapping */
	char *p = fill_object(&fd);
	long filled = mem_free_kb();
	close(fd);
	shm_unlink(name2);
	long unlinked = mem_free_kb();
	expect("unlinked_object_still_mapped", p[0] == 'z' && p[BIG_PAGES * PG - 1] == 'z', "data gone");
	munmap(p, BIG_PAGES * PG);
	long unmapped = mem_free_kb();
	printf("shm: MemFree %ld kB, %ld kB with %d pages filled, %ld kB unlinked, %ld kB unmapped\n",
	       base, filled, BIG_PAGES, unlinked, unmapped);
	expect_near("filled_object_uses_memory", filled, base - BIG_PAGES * 4, 16);
	expect_near("unlink_alone_frees_nothing", unlinked, filled, 8);
	expect_near("last_unmap_frees", unmapped, base, 16);

	/* mapping gone first, then the name */
	p = fill_object(&fd);
	munmap(p, BIG_PAGES * PG);
	close(fd);
	long closed = mem_free_kb();
	fd = shm_open(name2, O_RDONLY, 0);
	char c = 0;
	expect("data_kept_by_name", fd >= 0 && pread(fd, &c, 1, 5 * PG) == 1 && c == 'z',
	       "the object lost its data when unmapped");
	if (fd >= 0)
		close(fd);
	shm_unlink(name2);
	long gone = mem_free_kb();
	printf("shm: MemFree %ld kB unmapped but named, %ld kB unlinked\n", closed, gone);
	expect_near("named_object_keeps_memory", closed, base - BIG_PAGES * 4, 16);
	expect_near("unlink_last_frees", gone, base, 16);
}

/* Named semaphores live in /dev/shm too, mapped MAP_SHARED: two
 * children that open the name each by themselves meet on it. */
static char sem_name[64];

static int sem_child(int role)
{
	sem_t *s = sem_open(sem_name, 0);
	if (s == SEM_FAILED)
		return 2;
	if (role == 1)
		return sem_post(s) == 0 ? 0 : 3;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 20;
	return sem_timedwait(s, &ts) == 0 ? 0 : 4;
}

static void test_named_semaphore(void)
{
	snprintf(sem_name, sizeof sem_name, "/shm_test_sem.%d", (int)getpid());
	sem_t *s = sem_open(sem_name, O_CREAT | O_EXCL, 0600, 0);
	if (s == SEM_FAILED) {
		fail("sem_open", "%s", strerror(errno));
		return;
	}
	sem_close(s);
	fflush(stdout);
	pid_t w = fork();
	if (w == 0)
		_exit(sem_child(0));
	pid_t p = fork();
	if (p == 0)
		_exit(sem_child(1));
	int sw, sp;
	waitpid(w, &sw, 0);
	waitpid(p, &sp, 0);
	expect("named_semaphore_between_processes", WIFEXITED(sw) && WEXITSTATUS(sw) == 0 &&
	       WIFEXITED(sp) && WEXITSTATUS(sp) == 0, "the waiter did not get the post");
	expect_eq("sem_unlink", sem_unlink(sem_name), 0);
}

int main(void)
{
	struct utsname u;
	uname(&u);
	ours = strstr(u.release, "teachos") != NULL;
	snprintf(name, sizeof name, "/shm_test.%d", (int)getpid());
	snprintf(name2, sizeof name2, "/shm_test_big.%d", (int)getpid());
	test_open_and_size();
	test_fork();
	test_unrelated();
	test_link();
	test_names();
	test_memory_freed();
	test_named_semaphore();
	return check_summary();
}
