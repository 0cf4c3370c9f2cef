#!/bin/sh
# tests/user/run-linux.sh: build the user test programs for this Linux host
# and run them here (this is `make test-linux`). The same sources run on
# our kernel from /test; passing here shows that they test the semantics
# Linux has, not our own idea of them.
#
#   tests/user/run-linux.sh           build with the host's cc and libc
#   tests/user/run-linux.sh --oscc    build with tools/oscc (our libc)
#
# Environment: BUILD (default build), CC (default cc), OSCC (the wrapper
# for --oscc, default tools/oscc or $BUILD/bin/oscc), TIMEOUT seconds per
# program (default 300).
#
# The user programs (user/sh.c, user/coreutils/*.c) are built the same way
# into $outdir/bin and put first on PATH, with SH pointing at our shell,
# so shell_test exercises our shell and tools here as on our kernel.
#
# Output: every PASS/FAIL line of every program, a FAIL line for a program
# that crashed or exited non-zero without saying why, then
# "N passed, N failed". Lines starting with "#" are information only.
# Exit status 0 only if nothing failed.

set -u
cd "$(dirname "$0")/../.." || exit 2

BUILD=${BUILD:-build}
TIMEOUT=${TIMEOUT:-300}
mode=host
if [ "${1:-}" = "--oscc" ]; then
	mode=oscc
fi

if [ $mode = oscc ]; then
	if [ ! -f "$BUILD/libc/libc.a" ] && [ -f libc/libc.mk ]; then
		make -s -f libc/libc.mk libc BUILD="$BUILD" || exit 2
	fi
	if [ -n "${OSCC:-}" ]; then
		compiler="$OSCC"
	elif [ -x tools/oscc ]; then
		compiler="tools/oscc"
	elif [ -x "$BUILD/bin/oscc" ]; then
		compiler="$BUILD/bin/oscc"
	else
		echo "run-linux.sh: no tools/oscc or $BUILD/bin/oscc (is libc/ built?)" >&2
		exit 2
	fi
	outdir="$BUILD/test-linux-oscc"
else
	compiler="${CC:-cc}"
	outdir="$BUILD/test-linux"
fi
mkdir -p "$outdir" || exit 2
outdir=$(cd "$outdir" && pwd)  # absolute: exec_test re-executes argv[0]

passed=0
failed=0
log="$outdir/results.txt"
: > "$log"

# Build one program; a build failure counts as a failed check. Every
# test may use threads (glibc wants -pthread); the OpenMP tests, named
# omp_* or *_omp_* as in user/user.mk, also need -fopenmp.
build_one() {
	name=$1
	extra=-pthread
	case $name in
	omp_* | *_omp_*) extra="$extra -fopenmp" ;;
	esac
	# shellcheck disable=SC2086 # extra is a word list on purpose
	if ! $compiler -std=gnu11 -O2 -Wall -Wextra $extra -o "$outdir/$name" \
		"tests/user/$name.c" 2> "$outdir/$name.build.log"; then
		echo "FAIL $name/build: see $outdir/$name.build.log" | tee -a "$log"
		cat "$outdir/$name.build.log"
		return 1
	fi
	return 0
}

# Run one program; its lines go to the screen and to the log.
run_one() {
	name=$1
	out="$outdir/$name.out"
	if command -v timeout > /dev/null; then
		PATH="$test_path" SH="$outdir/bin/sh" \
			timeout "$TIMEOUT" "$outdir/$name" > "$out" 2>&1
	else
		PATH="$test_path" SH="$outdir/bin/sh" \
			"$outdir/$name" > "$out" 2>&1
	fi
	status=$?
	cat "$out"
	cat "$out" >> "$log"
	if [ $status -ne 0 ] && ! grep -q "^FAIL" "$out"; then
		echo "FAIL $name/exit: exit status $status without a FAIL line" |
			tee -a "$log"
	fi
}

# Build one user program (sh, a coreutil) into $outdir/bin. The shell
# is sh.c plus its parts, user/sh_*.c (as in user/user.mk).
build_tool() {
	src=$1
	name=$(basename "$src" .c)
	parts=
	[ "$name" = sh ] && parts=$(ls user/sh_*.c 2> /dev/null)
	# shellcheck disable=SC2086 # parts is a file list on purpose
	if ! $compiler -std=gnu11 -O2 -Wall -Wextra -o "$outdir/bin/$name" \
		"$src" $parts 2> "$outdir/bin/$name.build.log"; then
		echo "FAIL build/$name: see $outdir/bin/$name.build.log" | tee -a "$log"
		cat "$outdir/bin/$name.build.log"
	fi
}

mkdir -p "$outdir/bin"
for src in user/sh.c user/coreutils/*.c; do
	build_tool "$src"
done
test_path="$outdir/bin:$PATH"

for src in tests/user/*.c; do
	name=$(basename "$src" .c)
	if build_one "$name"; then
		run_one "$name"
	fi
done

passed=$(grep -c "^PASS" "$log")
failed=$(grep -c "^FAIL" "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
