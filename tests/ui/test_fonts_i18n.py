"""The shipped CJK font (Qt and reportlab) and the UI translations.

Every test that switches the language or the application font goes through `ui_state`, which puts back what it found
(translators, `app.errors` language, default QLocale, application names and font), so the order of tests elsewhere in
the suite does not matter.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics, QRawFont
from PySide6.QtWidgets import QApplication, QWidget

from app import errors
from app.ui import i18n, qtapp

# Characters from the app's own vocabulary (检查 隐患 企业 现场 安全) and provinces with rarer hanzi (鄂湘赣粤闽).
HANZI = "检查隐患企业现场安全鄂湘赣粤闽"
TS_FILE = i18n.translations_dir() / "fieldsafe_zh_CN.ts"
QM_FILE = i18n.translations_dir() / "fieldsafe_zh_CN.qm"


@pytest.fixture
def ui_state(qtbot):
    """The QApplication, with the global UI state it has now restored after the test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    saved_language = i18n.current_language()
    saved_errors_language = errors.language()
    saved_locale = QLocale().name()
    saved_names = (
        app.organizationName(),
        app.organizationDomain(),
        app.applicationName(),
        app.applicationDisplayName(),
    )
    saved_font = QFont(app.font())
    yield app
    if saved_language is None:
        i18n.remove_translators(app)
    else:
        i18n.install_translator(app, saved_language)
    errors.set_language(saved_errors_language)
    QLocale.setDefault(QLocale(saved_locale))
    org, domain, name, display = saved_names
    app.setOrganizationName(org)
    app.setOrganizationDomain(domain)
    app.setApplicationName(name)
    app.setApplicationDisplayName(display)
    app.setFont(saved_font)


# --- Qt: the shipped font ---------------------------------------------------------------------------------------


def test_shipped_font_registers_and_covers_hanzi(qtbot):
    family = qtapp.register_fonts()
    assert family == qtapp.FONT_FAMILY == "Noto Sans SC"
    assert qtapp.register_fonts() == family  # idempotent
    assert family in QFontDatabase.families()
    styles = QFontDatabase.styles(family)
    assert "Regular" in styles and "Bold" in styles

    metrics = QFontMetrics(qtapp.default_font(family))
    # inFontUcs4, not inFont(str), which is unreliable in PySide6.
    missing = [ch for ch in HANZI if not metrics.inFontUcs4(ord(ch))]
    assert missing == []


@pytest.mark.parametrize(("bold", "weight"), [(False, QFont.Weight.Normal), (True, QFont.Weight.Bold)])
def test_shipped_font_files_themselves_have_the_glyphs(qtbot, bold, weight):
    # QFontMetrics also counts system fallback fonts; QRawFont reads only this file, so this proves the shipped
    # TTF covers the text on a machine without any Chinese font.
    path = qtapp.font_path(bold)
    raw = QRawFont(str(path), 12)
    assert raw.isValid(), path
    assert raw.familyName() == "Noto Sans SC"
    assert raw.weight() == weight
    assert [ch for ch in HANZI if not raw.supportsCharacter(ord(ch))] == []


def test_create_application_reuses_the_existing_app(ui_state):
    app = qtapp.create_application(sys.argv[:1], language="zh_CN")
    assert app is ui_state  # pytest-qt's QApplication, not a second one
    assert qtapp.create_application([], language="zh_CN") is app  # and again
    assert app.applicationName() == qtapp.APPLICATION_NAME
    assert app.organizationName() == qtapp.ORGANIZATION_NAME
    info = QFontInfo(app.font())
    assert info.family() == "Noto Sans SC"
    assert app.font().pointSizeF() == pytest.approx(qtapp.FONT_POINT_SIZE)


# --- Qt: translations -------------------------------------------------------------------------------------------


class MainWindow(QWidget):
    """Named like the real main window: PySide6's self.tr() uses the class name as the translation context."""

    def __init__(self) -> None:
        super().__init__()
        self.language_changes = 0

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.language_changes += 1
        super().changeEvent(event)

    def title(self) -> str:
        return self.tr("Enterprises")


def test_chinese_translator_is_installed(ui_state, qtbot):
    app = qtapp.create_application([], language="zh")
    assert i18n.current_language() == "zh_CN"
    assert i18n.current_translators()
    assert QCoreApplication.translate("MainWindow", "Enterprises") == "企业"
    search = QCoreApplication.translate("RegistryPage", "Search name, credit code or address")
    assert search == "搜索名称、统一社会信用代码或地址"
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.title() == "企业"
    assert app.applicationDisplayName() == "现场安全检查"
    # One language for everything the user reads: error messages and number/date formats follow.
    assert errors.language() == "zh"
    assert str(errors.ValidationError("t", "中文消息", "English message")) == "中文消息"
    assert QLocale().name() == "zh_CN"


def test_english_shows_the_source_strings(ui_state, qtbot):
    app = qtapp.create_application([], language="en")
    assert i18n.current_language() == "en"
    assert i18n.current_translators() == []
    assert QCoreApplication.translate("MainWindow", "Enterprises") == "Enterprises"
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.title() == "Enterprises"
    assert app.applicationDisplayName() == "FieldSafe"
    assert errors.language() == "en"
    assert str(errors.ValidationError("t", "中文消息", "English message")) == "English message"
    assert QLocale().name() == "en_US"


def test_switching_language_notifies_widgets(ui_state, qtbot):
    app = qtapp.create_application([], language="zh_CN")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    before = window.language_changes
    qtapp.apply_language(app, "en")
    qtbot.waitUntil(lambda: window.language_changes > before)
    assert window.title() == "Enterprises"
    qtapp.apply_language(app, "zh_CN")
    assert window.title() == "企业"
    assert len(i18n.current_translators()) == len(i18n.load_translators("zh_CN"))  # old ones were removed


def test_unknown_language_is_refused(ui_state):
    with pytest.raises(ValueError, match="fr"):
        qtapp.create_application([], language="fr")


@pytest.mark.parametrize(
    ("spelling", "code"),
    [("zh", "zh_CN"), ("zh_CN", "zh_CN"), ("zh-CN", "zh_CN"), ("zh_Hans_CN", "zh_CN"), ("en", "en"), ("en_US", "en")],
)
def test_normalize_language(spelling, code):
    assert i18n.normalize_language(spelling) == code


@pytest.mark.parametrize("env", [None, "", "zh", "zh_CN", "zh-CN", "en", "EN", "en_US", "english", "fr"])
def test_default_language_agrees_with_app_errors(monkeypatch, env):
    if env is None:
        monkeypatch.delenv("FIELDSAFE_LANG", raising=False)
    else:
        monkeypatch.setenv("FIELDSAFE_LANG", env)
    code = i18n.default_language()
    assert code in i18n.available_languages()
    # app.errors reads FIELDSAFE_LANG at import with the rule set_language() applies; compare with that rule.
    saved = errors.language()
    try:
        errors.set_language(os.environ.get("FIELDSAFE_LANG", "zh"))
        assert errors.language() == ("en" if code == "en" else "zh")
    finally:
        errors.set_language(saved)


def test_available_languages():
    assert i18n.available_languages() == {"en": "English", "zh_CN": "简体中文"}


# --- The catalog files ------------------------------------------------------------------------------------------


def _placeholders(text: str) -> list[str]:
    # str.format fields ({name}), Qt's QString.arg markers (%1, %L1) and the plural count (%n).
    return sorted(re.findall(r"\{[^{}]*\}|%L?[1-9]|%L?n", text))


def test_translations_keep_placeholders():
    """A translation must keep the {fields} / %1 / %n of its source, or filling it in raises or drops data."""
    bad = []
    for context in ET.parse(TS_FILE).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
                continue
            forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
            bad += [(name, source, form) for form in forms if _placeholders(form) != _placeholders(source)]
    assert bad == []


def _lrelease() -> str | None:
    candidate = Path(sys.executable).parent / "pyside6-lrelease"
    return str(candidate) if candidate.is_file() else shutil.which("pyside6-lrelease")


def test_committed_qm_matches_ts(tmp_path):
    """Catches a .ts edited without running scripts/update_translations.sh (the app loads only the .qm)."""
    tool = _lrelease()
    if tool is None:
        pytest.skip("pyside6-lrelease not installed")
    out = tmp_path / "check.qm"
    subprocess.run([tool, "-silent", "-nounfinished", str(TS_FILE), "-qm", str(out)], check=True)
    assert out.read_bytes() == QM_FILE.read_bytes(), "run scripts/update_translations.sh"


def _lupdate() -> str | None:
    candidate = Path(sys.executable).parent / "pyside6-lupdate"
    return str(candidate) if candidate.is_file() else shutil.which("pyside6-lupdate")


def test_every_ui_string_is_translated(tmp_path):
    """lupdate over the code as it is now: a string added or changed without a Chinese translation fails here."""
    tool = _lupdate()
    if tool is None:
        pytest.skip("pyside6-lupdate not installed")
    root = Path(__file__).resolve().parents[2]
    ts = tmp_path / "check.ts"
    shutil.copy(TS_FILE, ts)
    sources = sorted(str(p) for p in (root / "app" / "ui").rglob("*.py"))
    subprocess.run([tool, *sources, "-silent", "-target-language", "zh_CN", "-ts", str(ts)], check=True)
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            state = None if translation is None else translation.get("type")
            if state == "unfinished" or translation is None:
                missing.append((context.findtext("name"), message.findtext("source")))
    assert missing == [], "translate these in resources/translations/fieldsafe_zh_CN.ts"


# --- reportlab ----------------------------------------------------------------------------------------------------


def _pdf_streams(pdf: bytes) -> list[bytes]:
    streams = []
    # reportlab writes "stream\n<data>endstream"; decompressobj ignores a trailing end-of-line if there is one.
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            streams.append(zlib.decompressobj().decompress(match.group(1)))
        except zlib.error:
            streams.append(match.group(1))
    return streams


@pytest.mark.parametrize(("bold", "postscript_name"), [(False, "NotoSansSC-Regular"), (True, "NotoSansSC-Bold")])
def test_reportlab_embeds_the_shipped_font(monkeypatch, bold, postscript_name):
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    # Uncompressed-by-ASCII85 streams, so the test can inflate them with zlib alone.
    monkeypatch.setattr(rl_config, "useA85", 0)
    name = f"FieldSafeTest-{postscript_name}"  # a name of our own, not whatever the PDF code registers
    font = TTFont(name, str(qtapp.font_path(bold)))  # raises for CFF outlines or fonts that forbid embedding
    pdfmetrics.registerFont(font)
    assert font.face.name.decode() == postscript_name
    assert all(ord(ch) in font.face.charToGlyph for ch in HANZI)

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont(name, 12)
    pdf.drawString(72, 720, "现场安全检查 " + HANZI)
    pdf.save()
    data = buffer.getvalue()

    assert b"/FontFile2" in data  # TrueType program embedded
    assert re.search(rb"/BaseFont /[A-Z]{6}\+" + postscript_name.encode(), data)  # as a subset
    # The ToUnicode map makes the text searchable and copyable: 检 is U+68C0.
    assert any(b"beginbfchar" in s and b"<68C0>" in s.upper() for s in _pdf_streams(data))


def test_fill_puts_named_values_in_one_pass():
    assert i18n.fill("{count} of {total}", count=3, total=5) == "3 of 5"
    # a value holding another field's name is shown as typed, not filled again
    assert i18n.fill("“{first}” and “{second}”", first="{second}", second="乙") == "“{second}” and “乙”"
    with pytest.raises(KeyError):
        i18n.fill("{missing}")
