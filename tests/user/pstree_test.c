/*
 * pstree_test.c: pstree and ps, run on a process tree the test builds
 * itself: two children running "sleep 30" and one extra thread. pstree
 * must draw it exactly as psmisc's pstree does (children sorted by
 * name, identical subtrees merged as 2*[sleep], the thread as
 * {pstree_test}); ps must list the children in procps's columns. With
 * our tools first in PATH this checks them against Linux's /proc too.
 */
#define _GNU_SOURCE
#define TEST_NAME "pstree"
#include "check.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>

/* Run ARGV (found through PATH) and collect its standard output. */
static int run(char *const argv[], char *out, size_t size)
{
	int p[2];
	size_t used = 0;
	ssize_t n;

	if (pipe(p) < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	while (used < size - 1 && (n = read(p[0], out + used, size - 1 - used)) > 0)
		used += n;
	out[used] = '\0';
	close(p[0]);
	int status;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Wait until process PID runs program NAME (its exec is done). */
static int wait_for_comm(pid_t pid, const char *name)
{
	char path[64], buf[64], want[64];

	snprintf(path, sizeof path, "/proc/%d/comm", pid);
	snprintf(want, sizeof want, "%s\n", name);
	for (int i = 0; i < 5000; i++) {
		int fd = open(path, O_RDONLY);
		ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
		if (fd >= 0)
			close(fd);
		buf[n > 0 ? n : 0] = '\0';
		if (!strcmp(buf, want))
			return 0;
		usleep(1000);
	}
	return -1;
}

static int hold[2];
static pid_t thread_tid;

static void *thread_main(void *arg)
{
	char c;

	(void)arg;
	thread_tid = (pid_t)syscall(SYS_gettid);
	read(hold[0], &c, 1);
	return NULL;
}

int main(void)
{
	static char out[16384];
	char me[16], want[512];
	pid_t kids[2];
	pthread_t th;

	for (int i = 0; i < 2; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			execlp("sleep", "sleep", "30", (char *)NULL);
			_exit(127);
		}
	}
	pipe(hold);
	pthread_create(&th, NULL, thread_main, NULL);
	if (wait_for_comm(kids[0], "sleep") || wait_for_comm(kids[1], "sleep"))
		die("the children did not start sleep");
	while (!__atomic_load_n(&thread_tid, __ATOMIC_ACQUIRE))
		usleep(1000);
	snprintf(me, sizeof me, "%d", getpid());

	/* children by name: pstree < sleep < {pstree_test} ('{' sorts last) */
	char *ascii[] = { "pstree", "-A", me, NULL };
	int st = run(ascii, out, sizeof out);
	expect("pstree_ascii", st == 0 && !strcmp(out, "pstree_test-+-pstree\n"
						       "            |-2*[sleep]\n"
						       "            `-{pstree_test}\n"),
	       out);
	char *utf8[] = { "pstree", "-U", me, NULL };
	st = run(utf8, out, sizeof out);
	expect("pstree_utf8", st == 0 && !strcmp(out, "pstree_test─┬─pstree\n"
						       "            ├─2*[sleep]\n"
						       "            └─{pstree_test}\n"),
	       out);
	char *nothreads[] = { "pstree", "-A", "-T", me, NULL };
	st = run(nothreads, out, sizeof out);
	expect("pstree_without_threads", st == 0 && !strcmp(out, "pstree_test-+-pstree\n"
								  "            `-2*[sleep]\n"),
	       out);
	/* -p: pids, no merging; the sleeps in pid order (same name) */
	char *pids[] = { "pstree", "-A", "-p", me, NULL };
	st = run(pids, out, sizeof out);
	pid_t a = kids[0] < kids[1] ? kids[0] : kids[1], b = kids[0] ^ kids[1] ^ a;
	char *nl = strchr(out, '\n');
	int first = nl ? (int)(nl - out) : 0;
	snprintf(want, sizeof want, "%*s|-sleep(%d)\n%*s|-sleep(%d)\n%*s`-{pstree_test}(%d)\n",
		 (int)strlen(me) + 14, "", a, (int)strlen(me) + 14, "", b, (int)strlen(me) + 14, "",
		 thread_tid);
	char head[64];
	snprintf(head, sizeof head, "pstree_test(%s)-+-pstree(", me);
	expect("pstree_pids", st == 0 && !strncmp(out, head, strlen(head)) && nl &&
			!strcmp(nl + 1, want) && out[first - 1] == ')',
	       out);

	/* ps -e: every process; our children as "PID TTY TIME sleep" */
	char *ps_e[] = { "ps", "-e", NULL };
	st = run(ps_e, out, sizeof out);
	int found = 0;
	for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
		int pid;
		char tty[32], tm[32], cmd[64];
		if (sscanf(line, "%d %31s %31s %63s", &pid, tty, tm, cmd) == 4 &&
		    (pid == kids[0] || pid == kids[1]) && !strcmp(tm, "00:00:00") && !strcmp(cmd, "sleep"))
			found++;
	}
	expect("ps_e_lists_children", st == 0 && found == 2, "ps -e does not show both sleeps");
	char *ps_f[] = { "ps", "-ef", NULL };
	st = run(ps_f, out, sizeof out);
	found = 0;
	int header = !strncmp(out, "UID ", 4) && strstr(out, " PID  PPID  C STIME TTY ");
	for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
		int pid, ppid;
		char uid[32];
		if (sscanf(line, "%31s %d %d", uid, &pid, &ppid) == 3 && (pid == kids[0] || pid == kids[1]) &&
		    ppid == getpid() && strlen(line) > 8 && !strcmp(line + strlen(line) - 8, "sleep 30"))
			found++;
	}
	expect("ps_ef_full_format", st == 0 && header && found == 2, "ps -ef header or children wrong");

	for (int i = 0; i < 2; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
	close(hold[1]);
	pthread_join(th, NULL);
	return check_summary();
}
