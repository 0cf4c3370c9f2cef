/*
 * sysproto.h: every system call's kernel function, for syscall.c's
 * table. Each lives in the file of its subsystem (named beside it).
 */
#ifndef KERNEL_SYSPROTO_H
#define KERNEL_SYSPROTO_H

#include <stddef.h>
#include <stdint.h>

/* sys_file.c */
long sys_read(int fd, char *buf, size_t n);
long sys_write(int fd, const char *buf, size_t n);
long sys_open(const char *path, int flags, uint32_t mode);
long sys_openat(int dirfd, const char *path, int flags, uint32_t mode);
long sys_creat(const char *path, uint32_t mode);
long sys_close(int fd);
long sys_stat(const char *path, void *buf);
long sys_fstat(int fd, void *buf);
long sys_lstat(const char *path, void *buf);
long sys_newfstatat(int dirfd, const char *path, void *buf, int flags);
long sys_lseek(int fd, long off, int whence);
long sys_ioctl(int fd, unsigned long cmd, unsigned long arg);
long sys_pread64(int fd, char *buf, size_t n, long off);
long sys_pwrite64(int fd, const char *buf, size_t n, long off);
long sys_readv(int fd, const void *iov, int cnt);
long sys_writev(int fd, const void *iov, int cnt);
long sys_access(const char *path, int mode);
long sys_faccessat(int dirfd, const char *path, int mode);
long sys_dup(int fd);
long sys_dup2(int fd, int newfd);
long sys_dup3(int fd, int newfd, int flags);
long sys_fcntl(int fd, int cmd, long arg);
long sys_ftruncate(int fd, long length);
long sys_getdents64(int fd, void *buf, size_t size);
long sys_getcwd(char *buf, size_t size);
long sys_chdir(const char *path);
long sys_fchdir(int fd);
long sys_rename(const char *from, const char *to);
long sys_renameat(int olddirfd, const char *from, int newdirfd, const char *to);
long sys_mkdir(const char *path, uint32_t mode);
long sys_mkdirat(int dirfd, const char *path, uint32_t mode);
long sys_rmdir(const char *path);
long sys_unlink(const char *path);
long sys_unlinkat(int dirfd, const char *path, int flags);
long sys_symlink(const char *target, const char *path);
long sys_symlinkat(const char *target, int dirfd, const char *path);
long sys_readlink(const char *path, char *buf, int size);
long sys_readlinkat(int dirfd, const char *path, char *buf, int size);
long sys_chmod(const char *path, uint32_t mode);
long sys_fchmodat(int dirfd, const char *path, uint32_t mode);
long sys_umask(uint32_t mask);
long sys_sync(void);
long sys_utimensat(int dirfd, const char *path, const void *times, int flags);
/* pipe.c */
long sys_pipe(int *fds);
long sys_pipe2(int *fds, int flags);
/* sys_mm.c */
long sys_brk(uint64_t addr);
long sys_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, long off);
long sys_munmap(uint64_t addr, uint64_t len);
long sys_mprotect(uint64_t addr, uint64_t len, int prot);
long sys_link(const char *from, const char *to);
long sys_linkat(int olddirfd, const char *uold, int newdirfd, const char *unew, int flags);
long sys_madvise(uint64_t addr, uint64_t len, int advice);
long sys_msync(uint64_t addr, uint64_t len, int flags);
/* fork.c, exec.c, exit.c */
long sys_clone(unsigned long flags, uint64_t stack, int *ptid, int *ctid, uint64_t tls);
long sys_fork(void);
long sys_vfork(void);
long sys_execve(const char *path, char *const argv[], char *const envp[]);
long sys_exit(int code);
long sys_exit_group(int code);
long sys_wait4(int pid, int *status, int options, void *rusage);
long sys_kill(int pid, int sig);
long sys_tkill(int tid, int sig);
long sys_tgkill(int tgid, int tid, int sig);
/* signal.c */
struct k_sigaction;
struct linux_itimerval;
struct linux_stack;
long sys_rt_sigaction(int sig, const struct k_sigaction *act, struct k_sigaction *old, size_t size);
long sys_rt_sigprocmask(int how, const uint64_t *set, uint64_t *old, size_t size);
long sys_rt_sigreturn(void);
long sys_rt_sigpending(uint64_t *set, size_t size);
long sys_rt_sigsuspend(const uint64_t *mask, size_t size);
long sys_rt_sigtimedwait(const uint64_t *set, void *info, const void *timeout, size_t size);
long sys_sigaltstack(const struct linux_stack *ss, struct linux_stack *old);
long sys_pause(void);
long sys_ptrace(long request, int pid, unsigned long addr, unsigned long data);
struct pollfd_user;
struct linux_timeval;
struct linux_timespec;
long sys_poll(struct pollfd_user *ufds, unsigned long n, int timeout_ms);
long sys_ppoll(struct pollfd_user *ufds, unsigned long n, const struct linux_timespec *uts,
	       const uint64_t *umask, size_t masksize);
long sys_select(int nfds, uint64_t *rd, uint64_t *wr, uint64_t *ex, struct linux_timeval *utv);
long sys_pselect6(int nfds, uint64_t *rd, uint64_t *wr, uint64_t *ex, const struct linux_timespec *uts,
		  const uint64_t *umask_pair);
long sys_alarm(unsigned seconds);
long sys_setitimer(int which, const struct linux_itimerval *nv, struct linux_itimerval *ov);
long sys_getitimer(int which, struct linux_itimerval *v);
/* futex.c */
long sys_futex(uint32_t *uaddr, int op, uint32_t val, const void *timeout, uint32_t *uaddr2, uint32_t val3);
/* sys_misc.c */
long sys_getpid(void);
long sys_getppid(void);
long sys_gettid(void);
long sys_setpgid(int pid, int pgid);
long sys_getpgid(int pid);
long sys_getpgrp(void);
long sys_setsid(void);
long sys_getsid(int pid);
long sys_uname(void *buf);
long sys_sched_yield(void);
long sys_sched_getaffinity(int pid, size_t size, void *mask);
long sys_sched_setaffinity(int pid, size_t size, const void *mask);
long sys_getcpu(unsigned *cpu, unsigned *node, void *cache);
long sys_nanosleep(const void *req, void *rem);
long sys_clock_nanosleep(int clock, int flags, const void *req, void *rem);
long sys_clock_gettime(int clock, void *tp);
long sys_clock_getres(int clock, void *tp);
long sys_gettimeofday(void *tv, void *tz);
long sys_time(long *t);
long sys_arch_prctl(int code, uint64_t addr);
long sys_set_tid_address(int *tidptr);
long sys_reboot(int magic1, int magic2, unsigned cmd, void *arg);
long sys_getrandom(void *buf, size_t len, unsigned flags);
/* cred.c */
long sys_getuid(void);
long sys_geteuid(void);
long sys_getgid(void);
long sys_getegid(void);
long sys_setuid(uint32_t uid);
long sys_setgid(uint32_t gid);
long sys_setreuid(uint32_t r, uint32_t e);
long sys_setregid(uint32_t r, uint32_t e);
long sys_setresuid(uint32_t r, uint32_t e, uint32_t s);
long sys_setresgid(uint32_t r, uint32_t e, uint32_t s);
long sys_getresuid(uint32_t *r, uint32_t *e, uint32_t *s);
long sys_getresgid(uint32_t *r, uint32_t *e, uint32_t *s);
/* resource.c */
struct rlimit;
long sys_getrlimit(unsigned resource, struct rlimit *rl);
long sys_setrlimit(unsigned resource, const struct rlimit *rl);
long sys_prlimit64(int pid, unsigned resource, const struct rlimit *new_rlim, struct rlimit *old_rlim);
long sys_seccomp(unsigned op, unsigned flags, void *args);
long sys_syslog(int type, char *buf, int len);

#endif
