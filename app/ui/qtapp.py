"""Creating the QApplication: names, the shipped CJK font and the UI language.

Inspectors' laptops and CI boxes may have no Chinese font at all, and Qt's fallback differs per machine, so the app
always registers and uses its own Noto Sans SC (static glyf build, see resources/fonts/SOURCE.md). The same TTF
files are what reportlab embeds in PDFs (`font_path()`), so screen and paper use one typeface.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from app.resources import resource_path
from app.ui import i18n
from app.ui.garbage import collect_on_gui_thread

ORGANIZATION_NAME = "FieldSafe"
ORGANIZATION_DOMAIN = "fieldsafe.local"
APPLICATION_NAME = "FieldSafe"  # stable, untranslated: QSettings and platformdirs paths derive from it

FONT_FAMILY = "Noto Sans SC"
# 10.5 pt is 五号, the customary body size of Chinese documents and a comfortable UI size for hanzi on laptops.
FONT_POINT_SIZE = 10.5
_FONT_FILES = {False: "NotoSansSC-Regular.ttf", True: "NotoSansSC-Bold.ttf"}

# Font ids from QFontDatabase.addApplicationFont, so register_fonts() is idempotent without re-reading 21 MB.
_font_ids: dict[bool, int] = {}


def font_path(bold: bool = False) -> Path:
    """The shipped TTF (glyf outlines, embeddable), for Qt and for reportlab's `TTFont`."""
    return resource_path("fonts", _FONT_FILES[bold])


def register_fonts() -> str:
    """Register the shipped Regular and Bold with Qt and return their family name.

    Needs a QGuiApplication. Idempotent: a second call only checks the fonts are still registered (they are not
    after the application object was replaced, e.g. in a fresh test process).
    """
    if QGuiApplication.instance() is None:
        raise RuntimeError("register_fonts() needs a QGuiApplication")
    family = ""
    for bold in (False, True):
        font_id = _font_ids.get(bold, -1)
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id != -1 else []
        if not families:
            path = font_path(bold)
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id == -1:
                # A missing or corrupt shipped font would show every Chinese character as a box: fail loudly.
                raise RuntimeError(f"Qt could not load the shipped font {path}")
            _font_ids[bold] = font_id
            families = QFontDatabase.applicationFontFamilies(font_id)
        family = families[0]
    return family


def default_font(family: str | None = None) -> QFont:
    font = QFont(family or FONT_FAMILY)
    font.setPointSizeF(FONT_POINT_SIZE)
    return font


def apply_language(app: QApplication, language: str | None = None) -> str:
    """Install the translators for `language` (None: `FIELDSAFE_LANG` or zh_CN); returns the normalised code.

    Also sets the translated application display name, which Qt appends to window titles and uses in dialogs.
    """
    code = i18n.normalize_language(language) if language else i18n.default_language()
    i18n.install_translator(app, code)
    app.setApplicationDisplayName(QCoreApplication.translate("MainWindow", "FieldSafe"))
    return code


def create_application(argv: Sequence[str] | None = None, language: str | None = None) -> QApplication:
    """Return the process's QApplication with names, font and language set, creating it if needed.

    `language`: a spelling `i18n.normalize_language()` accepts ("zh_CN", "zh", "en"); None uses `FIELDSAFE_LANG`
    (as `app.errors` does), else zh_CN. The UI translators, `app.errors` and the default QLocale all get this
    language.

    Idempotent: when a QApplication already exists (pytest-qt's `qapp`, or a second call) it is reused, `argv` is
    ignored and the same setup is applied to it, so tests run with exactly what the GUI entry point sets up.
    Raises RuntimeError when the existing instance is only a QCoreApplication/QGuiApplication (no widgets possible).
    """
    # Names first: QSettings and QStandardPaths read them, and they must not depend on the language.
    QCoreApplication.setOrganizationName(ORGANIZATION_NAME)
    QCoreApplication.setOrganizationDomain(ORGANIZATION_DOMAIN)
    QCoreApplication.setApplicationName(APPLICATION_NAME)
    existing = QCoreApplication.instance()
    if existing is None:
        app = QApplication(list(argv) if argv is not None else [])
    elif isinstance(existing, QApplication):
        app = existing
    else:
        raise RuntimeError(f"a {type(existing).__name__} already exists; FieldSafe needs a QApplication")
    collect_on_gui_thread(app)
    family = register_fonts()
    app.setFont(default_font(family))
    apply_language(app, language)
    return app
