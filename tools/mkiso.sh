#!/bin/sh
# mkiso.sh OUT.iso KERNEL.elf [CMDLINE] [INITRD]
# Build a BIOS-bootable GRUB ISO that boots KERNEL with CMDLINE and,
# if given, INITRD (a cpio archive) as a multiboot2 module.
set -e
out=$1 kernel=$2 cmdline=${3:-} initrd=${4:-}
root=$(dirname "$0")/..
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mkiso.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/iso/boot/grub"
cp "$kernel" "$tmp/iso/boot/kernel.elf"
# the kernel's symbols stay in the ELF (GDB and the symbol table want
# them); GRUB loads only the PT_LOAD segments
esc=$(printf '%s' "$cmdline" | sed 's/[&|\\]/\\&/g')
module=
if [ -n "$initrd" ]; then
	cp "$initrd" "$tmp/iso/boot/initrd.cpio"
	module="module2 /boot/initrd.cpio initrd"
fi
sed -e "s|@CMDLINE@|$esc|" -e "s|@MODULE@|$module|" "$root/iso/grub.cfg" > "$tmp/iso/boot/grub/grub.cfg"
grub-mkrescue -o "$out" "$tmp/iso" >"$tmp/log" 2>&1 || { cat "$tmp/log" >&2; exit 1; }
