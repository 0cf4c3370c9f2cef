#!/bin/sh
# deps.sh MODE: check that the host has the tools the Makefile needs.
#
#   tools/deps.sh build   compiler, GNU ld, python3, and what makes the ISO
#   tools/deps.sh run     the same, plus QEMU and GDB (make run/debug/test)
#
# The Makefile calls this often, so it is silent and quick when all is
# well. A missing tool is installed with apt-get when we run as root on
# Debian/Ubuntu; otherwise we print the apt-get command to run and stop.
# A tool that is present but too old is reported with the version found.
# The package names are Debian's (see DESIGN.md, "Dependencies").

mode=${1:-}
case $mode in
build|run) ;;
*) echo "usage: $0 build|run" >&2; exit 2 ;;
esac

# Oldest versions we support: gcc 10 and clang 11 are Debian 11's
# compilers; binutils 2.35 is Debian 11's (the Makefile passes
# --no-warn-rwx-segments only to an ld that knows it).
GCC_MIN=10
CLANG_MIN=11
LD_MIN=2.35
QEMU_MIN=5.0
GDB_MIN=9

# The compiler the Makefile will use: $(CROSS)$(CC), gcc by default.
# Plain "cc" is gcc on Debian, so anything not named clang counts as gcc.
cc=${CROSS:-}${CC:-gcc}
case $cc in
*clang*) cc_pkg=clang cc_min=$CLANG_MIN ;;
*)       cc_pkg=gcc   cc_min=$GCC_MIN ;;
esac
ld=${CROSS:-}ld

missing=""   # Debian packages to install
problems=""  # one line per tool that is too old or unusable: nothing to install

need_pkg() {
	case " $missing " in
	*" $1 "*) ;;
	*) missing="${missing:+$missing }$1" ;;
	esac
}

have() {
	command -v "$1" >/dev/null 2>&1
}

# version_ge FOUND MIN: true when dotted version FOUND >= MIN ("12.2.0" >= "10")
version_ge() {
	found=$1 min=$2
	while [ -n "$min" ]; do
		f=${found%%.*} m=${min%%.*}
		f=${f:-0}
		[ "$f" -gt "$m" ] && return 0
		[ "$f" -lt "$m" ] && return 1
		case $found in *.*) found=${found#*.} ;; *) found="" ;; esac
		case $min in *.*) min=${min#*.} ;; *) min="" ;; esac
	done
	return 0
}

problem() {
	problems="$problems$1
"
}

# check_version TOOL FOUND MIN: note TOOL if version FOUND is older than MIN
check_version() {
	v=${2%%[!0-9.]*}     # "2.40-9.fc39" -> "2.40"
	case $v in
	[0-9]*) version_ge "$v" "$3" || problem "$1 $2 is too old; need $1 >= $3" ;;
	*) problem "$1: cannot tell its version (need >= $3)" ;;
	esac
}

# first "N.N..." number on the first line of COMMAND's output
first_version() {
	"$@" 2>/dev/null | sed -n '1{s/[^0-9]*\([0-9][0-9.]*[0-9]\).*/\1/p;q;}'
}

check_build() {
	if have "${cc%% *}"; then
		check_version "$cc" "$($cc -dumpversion 2>/dev/null)" "$cc_min"
	else
		need_pkg "$cc_pkg"
	fi
	if ! have "$ld"; then
		need_pkg binutils
	elif ! "$ld" --version 2>/dev/null | grep -q '^GNU ld'; then
		problem "$ld is not GNU ld (binutils); the Makefile needs GNU ld"
	else
		# "GNU ld (GNU Binutils for Debian) 2.40": the version is the last word
		check_version "GNU ld" "$("$ld" --version | sed -n '1s/.* //p')" "$LD_MIN"
	fi
	have make || need_pkg make
	have python3 || need_pkg python3
	have grub-mkrescue || need_pkg grub-common
	# grub-mkrescue without grub-pc-bin still writes an ISO, but one that
	# BIOS machines (our QEMU) cannot boot
	[ -d /usr/lib/grub/i386-pc ] || need_pkg grub-pc-bin
	have xorriso || need_pkg xorriso
	have mformat || need_pkg mtools
}

check_run() {
	if have qemu-system-x86_64; then
		check_version qemu-system-x86_64 "$(first_version qemu-system-x86_64 --version)" "$QEMU_MIN"
	else
		need_pkg qemu-system-x86
	fi
	if have gdb; then
		# asking GDB's Python for the version also proves GDB has Python,
		# which tools/gdb/kernel.py needs (gdb-minimal has none)
		v=$(gdb -nx -batch -ex 'python print(gdb.VERSION)' 2>/dev/null | sed -n '1p')
		case $v in
		[0-9]*) check_version gdb "$v" "$GDB_MIN" ;;
		*) problem "gdb has no Python support; tools/gdb/kernel.py needs the full gdb package" ;;
		esac
	else
		need_pkg gdb
	fi
}

check_all() {
	missing="" problems=""
	check_build
	[ "$mode" = run ] && check_run
	return 0
}

# apt_install PKG...: install as root, quietly; show apt's log if it fails
apt_install() {
	log=$(mktemp "${TMPDIR:-/tmp}/deps.XXXXXX")
	echo "deps.sh: installing $*" >&2
	export DEBIAN_FRONTEND=noninteractive
	# a fresh machine or container often has no package lists yet
	if ! apt-get install -y -q "$@" >"$log" 2>&1; then
		apt-get update -q >>"$log" 2>&1
		if ! apt-get install -y -q "$@" >>"$log" 2>&1; then
			cat "$log" >&2
			rm -f "$log"
			return 1
		fi
	fi
	rm -f "$log"
}

check_all
if [ -n "$missing" ] && [ "$(id -u)" = 0 ] && have apt-get; then
	# shellcheck disable=SC2086 # one word per package
	apt_install $missing && check_all
fi
status=0
if [ -n "$problems" ]; then
	printf '%s' "$problems" | sed 's/^/deps.sh: /' >&2
	status=1
fi
if [ -n "$missing" ]; then
	sudo="sudo "
	[ "$(id -u)" = 0 ] && sudo=""
	echo "deps.sh: missing host tools; install them with (Debian/Ubuntu package names):" >&2
	echo "  ${sudo}apt-get install -y $missing" >&2
	status=1
fi
exit $status
