"""Inspector certificates, PAdES signing and verification, trust store, and `python -m app verify` / `cert`."""

from __future__ import annotations

import io
import stat

import pytest
import reportlab.rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from app.documents import certs
from app.documents.signing import content_sha256, sign_pdf, verify_pdf
from app.errors import UserError
from app.resources import resource_path
from tests.support import cli_call

SUPERVISOR_PW = "supervisor-pw"
INSPECTOR_PW = "inspector-pw"
FONT = "FieldSafeTestNotoSC"


def make_pdf(text: str = "现场检查记录（鄞）应急检记〔2026〕37号") -> bytes:
    reportlab.rl_config.useA85 = 0
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(resource_path("fonts", "NotoSansSC-Regular.ttf"))))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.setFont(FONT, 14)
    c.drawString(72, 720, text)
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return make_pdf()


@pytest.fixture(scope="module")
def authority(tmp_path_factory: pytest.TempPathFactory) -> certs.Authority:
    return certs.create_authority("鄞州区应急管理局", tmp_path_factory.mktemp("sup") / "authority", SUPERVISOR_PW)


@pytest.fixture(scope="module")
def inspector(authority: certs.Authority) -> tuple[bytes, bytes]:
    return certs.issue_inspector_certificate(authority, "张三", "33020012", "鄞州区应急管理局", INSPECTOR_PW)


@pytest.fixture(scope="module")
def signed(pdf: bytes, inspector: tuple[bytes, bytes]) -> bytes:
    key, bundle = inspector
    return sign_pdf(pdf, key, bundle, INSPECTOR_PW, reason="现场检查", location="鄞州区", name="张三")


# Certificates


def test_authority_files_are_written_with_an_encrypted_key(tmp_path):
    folder = tmp_path / "authority"
    auth = certs.create_authority("鄞州区应急管理局", folder, SUPERVISOR_PW)
    key_file = folder / certs.AUTHORITY_KEY
    assert b"ENCRYPTED PRIVATE KEY" in key_file.read_bytes()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert not list(folder.glob("*.tmp"))
    again = certs.load_authority(folder, SUPERVISOR_PW)
    assert again.cert_pem == auth.cert_pem and again.name == "鄞州区应急管理局"
    with pytest.raises(UserError) as err:
        certs.create_authority("另一个", folder, SUPERVISOR_PW)
    assert err.value.code == "cert.authority_exists"


def test_wrong_passphrase_is_a_clear_chinese_error(tmp_path, inspector, pdf):
    certs.create_authority("机构", tmp_path / "a", SUPERVISOR_PW)
    with pytest.raises(UserError) as err:
        certs.load_authority(tmp_path / "a", "not-the-pw")
    assert err.value.code == "cert.wrong_passphrase" and "口令不正确" in str(err.value)
    key, bundle = inspector
    for wrong in ("wrong-pw", ""):
        with pytest.raises(UserError) as err:
            sign_pdf(pdf, key, bundle, wrong, reason="", location="", name="")
        assert "口令不正确" in str(err.value)


def test_a_short_passphrase_is_refused(tmp_path, authority):
    with pytest.raises(UserError) as err:
        certs.create_authority("机构", tmp_path / "a", "123")
    assert err.value.code == "cert.passphrase_short"
    with pytest.raises(UserError):
        certs.issue_inspector_certificate(authority, "张三", "1", "机构", "abc")
    assert not (tmp_path / "a").exists()


def test_inspector_certificate_names_the_inspector_and_chains_to_the_root(authority, inspector):
    from cryptography.x509.oid import NameOID

    key, bundle = inspector
    leaf, root = certs.load_certificates(bundle)
    assert certs.common_name(leaf) == "张三"
    assert leaf.subject.get_attributes_for_oid(NameOID.TITLE)[0].value == "33020012"
    assert leaf.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == "鄞州区应急管理局"
    assert root == authority.certificate
    leaf.verify_directly_issued_by(root)
    assert certs.load_private_key(key, INSPECTOR_PW).public_key() == leaf.public_key()


def test_inspector_files_round_trip(tmp_path, inspector):
    key, bundle = inspector
    certs.save_inspector_credentials(tmp_path, "insp-1", key, bundle)
    key_path, cert_path = certs.inspector_paths(tmp_path, "insp-1")
    assert key_path == tmp_path / "keys" / "inspectors" / "insp-1.key.pem"
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    creds = certs.load_inspector_credentials(tmp_path, "insp-1")
    assert creds.key_pem == key and certs.common_name(creds.certificate) == "张三" and len(creds.chain) == 1
    with pytest.raises(UserError):
        certs.load_inspector_credentials(tmp_path, "nobody")
    with pytest.raises(UserError):
        certs.inspector_paths(tmp_path, "../escape")


def test_standalone_inspector_signs_offline_and_trusts_its_own_root(tmp_path, pdf):
    creds = certs.setup_standalone_inspector(tmp_path, "li", "李四", "330201", "某街道办", INSPECTOR_PW)
    signed = sign_pdf(pdf, creds.key_pem, creds.cert_pem, INSPECTOR_PW, reason="检查", location="", name="李四",
                      chain=creds.chain)
    result = verify_pdf(signed, certs.trusted_roots(tmp_path))
    assert result.ok and result.signer_name == "李四"
    assert certs.own_root(tmp_path) == creds.chain[-1]


# Trust store


def test_root_import_export_and_refusals(tmp_path, authority, inspector):
    sup, other = tmp_path / "sup", tmp_path / "other"
    certs.create_authority("鄞州区应急管理局", certs.authority_dir(sup), SUPERVISOR_PW)
    exported = certs.export_root(sup, tmp_path / "root.pem")
    assert (tmp_path / "root.pem").read_bytes() == exported
    path = certs.import_root_file(other, tmp_path / "root.pem")
    assert path.parent == other / "trust" and certs.trusted_roots(other) == [exported]
    assert certs.import_root(other, exported) == path  # idempotent
    assert certs.trusted_roots(other) == [exported]
    with pytest.raises(UserError) as err:  # a leaf is not a root
        certs.import_root(other, inspector[1].split(b"-----END CERTIFICATE-----")[0] + b"-----END CERTIFICATE-----\n")
    assert err.value.code == "cert.not_root"
    with pytest.raises(UserError):
        certs.import_root(other, b"not a certificate")
    with pytest.raises(UserError) as err:
        certs.export_root(tmp_path / "empty", tmp_path / "x.pem")
    assert err.value.code == "cert.no_root"


# Signing and verification


def test_signed_pdf_is_valid_and_trusted(signed, authority, pdf):
    assert signed.startswith(pdf)  # incremental update: the original bytes are untouched
    result = verify_pdf(signed, [authority.cert_pem])
    assert result.ok, result.problems
    assert (result.signer_name, result.intact, result.trusted, result.modified_after_signing) == ("张三", True, True,
                                                                                                  False)
    assert result.signed_at is not None and result.problems == []
    sig = result.signatures[0]
    assert sig.reason == "现场检查" and sig.location == "鄞州区"


def test_untrusted_root_is_reported(signed):
    _, _, stranger_root = certs.create_standalone_identity("王五", "9", "别处", INSPECTOR_PW)
    for roots in ([stranger_root], []):
        result = verify_pdf(signed, roots)
        assert result.intact and not result.trusted and not result.ok
        assert any("不受信任" in p for p in result.problems)


def test_one_flipped_byte_in_the_signed_range_breaks_integrity(signed, authority, pdf):
    # Flip a byte in every region of the original file: the page content, the font, the trailer.
    for pos in (len(pdf) // 4, len(pdf) // 2, len(pdf) - 40):
        tampered = bytearray(signed)
        tampered[pos] ^= 0x01
        result = verify_pdf(bytes(tampered), [authority.cert_pem])
        assert not result.intact and not result.ok, pos


def test_an_incremental_edit_after_signing_is_reported(signed, authority):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0]
    annot = writer.add_object(generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
        generic.NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in (72, 600, 300, 640)]),
        generic.NameObject("/Contents"): generic.TextStringObject("限期改为2027年"),
        generic.NameObject("/DA"): generic.TextStringObject("/Helv 12 Tf 0 g"),
    }))
    page_obj = page.get_object()
    page_obj[generic.NameObject("/Annots")] = generic.ArrayObject([annot])
    writer.update_container(page_obj)
    out = io.BytesIO()
    writer.write(out)
    edited = out.getvalue()
    assert edited.startswith(signed)

    result = verify_pdf(edited, [authority.cert_pem])
    assert result.intact and result.trusted  # the signed bytes themselves are unchanged …
    assert result.modified_after_signing and not result.ok  # … but something was added after them
    assert any("追加修改" in p for p in result.problems)


def test_a_second_signature_is_not_a_modification(signed, authority):
    key, bundle = certs.issue_inspector_certificate(authority, "科长", "1", "鄞州区应急管理局", INSPECTOR_PW)
    twice = sign_pdf(signed, key, bundle, INSPECTOR_PW, reason="审核", location="", name="")
    result = verify_pdf(twice, [authority.cert_pem])
    assert result.ok, result.problems
    assert [s.signer_name for s in result.signatures] == ["张三", "科长"]
    assert [s.field_name for s in result.signatures] == ["Signature1", "Signature2"]


def test_unsigned_and_non_pdf_inputs(pdf, authority):
    result = verify_pdf(pdf, [authority.cert_pem])
    assert not result.ok and not result.signatures and result.problems
    with pytest.raises(UserError):
        verify_pdf(b"hello, not a pdf", [authority.cert_pem])


def test_key_and_certificate_must_match(pdf, authority, inspector):
    other_key, _ = certs.issue_inspector_certificate(authority, "别人", "2", "机构", INSPECTOR_PW)
    with pytest.raises(UserError) as err:
        sign_pdf(pdf, other_key, inspector[1], INSPECTOR_PW, reason="", location="", name="")
    assert err.value.code == "sign.key_cert_mismatch"


def test_content_hash_is_independent_of_key_order():
    a = content_sha256({"number": "（鄞）应急检记〔2026〕37号", "items": [1, 2]})
    b = content_sha256({"items": [1, 2], "number": "（鄞）应急检记〔2026〕37号"})
    assert a == b and len(a) == 64
    assert content_sha256("abc") == content_sha256(b"abc") != a


# CLI


def test_cli_verify_good_untrusted_tampered_and_missing(capsys, tmp_path, signed, authority):
    data = tmp_path / "data"
    good = tmp_path / "good.pdf"
    good.write_bytes(signed)
    root_file = tmp_path / "root.pem"
    root_file.write_bytes(authority.cert_pem)

    status, out, err = cli_call(capsys, "--data-dir", data, "verify", good)  # root not imported yet
    assert status == 1 and "签名者：张三" in out and "签名者可信：否" in out and "内容完好：是" in out

    status, out, _ = cli_call(capsys, "--data-dir", data, "cert", "import-root", root_file)
    assert status == 0 and "已导入根证书" in out
    status, out, _ = cli_call(capsys, "--data-dir", data, "cert", "list-roots")
    assert status == 0 and "鄞州区应急管理局" in out

    status, out, err = cli_call(capsys, "--data-dir", data, "verify", good)
    assert status == 0, err
    assert "签名者：张三" in out and "签名者可信：是" in out and "内容完好：是" in out and "验证通过" in out

    bad = tmp_path / "bad.pdf"
    tampered = bytearray(signed)
    tampered[len(signed) // 8] ^= 0x01
    bad.write_bytes(bytes(tampered))
    status, out, err = cli_call(capsys, "--data-dir", data, "verify", bad)
    assert status == 1 and "内容完好：否" in out and "验证未通过" in err

    status, out, err = cli_call(capsys, "--data-dir", data, "verify", tmp_path / "missing.pdf")
    assert status == 1 and "无法读取文件" in err and "Traceback" not in err

    from app.errors import set_language

    try:
        status, _, err = cli_call(capsys, "--data-dir", data, "--lang", "en", "verify", bad)
    finally:
        set_language("zh")
    assert status == 1 and "Verification failed" in err


def test_cli_cert_export_root(capsys, tmp_path):
    data = tmp_path / "data"
    certs.create_authority("鄞州区应急管理局", certs.authority_dir(data), SUPERVISOR_PW)
    status, out, _ = cli_call(capsys, "--data-dir", data, "cert", "export-root", tmp_path / "root.pem")
    assert status == 0 and "已导出根证书" in out
    assert certs.load_certificates((tmp_path / "root.pem").read_bytes())[0] == certs.load_certificates(
        certs.own_root(data) or b"")[0]
    status, _, err = cli_call(capsys, "--data-dir", tmp_path / "empty", "cert", "export-root", tmp_path / "x.pem")
    assert status == 1 and "没有可导出的根证书" in err


def test_a_supervisor_installation_trusts_its_own_authority(tmp_path, pdf):
    auth = certs.create_authority("鄞州区应急管理局", certs.authority_dir(tmp_path), SUPERVISOR_PW)
    assert certs.trusted_roots(tmp_path) == [auth.cert_pem]
    certs.import_root(tmp_path, auth.cert_pem)
    assert certs.trusted_roots(tmp_path) == [auth.cert_pem]  # not listed twice
    key, bundle = certs.issue_inspector_certificate(auth, "张三", "1", "鄞州区应急管理局", INSPECTOR_PW)
    signed = sign_pdf(pdf, key, bundle, INSPECTOR_PW, reason="", location="", name="")
    assert verify_pdf(signed, certs.trusted_roots(tmp_path)).ok
