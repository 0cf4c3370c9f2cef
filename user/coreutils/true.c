/*
 * true: do nothing, successfully. Its whole job is the exit status 0,
 * for "while true", "cmd || true" and the like. See also false.c.
 */
int main(void)
{
	return 0;
}
