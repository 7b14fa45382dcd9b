"""Whether a letter needs building: its fingerprint, and the previous build's files."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .. import __version__
from ..files import package_digest, sha256
from ..options import BuildOptions
from .manifest import read_manifest
from .sources import staff_summary_for


def _file_digest(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        return sha256(Path(path)) if Path(path).is_file() else f"missing:{path}"
    except OSError:
        return f"unreadable:{path}"


def _side_files(source: Path, opts: BuildOptions) -> dict[str, Any]:
    voice = opts.audio.voice
    voices_dir = opts.audio.voices_dir
    return {
        "lexicon": _file_digest(opts.audio.lexicon),
        "intro_audio": _file_digest(opts.audio.intro_audio),
        "outro_audio": _file_digest(opts.audio.outro_audio),
        "summary_file": _file_digest(opts.summary.summary_file or staff_summary_for(source)),
        "simplification_lexicon": _file_digest(opts.summary.simplification_lexicon),
        "voice": _file_digest(Path(voice)) if voice and voice.endswith(".onnx") else None,
        "voices_dir": sorted(p.name for p in Path(voices_dir).glob("*.onnx")) if voices_dir and Path(voices_dir).is_dir() else None,
    }


def build_fingerprint(source: Path, opts: BuildOptions) -> str:
    """What a letter's outputs depend on, as one SHA-256 (hex).

    The input's bytes, the options, the files the options name (lexicon,
    staff summary, simplification lexicon, Piper voice), the staff summary
    found beside the input, the tool version, the renderers and the package's
    own code and data. An unreadable input gives a fingerprint that matches
    nothing, so the build goes on and reports the real error.
    """
    from ..render import RENDERERS

    try:
        input_digest = sha256(source)
    except OSError:
        input_digest = f"unreadable:{os.urandom(8).hex()}"
    # Settings that change how fast, not what, are left out.
    same_output = dataclasses.replace(opts, jobs=1, force=False, zip=False, audio=dataclasses.replace(opts.audio, threads=1))
    payload = {
        "version": __version__,
        "code": package_digest(),
        "renderers": RENDERERS,
        "input": input_digest,
        "options": dataclasses.asdict(same_output),
        "files": _side_files(source, opts),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def up_to_date(out_dir: Path, fingerprint: str, opts: BuildOptions) -> list[str] | None:
    """The files of the previous build when it is still current, else None.

    Current: same fingerprint, every file listed in the manifest present with
    its checksum, and no fallback to revisit (``--engine auto`` that ended on
    espeak-ng last time is rebuilt when the natural voice now loads or gTTS answers).
    """
    manifest = read_manifest(out_dir)
    if manifest.get("build", {}).get("fingerprint") != fingerprint:
        return None
    if opts.audio.engine == "auto" and "espeak" in manifest.get("renderers", {}).get("audio", {}).get("engine", []):
        from ..engines import natural_voice, probe_gtts

        language = str(manifest.get("letter", {}).get("language", ""))
        if natural_voice(language)[0] is not None or probe_gtts():  # a better voice is back: "auto" would choose it
            return None
    files = manifest.get("files", [])
    letter_file = manifest.get("letter", {})
    checks = [(e.get("path"), e.get("sha256")) for e in files] + [(letter_file.get("file"), letter_file.get("sha256"))]
    for name, digest in checks:
        if not isinstance(name, str):
            return None
        target = out_dir / name
        try:
            if not target.is_file() or sha256(target) != digest:
                return None
        except OSError:
            return None
    report = ["report.md"] if (out_dir / "report.md").is_file() else []
    return ["letter.json", *[e["path"] for e in files], *report, "manifest.json"]
