#!/usr/bin/env python3
"""ksyms.py: the kernel's symbol table for backtraces.

  nm -n kernel.stage1.elf | ksyms.py -      > ksyms.S   (the table)
  ksyms.py /dev/null                         > ksyms0.S  (an empty one)
  ksyms.py --check stage1.elf final.elf      (text did not move)

The table is assembled into the .ksyms section that kernel/ksyms.c
searches: sorted addresses, and for each an offset into a string blob.
"""
import os
import subprocess
import sys


def text_symbols(lines):
    syms = []
    for line in lines:
        parts = line.split()
        if len(parts) != 3 or parts[1] not in "tTwW":
            continue
        addr = int(parts[0], 16)
        if addr < 0xFFFFFFFF80000000:
            continue  # the 32-bit boot code is not in the table
        syms.append((addr, parts[2]))
    return syms


def emit(syms):
    out = ['    .section .ksyms, "a"', "    .balign 8",
           "    .global ksym_count, ksym_addrs, ksym_offsets, ksym_strings",
           "ksym_count: .quad %d" % len(syms), "ksym_addrs:"]
    out += ["    .quad 0x%x" % a for a, _ in syms]
    out.append("ksym_offsets:")
    pos = 0
    for _, name in syms:
        out.append("    .long %d" % pos)
        pos += len(name) + 1
    out.append("ksym_strings:")
    out += ['    .asciz "%s"' % n for _, n in syms]
    out.append("    .byte 0")
    out.append('    .section .note.GNU-stack, "", @progbits')
    print("\n".join(out))


def nm(path):
    nm_tool = os.environ.get("NM", "nm")  # the Makefile passes $(CROSS)nm
    res = subprocess.run([nm_tool, "-n", path], capture_output=True, text=True, check=True)
    return text_symbols(res.stdout.splitlines())


def main():
    if sys.argv[1] == "--check":
        a, b = nm(sys.argv[2]), nm(sys.argv[3])
        if a != b:
            sys.exit("ksyms: text addresses moved between the two links; "
                     "is .ksyms still placed after .text in kernel.ld?")
        return
    src = sys.stdin if sys.argv[1] == "-" else open(sys.argv[1])
    emit(text_symbols(src.read().splitlines()))


if __name__ == "__main__":
    main()
