/*
 * cred_test.c: user and group ids as Linux has them. Real, effective
 * and saved ids; what root may set (anything) and what others may (only
 * ids they already hold); the saved-id rule of setreuid; fork copies
 * the ids, exec copies the effective ones to the saved ones; signals to another user's process are refused. Each
 * case runs in a child, which gives up root for good.
 *
 * Needs to run as root (the test runner does); on Linux as root too.
 */
#define _GNU_SOURCE
#define TEST_NAME "cred"
#include "check.h"

#include <signal.h>
#include <sys/types.h>

#define A 1001
#define B 1002
#define C 1003

static const char *self;

/* Does the real/effective/saved uid triple equal (R, E, S)? */
static int uids_are(uid_t r, uid_t e, uid_t s)
{
	uid_t gr, ge, gs;
	return getresuid(&gr, &ge, &gs) == 0 && gr == r && ge == e && gs == s;
}

static int gids_are(gid_t r, gid_t e, gid_t s)
{
	gid_t gr, ge, gs;
	return getresgid(&gr, &ge, &gs) == 0 && gr == r && ge == e && gs == s;
}

/* Run FN in a child and pass CHECK if it exits 0 (else: the failing step). */
static void in_child(const char *check, int (*fn)(void))
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		_exit(fn());
	int status = -1;
	waitpid(pid, &status, 0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		pass(check);
	else if (WIFEXITED(status))
		fail(check, "step %d failed", WEXITSTATUS(status));
	else
		fail(check, "killed by signal %d", WTERMSIG(status));
}

static int root_setuid_sets_all(void)
{
	if (!uids_are(0, 0, 0))
		return 1;
	if (setuid(A) || !uids_are(A, A, A))
		return 2;
	if (setuid(0) != -1 || errno != EPERM)
		return 3; /* gone for good */
	if (setuid((uid_t)-1) != -1 || errno != EINVAL)
		return 4;
	return 0;
}

/* An unprivileged process may move among its real, effective and saved ids. */
static int unprivileged_moves(void)
{
	if (setresuid(A, B, C) || !uids_are(A, B, C))
		return 1; /* root may set any */
	if (setuid(C) || !uids_are(A, C, C))
		return 2; /* to the saved id: only the effective one changes */
	if (setuid(A) || !uids_are(A, A, C))
		return 3;
	if (setuid(B) != -1 || errno != EPERM)
		return 4; /* B is none of them now */
	if (setresuid(-1, C, -1) || !uids_are(A, C, C))
		return 5;
	if (setresuid(B, -1, -1) != -1 || errno != EPERM)
		return 6;
	if (seteuid(A) || !uids_are(A, A, C))
		return 7;
	return 0;
}

/* setreuid: setting the real id, or an effective id other than the old
 * real one, makes the saved id the new effective one. */
static int setreuid_saved_rule(void)
{
	if (setresuid(A, B, C))
		return 1;
	if (setreuid(-1, A) || !uids_are(A, A, C))
		return 2; /* effective = old real: saved unchanged */
	if (setreuid(-1, C) || !uids_are(A, C, C))
		return 3; /* effective != old real: saved = new effective */
	if (setreuid(C, A) || !uids_are(C, A, A))
		return 4; /* real set: saved follows */
	if (setreuid(B, -1) != -1 || errno != EPERM)
		return 5; /* real may only become the real or effective id */
	return 0;
}

static int group_ids(void)
{
	if (setresgid(A, B, C) || !gids_are(A, B, C))
		return 1;
	if (setgid(7) || !gids_are(7, 7, 7))
		return 2; /* still root: all three */
	if (setuid(A))
		return 3;
	if (setgid(8) != -1 || errno != EPERM)
		return 4; /* no longer root */
	if (setregid(-1, 7) || !gids_are(7, 7, 7))
		return 5;
	return 0;
}

/* fork copies the ids; exec keeps the real and effective ones and makes
 * the saved ones equal to the effective (the program re-runs itself
 * with "--ids", which exits 0 if its uids are A, B, B and gids C, B, B). */
static int inherited(void)
{
	if (setresgid(C, B, A) || setresuid(A, B, C))
		return 1;
	pid_t pid = fork();
	if (pid == 0)
		_exit(uids_are(A, B, C) && gids_are(C, B, A) ? 0 : 1);
	int status;
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return 2;
	pid = fork();
	if (pid == 0) {
		execl(self, self, "--ids", (char *)NULL);
		_exit(9);
	}
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return 3;
	return 0;
}

/* kill: allowed to a process whose real or saved uid is our real or
 * effective uid; refused (EPERM) to root's, except SIGCONT in our
 * session. */
static int signals_by_uid(void)
{
	int go[2], ready[2];
	char c;
	if (pipe(go) || pipe(ready))
		return 1;
	pid_t peer = fork();
	if (peer == 0) { /* same user as us: becomes A too */
		if (setuid(A))
			_exit(1);
		close(go[1]);
		write(ready[1], "r", 1);
		read(go[0], &c, 1);
		_exit(0);
	}
	close(go[0]);
	if (setuid(A) || read(ready[0], &c, 1) != 1)
		return 2;
	int r = kill(peer, 0);
	if (r != 0) {
		kill(peer, SIGKILL);
		return 3;
	}
	if (kill(getppid(), 0) != -1 || errno != EPERM)
		return 4; /* the parent is root */
	if (kill(1, SIGTERM) != -1 || errno != EPERM)
		return 5;
	if (kill(getppid(), SIGCONT) != 0)
		return 6; /* SIGCONT within the session is allowed */
	close(go[1]);
	waitpid(peer, NULL, 0);
	return 0;
}

static const char *absolute_self(const char *argv0)
{
	static char path[4096];
	char cwd[2048];
	if (strchr(argv0, '/') == NULL)
		return "/test/cred_test";
	if (argv0[0] == '/' || getcwd(cwd, sizeof cwd) == NULL)
		return argv0;
	snprintf(path, sizeof path, "%s/%s", cwd, argv0);
	return path;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "--ids") == 0)
		return uids_are(A, B, B) && gids_are(C, B, B) ? 0 : 1;
	self = absolute_self(argv[0]);
	if (geteuid() != 0) {
		fail("run_as_root", "euid %d: these checks need root", (int)geteuid());
		return check_summary();
	}
	void *bad = (void *)16;
	uid_t u;
	expect_errno("getresuid_bad_pointer_EFAULT", getresuid(&u, bad, &u), EFAULT);
	expect("getuid_geteuid_root", getuid() == 0 && geteuid() == 0 && getgid() == 0,
	       "not all ids 0");
	in_child("root_setuid_sets_all", root_setuid_sets_all);
	in_child("unprivileged_moves_among_own_ids", unprivileged_moves);
	in_child("setreuid_saved_id_rule", setreuid_saved_rule);
	in_child("group_ids", group_ids);
	in_child("inherited_across_fork_and_exec", inherited);
	in_child("kill_needs_matching_uid", signals_by_uid);
	return check_summary();
}
