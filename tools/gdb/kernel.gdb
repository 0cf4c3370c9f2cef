# kernel.gdb: GDB setup for debugging the kernel running in QEMU.
#
# `make debug` starts QEMU stopped at its first instruction (-S) with a
# GDB server on a local port, then runs
#     gdb -x tools/gdb/kernel.gdb -ex "kernel-connect PORT" build/kernel.elf
# kernel-connect attaches to QEMU and runs the machine through the BIOS,
# GRUB and boot.S up to kernel_main (kernel/main.c), where you take over.
# tests/gdb_test.py does the same in batch mode. The os-* commands
# (os-ps, os-cpus, os-bt, os-vm, os-locks, os-user) come from kernel.py
# beside this file; docs/debugging.md walks through them.

# Load kernel.py from the directory this file is in. A GDB script cannot
# ask where it was loaded from, so look for this file's name among GDB's
# own arguments (Linux shows them in /proc/self/cmdline), and fall back to
# tools/gdb/ under the current directory, which is where make runs GDB.
python
import os

def _kernel_gdb_dir():
    with open("/proc/self/cmdline", "rb") as f:
        args = f.read().decode(errors="replace").split("\0")
    # the words of every argument: -x FILE, --command=FILE, -ex "source FILE"
    for word in " ".join(args).replace("=", " ").split():
        if os.path.basename(word) == "kernel.gdb" and os.path.isfile(word):
            return os.path.dirname(os.path.abspath(word))
    return os.path.abspath(os.path.join("tools", "gdb"))

_kernel_py = os.path.join(_kernel_gdb_dir(), "kernel.py")
if os.path.isfile(_kernel_py):
    gdb.execute("source " + _kernel_py)
else:
    print("kernel.gdb: %s not found; the os-* commands are missing "
          "(source tools/gdb/kernel.py by hand)" % _kernel_py)
del _kernel_gdb_dir, _kernel_py
end

define kernel-connect
  if $argc != 1
    help kernel-connect
  else
    # The CPU starts in 16-bit real mode and boot.S runs in 32-bit mode,
    # but QEMU's GDB server always sends the 64-bit register set. Fixing
    # the architecture keeps GDB from expecting 32-bit registers, which
    # fails with "Remote 'g' packet reply is too long".
    set architecture i386:x86-64
    # GDB retries a refused connection for a while (show tcp), so this
    # also works when QEMU is still starting.
    target remote 127.0.0.1:$arg0
    # A hardware breakpoint: the CPU compares it with the address of each
    # instruction, so it can be set before the kernel's higher-half
    # mapping exists. A software breakpoint is an int3 written into
    # memory at that address, which under KVM fails or is lost while the
    # address is not mapped yet. "thbreak" is a temporary one: GDB
    # deletes it once it is hit.
    thbreak kernel_main
    continue
    echo \nstopped at kernel_main; try: next, break do_clone, continue, bt, os-ps, os-cpus (docs/debugging.md)\n
  end
end

document kernel-connect
Attach to QEMU's GDB server on 127.0.0.1:PORT and run to kernel_main.
Usage: kernel-connect PORT
QEMU must have been started with -S -gdb tcp:127.0.0.1:PORT (make debug does).
end
