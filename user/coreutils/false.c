/*
 * false: do nothing, unsuccessfully: exit status 1. Try "false; echo $?"
 * or "false || echo it failed" in the shell.
 */
int main(void)
{
	return 1;
}
