#!/usr/bin/env python3
"""qemu.py: start the kernel's ISO in QEMU, for `make run` and `make debug`.

Also a module: tests/run.py and tests/gdb_test.py import choose_accel()
and base_args() so every boot uses the same machine.

Acceleration: ACCEL=kvm or tcg forces one. ACCEL=auto uses KVM only when
a quick probe boot under KVM reaches the kernel's first message: a
/dev/kvm can exist and still be unable to run an ordinary guest (nested,
paravirtual hosts), where QEMU aborts or the guest hangs. The probe has a
short time limit, and its answer is cached in the build directory.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

QEMU = "qemu-system-x86_64"
PROBE_SECONDS = 10
PROBE_MARK = b"kernel: booting"
# isa-debug-exit: the guest writes V to port 0xf4, QEMU exits with 2V+1
DEBUG_EXIT = ["-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]


def base_args(iso, smp, mem, accel):
    """QEMU arguments for the machine, without console or display options."""
    cpu = "host" if accel == "kvm" else "max"
    return [QEMU, "-accel", accel, "-cpu", cpu, "-smp", str(smp), "-m", str(mem),
            "-cdrom", iso, "-boot", "d", "-no-reboot"] + DEBUG_EXIT


def _probe_kvm(iso):
    if not os.access("/dev/kvm", os.R_OK | os.W_OK):
        return False, "no usable /dev/kvm"
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "serial.log")
        args = base_args(iso, 1, "128M", "kvm") + [
            "-display", "none", "-serial", "file:" + log, "-monitor", "none"]
        try:
            proc = subprocess.Popen(args, stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        except OSError as e:
            return False, str(e)
        deadline = time.time() + PROBE_SECONDS
        ok = False
        while time.time() < deadline:
            if proc.poll() is not None:
                break
            try:
                with open(log, "rb") as f:
                    if PROBE_MARK in f.read():
                        ok = True
                        break
            except FileNotFoundError:
                pass
            time.sleep(0.1)
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        if ok:
            return True, "probe boot under KVM reached the kernel"
        err = proc.stderr.read().decode(errors="replace").strip().splitlines()
        return False, (err[-1] if err else "probe boot under KVM did not reach the kernel "
                       "within %d s" % PROBE_SECONDS)


def choose_accel(requested, iso, cache_dir=None, quiet=False):
    """'kvm' or 'tcg' for ACCEL=REQUESTED (auto, kvm or tcg)."""
    if requested in ("kvm", "tcg"):
        return requested
    cache = os.path.join(cache_dir, "accel-probe") if cache_dir else None
    if cache and os.path.exists(cache):
        with open(cache) as f:
            accel = f.read().strip()
        if accel in ("kvm", "tcg"):
            return accel
    ok, why = _probe_kvm(iso)
    accel = "kvm" if ok else "tcg"
    if not quiet:
        print("qemu: using %s (%s)" % (accel.upper(), why), file=sys.stderr)
    if cache:
        os.makedirs(cache_dir, exist_ok=True)
        with open(cache, "w") as f:
            f.write(accel + "\n")
    return accel


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--iso", required=True)
    ap.add_argument("--smp", default="4")
    ap.add_argument("--mem", default="256M")
    ap.add_argument("--accel", default="auto")
    ap.add_argument("--gui", default="0")
    ap.add_argument("--debug", action="store_true")
    ap.add_argument("--kernel", help="kernel ELF with symbols (for --debug)")
    ap.add_argument("--gdb-port", type=int, default=0, help="default: 1234, or a free one")
    opts = ap.parse_args()

    if shutil.which(QEMU) is None:
        sys.exit("qemu.py: %s not found; install it with: apt-get install qemu-system-x86" % QEMU)
    build = os.path.dirname(os.path.abspath(opts.iso))
    accel = choose_accel(opts.accel, opts.iso, build)
    args = base_args(opts.iso, opts.smp, opts.mem, accel)
    if opts.gui == "1":
        args += ["-serial", "mon:stdio"]
    else:
        args += ["-display", "none", "-serial", "mon:stdio"]

    if not opts.debug:
        print("qemu: %d CPUs, %s, %s; Ctrl-A X quits" % (int(opts.smp), opts.mem, accel.upper()),
              file=sys.stderr)
        rc = subprocess.call(args)
        # 33 is the kernel's own "all self-tests passed" exit (isa-debug-exit)
        sys.exit(0 if rc in (0, 1, 33) else rc)

    # make debug: QEMU waits for GDB; GDB gets the serial log in a file so
    # the two do not fight over the terminal.
    if not opts.gdb_port:
        import socket
        with socket.socket() as s:  # 1234 unless another session has it
            opts.gdb_port = 1234 if s.connect_ex(("127.0.0.1", 1234)) != 0 else free_port()
    log = os.path.join(build, "serial.log")
    args = [a if a != "mon:stdio" else "file:" + log for a in args]
    args += ["-S", "-gdb", "tcp:127.0.0.1:%d" % opts.gdb_port, "-monitor", "none"]
    print("qemu: waiting for GDB on port %d; kernel output goes to %s" % (opts.gdb_port, log),
          file=sys.stderr)
    qemu = subprocess.Popen(args, stdin=subprocess.DEVNULL)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    gdb = ["gdb", "-q", "-ex", "set confirm off", "-ex", "set pagination off",
           "-x", os.path.join(root, "tools", "gdb", "kernel.gdb"),
           "-ex", "kernel-connect %d" % opts.gdb_port, opts.kernel]
    try:
        subprocess.call(gdb)
    finally:
        qemu.kill()
        qemu.wait()


if __name__ == "__main__":
    main()
