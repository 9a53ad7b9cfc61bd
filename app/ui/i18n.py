"""Loading and switching UI translations.

English is the source language: every string in `app/ui` is written in English and wrapped in `self.tr()` /
`QCoreApplication.translate()`; Simplified Chinese comes from `resources/translations/fieldsafe_zh_CN.qm`, compiled
from the `.ts` by `scripts/update_translations.sh`. Choosing "en" therefore means "install no translator".

The language also drives `app.errors` (whose `UserError` messages carry both languages) and the default `QLocale`
(number and date formatting in Qt widgets), so one call here switches everything the user reads.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app import errors
from app.resources import resource_path

SOURCE_LANGUAGE = "en"
DEFAULT_LANGUAGE = "zh_CN"
CATALOG = "fieldsafe"

# Native names, so the language menu is readable whichever language is active.
_NATIVE_NAMES: dict[str, str] = {"zh_CN": "简体中文", "en": "English"}

# Translators we installed, so switching language removes exactly ours and nothing else. Python must hold a
# reference anyway: QCoreApplication.installTranslator does not take ownership, and a collected QTranslator would
# silently turn the UI back to English.
_installed: list[QTranslator] = []
# Language of the last install_translator() call; None while none was made (or after remove_translators()).
_current: str | None = None


_FIELD = re.compile(r"\{(\w+)\}")


def fill(template: str, **values: object) -> str:
    """A translated string with its {named} fields filled in, in one pass (a value holding "{x}" stays as it is).

    Named fields tell the translator what goes where ("{count} of {total}") and may move within the sentence; a field
    the translation lost is caught by tests/ui/test_fonts_i18n.py, one the code does not give raises KeyError.
    """
    return _FIELD.sub(lambda m: str(values[m.group(1)]), template)


def translations_dir() -> Path:
    return resource_path("translations")


def qm_path(language: str) -> Path:
    return translations_dir() / f"{CATALOG}_{normalize_language(language)}.qm"


def available_languages() -> dict[str, str]:
    """Language codes the UI can show, mapped to their native names; the source language first.

    A language counts only when its compiled catalog ships, so a `.ts` without `.qm` is never offered.
    """
    found = {SOURCE_LANGUAGE: _NATIVE_NAMES[SOURCE_LANGUAGE]}
    prefix = CATALOG + "_"
    for qm in sorted(translations_dir().glob(f"{prefix}*.qm")):
        code = qm.stem[len(prefix) :]
        found[code] = _NATIVE_NAMES.get(code) or QLocale(code).nativeLanguageName() or code
    return found


def normalize_language(language: str) -> str:
    """Map spellings such as "zh", "zh-CN", "zh_Hans_CN", "en_US" to a code of `available_languages()`.

    Raises ValueError for a language we have no catalog for, so a typo in settings is not silently English.
    """
    tag = language.strip().replace("-", "_")
    codes = available_languages()
    for code in codes:
        if tag.lower() == code.lower():
            return code
    primary = tag.split("_", 1)[0].lower()
    # Only one catalog per primary language ships, so "zh_Hans" or "zh_SG" can safely mean zh_CN.
    matches = [code for code in codes if code.split("_", 1)[0].lower() == primary]
    if len(matches) == 1:
        return matches[0]
    raise ValueError(f"no translation for language {language!r}; available: {', '.join(codes)}")


def default_language() -> str:
    """The language `FIELDSAFE_LANG` asks for ("zh", "zh_CN", "en", "en_US", ...), else zh_CN.

    Follows the rule `app.errors` applies to the same variable, so UI and error messages agree on start-up: a value
    we have no catalog for still means English when it starts with "en" and Chinese otherwise; it must not stop the
    app from starting.
    """
    env = os.environ.get("FIELDSAFE_LANG", "").strip()
    if not env:
        return DEFAULT_LANGUAGE
    try:
        return normalize_language(env)
    except ValueError:
        return SOURCE_LANGUAGE if env.lower().startswith("en") else DEFAULT_LANGUAGE


def _qt_catalog(language: str) -> Path | None:
    """Qt's own catalog (standard buttons such as OK/Cancel, QFileDialog, context menus of line edits).

    PySide6 wheels ship it under QLibraryInfo's TranslationsPath; a frozen build may instead copy it next to ours.
    """
    name = f"qtbase_{language}.qm"
    for folder in (Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), translations_dir()):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def load_translators(language: str) -> list[QTranslator]:
    """Load (but do not install) the translators for `language`; empty for the source language.

    Our own catalog missing or unreadable is a packaging bug, so it raises; Qt's catalog is optional.
    """
    code = normalize_language(language)
    if code == SOURCE_LANGUAGE:
        return []
    ours = QTranslator()
    path = qm_path(code)
    if not ours.load(str(path)):
        raise FileNotFoundError(f"cannot load translation catalog {path}")
    translators = [ours]
    qt_path = _qt_catalog(code)
    if qt_path is not None:
        qt = QTranslator()
        if qt.load(str(qt_path)):
            translators.append(qt)
    return translators


def install_translator(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Make `language` the UI language of `app`; returns the translators now installed.

    Safe to call again to switch language at runtime: our previous translators are removed first (Qt then sends
    QEvent.LanguageChange, which widgets handle by re-running their retranslate code). Also switches
    `app.errors` and the default QLocale.
    """
    global _current
    code = normalize_language(language)
    translators = load_translators(code)  # before removing the old ones, so a failure leaves the UI as it was
    remove_translators(app)
    for translator in translators:
        app.installTranslator(translator)
    _installed.extend(translators)
    _current = code
    errors.set_language(code)
    # en_US rather than the system locale: an English UI on a Chinese Windows should not mix in Chinese dates.
    QLocale.setDefault(QLocale("en_US" if code == SOURCE_LANGUAGE else code))
    return translators


def remove_translators(app: QCoreApplication) -> None:
    """Remove the translators install_translator() added (the UI shows the English source strings again).

    Leaves `app.errors` and QLocale alone; meant for tests restoring the state they found and for shutdown.
    """
    global _current
    while _installed:
        app.removeTranslator(_installed.pop())
    _current = None


def current_language() -> str | None:
    """The code last passed to install_translator() (normalised), or None when no language was installed."""
    return _current


def current_translators() -> list[QTranslator]:
    return list(_installed)
