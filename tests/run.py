#!/usr/bin/env python3
"""run.py: the test harness behind `make test`.

1. Host unit tests: tests/host/*.c compiled with the host compiler against
   the kernel's freestanding code (printf formatting against libc's).
2. Boot tests: the real GRUB ISO with `test` on the kernel command line,
   once per CPU count in SMP_LIST. The kernel runs its self-tests
   (tests/kernel/*.c, one "TEST name PASS|FAIL" line each) and leaves
   QEMU through isa-debug-exit: status 33 = all passed, 35 = failure/panic.
3. The serial console: the kernel monitor (init=none) answers a command
   typed on the serial line (interrupt-driven input).
4. Bad firmware input: a CPU listed in the MADT that never answers is
   reported and skipped.
5. Crash tests: boots with crash=KIND must panic with the right message,
   a symbolized backtrace and the failure exit status (not hang, not
   triple-fault).
6. The GDB test (tests/gdb_test.py).

Prints one line per test, PASS or FAIL, then "N passed, N failed".
A failing boot shows its serial log.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import qemu  # noqa: E402  (tools/qemu.py)

EXIT_SUCCESS, EXIT_FAILURE = 33, 35
BOOT_TIMEOUT = 180  # seconds; TCG on a busy 2-core machine is slow
USER_TIMEOUT = 600  # the boot that runs every user test program

# crash=KIND -> what the panic report must contain
CRASHES = {
    "pagefault": ["PANIC: page fault at 0xdead000: page not present, write, kernel mode",
                  "CR2: 000000000dead000", "crash_pagefault+0x", "kernel_main+0x"],
    "stack-overflow": ["PANIC: double fault: kernel stack overflow", "crash_stack_overflow",
                       "the line above repeats"],
    "panic": ["PANIC: crash=panic requested", "crash_panic+0x", "kernel_main+0x",
              "cmdline: unknown option 'no_such_option' ignored"],
    "invalid-opcode": ["PANIC: invalid opcode", "crash_invalid_opcode+0x"],
    "divide": ["PANIC: divide error", "crash_divide+0x"],
    "gpf": ["PANIC: general protection fault", "crash_gpf+0x"],
    "spinlock-recursion": ["PANIC: spinlock 'crash_lock': recursive acquire on CPU 0",
                           "crash_spinlock_recursion+0x"],
    "spinlock-unowned": ["PANIC: spinlock 'crash_lock': released by CPU 0", "but held by CPU -1"],
    "sleep-in-spinlock": ["PANIC: schedule() with a spinlock held", "crash_sleep_in_spinlock+0x"],
    "spinlock-watchdog": ["PANIC: spinlock 'crash_lock': CPU 0 spun too long",
                          "held by CPU 1, taken at hold_crash_lock+0x"],
}
EXTRA_CMDLINE = {"panic": " no_such_option=1"}


class Results:
    def __init__(self):
        self.passed = self.failed = 0

    def ok(self, name, detail=""):
        self.passed += 1
        print("PASS %s%s" % (name, " (%s)" % detail if detail else ""), flush=True)

    def fail(self, name, why, log=None):
        self.failed += 1
        print("FAIL %s: %s" % (name, why), flush=True)
        if log is not None:
            show_log(log)

    def check(self, cond, name, why, log=None, detail=""):
        if cond:
            self.ok(name, detail)
        else:
            self.fail(name, why, log)
        return cond


def show_log(log, lines=80):
    text = log.splitlines()
    print("    ---- serial log%s ----" % (" (last %d lines)" % lines if len(text) > lines else ""))
    for line in text[-lines:]:
        print("    | " + line)
    print("    ---- end of serial log ----", flush=True)


def boot(iso, smp, accel, build, tag, timeout=None):
    """Boot ISO; return (exit status or None on timeout, serial text)."""
    timeout = timeout or BOOT_TIMEOUT
    log = os.path.join(build, "test-%s.log" % tag)
    if os.path.exists(log):
        os.remove(log)
    args = qemu.base_args(iso, smp, "256M", accel) + [
        "-display", "none", "-serial", "file:" + log, "-monitor", "none"]
    start = time.time()
    try:
        proc = subprocess.run(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=timeout)
        status = proc.returncode
        qemu_out = proc.stdout.decode(errors="replace")
    except subprocess.TimeoutExpired:
        status, qemu_out = None, ""
    text = ""
    if os.path.exists(log):
        with open(log, "rb") as f:
            text = f.read().decode(errors="replace").replace("\r", "")
    if qemu_out.strip():
        text += "\n[qemu] " + qemu_out.strip()
    return status, text, time.time() - start


def make_iso(build, kernel, cmdline, name, initrd=""):
    iso = os.path.join(build, name)
    subprocess.run([os.path.join(ROOT, "tools", "mkiso.sh"), iso, kernel, cmdline, initrd],
                   check=True)
    return iso


def describe_exit(status):
    if status is None:
        return "timed out after %d s (hang?)" % BOOT_TIMEOUT
    if status == EXIT_FAILURE:
        return "kernel reported failure (exit status 35)"
    if status == 0:
        return "QEMU exited with 0: reset or triple fault (-no-reboot)"
    return "QEMU exit status %d" % status


def selftest_boot(res, iso, smp, accel, build):
    tag = "smp%d" % smp
    status, log, secs = boot(iso, smp, accel, build, tag)
    prefix = "smp=%d " % smp
    if "PANIC" in log:
        res.fail(prefix + "boot", "kernel panic", log)
        return
    online = set(int(m) for m in re.findall(r"^cpu (\d+): online", log, re.M))
    res.check(online == set(range(smp)), prefix + "boot/cpus-online",
              "online CPUs %s, expected 0..%d" % (sorted(online), smp - 1), log,
              "%d of %d" % (len(online), smp))
    planned = re.search(r"^selftest: running (\d+) tests", log, re.M)
    results = re.findall(r"^TEST (\S+) (PASS|FAIL)(?:: (.*))?$", log, re.M)
    for name, verdict, why in results:
        if verdict == "PASS":
            res.ok(prefix + "kernel/" + name)
        else:
            res.fail(prefix + "kernel/" + name, why)
    if not planned:
        res.fail(prefix + "selftest/started", "self-tests never started; " + describe_exit(status), log)
        return
    want = int(planned.group(1))
    res.check(len(results) == want, prefix + "selftest/complete",
              "%d of %d test results printed; %s" % (len(results), want, describe_exit(status)), log)
    res.check(status == EXIT_SUCCESS, prefix + "selftest/exit-status",
              describe_exit(status), log if status != EXIT_FAILURE else None,
              "%.1f s" % secs)


def crash_boot(res, kind, build, kernel, accel):
    iso = make_iso(build, kernel, "test crash=%s%s" % (kind, EXTRA_CMDLINE.get(kind, "")),
                   "crash-%s.iso" % kind)
    status, log, secs = boot(iso, 2, accel, build, "crash-" + kind)
    missing = [s for s in CRASHES[kind] if s not in log]
    name = "crash/" + kind
    if status != EXIT_FAILURE:
        res.fail(name, describe_exit(status) + "; expected a panic report and status 35", log)
    elif missing:
        res.fail(name, "panic report lacks %r" % missing[0], log)
    else:
        res.ok(name, "%.1f s" % secs)


def user_tests_boot(res, iso, smp, accel, build, expected):
    """init=/sbin/testrunner runs every /test program; collect their lines."""
    status, log, secs = boot(iso, smp, accel, build, "user-smp%d" % smp, USER_TIMEOUT)
    prefix = "smp=%d " % smp
    if "PANIC" in log:
        res.fail(prefix + "user/boot", "kernel panic", log)
        return
    for verdict, name, why in re.findall(r"^(PASS|FAIL) (\S+?)(?:: (.*))?$", log, re.M):
        if verdict == "PASS":
            res.ok(prefix + "user/" + name)
        else:
            res.fail(prefix + "user/" + name, why)
    ran = re.findall(r"^TESTPROG (\S+) status=(\S+)", log, re.M)
    for name, st in ran:
        if st != "0":
            res.fail(prefix + "user/" + name, "exited with status=" + st)
    missing = sorted(set(expected) - set(n for n, _ in ran))
    done = re.search(r"^TESTRUN done (\d+) (\d+)", log, re.M)
    if missing or not done:
        res.fail(prefix + "user/complete", "programs without a result: %s; %s" %
                 (", ".join(missing) or "none", "no TESTRUN line" if not done else "ok"), log)
    else:
        res.ok(prefix + "user/complete", "%d programs, %.1f s" % (len(ran), secs))
    # (faults the kernel logs are not failures by themselves: several tests
    # fault on purpose in a child; a test program that dies shows above)


# The keys "#!key NAME" sends in a shell test, besides ^X.
SHELL_KEYS = {"up": b"\x1b[A", "down": b"\x1b[B", "right": b"\x1b[C",
              "left": b"\x1b[D", "backspace": b"\x7f", "enter": b"\r",
              "home": b"\x1b[1~", "end": b"\x1b[4~", "delete": b"\x1b[3~"}


def screen_line(raw):
    """What a terminal shows for one line of output: '\\r' goes back to
    column 0, '\\b' one column left, and later characters overwrite
    earlier ones (the shell's line editor redraws that way). Blanks left
    at the end by erasing are dropped."""
    cells, col = [], 0
    for ch in raw:
        if ch == "\r":
            col = 0
        elif ch == "\b":
            col = max(col - 1, 0)
        else:
            if col < len(cells):
                cells[col] = ch
            else:
                cells.append(ch)
            col += 1
    line = "".join(cells)
    return line.rstrip(" ") if "\b" in raw else line


def output_matches(got, expected):
    """GOT equals EXPECTED, where {PID} in an expected line stands for any
    number (a background job's "[1] 42"), {N} for one right-aligned with
    blanks before it ("history" numbers its lines "%5d"), {*} for any
    text (addresses in a kernel log line)."""
    got_lines, want_lines = got.split("\n"), expected.split("\n")
    if len(got_lines) != len(want_lines):
        return False
    for g, w in zip(got_lines, want_lines):
        pattern = re.escape(w).replace(re.escape("{PID}"), "[0-9]+")
        pattern = pattern.replace(re.escape("{N}"), " *[0-9]+")
        pattern = pattern.replace(re.escape("{*}"), ".*")
        if not re.fullmatch(pattern, g):
            return False
    return True


def shell_boot(res, iso, accel, build):
    """Drive the shell on the serial console with the scripts in tests/shell/."""
    import threading
    args = qemu.base_args(iso, 2, "256M", accel) + ["-display", "none", "-serial", "stdio",
                                                   "-monitor", "none"]
    proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    out = bytearray()

    def reader():
        while True:
            chunk = proc.stdout.read1(4096)
            if not chunk:
                return
            out.extend(chunk)
    threading.Thread(target=reader, daemon=True).start()

    def wait_for(text, start, timeout=BOOT_TIMEOUT):
        deadline = time.time() + timeout
        while time.time() < deadline and proc.poll() is None:
            pos = out.find(text, start)
            if pos >= 0:
                return pos + len(text)
            time.sleep(0.05)
        return -1

    def type_text(data):
        for ch in data:  # typed slowly: the UART FIFO is small
            proc.stdin.write(bytes([ch]))
            proc.stdin.flush()
            time.sleep(0.005)

    def type_line(line):
        type_text(line.encode() + b"\r")

    # the prompt at the start of a line (a command like "echo $$ >" has "$ " too)
    pos = wait_for(b"\n$ ", 0)
    scripts = sorted(glob.glob(os.path.join(ROOT, "tests", "shell", "*.sh")))
    for script in scripts:
        name = "shell/" + os.path.basename(script)[:-3]
        if pos < 0:
            res.fail(name, "no shell prompt on the console", out.decode(errors="replace"))
            break
        # "#!nowait CMD" types CMD without waiting for the prompt (it keeps
        # running); "#!type TEXT" types TEXT without Enter; "#!key K" sends
        # a key: ^C, ^Z, ^U... or up, down, left, right, home, end,
        # delete, backspace (an arrow is ESC [ A..D, as a terminal sends
        # it), enter. After ^C,
        # ^Z, ^\, ^D and enter it waits for the next prompt; "#!send K"
        # sends K and waits half a second instead (the program goes on).
        with open(script) as f:
            lines = [l.rstrip("\n") for l in f
                     if l.strip() and (not l.startswith("#") or l.startswith("#!"))]
        with open(script[:-3] + ".expected") as f:
            expected = f.read()
        start = pos
        for line in lines:
            if line.startswith("#!nowait "):
                type_line(line[len("#!nowait "):])
                time.sleep(1)  # let it start before the next key
                continue
            if line.startswith("#!type "):
                type_text(line[len("#!type "):].encode())
                continue
            if line.startswith("#!key ") or line.startswith("#!send "):
                key = line.split(" ", 1)[1]
                type_text(SHELL_KEYS[key] if key in SHELL_KEYS else
                          bytes([ord(key[1].upper()) - 64]))
                if line.startswith("#!send ") or \
                   key not in ("^C", "^Z", "^\\", "^D", "enter"):
                    time.sleep(0.5)
                    continue
            else:
                type_line(line)
            pos = wait_for(b"\n$ ", pos, 60)
            if pos < 0:
                break
        text = out[start:].decode(errors="replace")
        # drop the echoed commands and the prompts: what remains is output
        got = []
        for l in text.split("\n"):
            l = screen_line(l)
            while l.startswith("$ "):
                l = l[2:]
            if l in lines or l == "" or "#!nowait " + l in lines:
                continue
            got.append(l)
        got = "\n".join(got) + "\n"
        if pos < 0:
            res.fail(name, "the shell stopped answering", text)
        elif not output_matches(got, expected):
            res.fail(name, "output differs:\n--- expected\n%s--- got\n%s" % (expected, got))
        else:
            res.ok(name)
    type_line("poweroff")
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        res.fail("shell/poweroff", "poweroff did not end QEMU")


def initrd_with_extra(build):
    """The root file system plus /extra/hello built with oscc, as
    `make EXTRA=dir` would put a student's program there."""
    import shutil
    tree = os.path.join(build, "rootfs-extra")
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(os.path.join(build, "rootfs"), tree, symlinks=True)
    os.makedirs(os.path.join(tree, "extra"), exist_ok=True)
    subprocess.run([os.path.join(build, "bin", "oscc"), "-O2", "-Wall", "-o",
                    os.path.join(tree, "extra", "hello"),
                    os.path.join(ROOT, "tests", "oscc", "hello.c")], check=True)
    out = os.path.join(build, "initrd-extra.cpio")
    subprocess.run([sys.executable, os.path.join(ROOT, "tools", "mkinitrd.py"), tree, out], check=True)
    return out


def phantom_cpu_boot(res, build, kernel, accel):
    """A CPU listed but never answering the SIPI is skipped, not waited for."""
    iso = make_iso(build, kernel, "test=smp_all_online,spinlock_counter smp_phantom_apic_id=9",
                   "phantom.iso")
    status, log, secs = boot(iso, 2, accel, build, "phantom")
    name = "boot/cpu-not-answering"
    if "smp: CPU 2 (APIC id 9) did not answer the startup IPI; skipped" not in log:
        res.fail(name, "no report of the silent CPU", log)
    elif "smp: 2 of 3 CPUs online" not in log or status != EXIT_SUCCESS:
        res.fail(name, "boot did not go on with the CPUs that answered; " + describe_exit(status), log)
    else:
        res.ok(name, "%.1f s" % secs)


def console_boot(res, iso, accel, build):
    """The console takes input by interrupt from the serial line and from the
    PS/2 keyboard: drive the kernel monitor through both (keys go in with
    QEMU's own monitor command `sendkey`, on a socket)."""
    import socket
    import threading
    sock_path = os.path.join(build, "qemu-monitor.sock")
    if os.path.exists(sock_path):
        os.unlink(sock_path)
    args = qemu.base_args(iso, 2, "256M", accel) + ["-display", "none", "-serial", "stdio",
                                                   "-monitor", "unix:%s,server=on,wait=off" % sock_path]
    proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    out = bytearray()

    def reader():
        while True:
            chunk = proc.stdout.read1(4096)
            if not chunk:
                return
            out.extend(chunk)
    threading.Thread(target=reader, daemon=True).start()

    def wait_for(text, start, timeout=BOOT_TIMEOUT):
        deadline = time.time() + timeout
        while time.time() < deadline and proc.poll() is None:
            pos = out.find(text, start)
            if pos >= 0:
                return pos + len(text)
            time.sleep(0.05)
        return -1

    name = "console/serial-input"
    pos = wait_for(b"kmon> ", 0)
    ok = pos >= 0
    if ok:
        # type slowly, like a person: the UART FIFO is small
        for ch in b"cpus\r":
            proc.stdin.write(bytes([ch]))
            proc.stdin.flush()
            time.sleep(0.02)
        ok = wait_for(b"cpu 1: APIC id 1, online", pos, 60) >= 0 and wait_for(b"kmon> ", pos, 60) >= 0
    if ok:
        res.ok(name)
        name = "console/keyboard"
        keyboard_checks = [
            # Shift, an arrow key's escape sequence (ESC [ A; the monitor drops the ESC)
            (["shift-h", "i", "up", "ret"], b"Hi[A: unknown command"),
            # Caps Lock affects letters
            (["caps_lock", "a", "caps_lock", "b", "ret"], b"Ab: unknown command"),
            # Ctrl-U erases the line typed so far (the line discipline)
            (["z", "ctrl-u", "c", "p", "u", "s", "ret"], b"cpu 1: APIC id 1, online"),
        ]
        try:
            mon = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            mon.connect(sock_path)
            for keys, want in keyboard_checks:
                start = len(out)
                for k in keys:
                    mon.sendall(b"sendkey %s\n" % k.encode())
                    time.sleep(0.05)
                if wait_for(want, start, 60) < 0:
                    ok = False
                    why = "keys %s did not give %r" % (" ".join(keys), want.decode())
                    break
            mon.close()
        except OSError as e:
            ok = False
            why = "QEMU monitor socket: %s" % e
    else:
        why = "the monitor did not answer 'cpus'"
    if ok:
        proc.stdin.write(b"halt\r")
        proc.stdin.flush()
    try:
        status = proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        status = None
    log = out.decode(errors="replace").replace("\r", "")
    if not ok:
        res.fail(name, why, log)
    elif status != 1:  # halt writes 0 to isa-debug-exit: status 1
        res.fail(name, "'halt' did not leave QEMU (%s)" % describe_exit(status), log)
    else:
        res.ok(name)


def host_tests(res, build, cc):
    hostcc = "cc" if "clang" not in cc else "clang"
    out_dir = os.path.join(build, "host")
    os.makedirs(out_dir, exist_ok=True)
    tests = sorted(f for f in os.listdir(os.path.join(ROOT, "tests", "host")) if f.endswith(".c"))
    for t in tests:
        exe = os.path.join(out_dir, t[:-2])
        src = os.path.join(ROOT, "tests", "host", t)
        # a test names the kernel sources it needs on a "// uses:" line,
        # and the flags to compile those with (renames) on "// flags:"
        with open(src) as f:
            text = f.read()
        uses = [u for line in re.findall(r"^// uses: (.+)$", text, re.M) for u in line.split()]
        flags = [x for line in re.findall(r"^// flags: (.+)$", text, re.M) for x in line.split()]
        common = [hostcc, "-std=gnu11", "-O1", "-g", "-Wall", "-Wextra", "-I", ROOT]
        objs, err = [], None
        for u in uses:
            obj = os.path.join(out_dir, os.path.basename(u) + ".o")
            comp = subprocess.run(common + ["-ffreestanding", "-fno-builtin"] + flags +
                                  ["-c", os.path.join(ROOT, u), "-o", obj],
                                  capture_output=True, text=True)
            err = err or (comp.stderr.strip() if comp.returncode else None)
            objs.append(obj)
        if not err:
            comp = subprocess.run(common + ["-o", exe, src] + objs, capture_output=True, text=True)
            err = comp.stderr.strip() if comp.returncode else None
        if err:
            res.fail("host/" + t[:-2] + "/compile", err)
            continue
        run = subprocess.run([exe], capture_output=True, text=True, timeout=60)
        for line in run.stdout.splitlines():
            m = re.match(r"^(PASS|FAIL) (\S+)(?:: (.*))?$", line)
            if m and m.group(1) == "PASS":
                res.ok("host/" + m.group(2))
            elif m:
                res.fail("host/" + m.group(2), m.group(3) or "")
        if run.returncode not in (0, 1):
            res.fail("host/" + t[:-2], "exited with status %d\n%s" % (run.returncode, run.stderr))


def gdb_test(res, kernel, iso, accel):
    script = os.path.join(ROOT, "tests", "gdb_test.py")
    if not os.path.exists(script):
        return
    proc = subprocess.run([sys.executable, script, "--kernel", kernel, "--iso", iso,
                           "--accel", accel], capture_output=True, text=True, timeout=300)
    seen = False
    for line in proc.stdout.splitlines():
        m = re.match(r"^(PASS|FAIL) (gdb \S+)(?:: (.*))?$", line)
        if m:
            seen = True
            if m.group(1) == "PASS":
                res.ok(m.group(2).replace(" ", "/"))
            else:
                res.fail(m.group(2).replace(" ", "/"), m.group(3) or "")
    if proc.returncode != 0 or not seen:
        res.fail("gdb/run", "gdb_test.py exited with %d" % proc.returncode)
        print(proc.stdout[-4000:] + proc.stderr[-4000:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", default="build/kernel.elf")
    ap.add_argument("--build", default="build")
    ap.add_argument("--smp-list", default="1 2 4")
    ap.add_argument("--accel", default="auto")
    ap.add_argument("--cc", default="gcc")
    ap.add_argument("--host-only", action="store_true")
    ap.add_argument("--skip-crash", action="store_true")
    ap.add_argument("--initrd", default="", help="the root file system (user programs, /test)")
    ap.add_argument("--shell-only", action="store_true",
                    help="only the shell tests (tests/shell/*.sh), one boot")
    opts = ap.parse_args()
    res = Results()
    start = time.time()

    if opts.shell_only:
        iso = make_iso(opts.build, opts.kernel, "", "shell.iso", initrd_with_extra(opts.build))
        shell_boot(res, iso, qemu.choose_accel(opts.accel, iso, opts.build), opts.build)
        print("%d passed, %d failed" % (res.passed, res.failed))
        sys.exit(1 if res.failed else 0)

    host_tests(res, opts.build, opts.cc)
    if not opts.host_only:
        iso = make_iso(opts.build, opts.kernel, "test", "test.iso")
        accel = qemu.choose_accel(opts.accel, iso, opts.build)
        print("boot tests under %s, SMP_LIST=%s" % (accel.upper(), opts.smp_list), flush=True)
        for smp in opts.smp_list.split():
            selftest_boot(res, iso, int(smp), accel, opts.build)
        console_boot(res, make_iso(opts.build, opts.kernel, "init=none", "monitor.iso"), accel,
                     opts.build)
        if opts.initrd:
            tests = sorted(os.listdir(os.path.join(opts.build, "rootfs", "test")))
            uiso = make_iso(opts.build, opts.kernel, "init=/sbin/testrunner", "user-tests.iso",
                            opts.initrd)
            for smp in opts.smp_list.split():
                user_tests_boot(res, uiso, int(smp), accel, opts.build, tests)
            shell_boot(res, make_iso(opts.build, opts.kernel, "", "shell.iso",
                                     initrd_with_extra(opts.build)), accel, opts.build)
        if not opts.skip_crash:
            phantom_cpu_boot(res, opts.build, opts.kernel, accel)
            for kind in CRASHES:
                crash_boot(res, kind, opts.build, opts.kernel, accel)
        # the GDB walkthrough follows init starting the shell: no command line
        gdb_iso = os.path.join(opts.build, "os.iso")
        if opts.initrd:
            gdb_iso = make_iso(opts.build, opts.kernel, "", "gdb.iso", opts.initrd)
        gdb_test(res, opts.kernel, gdb_iso, accel)

    print("(%.0f s)" % (time.time() - start))
    print("%d passed, %d failed" % (res.passed, res.failed))
    sys.exit(1 if res.failed else 0)


if __name__ == "__main__":
    main()
