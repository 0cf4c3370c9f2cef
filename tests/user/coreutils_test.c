/*
 * coreutils_test.c: the small Unix tools, run through the shell as a
 * user would run them, checking their output, error messages and exit
 * statuses. The expected text is what GNU coreutils print, so the test
 * passes with either GNU's tools or ours (user/coreutils) first in PATH.
 * Only ls -l is checked by a fragment: GNU prints a date that ours omits.
 */
#define TEST_NAME "coreutils"
#include "check.h"
#include "run_shell.h"

static const struct shell_case cases[] = {
	{ "echo", "echo a  b 'c  d'", "a b c  d\n", 0 },
	{ "echo_n", "echo -n ab | wc -c", "2\n", 0 },
	{ "true_false", "true; echo $?; false; echo $?", "0\n1\n", 0 },
	{ "mkdir_p", "mkdir -p d/e/f && ls d/e", "f\n", 0 },
	{ "mkdir_exists", "mkdir d 2>&1; echo $?",
	  "mkdir: cannot create directory 'd': File exists\n1\n", 0 },
	{ "touch_ls_sorted", "touch d/b d/a d/c && ls d", "a\nb\nc\ne\n", 0 },
	{ "ls_a", "ls -a d/e", ".\n..\nf\n", 0 },
	{ "ls_missing", "ls nothere 2>&1; echo $?",
	  "ls: cannot access 'nothere': No such file or directory\n2\n", 0 },
	{ "ls_several", "ls d/e d/a",
	  "d/a\n\nd/e:\nf\n", 0 },
	{ "ls_l_fragment", "echo 12345 > lf; chmod 644 lf 2>/dev/null; "
			   "ls -l lf | grep -c -- '-rw-r--r-- 1 root root 6 '",
	  "1\n", 0 },
	{ "ls_l_dir_type", "ls -l -a d | grep -c drwxr-xr-x", "3\n", 0 },
	{ "rmdir_nonempty", "rmdir d 2>&1; echo $?",
	  "rmdir: failed to remove 'd': Directory not empty\n1\n", 0 },
	{ "rmdir", "rmdir d/e/f && ls d/e | wc -l", "0\n", 0 },
	{ "rm_dir_without_r", "rm d 2>&1; echo $?",
	  "rm: cannot remove 'd': Is a directory\n1\n", 0 },
	{ "rm_missing", "rm nothere 2>&1; echo $?",
	  "rm: cannot remove 'nothere': No such file or directory\n1\n", 0 },
	{ "rm_f_missing", "rm -f nothere; echo $?", "0\n", 0 },
	{ "rm_r", "rm -r d && ls d 2>/dev/null || echo gone", "gone\n", 0 },
	{ "cp", "echo hi > a; cp a b; cat b", "hi\n", 0 },
	{ "cp_into_dir", "mkdir cd1; cp a b cd1; ls cd1", "a\nb\n", 0 },
	{ "cp_r", "cp -r cd1 cd2; cat cd2/b", "hi\n", 0 },
	{ "cp_dir_without_r", "cp cd1 cd3 2>&1; echo $?",
	  "cp: -r not specified; omitting directory 'cd1'\n1\n", 0 },
	{ "mv", "mv b c; cat c; ls b 2>/dev/null || echo moved",
	  "hi\nmoved\n", 0 },
	{ "mv_into_dir", "mv c cd2; ls cd2", "a\nb\nc\n", 0 },
	{ "mv_missing", "mv nothere x 2>&1; echo $?",
	  "mv: cannot stat 'nothere': No such file or directory\n1\n", 0 },
	{ "cat_several", "echo 1 > n1; echo 2 > n2; cat n1 - n2 < a",
	  "1\nhi\n2\n", 0 },
	{ "cat_missing", "cat nothere 2>&1; echo $?",
	  "cat: nothere: No such file or directory\n1\n", 0 },
	{ "head_n", "cat n1 n2 n1 n2 > lines; head -n 2 lines", "1\n2\n", 0 },
	{ "head_dash_n", "head -3 lines", "1\n2\n1\n", 0 },
	{ "wc_file", "wc lines", "4 4 8 lines\n", 0 },
	{ "wc_l_stdin", "wc -l < lines", "4\n", 0 },
	{ "wc_pipe", "cat lines | wc", "      4       4       8\n", 0 },
	{ "wc_two_files", "wc -c n1 lines",
	  " 2 n1\n 8 lines\n10 total\n", 0 },
	{ "grep", "grep 2 lines", "2\n2\n", 0 },
	{ "grep_v_c", "grep -v -c 2 lines", "2\n", 0 },
	{ "grep_n_i", "echo Hello > g; echo x >> g; grep -n -i HELLO g",
	  "1:Hello\n", 0 },
	{ "grep_no_match", "grep zzz lines; echo $?", "1\n", 0 },
	{ "grep_missing_file", "grep x nothere 2>/dev/null; echo $?", "2\n",
	  0 },
	{ "grep_several_files", "grep 1 n1 n2 lines",
	  "n1:1\nlines:1\nlines:1\n", 0 },
	{ "uname_m", "uname -m", "x86_64\n", 0 },
	{ "uname_a_has_machine", "uname -a | grep -c x86_64", "1\n", 0 },
	{ "env_i", "env -i A=1 B=2", "A=1\nB=2\n", 0 },
	{ "env_runs_command", "env -i X=7 sh -c 'echo $X'", "7\n", 0 },
	{ "env_lists_exported", "export EVAR=ok; env | grep EVAR=",
	  "EVAR=ok\n", 0 },
	{ "sleep_fraction", "sleep 0.05 && echo slept", "slept\n", 0 },
	{ "sleep_bad", "sleep xyz 2>/dev/null; echo $?", "1\n", 0 },
	{ "kill_0_self", "kill -0 $$; echo $?", "0\n", 0 },
	{ "kill_missing", "kill -9 99999999 2>/dev/null; echo $?", "1\n", 0 },
	{ "kill_by_name", "sleep 5 & kill -KILL $!; wait $!; echo $?",
	  "137\n", 0 },
	{ "pwd", "cd /; pwd; /bin/pwd", "/\n/\n", 0 },
};

int main(void)
{
	umask(022);
	setenv("LC_ALL", "C", 1); /* GNU tools: plain quotes in messages */
	enter_test_dir();
	run_cases(cases, sizeof(cases) / sizeof(cases[0]));
	leave_test_dir();
	return check_summary();
}
