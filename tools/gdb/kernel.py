"""kernel.py: GDB commands that show the kernel's own data structures.

tools/gdb/kernel.gdb loads this file; `make debug` loads that. Every
command is named os-<what it shows>, and `help os-NAME` describes it:

    os-ps              every task: pid, tid, parent, state, CPU, name
    os-cpus            each CPU: current task, run queue, interrupt state
    os-bt PID          a task's kernel backtrace (sleeping: from its saved
                       context; running: from its CPU's registers)
    os-vm PID [ADDR]   a process's memory regions; with ADDR, the
                       4-level page-table walk for ADDR
    os-locks           the spinlocks held now, with owner and call site
    os-user PROGRAM    load a user program's symbols (e.g. /bin/sh)

and two convenience functions for breakpoint conditions:
$os_comm() is the name of the task on the selected CPU, $os_pid() its pid
(`break main if $_streq($os_comm(), "sh")`).

The commands read kernel variables through the kernel ELF's debug
information, so they follow the structs in kernel/*.h without hard-coded
offsets; the few constants that are preprocessor macros (layout.h) are
repeated below. The machine may be stopped anywhere, even before paging
is on or half-way through changing a list, so any read can fail or give
nonsense: a command prints what it could read, says what it could not,
and never leaves a Python traceback. List walks stop after MAX_WALK
elements, so a corrupted (cyclic) list cannot hang GDB.

To add a command: subclass OsCommand, give it a docstring (GDB shows it
for `help os-NAME`), write show(self, arg), and instantiate it once at
the bottom of this file.
"""
import os
import gdb

# arch/x86_64/layout.h and paging.h (macros are not in the debug information)
DIRECT_MAP_BASE = 0xffff800000000000
KERNEL_VMA = 0xffffffff80000000
KSTACK_SIZE = 4 * 4096
PTE_P, PTE_W, PTE_U, PTE_PS, PTE_NX = 1 << 0, 1 << 1, 1 << 2, 1 << 7, 1 << 63
PTE_ADDR = 0x000ffffffffff000
# kernel/mm.h
PROT_READ, PROT_WRITE, PROT_EXEC = 1, 2, 4
VM_GROWSDOWN, VM_SHARED = 1, 2
# kernel/task.h: enum task_state, as ps shows it
STATE_LETTERS = {0: "R", 1: "S", 2: "D", 16: "Z", 32: "X"}

MAX_WALK = 10000
MASK64 = 0xffffffffffffffff
ERRORS = (gdb.MemoryError, gdb.error, RuntimeError, ValueError, OverflowError,
          TypeError, KeyError, IndexError)


class OsCommand(gdb.Command):
    """Base class of the os-* commands: turns GDB errors into one line."""

    def __init__(self, name, completer=gdb.COMPLETE_NONE):
        super().__init__(name, gdb.COMMAND_STATUS, completer)
        self.name = name

    def invoke(self, arg, from_tty):
        try:
            self.show(arg)
        except ERRORS as e:
            print("%s: %s" % (self.name, e))

    def show(self, arg):
        raise NotImplementedError


# ---- reading memory ----

def read_int(expr):
    """Value of the kernel expression EXPR as a Python int (may raise gdb.error)."""
    return int(gdb.parse_and_eval(expr))


def read_u64(addr):
    """The 8 bytes at virtual address ADDR (raises gdb.MemoryError)."""
    data = gdb.selected_inferior().read_memory(addr, 8)
    return int.from_bytes(bytes(data), "little")


def array_length(value):
    """Number of elements of a C array such as `struct cpu cpus[MAX_CPUS]`."""
    low, high = value.type.strip_typedefs().range()
    return high - low + 1


def type_of(name):
    return gdb.lookup_type(name)


def container(node_addr, struct_name, member):
    """list_entry(): the struct STRUCT_NAME whose MEMBER is at NODE_ADDR."""
    t = type_of("struct " + struct_name)
    offset = [f for f in t.fields() if f.name == member][0].bitpos // 8
    return gdb.Value(node_addr - offset).cast(t.pointer()).dereference()


def list_nodes(head, errors):
    """Addresses of the nodes of the list whose `struct list_head` is HEAD.

    Stops at the head, after MAX_WALK nodes, at a node that cannot be read
    or at a loop that does not come back to the head; each problem is
    appended to ERRORS as a sentence."""
    start = int(head.address)
    nodes, seen = [], set()
    try:
        node = int(head["next"]) & MASK64
        if node == 0:
            errors.append("list at %#x is not initialized (next is NULL)" % start)
            return nodes
        while node != start:
            if node < DIRECT_MAP_BASE:
                errors.append("list at %#x: bad pointer %#x after %d nodes"
                              % (start, node, len(nodes)))
                break
            if node in seen:
                errors.append("list at %#x loops at %#x without coming back" % (start, node))
                break
            if len(nodes) >= MAX_WALK:
                errors.append("list at %#x: stopped after %d nodes" % (start, MAX_WALK))
                break
            seen.add(node)
            next_node = read_u64(node)  # list_head.next is the first field
            nodes.append(node)
            node = next_node
    except ERRORS as e:
        errors.append("list at %#x: %s" % (start, e))
    return nodes


def entries(head, struct_name, member, errors):
    """The structs on the list HEAD (list_for_each + list_entry)."""
    return [container(n, struct_name, member) for n in list_nodes(head, errors)]


def c_string(value):
    """A char array or char pointer as a Python string, '?' if unreadable."""
    try:
        if value.type.strip_typedefs().code == gdb.TYPE_CODE_ARRAY:
            raw = bytes(gdb.selected_inferior().read_memory(value.address, value.type.sizeof))
        else:
            ptr = int(value)
            if ptr == 0:
                return ""
            raw = bytes(gdb.selected_inferior().read_memory(ptr, 64))
        return raw.split(b"\0")[0].decode(errors="replace")
    except ERRORS:
        return "?"


def symbol_at(pc):
    """`function+offset` for a code address, or its hex value."""
    try:
        text = gdb.execute("info symbol %#x" % pc, to_string=True).strip()
        if text.startswith("No symbol"):
            return "%#x" % pc
        name = text.split(" in section")[0].replace(" + ", "+")
        return name
    except ERRORS:
        return "%#x" % pc


# ---- CPUs, their registers and tasks ----

def cpu_array():
    """(cpus, n): the cpus[] array and how many entries are in use."""
    cpus = gdb.parse_and_eval("cpus")
    size = array_length(cpus)
    try:
        n = read_int("ncpus")
    except ERRORS:
        n = 0
    if not 1 <= n <= size:
        n = 1  # before smp_init (or a bad ncpus): the boot CPU only
    return cpus, n


def register(frame, name):
    try:
        return int(frame.read_register(name)) & MASK64
    except ERRORS:
        return None


def cpu_registers():
    """{address of struct cpu: (GDB thread, its registers)} for every CPU.

    QEMU shows each CPU as a GDB thread. The kernel points the GS base at
    the CPU's struct cpu (this_cpu()); in user mode that value waits in
    KERNEL_GS_BASE (swapgs), so either of the two identifies the CPU.
    The selected thread and frame are restored afterwards."""
    result = {}
    try:
        old_thread = gdb.selected_thread()
        old_frame = gdb.selected_frame()
    except ERRORS:
        return result
    try:
        for th in gdb.selected_inferior().threads():
            th.switch()
            frame = gdb.newest_frame()
            regs = {r: register(frame, r)
                    for r in ("rip", "rsp", "rbp", "eflags", "cs", "gs_base", "k_gs_base")}
            for base in (regs["gs_base"], regs["k_gs_base"]):
                if base and base >= KERNEL_VMA:
                    result.setdefault(base, (th, regs))
    except ERRORS:
        pass
    finally:
        try:
            old_thread.switch()
            old_frame.select()
        except ERRORS:
            pass
    return result


def current_cpu():
    """The struct cpu of GDB's selected CPU (this_cpu()), or None."""
    frame = gdb.selected_frame()
    for name in ("gs_base", "k_gs_base"):
        base = register(frame, name)
        if not base or base < KERNEL_VMA:
            continue
        try:
            cpus, n = cpu_array()
            for i in range(n):
                if int(cpus[i].address) == base:
                    return cpus[i]
        except ERRORS:
            pass
    return None


def task_pointer(value):
    """A `struct task *` as a Python int, 0 when NULL or unreadable."""
    try:
        return int(value)
    except ERRORS:
        return 0


def task_at(addr):
    return gdb.Value(addr).cast(type_of("struct task").pointer()).dereference()


def all_tasks(errors):
    """[(task address, where it was found)] for every task the kernel can reach.

    Tasks have no single list: user threads hang off their process
    (all_processes -> process.threads), each CPU has its idle task and
    its current task, and the run queues hold the runnable ones. A
    kernel thread that sleeps is on none of these lists and is missed."""
    found = {}

    def add(addr, where):
        if addr and addr not in found:
            found[addr] = where

    try:
        cpus, n = cpu_array()
        for i in range(n):
            try:
                add(task_pointer(cpus[i]["idle"]), "cpu %d idle" % i)
                add(task_pointer(cpus[i]["current_task"]), "cpu %d current" % i)
                for t in entries(cpus[i]["rq"]["queue"], "task", "run_node", errors):
                    add(int(t.address), "cpu %d run queue" % i)
            except ERRORS as e:
                errors.append("cpus[%d]: %s" % (i, e))
    except ERRORS as e:
        errors.append("cpus: %s" % e)
    try:
        for p in entries(gdb.parse_and_eval("all_processes"), "process", "all_node", errors):
            try:
                for t in entries(p["threads"], "task", "thread_node", errors):
                    add(int(t.address), "process %d" % int(p["pid"]))
            except ERRORS as e:
                errors.append("process at %#x: %s" % (int(p.address), e))
    except ERRORS as e:
        errors.append("all_processes: %s" % e)
    return list(found.items())


def find_task(arg):
    """The struct task whose tid (or process pid) is the expression ARG."""
    pid = int(gdb.parse_and_eval(arg))
    errors = []
    match = None
    for addr, _ in all_tasks(errors):
        try:
            t = task_at(addr)
            if int(t["tid"]) == pid:
                return t
            if match is None and t["proc"] and int(t["proc"]["pid"]) == pid:
                match = t
        except ERRORS:
            continue
    if match is not None:
        return match
    raise gdb.error("no task with pid %d%s" % (pid, ("; " + "; ".join(errors)) if errors else ""))


def task_label(addr):
    """`tid name` of the task at ADDR, for one-line summaries."""
    if not addr:
        return "-"
    try:
        t = task_at(addr)
        return "%d %s" % (int(t["tid"]), c_string(t["comm"]))
    except ERRORS:
        return "? (unreadable task at %#x)" % addr


def running_on(task):
    """Index of the CPU whose current_task is TASK, or None."""
    try:
        cpus, n = cpu_array()
        for i in range(n):
            if task_pointer(cpus[i]["current_task"]) == int(task.address):
                return i
    except ERRORS:
        pass
    return None


# ---- os-ps ----

class OsPs(OsCommand):
    """List every task, as ps does: pid, tid, parent, state, CPU, name.

PID is the process (thread group) id and TID the thread's own id; kernel
threads (the idle tasks, pid 0) have no process. STATE is ps's letter:
R running or runnable, S sleeping (interruptible), D sleeping
(uninterruptible), T stopped, Z zombie, X dead. CPU is the run queue the
task is on or the CPU running it; a '*' marks the tasks running right
now. Tasks come from all_processes, each CPU's idle and current task and
the run queues (kernel/process.h, kernel/cpu.h); problems reading those
lists are reported after the table."""

    def __init__(self):
        super().__init__("os-ps")

    def show(self, arg):
        errors = []
        tasks = all_tasks(errors)
        print("  PID   TID  PPID S CPU  NAME")
        for addr, where in tasks:
            print(self.task_line(addr, where))
        if not tasks:
            print("(no tasks yet: the scheduler has not started)")
        for e in errors:
            print("os-ps: %s" % e)

    @staticmethod
    def task_line(addr, where):
        try:
            t = task_at(addr)
            state = int(t["state"])
            letter = STATE_LETTERS.get(state, "?")
            pid, ppid = 0, 0
            if t["proc"]:
                p = t["proc"].dereference()
                pid = int(p["pid"])
                if bool(p["stopped"]) and letter != "Z":
                    letter = "T"
                if p["parent"]:
                    ppid = int(p["parent"]["pid"])
            mark = "*" if bool(t["on_cpu"]) else " "
            return "%5d %5d %5d %s %3d%s %s" % (pid, int(t["tid"]), ppid, letter,
                                                int(t["cpu"]), mark, c_string(t["comm"]))
        except ERRORS as e:
            return "    ?     ?     ? ?   ?   (task at %#x from %s: %s)" % (addr, where, e)


# ---- os-cpus ----

class OsCpus(OsCommand):
    """List the kernel's CPUs: one line per entry of cpus[0 .. ncpus-1].

Shows each CPU's index, local APIC id, whether it is online, how many
timer interrupts it has taken, the task it runs, the length of its run
queue (nr_queued, and the queue's list counted), and its interrupt
state: IF from the CPU's RFLAGS (on/off), the depth of irq_push_off
nesting (spinlocks held keep interrupts off), and whether it is in user
or kernel mode. The CPU of GDB's selected thread (QEMU shows each CPU as
a thread; see `info threads`) is marked with '*'.
Source: struct cpu and struct runqueue in kernel/cpu.h; cpus and ncpus
in kernel/smp.c."""

    def __init__(self):
        super().__init__("os-cpus")

    def show(self, arg):
        cpus = gdb.parse_and_eval("cpus")
        size = array_length(cpus)
        try:
            n = read_int("ncpus")
        except ERRORS as e:
            print("ncpus: cannot read it (%s); showing cpus[0] only" % e)
            n = 1
        if not 1 <= n <= size:
            print("ncpus = %d looks wrong (cpus[] has %d entries); showing cpus[0] only"
                  % (n, size))
            n = 1
        regs = cpu_registers()
        here = current_cpu()
        here = int(here.address) if here is not None else None
        for i in range(n):
            print(self.cpu_line(i, cpus[i], here, regs))

    @staticmethod
    def cpu_line(i, cpu, here, regs):
        addr = int(cpu.address)
        mark = "*" if addr == here else " "
        try:
            line = "%scpu %d: apic id %d, %s, %d ticks" % (
                mark, int(cpu["id"]), int(cpu["apic_id"]),
                "online" if bool(cpu["online"]) else "offline", int(cpu["ticks"]))
        except ERRORS as e:
            return "%scpu %d: cannot read struct cpu at %#x: %s" % (mark, i, addr, e)
        parts = [line]
        try:
            parts.append("current %s" % task_label(task_pointer(cpu["current_task"])))
        except ERRORS as e:
            parts.append("current ? (%s)" % e)
        parts.append(OsCpus.runqueue(cpu))
        parts.append(OsCpus.interrupts(cpu, regs.get(addr)))
        return ", ".join(parts) + "  (struct cpu at %#x)" % addr

    @staticmethod
    def runqueue(cpu):
        try:
            rq = cpu["rq"]
            errors = []
            counted = len(list_nodes(rq["queue"], errors))
            text = "run queue %d" % int(rq["nr_queued"])
            if errors:
                text += " (queue unreadable: %s)" % "; ".join(errors)
            elif counted != int(rq["nr_queued"]):
                text += " (but %d on its list)" % counted
            return text
        except ERRORS as e:
            return "run queue ? (%s)" % e

    @staticmethod
    def interrupts(cpu, found):
        try:
            depth = int(cpu["irq_off_depth"])
        except ERRORS:
            depth = None
        if found is None:
            state = "irqs ? (no GDB thread has this CPU's GS base)"
        else:
            regs = found[1]
            flags, cs = regs["eflags"], regs["cs"]
            state = "irqs %s" % ("?" if flags is None else ("on" if flags & 0x200 else "off"))
            if cs is not None:
                state += ", %s mode" % ("user" if cs & 3 == 3 else "kernel")
            state += " (thread %d)" % found[0].num
        if depth is not None:
            state += ", irq_off_depth %d" % depth
        return state


# ---- os-bt ----

def frame_chain(pc, rbp, low, high):
    """[(pc, rbp)] following saved frame pointers on the stack [LOW, HIGH).

    The kernel is compiled with frame pointers: each function's frame
    starts with the caller's rbp, and above it the return address. The
    chain ends at rbp 0 (task_first_run clears it), at a frame outside
    the stack (the user's rbp, saved at entry from user mode), or after
    MAX_WALK frames."""
    frames = [(pc, rbp)]
    while low <= rbp < high - 8 and len(frames) < 64:
        try:
            pc = read_u64(rbp + 8)
            next_rbp = read_u64(rbp)
        except ERRORS:
            break
        if pc < KERNEL_VMA:
            break
        frames.append((pc, next_rbp))
        if next_rbp <= rbp:
            break
        rbp = next_rbp
    return frames


def describe_pc(pc, return_address):
    """`function (inlined into f) at file:line` for a code address."""
    lookup = pc - 1 if return_address else pc
    names = []
    try:
        block = gdb.block_for_pc(lookup)
        while block is not None:
            if block.function is not None:
                names.append(block.function.name)
            block = block.superblock
    except ERRORS:
        pass
    where = ""
    try:
        sal = gdb.find_pc_line(lookup)
        if sal.symtab is not None:
            where = " at %s:%d" % (sal.symtab.filename, sal.line)
    except ERRORS:
        pass
    if not names:
        return symbol_at(pc) + where
    text = names[0] + " ()"
    if len(names) > 1:
        text += " (inlined into %s)" % ", ".join(names[1:])
    return text + where


class OsBt(OsCommand):
    """Kernel backtrace of the task PID (a thread id or a process id).

A task that is switched out has its registers on its own kernel stack:
arch_switch_context (arch/x86_64/switch.S) pushed rbp, rbx, r12-r15 and
stored rsp in task.saved_rsp, so saved_rsp[5] is its rbp, saved_rsp[6]
the address it returns to (in schedule), and the frame pointers chain
up from there. A task running on a CPU is shown from that CPU's live
registers. The chain ends where the task entered the kernel; for a
user task the user registers saved there (task.uregs) close the list.
Usage: os-bt PID"""

    def __init__(self):
        super().__init__("os-bt")

    def show(self, arg):
        if not arg.strip():
            print("usage: os-bt PID")
            return
        t = find_task(arg)
        tid, comm = int(t["tid"]), c_string(t["comm"])
        top = int(t["kstack_top"])
        cpu = running_on(t)
        if cpu is not None:
            regs = cpu_registers().get(int(gdb.parse_and_eval("&cpus[%d]" % cpu)))
            if regs is None:
                print("task %d (%s) runs on CPU %d; `thread N` with that CPU, then `bt`"
                      % (tid, comm, cpu))
                return
            r = regs[1]
            print("task %d (%s) is running on CPU %d (GDB thread %d); from its registers:"
                  % (tid, comm, cpu, regs[0].num))
            if r["cs"] is not None and r["cs"] & 3 == 3:
                print("  in user mode at %s; rsp %#x" % (user_symbol(r["rip"], comm), r["rsp"]))
                return
            frames = frame_chain(r["rip"], r["rbp"], top - KSTACK_SIZE, top)
            first_is_return = False
        else:
            saved = int(t["saved_rsp"])
            state = STATE_LETTERS.get(int(t["state"]), "?")
            print("task %d (%s), state %s, switched out with rsp %#x:" % (tid, comm, state, saved))
            if not top - KSTACK_SIZE <= saved < top:
                print("  saved rsp is outside its kernel stack [%#x, %#x): no backtrace"
                      % (top - KSTACK_SIZE, top))
                return
            rbp, ret = read_u64(saved + 5 * 8), read_u64(saved + 6 * 8)
            frames = frame_chain(ret, rbp, top - KSTACK_SIZE, top)
            first_is_return = True
        for i, (pc, _) in enumerate(frames):
            print("#%-2d %#x in %s" % (i, pc, describe_pc(pc, first_is_return or i > 0)))
        self.user_part(t)

    @staticmethod
    def user_part(t):
        if not t["proc"]:
            return
        try:
            u = t["uregs"].dereference()
            rip, rsp = int(u["rip"]), int(u["rsp"])
            if int(u["cs"]) & 3 != 3:
                return  # not (yet) entered from user mode
            print("-- entered from user mode at %s; rsp %#x"
                  % (user_symbol(rip, c_string(t["comm"])), rsp))
        except ERRORS as e:
            print("-- user registers unreadable: %s" % e)


def user_symbol(rip, comm):
    """A user address, named with the loaded user symbols only if they are
    COMM's: every program uses the same addresses, so another program's
    symbols would give a wrong name."""
    if loaded_user_file is not None and os.path.basename(loaded_user_file) == comm:
        return "%#x <%s>" % (rip, symbol_at(rip))
    return "%#x" % rip


# ---- os-vm ----

def vma_name(vma, mm, comm):
    start, end = int(vma["start"]), int(vma["end"])
    flags = int(vma["flags"])
    try:
        if start <= int(mm["start_code"]) < end:
            return "[text] " + comm
        if flags & VM_GROWSDOWN or start <= int(mm["start_stack"]) - 1 < end:
            return "[stack]"
        if start <= int(mm["brk_start"]) and int(mm["brk"]) <= end and \
                int(mm["brk"]) > int(mm["brk_start"]):
            return "[heap]"
        if start >= int(mm["brk_start"]) and end <= int(mm["brk"]):
            return "[heap]"
        if end <= int(mm["brk_start"]):
            return comm  # the rest of the program's ELF segments (rodata, data, bss)
    except ERRORS:
        pass
    return ""


def address_of(expr):
    """The address EXPR stands for: a number or pointer, or where a function
    (`main`) or an array is."""
    value = gdb.parse_and_eval(expr)
    if value.type.strip_typedefs().code in (gdb.TYPE_CODE_FUNC, gdb.TYPE_CODE_ARRAY):
        value = value.address
    return int(value) & MASK64


def pte_flags(e):
    names = [("P", PTE_P), ("W", PTE_W), ("U", PTE_U), ("PS", PTE_PS), ("NX", PTE_NX),
             ("A", 1 << 5), ("D", 1 << 6), ("G", 1 << 8)]
    return " ".join(n for n, bit in names if e & bit) or "-"


class OsVm(OsCommand):
    """Memory regions of process PID, and the page-table walk for ADDR.

Without ADDR: the regions (struct vma) on its mm's list, as in
/proc/PID/maps: start-end, permissions (r w x, p private or s shared),
size and what the region is ([text], [heap], [stack]), then the mm's
brk and code/stack markers.
With ADDR (any expression, e.g. $rsp or main): the four levels of the
x86-64 page table for it. Each table is a physical page; GDB reads it
through the kernel's direct map (virtual DIRECT_MAP_BASE + physical).
The walk prints each level's index and entry, then the physical address
and the 8 bytes there.
Source: struct mm and struct vma in kernel/mm.h; paging in
arch/x86_64/paging.h. Usage: os-vm PID [ADDR]"""

    def __init__(self):
        super().__init__("os-vm", gdb.COMPLETE_EXPRESSION)

    def show(self, arg):
        words = gdb.string_to_argv(arg)
        if not 1 <= len(words) <= 2:
            print("usage: os-vm PID [ADDR]")
            return
        t = find_task(words[0])
        if not t["mm"]:
            print("task %d (%s) is a kernel thread: no user address space"
                  % (int(t["tid"]), c_string(t["comm"])))
            return
        mm = t["mm"].dereference()
        if len(words) == 2:
            self.walk(mm, address_of(words[1]))
        else:
            self.regions(t, mm)

    @staticmethod
    def regions(t, mm):
        comm = c_string(t["comm"])
        pid = int(t["proc"]["pid"]) if t["proc"] else int(t["tid"])
        print("process %d (%s): mm at %#x, page table root (CR3) %#x" % (
            pid, comm, int(mm.address), int(mm["pt_root"])))
        errors = []
        for v in entries(mm["vmas"], "vma", "node", errors):
            try:
                start, end = int(v["start"]), int(v["end"])
                prot, flags = int(v["prot"]), int(v["flags"])
                perms = "%s%s%s%s" % ("r" if prot & PROT_READ else "-",
                                      "w" if prot & PROT_WRITE else "-",
                                      "x" if prot & PROT_EXEC else "-",
                                      "s" if flags & VM_SHARED else "p")
                print("%016x-%016x %s %8d KiB %s" % (start, end, perms, (end - start) // 1024,
                                                     vma_name(v, mm, comm)))
            except ERRORS as e:
                print("vma at %#x: %s" % (int(v.address), e))
        for e in errors:
            print("os-vm: %s" % e)
        try:
            print("brk [%#x, %#x), code [%#x, %#x), stack top %#x" % (
                int(mm["brk_start"]), int(mm["brk"]), int(mm["start_code"]),
                int(mm["end_code"]), int(mm["start_stack"])))
        except ERRORS as e:
            print("os-vm: %s" % e)

    @staticmethod
    def walk(mm, va):
        table = int(mm["pt_root"])
        print("page-table walk for %#x from root %#x:" % (va, table))
        levels = [("PML4", 39), ("PDPT", 30), ("PD", 21), ("PT", 12)]
        for depth, (name, shift) in enumerate(levels):
            index = (va >> shift) & 0x1ff
            slot = DIRECT_MAP_BASE + (table & PTE_ADDR) + index * 8
            try:
                entry = read_u64(slot)
            except ERRORS as e:
                print("  %-4s[%3d] at phys %#x: unreadable (%s)" % (name, index, slot - DIRECT_MAP_BASE, e))
                return
            print("  %-4s[%3d] = %#018x  %s" % (name, index, entry, pte_flags(entry)))
            if not entry & PTE_P:
                if va < DIRECT_MAP_BASE:
                    print("  not present: an access faults, and mm_fault maps a page"
                          " if a region allows the access")
                else:
                    print("  not present: the kernel has nothing mapped here")
                return
            if entry & PTE_PS and name in ("PDPT", "PD"):
                size_shift = shift
                break
            table = entry
        else:
            size_shift = 12
        page = entry & PTE_ADDR & ~((1 << size_shift) - 1)
        phys = page + (va & ((1 << size_shift) - 1))
        text = "  -> physical %#x (%d KiB page at %#x)" % (phys, (1 << size_shift) // 1024, page)
        try:
            text += ", holds %#018x" % read_u64(DIRECT_MAP_BASE + (phys & ~7))
        except ERRORS:
            pass
        print(text)


# ---- os-locks ----

def global_spinlocks(out):
    """Append (name, lock) for each spinlock in a global or static variable:
    struct spinlock variables, and the locks inside struct variables (and
    arrays of up to 64 structs), e.g. a static wait queue or terminal."""
    text = gdb.execute("info variables -q", to_string=True)
    filename = None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("File "):
            filename = line[5:].rstrip(":")
            continue
        decl = line.split(":", 1)[-1].strip()   # "NN:\tstatic struct spinlock x;"
        if not decl.endswith(";") or "struct " not in decl or "*" in decl or "(" in decl:
            continue
        name = decl.rstrip(";").split()[-1].split("[")[0]
        if name == "cpus":
            continue  # os-locks looks at cpus[0 .. ncpus-1] itself
        exprs = [name]
        if decl.startswith("static") and filename:
            # a file's static variable: name it with its file, in case two share a name
            exprs.insert(0, "'%s'::%s" % (os.path.basename(filename), name))
        for expr in exprs:
            try:
                value = gdb.parse_and_eval(expr)
                t = value.type.strip_typedefs()
                if t.code == gdb.TYPE_CODE_ARRAY:
                    for i in range(min(array_length(value), 64)):
                        embedded_spinlocks(value[i], "%s[%d]" % (name, i), out)
                else:
                    embedded_spinlocks(value, name, out)
                break
            except ERRORS:
                continue


def embedded_spinlocks(value, path, out, depth=0):
    """Append (path, lock) for each struct spinlock inside the struct VALUE."""
    t = value.type.strip_typedefs()
    if t.code != gdb.TYPE_CODE_STRUCT or depth > 3:
        return
    if t.tag == "spinlock":
        out.append((path, value))
        return
    for f in t.fields():
        if f.name is None or f.bitpos is None:
            continue
        ft = f.type.strip_typedefs()
        if ft.code == gdb.TYPE_CODE_STRUCT:
            embedded_spinlocks(value[f.name], "%s.%s" % (path, f.name), out, depth + 1)


def pointed_spinlocks(value, path, out):
    """Spinlocks embedded in VALUE and in the structs its pointer fields point at."""
    embedded_spinlocks(value, path, out)
    for f in value.type.strip_typedefs().fields():
        ft = f.type.strip_typedefs()
        if ft.code != gdb.TYPE_CODE_PTR or ft.target().strip_typedefs().code != gdb.TYPE_CODE_STRUCT:
            continue
        if ft.target().strip_typedefs().tag in ("task", "process"):
            continue
        try:
            ptr = value[f.name]
            if int(ptr):
                embedded_spinlocks(ptr.dereference(), "%s->%s" % (path, f.name), out, 1)
        except ERRORS:
            continue


def spinning_cpus():
    """[(cpu, GDB thread number, lock)] for the CPUs stopped inside spin_lock."""
    result = []
    regs = cpu_registers()
    index = {}
    try:
        cpus, n = cpu_array()
        index = {int(cpus[i].address): i for i in range(n)}
    except ERRORS:
        pass
    try:
        old_thread, old_frame = gdb.selected_thread(), gdb.selected_frame()
    except ERRORS:
        return result
    try:
        for base, (thread, _) in regs.items():
            thread.switch()
            frame, depth = gdb.newest_frame(), 0
            while frame is not None and depth < 4:
                if frame.name() == "spin_lock":
                    try:
                        lock = frame.read_var("lock")
                        what = "'%s' at %#x" % (c_string(lock["name"]), int(lock))
                    except ERRORS:
                        what = "a lock (its address was optimized out)"
                    result.append((index.get(base, "?"), thread.num, what))
                    break
                frame, depth = frame.older(), depth + 1
    except ERRORS:
        pass
    finally:
        try:
            old_thread.switch()
            old_frame.select()
        except ERRORS:
            pass
    return result


class OsLocks(OsCommand):
    """List the spinlocks that are held, with the CPU holding each and where it took it.

A struct spinlock (kernel/spinlock.h) records its holder's CPU and the
return address of spin_lock's caller. The locks checked are every
global or static struct spinlock variable (found through the debug
information), each CPU's run-queue lock, and the locks inside each
process and the structs it points at (its mm, files, fs, signal
handlers, wait queues). Locks in other dynamic objects (pipes, inodes,
terminals) are not reached. Each CPU's irq_off_depth follows: a CPU
holding N locks has a depth of at least N. Last, the CPUs that are
inside spin_lock, waiting for a lock (or just about to take it)."""

    def __init__(self):
        super().__init__("os-locks")

    def show(self, arg):
        locks, errors = [], []
        try:
            global_spinlocks(locks)
        except ERRORS as e:
            errors.append("global locks: %s" % e)
        try:
            cpus, n = cpu_array()
            for i in range(n):
                embedded_spinlocks(cpus[i], "cpus[%d]" % i, locks)
        except ERRORS as e:
            errors.append("cpus: %s" % e)
        try:
            for p in entries(gdb.parse_and_eval("all_processes"), "process", "all_node", errors):
                try:
                    pointed_spinlocks(p, "process %d" % int(p["pid"]), locks)
                except ERRORS as e:
                    errors.append("process at %#x: %s" % (int(p.address), e))
        except ERRORS as e:
            errors.append("all_processes: %s" % e)
        seen, held = set(), 0
        for path, lock in locks:
            try:
                addr = int(lock.address)
                if addr in seen:
                    continue
                seen.add(addr)
                if not int(lock["locked"]):
                    continue
                held += 1
                cpu, pc = int(lock["cpu"]), int(lock["pc"])
                owner = ""
                try:
                    cpus, n = cpu_array()
                    if 0 <= cpu < n:
                        owner = " (running %s)" % task_label(task_pointer(cpus[cpu]["current_task"]))
                except ERRORS:
                    pass
                print("held: '%s' %s at %#x, by CPU %d%s, taken at %s" % (
                    c_string(lock["name"]), path, addr, cpu, owner, symbol_at(pc)))
            except ERRORS as e:
                errors.append("%s: %s" % (path, e))
        print("%d of %d spinlocks held" % (held, len(seen)))
        for cpu, thread, lock in spinning_cpus():
            print("cpu %s (thread %d) is spinning in spin_lock for %s" % (cpu, thread, lock))
        try:
            cpus, n = cpu_array()
            print("irq_off_depth: " + ", ".join("cpu %d %d" % (i, int(cpus[i]["irq_off_depth"]))
                                                for i in range(n)))
        except ERRORS:
            pass
        for e in errors:
            print("os-locks: %s" % e)


# ---- os-user ----

loaded_user_file = None


def build_dir():
    """The build directory: where the kernel ELF GDB debugs lives."""
    for objfile in gdb.objfiles():
        if objfile.filename and os.path.basename(objfile.filename).startswith("kernel"):
            return os.path.dirname(objfile.filename)
    return os.path.abspath("build")


def user_program_file(program):
    """The host file with PROGRAM's symbols: its build/user/bin copy (with
    debug information) first, then build/rootfs (stripped of it), then
    PROGRAM as a host path."""
    build = build_dir()
    candidates = [os.path.join(build, "user", "bin", os.path.basename(program)),
                  os.path.join(build, "rootfs", program.lstrip("/")),
                  program]
    for c in candidates:
        if os.path.isfile(c):
            return c
    raise gdb.error("%s: not found (looked at %s)" % (program, ", ".join(candidates)))


class OsUser(OsCommand):
    """Load the symbols of a user program so its code can be debugged.

PROGRAM is its path in the guest (/bin/sh) or a host file. User programs
are static ELF executables linked at fixed addresses (0x400000 up), so
their symbols need no offset: this is add-symbol-file of the copy in
build/user/bin, which has the debug information (the initrd's is
stripped). Only one program's symbols are loaded at a time: every
program uses the same addresses, and loading another replaces the last.

Breakpoints are by address, and every process's code lives at the same
addresses, so a breakpoint in the program fires in any process that
runs code there: make it conditional on the running task,
    break main if $_streq($os_comm(), "sh")
Under TCG any breakpoint works; under KVM use hbreak for user code.
Usage: os-user PROGRAM"""

    def __init__(self):
        super().__init__("os-user", gdb.COMPLETE_FILENAME)

    def show(self, arg):
        global loaded_user_file
        words = gdb.string_to_argv(arg)
        if len(words) != 1:
            print("usage: os-user PROGRAM   (e.g. os-user /bin/sh)")
            return
        path = user_program_file(words[0])
        if loaded_user_file is not None:
            try:
                gdb.execute("remove-symbol-file %s" % loaded_user_file, to_string=True)
            except ERRORS:
                pass
            loaded_user_file = None
        confirm = gdb.parameter("confirm")
        gdb.execute("set confirm off")
        try:
            gdb.execute("add-symbol-file %s" % path, to_string=True)
        finally:
            gdb.execute("set confirm %s" % ("on" if confirm else "off"))
        loaded_user_file = path
        try:
            entry = gdb.parse_and_eval("&main")
            print("loaded symbols of %s from %s; main at %#x" % (words[0], path, int(entry)))
        except ERRORS:
            print("loaded symbols of %s from %s" % (words[0], path))


# ---- convenience functions ----

class OsComm(gdb.Function):
    """$os_comm(): name (comm) of the task running on the selected CPU, "" if unknown."""

    def __init__(self):
        super().__init__("os_comm")

    def invoke(self):
        try:
            cpu = current_cpu()
            if cpu is not None and task_pointer(cpu["current_task"]):
                return c_string(cpu["current_task"]["comm"])
        except ERRORS:
            pass
        return ""


class OsPid(gdb.Function):
    """$os_pid(): process id of the task running on the selected CPU, -1 if unknown (0: kernel thread)."""

    def __init__(self):
        super().__init__("os_pid")

    def invoke(self):
        try:
            cpu = current_cpu()
            if cpu is not None and task_pointer(cpu["current_task"]):
                t = cpu["current_task"].dereference()
                return int(t["proc"]["pid"]) if t["proc"] else 0
        except ERRORS:
            pass
        return -1


OsPs()
OsCpus()
OsBt()
OsVm()
OsLocks()
OsUser()
OsComm()
OsPid()
