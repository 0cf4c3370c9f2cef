/*
 * cpu_bench.c: does the scheduler give each of N busy processes a whole
 * CPU when there are N CPUs? One process counts for a fixed time alone;
 * then N count at once. Each one's share is its count over the count
 * alone: close to 1.00 when every process had a CPU to itself. Printed:
 * the smallest share (the unluckiest process) with N = the number of
 * online CPUs. Also the cost of touching a fresh page (a page fault and
 * a zeroed frame).
 */
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

#define SPIN_NS 500000000.0 /* each count runs for 0.5 s */

static unsigned long count_for(double ns)
{
	volatile unsigned long n = 0;
	double end = now_ns() + ns;

	while (now_ns() < end)
		for (int i = 0; i < 1000; i++)
			n++;
	return n;
}

static double min_share(void)
{
	int ncpu = (int)sysconf(_SC_NPROCESSORS_ONLN);
	unsigned long alone = count_for(SPIN_NS);
	unsigned long *counts = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	for (int i = 0; i < ncpu; i++) {
		if (fork() == 0) {
			counts[i] = count_for(SPIN_NS);
			_exit(0);
		}
	}
	for (int i = 0; i < ncpu; i++)
		wait(NULL);
	double worst = 1e9;
	for (int i = 0; i < ncpu; i++) {
		double share = (double)counts[i] / alone;
		if (share < worst)
			worst = share;
	}
	munmap(counts, 4096);
	return worst;
}

#define PAGES 2048

static double page_fault(void)
{
	char *p = mmap(NULL, PAGES * 4096L, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	double t0 = now_ns();

	for (long i = 0; i < PAGES; i++)
		p[i * 4096] = 1;
	double ns = (now_ns() - t0) / PAGES;
	munmap(p, PAGES * 4096L);
	return ns;
}

int main(void)
{
	bench("busy_processes_min_cpu_share", "ratio", min_share);
	bench("page_fault_fresh_page", "ns", page_fault);
	return 0;
}
