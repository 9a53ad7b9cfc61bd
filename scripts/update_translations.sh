#!/usr/bin/env bash
# Regenerate the translation sources from the UI code and compile them.
#
#   scripts/update_translations.sh            # lupdate app/ui -> resources/translations/*.ts, then lrelease -> .qm
#   scripts/update_translations.sh --prune    # same, but drop strings no longer found in the code
#   PYTHON=/path/to/venv/bin/python scripts/update_translations.sh   # use that environment's PySide6 tools
#
# Source strings are English, in the code (`self.tr("Enterprises")`, `QCoreApplication.translate("Ctx", "...")`);
# each target language has one resources/translations/fieldsafe_<lang>.ts holding its translations.
# lupdate merges: existing translations are kept, new strings are added as "unfinished", and strings that left the
# code stay in the .ts as "vanished" (so a translation comes back if the string does) unless --prune is given.
# lrelease is run with -nounfinished, so a translation lupdate guessed for a changed string (which may have lost a
# {placeholder}) is not shipped until someone reviews it in Linguist or removes type="unfinished"; vanished
# strings are never compiled.
# Both the .ts and the compiled .qm are committed: users and packagers need no Qt tools.
# Tools: $LUPDATE / $LRELEASE; else pyside6-lupdate / pyside6-lrelease next to $PYTHON when it is set; else on PATH;
# else next to python3.
set -euo pipefail

cd "$(dirname "$0")/.."

prune=""
case "${1:-}" in
    --prune) prune="-no-obsolete" ;;
    "") ;;
    *) echo "usage: $0 [--prune]" >&2; exit 2 ;;
esac

bindir_of() {  # $1 = python executable; prints the directory its console scripts live in
    "$1" -c 'import os, sys; print(os.path.dirname(sys.executable))'
}

find_tool() {  # $1 = tool name; prints its path
    local bindir
    if [[ -n "${PYTHON:-}" ]]; then
        bindir="$(bindir_of "$PYTHON")"
        if [[ -x "$bindir/$1" ]]; then
            echo "$bindir/$1"
            return
        fi
    fi
    if command -v "$1" >/dev/null 2>&1; then
        command -v "$1"
        return
    fi
    if command -v python3 >/dev/null 2>&1; then
        bindir="$(bindir_of python3)"
        if [[ -x "$bindir/$1" ]]; then
            echo "$bindir/$1"
            return
        fi
    fi
    echo "error: $1 not found (install PySide6-Essentials, or set PYTHON to a venv's python)" >&2
    return 1
}
lupdate="${LUPDATE:-$(find_tool pyside6-lupdate)}"
lrelease="${LRELEASE:-$(find_tool pyside6-lrelease)}"

dir=resources/translations
# One .ts per target language; English is the source language and has none.
ts_files=()
for ts in "$dir"/fieldsafe_*.ts; do
    [[ -e "$ts" ]] && ts_files+=("$ts")
done
if [[ ${#ts_files[@]} -eq 0 ]]; then
    ts_files=("$dir/fieldsafe_zh_CN.ts")
fi

# Every Python file under app/ui (subpackages too), listed explicitly: lupdate's own directory scan ignores .py
# files even with -extensions py. Sorted so the .ts does not churn with filesystem order. (A while-read loop rather
# than mapfile, so macOS's bash 3.2 runs this too.)
sources=()
while IFS= read -r file; do
    sources+=("$file")
done < <(find app/ui -name '*.py' -not -path '*/__pycache__/*' | LC_ALL=C sort)
if [[ ${#sources[@]} -eq 0 ]]; then
    echo "error: no Python sources under app/ui" >&2
    exit 1
fi

for ts in "${ts_files[@]}"; do
    lang="${ts##*/fieldsafe_}"
    lang="${lang%.ts}"
    # Relative locations keep diffs small when code moves. $prune is unquoted on purpose: empty means no argument.
    # shellcheck disable=SC2086
    "$lupdate" "${sources[@]}" -source-language en -target-language "$lang" -locations relative $prune -ts "$ts"
    "$lrelease" -nounfinished "$ts" -qm "${ts%.ts}.qm"
done
