"""Audio renderer: one MP3 per section, the whole letter with chapters, timings.

``render_audio(letter, out_dir, opts)`` writes under ``out_dir/audio/``:

- ``00-introduction.mp3`` (who writes to whom, when, about what; then the
  opening), ``NN-<slug>.mp3`` per section in reading order (commitments
  start with « Engagement n sur N : titre. »), the conclusion, the appendix;
- ``resume-facile.mp3`` (``easy-read.mp3``) when the summary exists;
- ``lettre-complete.mp3`` (``full-letter.mp3``): every section file in
  order with ID3v2.4 chapters (CHAP under a CTOC);
- ``playlist.m3u8``, ``<name>.vtt`` per MP3 and ``timings.json``
  (``a11y_pub.timings``).

Modules, one job each:

- ``script``: what each file says (pure planning from the letter);
- ``cache``: the sentence (PCM) and encoded-track caches;
- ``resample``, ``metering``, ``mastering``: pure numpy DSP (rate
  conversion; ITU-R BS.1770 loudness and true peak; trimming, limiter,
  loudness passes);
- ``encoding``: MP3 encoding and decoding in-process;
- ``tracks``: a track from sentences to an encoded stream, streams joined;
- ``tags``: ID3 tags and chapters; ``playlist``: the M3U playlist;
- ``renderer``: ``render_audio``, which writes the files.
"""

from __future__ import annotations

from .renderer import bare_synthesis, read_timings, render_audio
from .script import ANNOUNCEMENT_PAUSE, plan_section_tracks, plan_tracks

__all__ = ["ANNOUNCEMENT_PAUSE", "bare_synthesis", "plan_section_tracks", "plan_tracks", "read_timings", "render_audio"]
