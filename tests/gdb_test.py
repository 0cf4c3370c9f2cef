#!/usr/bin/env python3
"""gdb_test.py: check that GDB can debug the kernel the way `make debug` does.

Run by `make test`; by hand:
    python3 tests/gdb_test.py --kernel build/kernel.elf --iso build/os.iso --accel tcg

Boots the ISO in QEMU stopped at the first instruction (-S) with a GDB
server on a free local port, runs GDB in batch mode with
tools/gdb/kernel.gdb (kernel-connect runs the machine to kernel_main),
sets a breakpoint in page_alloc_init, continues, and then checks what GDB
printed. Prints one line per check, `PASS gdb NAME` or
`FAIL gdb NAME: WHY`; on any failure also GDB's output and the kernel's
serial log. Exit status 0 only if every check passed.
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

GDB_SECONDS = 120
SMP = 2
MEM = "256M"
MARK = "@@gdb_test:"

# GDB commands, in order; each one's output is checked on its own below.
STEPS = [
    ("connect", "kernel-connect {port}"),
    ("break", "break page_alloc_init"),
    ("continue", "continue"),
    ("bt", "bt"),
    ("rip", "info registers rip"),
    ("os-cpus", "os-cpus"),
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
            ("no-errors", check_errors(text)),
        ]
        for name, why in results:
            print("PASS gdb %s" % name if why is None else "FAIL gdb %s: %s" % (name, why))
        failed = any(why is not None for _, why in results)
        if failed:
            print("--- gdb output ---")
            sys.stdout.write(text)
            show_file("serial log", os.path.join(workdir, "serial.log"))
            show_file("qemu stderr", os.path.join(workdir, "qemu.err"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
