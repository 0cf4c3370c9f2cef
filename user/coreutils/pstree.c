/*
 * pstree: the processes as a tree, drawn as Linux's pstree (psmisc)
 * draws it:
 *
 *     init─┬─sh───pstree
 *          └─2*[sleep]
 *
 * Each process is followed by its children, sorted by name; a process
 * with one child continues on the same line ("───"), one with several
 * branches out ("─┬─", "├─", "└─"). The threads of a multi-threaded
 * process are its children too, shown as {name}. Identical subtrees of
 * one parent are drawn once, prefixed by their count: 2*[sleep].
 *
 *     pstree [-p] [-c] [-n] [-t] [-T] [-A] [PID]
 *
 *   -p  show PIDs, as sh(12) and {worker}(14); implies -c
 *   -c  do not merge identical subtrees
 *   -n  sort children by PID instead of by name
 *   -t  name threads by their own names (default: their process's)
 *   -T  leave threads out
 *   -A  draw with ASCII characters instead of UTF-8 line drawing
 *   PID the tree from this process (default: init, pid 1)
 *
 * Everything comes from /proc: /proc/PID/stat for the name and parent,
 * /proc/PID/task/ for the threads. Lines longer than the terminal (or
 * 132 columns, or $COLUMNS) end in "+", as with psmisc.
 */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

struct node {
	int pid, ppid;
	int thread;            /* a thread: shown as {name} */
	char name[80];         /* "sh", or "{worker}" for a thread */
	struct node *parent;
	struct node *children; /* sorted */
	struct node *next;     /* sibling */
};

static struct node **all;
static int nall, capall;
static int show_pids, compact = 1, by_pid, show_threads = 1, thread_names;

/* The line-drawing pieces: psmisc's UTF-8 and ASCII sets. */
struct symbols {
	const char *empty_2, *branch_2, *vert_2, *last_2, *single_3, *first_3;
};
static const struct symbols utf8 = { "  ", "├─", "│ ", "└─", "───", "─┬─" };
static const struct symbols ascii = { "  ", "|-", "| ", "`-", "---", "-+-" };
static const struct symbols *sym = &utf8;

/* ---- reading /proc ---- */

static int read_small_file(const char *path, char *buf, int size)
{
	int fd = open(path, O_RDONLY), n, total = 0;

	if (fd < 0)
		return -1;
	while (total < size - 1 &&
	       (n = read(fd, buf + total, size - 1 - total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return total;
}

/* NAME and PPID from a /proc/.../stat file. */
static int parse_stat(const char *path, char *name, size_t size, int *ppid)
{
	char buf[1024];
	const char *open, *close;
	size_t len;

	if (read_small_file(path, buf, sizeof(buf)) <= 0)
		return -1;
	open = strchr(buf, '(');
	close = strrchr(buf, ')');
	if (!open || !close || close < open || !close[1] || !close[2])
		return -1;
	len = close - open - 1;
	if (len >= size)
		len = size - 1;
	memcpy(name, open + 1, len);
	name[len] = '\0';
	*ppid = atoi(close + 4); /* after ") S " */
	return 0;
}

static struct node *add_node(int pid, int ppid, const char *name, int thread)
{
	struct node *n = calloc(1, sizeof(*n));

	if (!n) {
		perror("pstree");
		exit(1);
	}
	n->pid = pid;
	n->ppid = ppid;
	n->thread = thread;
	if (thread)
		snprintf(n->name, sizeof(n->name), "{%s}", name);
	else
		snprintf(n->name, sizeof(n->name), "%s", name);
	if (nall == capall) {
		capall = capall ? capall * 2 : 128;
		all = realloc(all, capall * sizeof(*all));
		if (!all) {
			perror("pstree");
			exit(1);
		}
	}
	all[nall++] = n;
	return n;
}

/* The threads of PID other than the first: children named {NAME} (the
 * process's name; with -t each thread's own). */
static void read_threads(int pid, const char *pname)
{
	char path[64], name[64];
	struct dirent *e;
	DIR *d;
	int ppid;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	d = opendir(path);
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		int tid = atoi(e->d_name);

		if (tid <= 0 || tid == pid)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, tid);
		if (parse_stat(path, name, sizeof(name), &ppid) == 0)
			add_node(tid, pid, thread_names ? name : pname, 1);
	}
	closedir(d);
}

static void read_processes(void)
{
	char path[64], name[64];
	struct dirent *e;
	DIR *d = opendir("/proc");
	int ppid;

	if (!d) {
		perror("pstree: /proc");
		exit(1);
	}
	while ((e = readdir(d)) != NULL) {
		int pid;

		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		pid = atoi(e->d_name);
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		if (parse_stat(path, name, sizeof(name), &ppid) < 0)
			continue; /* gone meanwhile */
		add_node(pid, ppid, name, 0);
		if (show_threads)
			read_threads(pid, name);
	}
	closedir(d);
}

static struct node *find(int pid)
{
	for (int i = 0; i < nall; i++)
		if (all[i]->pid == pid && !all[i]->thread)
			return all[i];
	return NULL;
}

/* Should A come after B among siblings? By name (or pid), as psmisc. */
static int after(const struct node *a, const struct node *b)
{
	if (by_pid)
		return a->pid > b->pid;
	return strcmp(a->name, b->name) > 0;
}

static void add_child(struct node *parent, struct node *child)
{
	struct node **walk = &parent->children;

	while (*walk && !after(*walk, child))
		walk = &(*walk)->next;
	child->next = *walk;
	*walk = child;
	child->parent = parent;
}

static void build_tree(void)
{
	for (int i = 0; i < nall; i++) {
		struct node *n = all[i];
		/* a thread's "ppid" is its process */
		struct node *p = n->ppid != n->pid ? find(n->ppid) : NULL;

		if (p)
			add_child(p, n);
	}
}

/* ---- drawing ---- */

static int width_limit = 132;
static int cur_x;          /* column of the next character */
static int more[256];      /* more[l]: level l has siblings still to come */
static int width[256];     /* width[l]: columns of level l's name */

static char line[65536];   /* the line being drawn */
static size_t line_len;
static size_t cut;         /* bytes of LINE in its first width_limit-1 columns */

/* Add S to the line. */
static void out(const char *s)
{
	for (; *s; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80) { /* a character starts */
			if (cur_x == width_limit - 1)
				cut = line_len;
			cur_x++;
		}
		if (line_len < sizeof(line))
			line[line_len++] = *s;
	}
}

/* Print the line; one too wide for the limit ends in "+" in its last column. */
static void newline(void)
{
	if (cur_x > width_limit) {
		fwrite(line, 1, cut, stdout);
		putchar('+');
	} else {
		fwrite(line, 1, line_len, stdout);
	}
	putchar('\n');
	cur_x = 0;
	line_len = 0;
}

static int tree_equal(const struct node *a, const struct node *b)
{
	const struct node *x, *y;

	if (strcmp(a->name, b->name))
		return 0;
	for (x = a->children, y = b->children; x && y; x = x->next, y = y->next)
		if (!tree_equal(x, y))
			return 0;
	return !x && !y;
}

/*
 * Draw N at depth LEVEL, standing for REP identical subtrees. LEAF: it
 * continues the line of its parent (its first child); LAST: no sibling
 * follows; CLOSING: how many "]" the line's end owes to merged groups.
 */
static void dump(struct node *n, int level, int rep, int leaf, int last, int closing)
{
	char text[128];
	int start, add = 0;
	struct node *walk, *next;
	int first = 1;

	if (!leaf)
		for (int l = 0; l < level; l++) {
			for (int i = width[l] + 1; i; i--)
				out(" ");
			if (l == level - 1)
				out(last ? sym->last_2 : sym->branch_2);
			else
				out(more[l + 1] ? sym->vert_2 : sym->empty_2);
		}
	if (rep > 1) {
		snprintf(text, sizeof(text), "%d*[", rep);
		out(text);
		add = (int)strlen(text);
	}
	start = cur_x;
	out(n->name);
	if (show_pids) {
		snprintf(text, sizeof(text), "(%d)", n->pid);
		out(text);
	}
	if (!n->children) {
		while (closing-- > 0)
			out("]");
		newline();
		return;
	}
	more[level] = !last;
	width[level] = cur_x - start + add;
	if (cur_x >= width_limit) { /* no room left: its children are cut off too */
		out(sym->first_3);
		out("+");
		newline();
		return;
	}
	for (walk = n->children; walk; walk = next) {
		int count = 0;

		next = walk->next;
		if (compact) { /* take the later siblings equal to WALK out */
			struct node **scan = &walk->next;

			while (*scan) {
				if (!tree_equal(walk, *scan)) {
					scan = &(*scan)->next;
					continue;
				}
				if (next == *scan)
					next = (*scan)->next;
				count++;
				*scan = (*scan)->next;
			}
		}
		if (first) {
			out(next ? sym->first_3 : sym->single_3);
			first = 0;
		}
		dump(walk, level + 1, count + 1, walk == n->children, !next,
		     closing + (count ? 1 : 0));
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: pstree [-p] [-c] [-n] [-t] [-T] [-A] [PID]\n");
	exit(1);
}

int main(int argc, char **argv)
{
	int root_pid = 1, opt;
	struct winsize ws;
	const char *cols = getenv("COLUMNS");
	struct node *root;

	while ((opt = getopt(argc, argv, "pcntTAU")) != -1) {
		switch (opt) {
		case 'p': show_pids = 1; compact = 0; break;
		case 'c': compact = 0; break;
		case 'n': by_pid = 1; break;
		case 't': thread_names = 1; break;
		case 'T': show_threads = 0; break;
		case 'A': sym = &ascii; break;
		case 'U': sym = &utf8; break;
		default: usage();
		}
	}
	if (optind < argc) {
		char *end;

		root_pid = (int)strtol(argv[optind], &end, 10);
		if (*end || root_pid <= 0 || optind + 1 < argc)
			usage();
	}
	if (cols && atoi(cols) > 0)
		width_limit = atoi(cols);
	else if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		width_limit = ws.ws_col;

	read_processes();
	build_tree();
	root = find(root_pid);
	if (!root)
		return 1; /* psmisc prints nothing for a pid that is not there */
	root->next = NULL;
	dump(root, 0, 1, 1, 1, 0);
	return 0;
}
