#!/usr/bin/env python3
"""gdb_test.py: check that GDB can debug the kernel the way `make debug` does.

Run by `make test`; by hand:
    python3 tests/gdb_test.py --kernel build/kernel.elf --iso build/os.iso --accel tcg

Boots the ISO (with an empty kernel command line, so init starts the
shell) in QEMU stopped at the first instruction (-S) with a GDB server on
a free local port and runs GDB in batch mode with tools/gdb/kernel.gdb
through STEPS below: kernel-connect runs the machine to kernel_main, a
breakpoint in page_alloc_init checks bt; then docs/debugging.md's
walkthrough: break in do_clone as init forks the shell, os-ps without
and (at ret_from_fork) with the child, os-locks and os-cpus while the
child is queued under its run queue's lock, os-user /bin/sh and a
breakpoint in the shell's main, next and bt in user code, os-ps, os-vm
(regions and a page-table walk), os-bt of sleeping init and the running
shell; last, a corrupted run queue that os-ps and os-cpus must report
without failing. Each step's output is checked on its own. Prints one
line per check, `PASS gdb NAME` or `FAIL gdb NAME: WHY`; on any failure
(or with --verbose) also GDB's output and the kernel's serial log. Exit
status 0 only if every check passed.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import qemu  # noqa: E402  (tools/qemu.py: the same machine as make run)

GDB_SECONDS = 240
SMP = 2
MEM = "256M"
MARK = "@@gdb_test:"

# GDB commands, in order; each one's output is checked on its own below.
STEPS = [
    ("connect", "kernel-connect {port}"),
    ("os-ps-early", "os-ps"),
    ("break", "break page_alloc_init"),
    ("continue", "continue"),
    ("bt", "bt"),
    ("rip", "info registers rip"),
    ("os-cpus", "os-cpus"),
    # docs/debugging.md's walkthrough: init forks the shell
    ("break-fork", "delete"),
    ("break-do_clone", "break do_clone"),
    ("continue-fork", "continue"),
    ("os-ps-fork", "os-ps"),
    # a spinlock held: the policy's enqueue runs under the run queue's
    # lock, and do_clone's sched_start_task enqueues the child
    ("break-enqueue", "delete"),
    ("break-rr_enqueue", "break rr_enqueue"),
    ("continue-enqueue", "continue"),
    ("os-locks", "os-locks"),
    ("os-cpus-locked", "os-cpus"),
    ("break-child", "delete"),
    ("break-ret_from_fork", "break ret_from_fork"),
    ("continue-child", "continue"),
    ("os-ps-child", "os-ps"),
    # into the shell's own code
    ("delete-user", "delete"),
    ("os-user", "os-user /bin/sh"),
    ("break-main", 'hbreak main if $_streq($os_comm(), "sh")'),
    ("continue-main", "continue"),
    ("next", "next"),
    ("bt-user", "bt"),
    ("os-ps-shell", "os-ps"),
    ("os-vm", "os-vm $os_pid()"),
    ("os-vm-walk", "os-vm $os_pid() $rsp"),
    ("os-bt-init", "os-bt 1"),
    ("os-bt-shell", "os-bt $os_pid()"),
    # a corrupted run queue: the commands report it and go on
    ("corrupt", "set var cpus[0].rq.queue.next = (struct list_head *)0x1000"),
    ("os-ps-corrupt", "os-ps"),
    ("os-cpus-corrupt", "os-cpus"),
    ("corrupt-unmapped", "set var cpus[0].rq.queue.next = (struct list_head *)0xffff8fff00000000"),
    ("os-cpus-unmapped", "os-cpus"),
    ("os-bt-missing", "os-bt 99999"),
]


def gdb_command(kernel, port):
    """The GDB command line; an `echo MARK step` before each step splits the output."""
    cmd = ["gdb", "-q", "-batch", "-nx", "-x", os.path.join(ROOT, "tools", "gdb", "kernel.gdb")]
    for name, step in STEPS:
        cmd += ["-ex", "echo %s %s\\n" % (MARK, name), "-ex", step.format(port=port)]
    return cmd + [kernel]


def split_output(text):
    """{step name: what GDB printed for it}"""
    out = {name: "" for name, _ in STEPS}
    name = None
    for line in text.splitlines(keepends=True):
        if line.startswith(MARK):
            name = line[len(MARK):].strip()
        elif name in out:
            out[name] += line
    return out


def check_kernel_main(out):
    """kernel-connect stopped at kernel_main and showed its line in kernel/main.c."""
    m = re.search(r"reakpoint \d+, kernel_main \(.*\) at (\S*kernel/main\.c):(\d+)\n(.*)",
                  out["connect"])
    if not m:
        return "no stop at kernel_main in kernel/main.c after kernel-connect"
    if not m.group(3).startswith(m.group(2) + "\t") or "No such file" in m.group(3):
        return "stopped in %s:%s but GDB showed no source line: %r" % (
            m.group(1), m.group(2), m.group(3))
    return None


def backtrace(out):
    """[(function, inlined into the next frame?)] for the lines of `bt`.

    GDB prints "0xADDRESS in" before a caller's frame, whose pc is a
    return address. A frame without it (other than #0) is a function
    whose callee the compiler inlined: both share one pc.
    """
    frames = re.findall(r"^#(\d+)\s+(0x[0-9a-f]+ in )?(\S+) \(", out["bt"], re.M)
    return [(name, int(num) > 0 and not addr) for num, addr, name in frames]


def check_breakpoint(out):
    """`break page_alloc_init` + continue stopped there.

    The breakpoint goes after the function's prologue, which may already
    be code the compiler inlined from a callee (clang inlines reserve()
    there): then GDB names that callee in the stop and as frame #0, and
    page_alloc_init is the frame it was inlined into.
    """
    if not re.search(r"Breakpoint \d+ at 0x[0-9a-f]+: file \S*kernel/page_alloc\.c", out["break"]):
        return "GDB did not set the breakpoint: %r" % out["break"].strip()
    if not re.search(r"Breakpoint \d+, \w+ \(.*\) at \S*kernel/page_alloc\.c:\d+",
                     out["continue"]):
        return "continue did not stop at the breakpoint: %r" % out["continue"].strip()[-300:]
    frames = backtrace(out)
    # the function the CPU is really in: the first frame not inlined into another
    inner = 0
    while inner + 1 < len(frames) and frames[inner + 1][1]:
        inner += 1
    if not frames or frames[inner][0] != "page_alloc_init":
        return "stopped in %s, not in page_alloc_init" % (frames[inner][0] if frames else "?")
    return None


def check_backtrace(out):
    """bt: page_alloc_init, then its caller kernel_main."""
    names = [name for name, _ in backtrace(out)]
    i = names.index("page_alloc_init") if "page_alloc_init" in names else -1
    if i < 0 or names[i + 1:i + 2] != ["kernel_main"]:
        return "expected page_alloc_init then kernel_main, got %s" % (names or "no frames")
    return None


def check_rip(out):
    """info registers rip: the CPU is inside page_alloc_init."""
    m = re.search(r"^rip\s+0x[0-9a-f]+\s+0x[0-9a-f]+ <([^>+]+)", out["rip"], re.M)
    if not m:
        return "no rip in %r" % out["rip"].strip()
    if m.group(1) != "page_alloc_init":
        return "rip is in %s" % m.group(1)
    return None


def check_os_cpus(out):
    """os-cpus printed a line for the boot CPU."""
    if not re.search(r"^\W*cpu 0: apic id \d+", out["os-cpus"], re.M):
        return "no line for cpu 0 in %r" % out["os-cpus"].strip()
    return None


def expect(out, step, pattern, what):
    """None if STEP's output matches the regular expression PATTERN (multi-line),
    else why not."""
    if re.search(pattern, out[step], re.M):
        return None
    return "%s: expected %s, got %r" % (step, what, out[step].strip()[-600:])


def first_failure(*whys):
    return next((w for w in whys if w), None)


def ps_rows(text):
    """[(pid, tid, ppid, state, name)] of os-ps's table."""
    rows = re.findall(r"^\s*(\d+)\s+(\d+)\s+(\d+) ([RSDTZX?])\s+\d+[* ] (\S+)$", text, re.M)
    return [(int(p), int(t), int(pp), s, n) for p, t, pp, s, n in rows]


def check_ps_early(out):
    """os-ps before the scheduler exists: the header and a note, no tasks."""
    return first_failure(expect(out, "os-ps-early", r"^\s*PID\s+TID\s+PPID S CPU\s+NAME", "the header"),
                         expect(out, "os-ps-early", r"no tasks yet", "'no tasks yet'"))


def check_fork_break(out):
    """break do_clone + continue stops in kernel/fork.c; os-ps there shows init
    (pid 1) running and no other process yet."""
    why = expect(out, "continue-fork", r"Breakpoint \d+, do_clone \(.*\) at \S*kernel/fork\.c:\d+",
                 "a stop in do_clone")
    if why:
        return why
    rows = ps_rows(out["os-ps-fork"])
    if not any(r[0] == 1 and r[1] == 1 and r[3] == "R" and r[4] == "init" for r in rows):
        return "os-ps-fork: no running pid 1 init in %r" % out["os-ps-fork"]
    if any(r[0] > 1 for r in rows):
        return "os-ps-fork: a process besides init already: %r" % out["os-ps-fork"]
    return None


def check_locks(out):
    """At rr_enqueue a run queue's lock is held: os-locks names it, its CPU
    and the call site, and os-cpus shows that CPU with interrupts off."""
    why = first_failure(
        expect(out, "continue-enqueue", r"Breakpoint \d+, rr_enqueue \(", "a stop in rr_enqueue"),
        expect(out, "os-locks", r"^held: 'runqueue' cpus\[\d\]\.rq\.lock at 0x[0-9a-f]+, by CPU \d"
               r" \(running \d+ \S+\), taken at \w+", "the held run-queue lock"),
        expect(out, "os-locks", r"^[1-9]\d* of \d+ spinlocks held", "a count of held locks"))
    if why:
        return why
    holder = int(re.search(r"by CPU (\d)", out["os-locks"]).group(1))
    if not re.search(r"^\*?\s*cpu %d: .*irqs off.*irq_off_depth [1-9]" % holder,
                     out["os-cpus-locked"], re.M):
        return "os-cpus-locked: cpu %d holds a lock but shows no irqs off / depth: %r" % (
            holder, out["os-cpus-locked"])
    return None


def check_cpus(out):
    """os-cpus lists every CPU with its current task, run queue and interrupts."""
    for i in range(SMP):
        why = expect(out, "os-cpus-locked", r"^\W*cpu %d: apic id \d+, online, \d+ ticks, current "
                     r"\d+ \S+, run queue \d+, irqs (on|off), (user|kernel) mode" % i,
                     "a full line for cpu %d" % i)
        if why:
            return why
    return None


def check_child(out):
    """After ret_from_fork os-ps shows the child: a new pid whose parent is 1."""
    why = expect(out, "continue-child", r"Breakpoint \d+, ret_from_fork \(", "a stop in ret_from_fork")
    if why:
        return why
    rows = ps_rows(out["os-ps-child"])
    if not any(r[0] > 1 and r[2] == 1 for r in rows):
        return "os-ps-child: no child of pid 1 in %r" % out["os-ps-child"]
    return None


def check_user_break(out):
    """os-user /bin/sh, a breakpoint in the shell's main is hit, next steps, bt shows main."""
    return first_failure(
        expect(out, "os-user", r"loaded symbols of /bin/sh from \S+/user/bin/sh", "symbols loaded"),
        expect(out, "break-main", r"[Bb]reakpoint \d+ at 0x[0-9a-f]+: file \S*user/sh\.c", "a breakpoint in sh.c"),
        expect(out, "continue-main", r"Breakpoint \d+, main \(argc=1, .*\) at \S*user/sh\.c:\d+",
               "a stop in the shell's main"),
        expect(out, "next", r"^\d+\t", "a new source line"),
        expect(out, "bt-user", r"^#0\s+main \(.*\) at \S*user/sh\.c:\d+", "main in frame #0"))


def check_ps_shell(out):
    """os-ps in the shell: pid 1 init asleep in wait4, the shell (its child) running."""
    rows = ps_rows(out["os-ps-shell"])
    if not any(r[0] == 1 and r[4] == "init" and r[3] == "S" for r in rows):
        return "os-ps-shell: no sleeping pid 1 init in %r" % out["os-ps-shell"]
    if not any(r[0] > 1 and r[2] == 1 and r[3] == "R" and r[4] == "sh" for r in rows):
        return "os-ps-shell: no running sh, child of 1, in %r" % out["os-ps-shell"]
    return None


def check_vm(out):
    """os-vm: the shell's text (r-x, [text] sh) and stack ([stack], rw-) regions."""
    return first_failure(
        expect(out, "os-vm", r"^process \d+ \(sh\): mm at 0x", "the header"),
        expect(out, "os-vm", r"^0*401000-0*4[0-9a-f]{5} r-xp\s+\d+ KiB \[text\] sh$", "the text region"),
        expect(out, "os-vm", r"^00007f[0-9a-f]{10}-00007ffffffff000 rw-p\s+\d+ KiB \[stack\]$",
               "the stack region"))


def check_vm_walk(out):
    """os-vm PID $rsp: four present levels down to a physical address."""
    for level in ("PML4", "PDPT", "PD", "PT"):
        why = expect(out, "os-vm-walk", r"^\s+%s\s*\[\s*\d+\] = 0x[0-9a-f]+\s+P W U" % level,
                     "a present, writable user %s entry" % level)
        if why:
            return why
    return expect(out, "os-vm-walk", r"-> physical 0x[0-9a-f]+ \(4 KiB page", "the physical address")


def check_bt_init(out):
    """os-bt 1: init sleeps in wait4: schedule, sys_wait4, the system-call entry, user mode."""
    text = out["os-bt-init"]
    names = re.findall(r"^#\d+\s+0x[0-9a-f]+ in (\w+)", text, re.M)
    if "schedule" not in names or "sys_wait4" not in names:
        return "os-bt-init: no schedule and sys_wait4 frames in %r" % text
    if names.index("schedule") > names.index("sys_wait4"):
        return "os-bt-init: frames out of order: %s" % names
    return expect(out, "os-bt-init", r"^-- entered from user mode at 0x", "the user-mode entry")


def check_bt_running(out):
    """os-bt on the running shell names its CPU and user-mode place in main."""
    return expect(out, "os-bt-shell", r"is running on CPU \d.*\n\s+in user mode at 0x[0-9a-f]+ <main\+\d+>",
                  "the running shell in main")


def check_corrupt(out):
    """A corrupted run queue: os-ps still lists init and sh and reports the bad
    pointer; os-cpus still shows every CPU; os-bt of a missing pid says so."""
    rows = ps_rows(out["os-ps-corrupt"])
    if not {"init", "sh"} <= {r[4] for r in rows}:
        return "os-ps-corrupt: init and sh missing: %r" % out["os-ps-corrupt"]
    return first_failure(
        expect(out, "os-ps-corrupt", r"^os-ps: list at 0x[0-9a-f]+: bad pointer 0x1000", "the bad pointer"),
        expect(out, "os-cpus-corrupt", r"cpu 0: .*queue unreadable", "cpu 0's queue unreadable"),
        expect(out, "os-cpus-corrupt", r"^\W*cpu 1: apic id", "cpu 1 still shown"),
        expect(out, "os-cpus-unmapped", r"cpu 0: .*queue unreadable: .*Cannot access memory",
               "cpu 0's queue unreadable"),
        expect(out, "os-bt-missing", r"^os-bt: no task with pid 99999", "no such task"))


ERRORS = ["Python Exception", "Traceback", "Error while executing", "Undefined command",
          "Remote 'g' packet reply is too long", "Cannot insert breakpoint"]


def check_errors(text):
    """GDB and kernel.py reported no errors anywhere."""
    found = [e for e in ERRORS if e in text]
    return "GDB printed %s" % ", ".join(repr(e) for e in found) if found else None


def run_gdb(opts, workdir):
    """Boot QEMU, run GDB against it; return (GDB output, why it failed or None)."""
    accel = qemu.choose_accel(opts.accel, opts.iso, os.path.dirname(os.path.abspath(opts.iso)),
                              quiet=True)
    port = qemu.free_port()
    serial = os.path.join(workdir, "serial.log")
    args = qemu.base_args(opts.iso, SMP, MEM, accel) + [
        "-display", "none", "-serial", "file:" + serial, "-monitor", "none",
        "-S", "-gdb", "tcp:127.0.0.1:%d" % port]
    with open(os.path.join(workdir, "qemu.err"), "w") as err:
        vm = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=err, stderr=err)
    try:
        gdb = subprocess.run(gdb_command(opts.kernel, port), stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             timeout=GDB_SECONDS, cwd=ROOT)
        return gdb.stdout.decode(errors="replace"), None
    except subprocess.TimeoutExpired as e:
        return (e.output or b"").decode(errors="replace"), \
            "GDB did not finish within %g s" % GDB_SECONDS
    finally:
        vm.kill()
        vm.wait()


def show_file(title, path):
    print("--- %s (%s) ---" % (title, path))
    try:
        with open(path, errors="replace") as f:
            sys.stdout.write(f.read())
    except OSError as e:
        print(e)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", required=True, help="kernel ELF with debug info")
    ap.add_argument("--iso", required=True, help="boot ISO of that kernel")
    ap.add_argument("--accel", default="tcg", help="tcg, kvm or auto")
    ap.add_argument("--verbose", action="store_true", help="show GDB's output even when all passed")
    opts = ap.parse_args()
    opts.kernel = os.path.abspath(opts.kernel)
    opts.iso = os.path.abspath(opts.iso)

    with tempfile.TemporaryDirectory(prefix="gdb_test.") as workdir:
        text, gdb_failed = run_gdb(opts, workdir)
        out = split_output(text)
        results = [
            ("gdb-finished", gdb_failed),
            ("stops-at-kernel_main", check_kernel_main(out)),
            ("break-page_alloc_init", check_breakpoint(out)),
            ("backtrace", check_backtrace(out)),
            ("rip-in-page_alloc_init", check_rip(out)),
            ("os-cpus", check_os_cpus(out)),
            ("os-ps-early", check_ps_early(out)),
            ("break-do_clone", check_fork_break(out)),
            ("os-locks", check_locks(out)),
            ("os-cpus-all", check_cpus(out)),
            ("os-ps-child", check_child(out)),
            ("os-user-break-main", check_user_break(out)),
            ("os-ps-shell", check_ps_shell(out)),
            ("os-vm", check_vm(out)),
            ("os-vm-walk", check_vm_walk(out)),
            ("os-bt-sleeping", check_bt_init(out)),
            ("os-bt-running", check_bt_running(out)),
            ("corrupt-run-queue", check_corrupt(out)),
            ("no-errors", check_errors(text)),
        ]
        for name, why in results:
            print("PASS gdb %s" % name if why is None else "FAIL gdb %s: %s" % (name, why))
        failed = any(why is not None for _, why in results)
        if failed or opts.verbose:
            print("--- gdb output ---")
            sys.stdout.write(text)
            show_file("serial log", os.path.join(workdir, "serial.log"))
            show_file("qemu stderr", os.path.join(workdir, "qemu.err"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
