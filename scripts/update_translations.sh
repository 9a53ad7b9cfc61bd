#!/usr/bin/env bash
# Regenerate the translation sources from the UI code and compile them.
#
#   scripts/update_translations.sh            # lupdate app/ui -> resources/translations/*.ts, then lrelease -> .qm
#   scripts/update_translations.sh --prune    # same, but drop strings no longer found in the code
#
# lupdate merges: existing translations are kept, new strings are added as "unfinished", and strings that left the
# code stay in the .ts as "vanished" (so a translation comes back if the string does) unless --prune is given.
# lrelease is run with -nounfinished, so a translation lupdate guessed for a changed string (which may have lost a
# {placeholder}) is not shipped until someone reviews it in Linguist or removes type="unfinished".
# Both the .ts and the compiled .qm are committed: users and packagers need no Qt tools.
# Tools: $LUPDATE / $LRELEASE, else pyside6-lupdate / pyside6-lrelease on PATH, else next to $PYTHON (python3).
set -euo pipefail

cd "$(dirname "$0")/.."

prune=()
case "${1:-}" in
    --prune) prune=(-no-obsolete) ;;
    "") ;;
    *) echo "usage: $0 [--prune]" >&2; exit 2 ;;
esac

find_tool() {  # $1 = tool name; prints its path
    if command -v "$1" >/dev/null 2>&1; then
        command -v "$1"
        return
    fi
    local bindir
    bindir="$("${PYTHON:-python3}" -c 'import os, sys; print(os.path.dirname(sys.executable))')"
    if [[ -x "$bindir/$1" ]]; then
        echo "$bindir/$1"
        return
    fi
    echo "error: $1 not found (install PySide6-Essentials in the active environment)" >&2
    exit 1
}
lupdate="${LUPDATE:-$(find_tool pyside6-lupdate)}"
lrelease="${LRELEASE:-$(find_tool pyside6-lrelease)}"

dir=resources/translations
# One .ts per target language; English is the source language and has none.
shopt -s nullglob
ts_files=("$dir"/fieldsafe_*.ts)
if [[ ${#ts_files[@]} -eq 0 ]]; then
    ts_files=("$dir/fieldsafe_zh_CN.ts")
fi

# Every Python file under app/ui (subpackages too), listed explicitly: lupdate's own directory scan ignores .py
# files even with -extensions py. Sorted so the .ts does not churn with filesystem order.
mapfile -t sources < <(find app/ui -name '*.py' -not -path '*/__pycache__/*' | LC_ALL=C sort)
if [[ ${#sources[@]} -eq 0 ]]; then
    echo "error: no Python sources under app/ui" >&2
    exit 1
fi

for ts in "${ts_files[@]}"; do
    lang="${ts##*/fieldsafe_}"
    lang="${lang%.ts}"
    # Relative locations keep diffs small when code moves.
    "$lupdate" "${sources[@]}" -source-language en -target-language "$lang" \
        -locations relative "${prune[@]}" -ts "$ts"
    "$lrelease" -nounfinished "$ts" -qm "${ts%.ts}.qm"
done
