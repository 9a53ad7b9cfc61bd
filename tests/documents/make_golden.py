"""Regenerate the golden PDFs: `python -m tests.documents.make_golden` (or FIELDSAFE_REGEN_GOLDEN=1 pytest …).

Review the new PDFs (render them to PNG) before committing them."""

from __future__ import annotations

from app.documents.render import render
from tests.documents.fixed_data import BUILDERS, GOLDEN, PHOTO, SIGNATURE, make_assets


def main() -> None:
    if not (PHOTO.exists() and SIGNATURE.exists()):
        make_assets()
    for doc_type, builder in BUILDERS.items():
        path = GOLDEN / f"{doc_type.lower()}.pdf"
        path.write_bytes(render(builder(), invariant=True))
        print(path)


if __name__ == "__main__":
    main()
