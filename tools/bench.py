#!/usr/bin/env python3
"""bench.py: `make bench` -- the benchmarks of user/bench/ on this kernel
and on the Linux host, side by side.

Each benchmark program prints `BENCH <name> <value> <unit>` lines, each
already the median of several timed runs. This script boots the kernel
BOOTS times with init=/sbin/benchrunner (init running every program in
/bench), runs the same programs built for the host BOOTS times, and
prints, per result, the median over the boots for both and their ratio.

The numbers mean what they say only against the Linux column of the same
run: under TCG (no KVM) every instruction of the guest is emulated, so
the kernel's column is slower by the emulator's factor as well.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import qemu  # noqa: E402

LINE = re.compile(r"^BENCH (\S+) (\S+) (\S+)\s*$")
BOOT_TIMEOUT = 900


def parse(text, into):
    for line in text.replace("\r", "").splitlines():
        m = LINE.match(line.strip())
        if m:
            into.setdefault(m.group(1), ([], m.group(3)))[0].append(float(m.group(2)))


def run_kernel(build, kernel, initrd, smp, accel, boots, results):
    iso = os.path.join(build, "bench.iso")
    subprocess.run([os.path.join(ROOT, "tools", "mkiso.sh"), iso, kernel, "init=/sbin/benchrunner",
                    initrd], check=True, stdout=subprocess.DEVNULL)
    accel = qemu.choose_accel(accel, iso, build)
    for i in range(boots):
        args = qemu.base_args(iso, smp, "512M", accel) + ["-display", "none", "-serial", "stdio",
                                                          "-monitor", "none"]
        try:
            out = subprocess.run(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, timeout=BOOT_TIMEOUT).stdout
        except subprocess.TimeoutExpired as e:
            out = e.stdout or b""
            print("bench: boot %d timed out" % (i + 1), file=sys.stderr)
        text = out.decode(errors="replace")
        if "TESTRUN done" not in text:
            print("bench: boot %d did not finish; its log:\n%s" % (i + 1, text[-3000:]), file=sys.stderr)
        parse(text, results)
    return accel


def run_linux(cc, boots, results):
    srcs = sorted(f for f in os.listdir(os.path.join(ROOT, "user", "bench")) if f.endswith(".c"))
    with tempfile.TemporaryDirectory() as tmp:
        exes = []
        for src in srcs:
            exe = os.path.join(tmp, src[:-2])
            r = subprocess.run([cc, "-O2", "-pthread", "-o", exe, os.path.join(ROOT, "user", "bench", src)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            if r.returncode:
                print("bench: %s does not build on the host:\n%s" % (src, r.stdout.decode()), file=sys.stderr)
                continue
            exes.append(exe)
        for _ in range(boots):
            for exe in exes:
                parse(subprocess.run([exe], stdout=subprocess.PIPE).stdout.decode(), results)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--kernel", default="build/kernel.elf")
    ap.add_argument("--initrd", default="build/initrd.cpio")
    ap.add_argument("--smp", type=int, default=2)
    ap.add_argument("--accel", default="auto")
    ap.add_argument("--boots", type=int, default=3)
    ap.add_argument("--cc", default="gcc")
    opts = ap.parse_args()

    ours, linux = {}, {}
    accel = run_kernel(opts.build, opts.kernel, opts.initrd, opts.smp, opts.accel, opts.boots, ours)
    run_linux("clang" if "clang" in opts.cc else "cc", opts.boots, linux)
    print("make bench: medians of %d boots (kernel: -smp %d under %s) and %d host runs"
          % (opts.boots, opts.smp, accel.upper(), opts.boots))
    print("%-32s %14s %14s %8s  %s" % ("benchmark", "this kernel", "Linux host", "ratio", "unit"))
    for name in sorted(set(ours) | set(linux)):
        unit = (ours.get(name) or linux.get(name))[1]
        a = statistics.median(ours[name][0]) if name in ours else None
        b = statistics.median(linux[name][0]) if name in linux else None
        ratio = "%.2f" % (a / b) if a is not None and b else "-"
        print("%-32s %14s %14s %8s  %s" % (name, "%.3f" % a if a is not None else "-",
                                           "%.3f" % b if b is not None else "-", ratio, unit))
    if not ours:
        print("bench: no results from the kernel", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
