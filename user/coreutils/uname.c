/*
 * uname [-a] [-s] [-n] [-r] [-v] [-m]: print what the kernel says about
 * itself (the uname system call fills a struct utsname). Without options
 * just the kernel name (-s); -a prints all fields in this order:
 *   sysname nodename release version machine
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

enum { SYSNAME = 1, NODENAME = 2, RELEASE = 4, VERSION = 8, MACHINE = 16,
       ALL = 31 };

static int parse_options(int argc, char **argv)
{
	int i, which = 0;
	const char *p;

	for (i = 1; i < argc; i++) {
		if (argv[i][0] != '-') {
			fprintf(stderr, "uname: extra operand '%s'\n", argv[i]);
			return -1;
		}
		for (p = argv[i] + 1; *p; p++) {
			switch (*p) {
			case 'a': which |= ALL; break;
			case 's': which |= SYSNAME; break;
			case 'n': which |= NODENAME; break;
			case 'r': which |= RELEASE; break;
			case 'v': which |= VERSION; break;
			case 'm': which |= MACHINE; break;
			default:
				fprintf(stderr,
					"uname: invalid option -- '%c'\n", *p);
				return -1;
			}
		}
	}
	return which ? which : SYSNAME;
}

/* Print FIELD if BIT is wanted, with a space between fields. */
static void field(int which, int bit, const char *value, int *first)
{
	if (!(which & bit))
		return;
	printf("%s%s", *first ? "" : " ", value);
	*first = 0;
}

int main(int argc, char **argv)
{
	struct utsname u;
	int which = parse_options(argc, argv), first = 1;

	if (which < 0)
		return 1;
	if (uname(&u) != 0) {
		fprintf(stderr, "uname: %s\n", strerror(errno));
		return 1;
	}
	field(which, SYSNAME, u.sysname, &first);
	field(which, NODENAME, u.nodename, &first);
	field(which, RELEASE, u.release, &first);
	field(which, VERSION, u.version, &first);
	field(which, MACHINE, u.machine, &first);
	printf("\n");
	return 0;
}
