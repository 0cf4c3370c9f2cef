"""kernel.py: GDB commands that show the kernel's own data structures.

tools/gdb/kernel.gdb loads this file; `make debug` loads that. Every
command here is named os-<what it shows> (os-cpus, and later perhaps
os-tasks, os-vmas, os-locks) and reads kernel variables through the
kernel ELF's debug information, so it follows the structs in kernel/*.h
without hard-coded offsets.

The machine may be stopped anywhere, even before paging is on, so any
read can fail: a command prints what it could read and says what it
could not, and never leaves a Python traceback.

To add a command: subclass OsCommand, give it a docstring (GDB shows it
for `help os-NAME`), write show(self, arg), and instantiate it once at
the bottom of this file.
"""
import gdb


class OsCommand(gdb.Command):
    """Base class of the os-* commands: turns GDB errors into one line."""

    def __init__(self, name):
        super().__init__(name, gdb.COMMAND_STATUS)
        self.name = name

    def invoke(self, arg, from_tty):
        try:
            self.show(arg)
        except (gdb.MemoryError, gdb.error) as e:
            print("%s: %s" % (self.name, e))

    def show(self, arg):
        raise NotImplementedError


def read_int(expr):
    """Value of the kernel expression EXPR as a Python int (may raise gdb.error)."""
    return int(gdb.parse_and_eval(expr))


def array_length(value):
    """Number of elements of a C array such as `struct cpu cpus[MAX_CPUS]`."""
    low, high = value.type.strip_typedefs().range()
    return high - low + 1


def current_gs_base():
    """GS base of the CPU GDB has selected (this_cpu() on x86-64), or None."""
    try:
        # GDB reads the register as a signed number; make it an address
        return int(gdb.parse_and_eval("$gs_base")) & 0xffffffffffffffff
    except gdb.error:
        return None


class OsCpus(OsCommand):
    """List the kernel's CPUs: one line per entry of cpus[0 .. ncpus-1].

Shows each CPU's index, local APIC id, whether it is online, and how many
timer interrupts it has taken. The CPU of GDB's selected thread (QEMU
shows each CPU as a thread; see `info threads`) is marked with '*': it
is the one whose GS base points at its struct cpu, as in this_cpu().
Source: struct cpu in kernel/cpu.h; cpus and ncpus in kernel/smp.c."""

    def __init__(self):
        super().__init__("os-cpus")

    def show(self, arg):
        cpus = gdb.parse_and_eval("cpus")
        size = array_length(cpus)
        try:
            n = read_int("ncpus")
        except gdb.error as e:
            print("ncpus: cannot read it (%s); showing cpus[0] only" % e)
            n = 1
        if not 1 <= n <= size:
            print("ncpus = %d looks wrong (cpus[] has %d entries); showing cpus[0] only"
                  % (n, size))
            n = 1
        here = current_gs_base()
        for i in range(n):
            print(self.cpu_line(i, cpus[i], here))

    @staticmethod
    def cpu_line(i, cpu, here):
        addr = int(cpu.address)
        mark = "*" if addr == here else " "
        try:
            return "%scpu %d: apic id %d, %s, %d ticks  (struct cpu at %#x)" % (
                mark, int(cpu["id"]), int(cpu["apic_id"]),
                "online" if bool(cpu["online"]) else "offline",
                int(cpu["ticks"]), addr)
        except gdb.error as e:
            return "%scpu %d: cannot read struct cpu at %#x: %s" % (mark, i, addr, e)


OsCpus()
