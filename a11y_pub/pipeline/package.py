"""The upload package: ``<letter>.zip`` with the web folder and its downloads.

``build --zip`` writes it beside the letter's folder (``output/<letter>.zip``),
ready to upload to a website as it is: the page, the audio it plays, the captions, the large-print PDF and the
easy-read text, under one folder named after the letter. The archive is
deterministic: entries sorted, one fixed time stamp (1980-01-01, the earliest
a ZIP can hold), fixed permissions, so the same build gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..files import TMP_PREFIX, atomic_write

WEB_DIR = "web"
_STAMP = (1980, 1, 1, 0, 0, 0)  # ZIP's earliest date: no clock in the archive


def zip_folder(folder: Path, root: str) -> bytes:
    """Every file under ``folder`` in a ZIP archive, under the folder name ``root``.

    Args:
        folder: the folder to pack (``<letter>/web``).
        root: the name of the folder inside the archive (the letter's name).

    Returns:
        The archive's bytes (DEFLATE); the same files give the same bytes.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(TMP_PREFIX)):
            info = zipfile.ZipInfo(f"{root}/{path.relative_to(folder).as_posix()}", date_time=_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def write_package(out_dir: Path) -> Path | None:
    """Write ``<out_dir>.zip`` beside the letter's folder ``out_dir`` from its ``web/`` folder.

    Returns:
        The archive's path, or None when the letter has no web page (``--only``
        without ``web``).

    Raises:
        OutputError: the archive cannot be written.
    """
    web = out_dir / WEB_DIR
    if not (web / "index.html").is_file():
        return None
    target = out_dir.with_name(f"{out_dir.name}.zip")
    atomic_write(target, zip_folder(web, out_dir.name))
    return target
