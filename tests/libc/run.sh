#!/bin/sh
# run.sh: the libc tests. Every tests/libc/*_test.c is built twice,
# with tools/oscc against this project's libc ("ours") and with the
# host's cc against its own C library ("glibc"), and both run here on
# the host: the glibc run shows that the tests expect what Linux users
# know, the other that our libc delivers it.
#
# OpenMP tests (tests/libc/omp_*_test.c) are built with -fopenmp: the
# host's compiler then links its libgomp, oscc links our libomp.a.
#
# Prints "PASS libc/<test>/<ours|glibc>" or "FAIL ..." (with the failing
# checks or the build errors below it) per program, then
# "N passed, N failed". Exits non-zero if anything failed.
#
# Environment: BUILD (default build), CC (compiler for libc and "ours",
# default gcc), HOST_CC (default cc), TEST_CFLAGS, TIMEOUT (seconds per
# program, default 120), TESTS (names to run, default all).
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1

BUILD=${BUILD:-build}
CC=${CC:-gcc}
HOST_CC=${HOST_CC:-cc}
TEST_CFLAGS=${TEST_CFLAGS:--O2 -g -Wall -Wextra}
TIMEOUT=${TIMEOUT:-120}
case $BUILD in
/*) build_dir=$BUILD ;;
*) build_dir=$root/$BUILD ;;
esac
out=$build_dir/tests/libc
passed=0
failed=0

report() { # report STATUS NAME [LOG]
	echo "$1 $2"
	if [ "$1" = PASS ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		[ -n "${3:-}" ] && sed 's/^/    /' "$3" | head -n 40
	fi
}

mkdir -p "$out/ours" "$out/glibc"
if ! make -s -f libc/libc.mk libc BUILD="$BUILD" CC="$CC" >"$out/libc-build.log" 2>&1; then
	report FAIL libc/build "$out/libc-build.log"
	echo "$passed passed, $failed failed"
	exit 1
fi

# build KIND SRC BIN: compile one test program
build() {
	flags=$TEST_CFLAGS
	case $(basename "$2") in
	omp_*) flags="$flags -fopenmp" ;;
	esac
	if [ "$1" = ours ]; then
		# shellcheck disable=SC2086 # flags is a word list
		OSCC_BUILD="$build_dir" OSCC_CC="$CC" tools/oscc $flags -o "$3" "$2"
	else
		# shellcheck disable=SC2086
		"$HOST_CC" $flags -o "$3" "$2"
	fi
}

# run BIN LOG: run a test in a fresh scratch directory; status 0 if it
# exited 0, printed at least one PASS and no FAIL.
run() {
	scratch=$(mktemp -d "${TMPDIR:-/tmp}/libc-test.XXXXXX")
	(cd "$scratch" && TMPDIR=$scratch timeout "$TIMEOUT" "$1" </dev/null >"$2" 2>&1)
	status=$?
	rm -rf "$scratch"
	if [ $status -ne 0 ]; then
		echo "(exit status $status)" >>"$2"
		return 1
	fi
	grep -q '^PASS ' "$2" && ! grep -q '^FAIL ' "$2"
}

for src in tests/libc/*_test.c; do
	name=$(basename "$src" _test.c)
	if [ -n "${TESTS:-}" ] && ! echo " $TESTS " | grep -q " $name "; then
		continue
	fi
	for kind in ours glibc; do
		bin=$out/$kind/${name}_test
		if ! build "$kind" "$src" "$bin" >"$bin.build.log" 2>&1; then
			report FAIL "libc/$name/$kind" "$bin.build.log"
		elif run "$bin" "$bin.log"; then
			report PASS "libc/$name/$kind"
		else
			grep -v '^PASS ' "$bin.log" >"$bin.fail.log"
			report FAIL "libc/$name/$kind" "$bin.fail.log"
		fi
	done
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
