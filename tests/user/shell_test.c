/*
 * shell_test.c: the shell, driven the way a user drives it. Each case
 * runs a command line with "sh -c", or a script file, or a script fed on
 * standard input, and compares what it printed on standard output and
 * its exit status with what any POSIX shell gives.
 * The shell is $SH, else /bin/sh (see run_shell.h). Any POSIX shell
 * must pass: on a Linux host try SH=/bin/dash or SH=/bin/bash.
 */
#define TEST_NAME "shell"
#include "check.h"

#include "run_shell.h"

static const struct shell_case cases[] = {
	{ "pipeline_3", "echo hello | cat | wc -c", "6\n", 0 },
	{ "pipeline_11", "echo x | cat | cat | cat | cat | cat | cat | cat | "
			 "cat | cat | wc -l", "1\n", 0 },
	{ "status_false", "false; echo $?", "1\n", 0 },
	{ "status_true", "true; echo $?", "0\n", 0 },
	{ "status_of_last_in_pipeline", "true | false; echo $?", "1\n", 0 },
	{ "status_last_true", "false | true; echo $?", "0\n", 0 },
	{ "and_or_true", "true && echo yes || echo no", "yes\n", 0 },
	{ "and_or_false", "false && echo yes || echo no", "no\n", 0 },
	{ "and_chain_stops", "true && false && echo never; echo $?", "1\n", 0 },
	{ "semicolons", "echo one; echo two;echo three", "one\ntwo\nthree\n",
	  0 },
	{ "exit_status", "exit 3", "", 3 },
	{ "exit_status_of_last", "echo a; false", "a\n", 1 },
	{ "not_found_127", "nonexistent_command_xyz 2>/dev/null; echo $?",
	  "127\n", 0 },
	{ "redirect_out_append_in",
	  "echo a > f1; echo b >> f1; cat < f1", "a\nb\n", 0 },
	{ "redirect_truncates", "echo long > f2; echo s > f2; cat f2", "s\n",
	  0 },
	{ "redirect_stderr", "cat /nonexistent 2> f3; echo $?; wc -l < f3",
	  "1\n1\n", 0 },
	{ "stderr_to_stdout", "cat /nonexistent 2>&1 | wc -l", "1\n", 0 },
	{ "redirect_order", "echo err 2>/dev/null 1>&2; echo ok", "ok\n", 0 },
	{ "redirect_missing_input",
	  "cat < /nonexistent 2>/dev/null || echo failed", "failed\n", 0 },
	{ "single_quotes", "X=hi; echo '$X' \"$X\"", "$X hi\n", 0 },
	{ "double_quotes_keep_spaces", "echo \"a   b\"  c", "a   b c\n", 0 },
	{ "backslash", "echo \\$X a\\ b \"q\\\"q\"", "$X a b q\"q\n", 0 },
	{ "empty_argument", "echo \"\" | wc -c", "1\n", 0 },
	{ "variable_splitting", "V='1 2  3'; echo $V", "1 2 3\n", 0 },
	{ "braces", "N=ab; echo ${N}cd", "abcd\n", 0 },
	{ "unset_variable_empty", "echo \"[$UNSET_XYZ]\"", "[]\n", 0 },
	{ "export_to_child", "export V=exported; sh -c 'echo $V'",
	  "exported\n", 0 },
	{ "assignment_not_exported", "W=local; sh -c 'echo [$W]'", "[]\n",
	  0 },
	{ "prefix_assignment", "Z=inline sh -c 'echo $Z'; echo [$Z]",
	  "inline\n[]\n", 0 },
	{ "unset", "export U=1; unset U; sh -c 'echo [$U]'", "[]\n", 0 },
	{ "cd_and_pwd", "cd /; pwd", "/\n", 0 },
	{ "cd_missing_fails", "cd /nonexistent 2>/dev/null || echo failed",
	  "failed\n", 0 },
	{ "comment", "echo a # b c", "a\n", 0 },
	{ "background_and_wait", "echo bg > f4 & wait; cat f4", "bg\n", 0 },
	{ "wait_pid_status", "sh -c 'exit 6' & wait $!; echo $?", "6\n", 0 },
	{ "ulimit_sets_both", "ulimit -n 64; ulimit -n; ulimit -Hn", "64\n64\n", 0 },
	{ "ulimit_soft_only", "ulimit -n 64; ulimit -Sn 32; ulimit -n; ulimit -Hn", "32\n64\n",
	  0 },
	{ "ulimit_inherited", "ulimit -n 50; sh -c 'ulimit -n'", "50\n", 0 },
	{ "ulimit_stack_kbytes", "ulimit -s 1024; ulimit -s", "1024\n", 0 },
	{ "ulimit_unlimited", "ulimit -t unlimited; ulimit -t", "unlimited\n", 0 },
	{ "ulimit_bad_number", "ulimit -n abc 2>/dev/null || echo refused", "refused\n", 0 },
	{ "dollar_dollar_is_pid", "kill -0 $$ && echo alive", "alive\n", 0 },
	/* kill is a builtin, so that it knows the jobs (%N) */
	{ "kill_job_term", "sleep 100 & kill %1; wait %1; echo $?",
	  "143\n", 0 },
	{ "kill_job_by_name", "sleep 100 & kill -KILL %1; wait $!; echo $?",
	  "137\n", 0 },
	{ "kill_dash_s", "sleep 100 & kill -s SIGUSR1 $!; wait $!; echo $?",
	  "138\n", 0 },
	{ "kill_number", "sleep 100 & kill -2 $!; wait $!; echo $?",
	  "130\n", 0 },
	{ "kill_bad_signal", "kill -NOSUCH $$; echo $?", "1\n", 0 },
	{ "kill_no_such_job", "kill %7; echo $?", "1\n", 0 },
	{ "kill_no_such_pid", "kill 999999; echo $?", "1\n", 0 },
	{ "fg_without_job_control", "fg; echo $?", "1\n", 0 },
};

static void test_script_file(void)
{
	static const char script[] = "# a script\necho \"$0 got $1 $2\"\n"
				     "echo $#\nexit 4\n";
	char *argv[] = { "sh", "script.sh", "a", "b c", NULL };
	char out[256];
	int status, fd = open("script.sh", O_WRONLY | O_CREAT | O_TRUNC, 0644);

	write(fd, script, sizeof(script) - 1);
	close(fd);
	if (run_shell(argv, NULL, out, sizeof(out), &status) < 0)
		fail("script_file_args", "could not run %s", shell_path());
	else
		judge("script_file_args", out, status,
		      "script.sh got a b c\n2\n", 4);
}

static void test_stdin_script(void)
{
	char *argv[] = { "sh", NULL };
	char out[256];
	int status;

	if (run_shell(argv, "echo a\nfalse\necho $?\necho 'multi\nline'\n",
		      out, sizeof(out), &status) < 0)
		fail("stdin_script", "could not run %s", shell_path());
	else
		judge("stdin_script", out, status, "a\n1\nmulti\nline\n", 0);
}

int main(void)
{
	enter_test_dir();
	run_cases(cases, sizeof(cases) / sizeof(cases[0]));
	test_script_file();
	test_stdin_script();
	leave_test_dir();
	return check_summary();
}
