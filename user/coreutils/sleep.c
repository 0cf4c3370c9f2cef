/*
 * sleep NUMBER[smhd]...: pause for the total of the given times; the
 * number may have a fraction ("sleep 0.5"). The process does not spin:
 * nanosleep puts it to sleep in the kernel, which wakes it from the timer
 * interrupt, so "sleep 10 &" then "ps" shows it in state S.
 */
#include <errno.h>
#include <stdio.h>
#include <time.h>

#define NS_PER_SEC 1000000000LL

/*
 * Parse "12", "0.25", "1.5m" and add it to *TOTAL. We parse the fraction
 * by hand: no floating point needed.
 */
static int add_time(const char *s, struct timespec *total)
{
	long long whole = 0, frac = 0, scale = NS_PER_SEC, unit = 1, ns;
	const char *p = s;
	int digits = 0;

	for (; *p >= '0' && *p <= '9'; p++, digits++)
		if (whole < NS_PER_SEC)  /* 31 years is long enough */
			whole = whole * 10 + (*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++, digits++)
			if (scale > 1) {
				scale /= 10;
				frac += (*p - '0') * scale;
			}
	if (*p == 's' || *p == 'm' || *p == 'h' || *p == 'd') {
		unit = *p == 's' ? 1 : *p == 'm' ? 60 :
		       *p == 'h' ? 3600 : 86400;
		p++;
	}
	if (digits == 0 || *p != '\0')
		return -1;
	ns = frac * unit; /* < 86400e9: fits */
	total->tv_sec += whole * unit + ns / NS_PER_SEC;
	total->tv_nsec += ns % NS_PER_SEC;
	if (total->tv_nsec >= NS_PER_SEC) {
		total->tv_sec++;
		total->tv_nsec -= NS_PER_SEC;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct timespec total = { 0, 0 }, left;
	int i;

	if (argc < 2) {
		fprintf(stderr, "sleep: missing operand\n");
		return 1;
	}
	for (i = 1; i < argc; i++) {
		if (add_time(argv[i], &total) != 0) {
			fprintf(stderr, "sleep: invalid time interval '%s'\n",
				argv[i]);
			return 1;
		}
	}
	/* A signal may wake us early: sleep on for what is left. */
	while (nanosleep(&total, &left) != 0 && errno == EINTR)
		total = left;
	return 0;
}
