#!/bin/sh
# The test runner of `make check`.
#
#   tests/run.sh [-u] [-k PATTERN] [VARIANT...]
#
# Runs, for each build variant (rel: bin/ and build/rel/tests; san: the
# AddressSanitizer/UBSan build under build/san), every unit test binary and
# every CLI test, then the documentation checks. A CLI test is a script
# tests/cli/NAME.sh run with the variant's programs first in PATH, from an
# empty temporary directory (but for a link testdata to testdata/, also
# named by $TESTDATA); its
# standard output, standard error and exit status must equal NAME.stdout,
# NAME.stderr and NAME.exit byte for byte. -u rewrites those files from
# the current behaviour (review the diff before committing). -k runs only
# the CLI tests whose name contains PATTERN.
# The last line is "N passed, N failed".

set -u
top=$(cd "$(dirname "$0")/.." && pwd)
update=0
pattern=
while [ $# -gt 0 ]; do
	case $1 in
	-u) update=1; shift ;;
	-k) pattern=$2; shift 2 ;;
	*) break ;;
	esac
done
variants=${*:-"rel san"}

passed=0
failed=0
failures=

pass() { passed=$((passed + ${1:-1})); }
fail() { failed=$((failed + 1)); failures="$failures
  $1"; }

run_units() {	# variant
	dir=$top/build/$1/tests
	[ -d "$dir" ] || { fail "$1: no unit tests built in $dir"; return; }
	for t in "$dir"/test_*; do
		[ -x "$t" ] || continue
		name=$(basename "$t")
		out=$("$t" 2>&1)
		rc=$?
		line=$(printf '%s\n' "$out" | grep '^# [0-9]* passed, [0-9]* failed' | tail -n 1)
		p=$(echo "$line" | sed 's/^# \([0-9]*\) passed.*/\1/')
		f=$(echo "$line" | sed 's/.* passed, \([0-9]*\) failed/\1/')
		if [ -z "$line" ]; then
			fail "$1 unit $name: crashed or printed no summary (exit $rc)"
			printf '%s\n' "$out" | tail -n 20 | sed 's/^/    /'
			continue
		fi
		pass "$p"
		if [ "$f" != 0 ] || [ $rc -ne 0 ]; then
			printf '%s\n' "$out" | grep -v '^# ' | sed 's/^/    /'
			i=0
			while [ $i -lt "${f:-1}" ]; do fail "$1 unit $name"; i=$((i + 1)); done
			[ "$f" = 0 ] && fail "$1 unit $name: exit $rc"
		fi
	done
}

run_cli() {	# variant bindir
	for script in "$top"/tests/cli/*.sh; do
		[ -f "$script" ] || continue
		name=$(basename "$script" .sh)
		case $name in *"$pattern"*) ;; *) continue ;; esac
		base=${script%.sh}
		work=$(mktemp -d "${TMPDIR:-/tmp}/scrm-cli.XXXXXX")
		# file names in messages must not depend on where the clone is
		ln -s "$top/testdata" "$work/testdata"
		(cd "$work" && PATH="$2:$PATH" TESTDATA=testdata TOP="$top" \
			LC_ALL=C.UTF-8 TZ=Asia/Shanghai timeout 600 sh "$script" >"$work.stdout" 2>"$work.stderr")
		echo $? >"$work.exit"
		if [ $update -eq 1 ] && [ "$1" = rel ]; then
			cp "$work.stdout" "$base.stdout"
			cp "$work.stderr" "$base.stderr"
			cp "$work.exit" "$base.exit"
		fi
		ok=1
		for s in stdout stderr exit; do
			if ! cmp -s "$work.$s" "$base.$s"; then
				ok=0
				echo "--- $1 cli $name: $s differs"
				diff "$base.$s" "$work.$s" 2>&1 | head -n 20 | sed 's/^/    /'
			fi
		done
		if [ $ok -eq 1 ]; then pass; else fail "$1 cli $name"; fi
		rm -rf "$work" "$work.stdout" "$work.stderr" "$work.exit"
	done
}

for v in $variants; do
	if [ "$v" = rel ]; then bindir=$top/bin; else bindir=$top/build/$v/bin; fi
	[ -d "$bindir" ] || { echo "skipping variant $v: $bindir not built"; continue; }
	run_units "$v"
	run_cli "$v" "$bindir"
done

# Documentation: man pages lint clean, generated parts current, options covered.
if [ -z "$pattern" ]; then
	if command -v mandoc >/dev/null 2>&1; then
		for m in "$top"/man/*.[17]; do
			[ -f "$m" ] || continue
			out=$(mandoc -Tlint -Wwarning "$m" 2>&1)
			if [ -z "$out" ]; then pass; else
				fail "mandoc -Tlint $(basename "$m")"; echo "$out" | sed 's/^/    /'; fi
		done
	else
		fail "mandoc is not installed (scripts/install-deps.sh installs it)"
	fi
	if sh "$top/scripts/gen-man.sh" --check >/dev/null 2>&1; then pass; else
		fail "man pages out of date with the option tables: run make man"; fi
	for p in "$top"/bin/*; do
		[ -x "$p" ] || continue
		tool=$(basename "$p")
		for opt in $("$p" --dump-options=list); do
			ok=1
			"$p" --help | grep -q -- "--$opt" || ok=0
			grep -q -- "Fl \\\\-$opt" "$top/man/$tool.1" 2>/dev/null || ok=0
			grep -rq -- "--$opt" "$top/tests/cli" 2>/dev/null || ok=0
			if [ $ok -eq 1 ]; then pass; else
				fail "$tool --$opt: not in --help, the man page and a CLI test"; fi
		done
	done
fi

[ -n "$failures" ] && printf 'failures:%s\n' "$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
