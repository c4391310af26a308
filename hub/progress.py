"""Progress of the long management commands (`import_content`, `search_index`, `load_demo`,
`send_digests`), one helper for all of them.

On a terminal: a tqdm bar (done/total, rate, time left). Otherwise (CI, logs, docker) one plain
line every `--progress-interval` seconds and one when the work ends, so that a log shows the work
moving without one line per item. At `-v0`: nothing.
"""

import time
from contextlib import contextmanager

from tqdm import tqdm

DEFAULT_INTERVAL = 10.0


def add_progress_argument(parser):
    parser.add_argument(
        "--progress-interval",
        type=float,
        default=DEFAULT_INTERVAL,
        metavar="SECONDES",
        help="Hors terminal, une ligne de progression toutes les SECONDES (10 par défaut).",
    )


def _duration(seconds):
    seconds = round(seconds)
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


class Progress:
    """Counts work done (`advance`) and shows it; `close()` (or leaving the `with`) ends it."""

    def __init__(self, label, total=None, *, stream, verbosity=1, interval=DEFAULT_INTERVAL, unit="élément"):
        self.label, self.total, self.done, self.interval = label, total, 0, interval
        self.silent = verbosity < 1
        self.out = getattr(stream, "_out", stream)  # under Django's OutputWrapper, the real stream
        self.bar = None
        if not self.silent and self.out.isatty():
            self.bar = tqdm(total=total, desc=label, unit=f" {unit}", file=self.out, dynamic_ncols=True)
        self.started = self.last_line = time.monotonic()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def advance(self, count=1):
        self.done += count
        if self.silent:
            return
        if self.bar is not None:
            self.bar.update(count)
            return
        now = time.monotonic()
        if now - self.last_line >= self.interval:
            self.last_line = now
            self._line(now, final=False)

    def close(self):
        if self.silent:
            return
        if self.bar is not None:
            self.bar.close()
        else:
            self._line(time.monotonic(), final=True)

    def _line(self, now, final):
        elapsed = now - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        done = f"{self.done}/{self.total}" if self.total is not None else f"{self.done}"
        if self.total:
            done += f" ({self.done * 100 // self.total} %)"
        if final:
            line = f"{self.label} : {done}, terminé en {_duration(elapsed)} ({rate:.1f}/s)."
        else:
            line = f"{self.label} : {done}, {rate:.1f}/s"
            if self.total and rate:
                line += f", reste environ {_duration((self.total - self.done) / rate)}"
        self.out.write(line + "\n")
        self.out.flush()


def command_progress(command, options):
    """A `Progress` factory for a command's `handle()`: `with progress("Import", total) as p:`."""

    @contextmanager
    def progress(label, total=None, unit="élément"):
        with Progress(
            label,
            total,
            stream=command.stdout,
            verbosity=options.get("verbosity", 1),
            interval=options.get("progress_interval", DEFAULT_INTERVAL),
            unit=unit,
        ) as tracker:
            yield tracker

    return progress


@contextmanager
def untracked(label, total=None, unit="élément"):
    """The `progress` of code run without a command (tests, tasks): counts, shows nothing."""
    with Progress(label, total, stream=None, verbosity=0) as tracker:
        yield tracker
