#!/usr/bin/env python3
"""mkinitrd.py ROOTDIR OUT.cpio: pack a directory tree into a cpio archive.

The archive uses the "newc" format (the one Linux's initramfs reads and the
kernel's ramfs unpacks at boot). Each entry is:

    110-byte ASCII header: magic "070701" then 13 fields of 8 hex digits
        ino mode uid gid nlink mtime filesize devmajor devminor
        rdevmajor rdevminor namesize check
    the path name, NUL-terminated, padded with NULs so that
        header + name is a multiple of 4 bytes
    the file data (for a symlink: the link target), padded to 4 bytes

and the archive ends with an entry named "TRAILER!!!".

The output is reproducible: names are sorted, owner is root (uid/gid 0),
every mtime is the same fixed value, and inode numbers are assigned in
order. Modes keep the file type and permission bits from the host tree, so
executables stay executable and symlinks stay symlinks. Hard links are
stored as separate copies (nlink 1), which is what a ramfs wants anyway.

If OUT.cpio already holds exactly the bytes we would write, it is left
alone (mtime included), so make does not rebuild what depends on it.
"""

import os
import stat
import sys

MAGIC = b"070701"
FIXED_MTIME = 0  # 1970-01-01: makes two builds of the same tree identical


def pad4(length):
    """Number of NUL bytes needed to bring LENGTH up to a multiple of 4."""
    return (4 - length % 4) % 4


def header(ino, mode, nlink, filesize, namesize):
    """The 110-byte newc header for one entry."""
    fields = [
        ino, mode, 0, 0, nlink, FIXED_MTIME, filesize,
        0, 0,  # devmajor, devminor of the file system the file was on
        0, 0,  # rdevmajor, rdevminor: only for device nodes
        namesize, 0,  # check: only used by the "070702" crc format
    ]
    return MAGIC + b"".join(b"%08x" % f for f in fields)


def entry(ino, name, mode, data, nlink=1):
    """One complete archive member: header, padded name, padded data."""
    name_bytes = name.encode() + b"\0"
    out = header(ino, mode, nlink, len(data), len(name_bytes)) + name_bytes
    out += b"\0" * pad4(len(out))
    out += data + b"\0" * pad4(len(data))
    return out


def walk_sorted(root):
    """Every path under ROOT relative to it, sorted, parents before children."""
    paths = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        rel = os.path.relpath(dirpath, root)
        for name in dirnames + filenames:
            paths.append(os.path.normpath(os.path.join(rel, name)))
    # Sorting by path components keeps "a" before "a/b" before "a-b".
    return sorted(paths, key=lambda p: p.split(os.sep))


def member_for(root, rel, ino):
    """The archive member for the file ROOT/REL, or None for a skipped type."""
    full = os.path.join(root, rel)
    st = os.lstat(full)
    mode = stat.S_IFMT(st.st_mode) | stat.S_IMODE(st.st_mode)
    if stat.S_ISDIR(st.st_mode):
        return entry(ino, rel, mode, b"", nlink=2)
    if stat.S_ISLNK(st.st_mode):
        return entry(ino, rel, mode, os.readlink(full).encode())
    if stat.S_ISREG(st.st_mode):
        with open(full, "rb") as f:
            return entry(ino, rel, mode, f.read())
    print("mkinitrd: skipping %s (not a file, directory or symlink)" % full,
          file=sys.stderr)
    return None


def main(argv):
    if len(argv) != 3:
        print("usage: mkinitrd.py ROOTDIR OUT.cpio", file=sys.stderr)
        return 2
    root, out_path = argv[1], argv[2]
    if not os.path.isdir(root):
        print("mkinitrd: %s: not a directory" % root, file=sys.stderr)
        return 1
    chunks = []
    ino = 1
    for rel in walk_sorted(root):
        member = member_for(root, rel, ino)
        if member is not None:
            chunks.append(member)
            ino += 1
    chunks.append(entry(0, "TRAILER!!!", 0, b""))
    data = b"".join(chunks)
    if os.path.exists(out_path):
        with open(out_path, "rb") as f:
            if f.read() == data:
                return 0  # unchanged: keep the old file and its mtime
    tmp = out_path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, out_path)  # never leave a half-written archive behind
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
