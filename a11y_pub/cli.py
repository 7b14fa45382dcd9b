"""Command-line interface: parses options, calls the API, maps errors to exit codes.

Exit codes: 0 success; 1 a letter or renderer failed (others still built);
2 bad input or usage (the message names the file and the problem).
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import A11yPubError
from .logs import reset_logging as _reset_logging
from .logs import setup_logging as _setup_logging
from .options import CHOICES, describe
from .render import RENDERERS

log = logging.getLogger("a11y_pub")

PROG = "a11y-pub"


def common_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options every command takes: --config, --debug, -v, -q."""

    @click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                  help="Settings file (default: ./a11y-pub.toml if present).")
    @click.option("--debug", is_flag=True, help="Show the full traceback on errors.")
    @click.option("-v", "--verbose", count=True, help="More log lines (-vv for debug).")
    @click.option("-q", "--quiet", is_flag=True, help="Only errors.")
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        kwargs["warnings"] = _setup_logging(kwargs.pop("verbose"), kwargs.pop("quiet"))
        kwargs.pop("debug")
        return func(*args, **kwargs)

    return wrapper


def _settings(config_path: Path | None, cli_values: dict[str, Any]) -> Any:
    """Defaults < config file < command line."""
    from .config import find_config, load_config, make_options

    settings: dict[str, Any] = {}
    found = find_config(config_path)
    if found is not None:
        settings.update(load_config(found))
    settings.update({k: v for k, v in cli_values.items() if v is not None and v != ()})
    return make_options(settings)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name=PROG)
def cli() -> None:
    """Turn a letter into accessible versions: audio (MP3), large print (PDF),
    an easy-to-read summary and a web page.

    \b
    Example:
      a11y-pub build input/lettre-infantes-ekko-2026-02-23.txt
    """


# -- build ----------------------------------------------------------------------


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Output folder (default: output).")
@click.option("--only", help=f"Comma-separated outputs to make: {','.join(RENDERERS)} (default: all).")
@click.option("-j", "--jobs", type=int, help="Letters built at once (default: 1).")
@click.option("--force", is_flag=True, default=None, help="Ignore the audio cache and redo everything.")
@click.option("--engine", type=click.Choice(CHOICES["engine"]), help=f"Speech engine ({describe('engine')}).")
@click.option("--voice", help="Voice name, or a Piper model file (.onnx).")
@click.option("--voices-dir", type=click.Path(file_okay=False, path_type=Path), help="Folder searched for Piper voices.")
@click.option("--rate", type=int, help=f"Speech rate in words per minute ({describe('rate')}).")
@click.option("--lexicon", type=click.Path(dir_okay=False, path_type=Path), help="Pronunciation lexicon (TOML or W3C PLS .pls) over the defaults.")
@click.option("--bitrate", type=int, help=f"MP3 bit rate in kbit/s ({describe('bitrate')}).")
@click.option("--no-cache", "no_cache", is_flag=True, default=None, help="Do not read or write the build caches (audio, summary).")
@click.option("--length-scale", type=float, help=f"Piper speed: above 1 slower, below 1 faster ({describe('length_scale')}).")
@click.option("--sentence-silence", type=float, help=f"Piper: extra seconds of silence between sentences ({describe('sentence_silence')}).")
@click.option("--strict", is_flag=True, default=None, help="Refuse a voice whose language differs from the letter's.")
@click.option("--intro-audio", type=click.Path(dir_okay=False, path_type=Path),
              help="Recorded message (m4a, wav, ogg, mp3) played before the introduction and the whole letter.")
@click.option("--outro-audio", type=click.Path(dir_okay=False, path_type=Path),
              help="Recorded message played after the conclusion and at the end of the whole letter.")
@click.option("--font-size", type=float, help=f"Large-print body size in points ({describe('font_size')}).")
@click.option("--theme", type=click.Choice(CHOICES["theme"]),
              help="Large-print colours (default: black on white; high-contrast: light text on black).")
@click.option("--paper", type=click.Choice(CHOICES["paper"]), help=f"Paper size ({describe('paper')}).")
@click.option("--line-spacing", type=float, help=f"Large-print line spacing ({describe('line_spacing')}).")
@click.option("--margin", "margin_mm", type=float, help=f"Large-print margins ({describe('margin_mm', 'mm')}).")
@click.option("--pdf-include-summary", "include_summary", is_flag=True, default=None,
              help="Also print the easy-read summary in the large-print PDF, after the letter (it has its own PDF).")
@click.option("--summary", "summary_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Staff-written easy-read summary (Markdown) to use instead of the draft.")
@click.option("--rare-zipf", type=float, help=f"Easy read: words rarer than this Zipf frequency are explained ({describe('rare_zipf')}).")
@click.option("--max-size", "max_input_mb", type=float, help="Largest input accepted, in MB (default: 5).")
@click.option("--zip", "zip", is_flag=True, default=None,
              help="Also write OUTPUT/<letter-name>.zip: the web page with its audio and downloads, ready to upload.")
@click.option("--base-url", help="Where the web pages are published (https://…); each letter's page is <URL>/<letter-name>/.")
@click.option("--watch", is_flag=True, default=False,
              help="After building, rebuild a letter each time it (or a side file) changes; Ctrl-C stops.")
@common_options
def build(inputs: tuple[Path, ...], config_path: Path | None, warnings: list[str], **values: Any) -> None:
    """Build the accessible versions of one or more letters.

    Each letter goes to OUTPUT/<letter-name>/ with letter.json, the outputs
    and manifest.json. Exit code 0 when all letters are built, 1 when some
    failed (the others are still built), 2 on bad input or options.

    \b
    Examples:
      a11y-pub build input/lettre-infantes-ekko-2026-02-23.txt
      a11y-pub build letters/*.txt --jobs 2 --only audio,pdf
      a11y-pub build input/lettre.txt --watch
    """
    from .pipeline import is_input_error

    watching = values.pop("watch")
    if values.pop("no_cache"):
        values["use_cache"] = False
    if values.get("only") is not None:
        values["only"] = tuple(v.strip() for v in values["only"].split(",") if v.strip())
    max_mb = values.pop("max_input_mb")
    if max_mb is not None:
        values["max_input_bytes"] = int(max_mb * 1024 * 1024)
    opts = _settings(config_path, values)

    from .pipeline import Helper

    with Helper() as helper:  # one helper process for the build and the rebuilds of --watch
        since = _watch_states(inputs, opts) if watching else None  # an edit saved during the first build counts
        results = _build_with_report(inputs, opts, helper)
        if len(inputs) > 1:
            _summary_table(results)
        if watching:
            _watch(inputs, opts, helper, since)
            return
    failed = [r for r in results if not r.ok]
    if failed:
        sys.exit(2 if len(failed) == len(inputs) and all(is_input_error(r) for r in failed) else 1)


class _Terminated(KeyboardInterrupt):
    """SIGTERM (``timeout``, systemd, CI): stop the run as Ctrl-C does."""


def _on_sigterm(*_: object) -> None:
    raise _Terminated


def _letter_line(result: Any) -> str:
    """The one line a finished letter gets on stdout."""
    if not result.ok:
        return f"{PROG}: error: {result.error}"
    if result.fresh:
        return f"{result.out_dir}/ up to date ({len(result.files)} files)"
    warned = f", {len(result.warnings)} warning(s)" if result.warnings else ""
    return f"{result.out_dir}/ ({len(result.files)} files, {result.seconds:.1f} s{warned})"


class _Report:
    """Prints each letter as it finishes: its line, then its warnings naming it. A warning
    with the same words as one printed for an earlier letter applies to the whole run:
    it is printed once. The speech's progress goes in the bar on a terminal, else on a line
    each tenth of the sentences (none with --quiet)."""

    def __init__(self, view: Any, inputs: tuple[Path, ...] = ()) -> None:
        self.bar: Any = None
        self.waiting = [Path(p).name for p in inputs]
        self.seen: set[str] = set()
        self.show_warnings = logging.getLogger("a11y_pub").getEffectiveLevel() <= logging.WARNING
        self.view = view  # render.audio.progress.ProgressView

    def __call__(self, result: Any) -> None:
        if result.input.name in self.waiting:
            self.waiting.remove(result.input.name)
        if self.bar is not None:  # the line goes above the bar, which then names the next letter
            click.echo("\r\x1b[K", nl=False, err=True)
            self.bar.label = f"Building {self.waiting[0]}" if self.waiting else "Building"
        click.echo(_letter_line(result), err=not result.ok)
        for text in result.warnings if self.show_warnings else ():
            if text not in self.seen:
                self.seen.add(text)
                click.echo(f"{PROG}: warning: {result.input.name}: {' '.join(text.split())}", err=True)
        left = self.view.finish()
        if self.bar is not None:
            self.bar.update(left)

    def progress(self, source: Path, state: Any) -> None:
        """The speech of the letter being built: sentences done and time left."""
        line, steps = self.view.update(state, bar=self.bar is not None)
        if line and self.show_warnings:
            click.echo(f"{PROG}: {Path(source).name}: {line}", err=True)
        if self.bar is not None:
            self.bar.update(steps) if steps else self.bar.render_progress()

    def stage(self, source: Path, names: tuple[str, ...]) -> None:
        """On a terminal: the bar names the letter and the outputs being made."""
        if self.bar is not None:
            self.bar.label = f"{Path(source).name}: {', '.join(names)}"
            self.bar.render_progress()


def _build_with_report(inputs: tuple[Path, ...], opts: Any, helper: Any) -> list[Any]:
    """Build ``inputs``, printing a line per letter as it finishes (errors on stderr); on a
    terminal, a bar of the letters and sentences done and the time left, else progress lines."""
    import signal

    from .pipeline import build as run_build
    from .render.audio.progress import ProgressView

    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    total, view = len(inputs), ProgressView()
    report = _Report(view, inputs)
    if sys.stderr.isatty() and report.show_warnings:
        report.bar = click.progressbar(length=total * view.steps, label=f"Building {Path(inputs[0]).name}",
                                       file=sys.stderr, show_eta=total > 1, item_show_func=lambda _: view.detail)
    try:
        if report.bar is not None:
            with report.bar:
                return run_build(inputs, opts, on_done=report, helper=helper, on_stage=report.stage,
                                 on_progress=report.progress)
        return run_build(inputs, opts, on_done=report, helper=helper, on_progress=report.progress)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _summary_table(results: list[Any]) -> None:
    """The end of a batch: how many letters were built, up to date, failed, with warnings."""
    rows = [
        ("built", sum(1 for r in results if r.ok and not r.fresh)),
        ("up to date", sum(1 for r in results if r.ok and r.fresh)),
        ("failed", sum(1 for r in results if not r.ok)),
        ("with warnings", sum(1 for r in results if r.warnings)),
    ]
    click.echo(" | ".join(f"{label}: {count}" for label, count in rows))


def _watch_states(inputs: tuple[Path, ...], opts: Any) -> dict[Path, Any]:
    from .pipeline import watch_state

    return {Path(p): watch_state(Path(p), opts) for p in inputs}


def _watch(inputs: tuple[Path, ...], opts: Any, helper: Any, since: dict[Path, Any] | None = None) -> None:
    """``build --watch``: rebuild changed letters until Ctrl-C, one line per rebuild."""
    import time

    from .pipeline import watch

    def rebuilt(result: Any) -> None:
        if result.ok:
            click.echo(f"{time.strftime('%H:%M:%S')} rebuilt {result.out_dir}/ ({len(result.files)} files)")
            for text in result.warnings:
                click.echo(f"{PROG}: warning: {result.input.name}: {' '.join(text.split())}", err=True)
        else:
            click.echo(f"{PROG}: error: {result.error}", err=True)

    click.echo(f"watching {len(inputs)} letter(s) for changes; Ctrl-C to stop", err=True)
    watch(inputs, opts, rebuilt, helper=helper, since=since)
    click.echo("stopped watching", err=True)


# -- parse ----------------------------------------------------------------------


@cli.command()
@click.argument("input", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the JSON model here instead of stdout.")
@common_options
def parse(input: Path, output: Path | None, config_path: Path | None, warnings: list[str]) -> None:
    """Print the letter model as JSON, and a review on stderr (found, left out, doubts).

    Correct a bad split by editing the JSON and passing it to `build`.

    \b
    Example:
      a11y-pub parse input/lettre-infantes-ekko-2026-02-23.txt -o letter.json
    """
    from .files import atomic_write
    from .parse import parse_letter

    opts = _settings(config_path, {})
    letter = parse_letter(input, opts.max_input_bytes)
    if output is not None:
        if output.resolve() == input.resolve():
            raise click.UsageError("the output file would overwrite the input")
        atomic_write(output, letter.to_json())
    else:
        click.echo(letter.to_json(), nl=False)
    kinds: dict[str, int] = {}
    for section in letter.sections:
        kinds[section.kind] = kinds.get(section.kind, 0) + 1
    found = ", ".join(f"{n} {k}" for k, n in kinds.items())
    click.echo(f"{input}: {letter.language}, {len(letter.sections)} sections ({found}); date {letter.date or 'not found'}", err=True)
    for warning in warnings:
        click.echo(f"  warning: {warning}", err=True)
    from .parse.review import review_text

    click.echo(review_text(letter), err=True, nl=False)


# -- summary ----------------------------------------------------------------------


@cli.command()
@click.argument("input", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["md", "text", "json"]), default="md", show_default=True)
@click.option("--summary", "summary_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Staff-written summary to check and use instead of the draft.")
@common_options
def summary(input: Path, fmt: str, summary_file: Path | None, config_path: Path | None, warnings: list[str]) -> None:
    """Print the easy-to-read summary of a letter.

    \b
    Example:
      a11y-pub summary input/lettre-infantes-ekko-2026-02-23.txt
    """
    from .easyread import summarize
    from .parse import parse_letter
    from .pipeline import staff_summary_for

    opts = _settings(config_path, {"summary_file": summary_file or staff_summary_for(input)})
    letter = parse_letter(input, opts.max_input_bytes)
    result = summarize(letter, opts.summary)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif fmt == "text":
        click.echo(result.to_text(), nl=False)
    else:
        click.echo(result.to_markdown(), nl=False)


@cli.command("check-summary")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice(["fr", "en"]), help="Language of the text (default: detected).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--letter", "letter_path", type=click.Path(path_type=Path),
              help="The letter the summary is of: also check that it says what the letter says.")
@common_options
def check_summary(
    file: Path, lang: str | None, fmt: str, letter_path: Path | None, config_path: Path | None, warnings: list[str]
) -> None:
    """Check an easy-read text against the FALC / easy-to-read rules.

    With --letter, also check its faithfulness to the letter: every sentence
    traced to the letter, with the same numbers, dates, names, negations,
    modality, conditions and speaker.

    Exit code 0 when the text passes, 1 when it does not.

    \b
    Example:
      a11y-pub check-summary output/lettre-infantes-ekko-2026-02-23/resume-facile.md
      a11y-pub check-summary resume.md --letter lettre.txt
    """
    from .easyread import CheckOptions, check_text, format_report
    from .parse.encoding import decode_text, read_bytes
    from .parse.structure import detect_language

    opts = _settings(config_path, {})
    check_opts = CheckOptions.from_summary_options(opts.summary)
    if letter_path is not None:
        from .easyread.summarize import check_staff_summary
        from .parse import parse_letter

        report = check_staff_summary(file, parse_letter(letter_path, opts.max_input_bytes), check_opts)
    else:
        text = decode_text(read_bytes(file, opts.max_input_bytes), file)
        report = check_text(text, lang or detect_language(text), check_opts)
    click.echo(format_report(report, fmt), nl=False)
    sys.exit(0 if report.passed else 1)


# -- speech ----------------------------------------------------------------------


@cli.command()
@click.argument("input", type=click.Path(path_type=Path))
@click.option("--section", "section_id", help="Only this section (its id, as in 'a11y-pub parse': introduction, commitment-1…).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lexicon", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Your pronunciation lexicon (TOML or W3C PLS), layered over the built-in one.")
@common_options
def speech(input: Path, section_id: str | None, fmt: str, lexicon: Path | None, config_path: Path | None, warnings: list[str]) -> None:
    """Print the text the voice is given, section by section, to check pronunciation before building.

    Each line is one sentence as the engine receives it (numbers, dates,
    addresses, abbreviations written out); the audio's transcript timings
    refer to these same sentences.

    \b
    Example:
      a11y-pub speech input/lettre-infantes-ekko-2026-02-23.txt --section commitment-1
    """
    from .parse import parse_letter
    from .render.audio.script import plan_section_tracks
    from .speech.lexicon import load_lexicon

    opts = _settings(config_path, {"lexicon": lexicon})
    letter = parse_letter(input, opts.max_input_bytes)
    tracks = plan_section_tracks(letter, load_lexicon(letter.language, opts.audio.lexicon))
    if section_id is not None:
        tracks = [t for t in tracks if t.section_id == section_id]
        if not tracks:
            known = ", ".join(s.id for s in letter.sections)
            raise click.BadParameter(f"{input} has no section '{section_id}' (sections: {known})", param_hint="'--section'")
    if fmt == "json":
        rows = [
            {"file": t.name, "section": t.section_id, "title": t.title,
             "sentences": [{"written": u.written, "speech": u.speech} for u in t.utterances]}
            for t in tracks
        ]
        click.echo(json.dumps({"language": letter.language, "tracks": rows}, ensure_ascii=False, indent=2))
        return
    for index, track in enumerate(tracks):
        click.echo(("\n" if index else "") + f"# {track.name} ({track.section_id}): {track.title}")
        for utterance in track.utterances:
            click.echo(utterance.speech)


# -- voices ----------------------------------------------------------------------


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--voices-dir", type=click.Path(file_okay=False, path_type=Path), help="Folder searched for Piper voices.")
@click.option("--no-probe", is_flag=True, help="Do not check whether gTTS is reachable.")
@common_options
def voices(as_json: bool, voices_dir: Path | None, no_probe: bool, config_path: Path | None, warnings: list[str]) -> None:
    """List the speech engines and voices available on this machine.

    \b
    Example:
      a11y-pub voices --voices-dir ~/piper-voices
    """
    from .engines.voices import describe_voices, format_voices_table

    opts = _settings(config_path, {"voices_dir": voices_dir})
    rows = describe_voices(opts.audio.voices_dir, probe_gtts=not no_probe)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(format_voices_table(rows), nl=False)


# -- entry point -------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; print one line per error (a traceback with --debug) and exit."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    # The pipeline spreads work over processes and threads itself: a BLAS pool per
    # process (the language model's matrix products) only competes for the same cores.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        _run(args, debug)
    finally:
        _reset_logging()


def _run(args: list[str], debug: bool) -> None:
    try:
        cli.main(args=args, prog_name=PROG, standalone_mode=False)
    except A11yPubError as exc:
        if debug:
            raise
        click.echo(f"{PROG}: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort as exc:
        click.echo(f"{PROG}: interrupted; finished files are kept, nothing half-written remains", err=True)
        sys.exit(143 if isinstance(exc.__cause__, _Terminated) else 130)
    except click.ClickException as exc:
        hint = f" (see '{PROG} --help')" if isinstance(exc, click.UsageError) else ""
        click.echo(f"{PROG}: error: {' '.join(exc.format_message().split())}{hint}", err=True)
        sys.exit(2 if isinstance(exc, click.UsageError) else exc.exit_code)
    except KeyboardInterrupt as exc:
        click.echo(f"{PROG}: interrupted; finished files are kept, nothing half-written remains", err=True)
        sys.exit(143 if isinstance(exc, _Terminated) else 130)
    except OSError as exc:
        if debug:
            raise
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        click.echo(f"{PROG}: error: {where}{exc.strerror or exc}", err=True)
        sys.exit(1)
    except SystemExit:
        raise
    sys.exit(0)
