"""Screening a folder of proposals: every core, input order, a bad file never stops the rest.

A city-wide re-screen after a rule change runs over tens of thousands of files.
durable_rules holds the GIL, so a large batch is shared out to worker processes;
each has its own Screener (durable_rules' state lives in the process), reads,
validates, screens and renders its files, and sends back the rendered text. The
results come back in input order and are written as they arrive, so the output is
byte for byte what one process would print. A handful of files is screened in
this process, as starting workers would cost more than it saves, and so is a run
that reads the replacement-source ledger (the database connection is this
process's: the CLI passes its ledger-attached Screener and jobs=1).

A file that cannot be screened is reported with its file, line and field, and the
others are still screened. A progress bar is drawn on stderr when it is a
terminal, never into a pipe or a log.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from screening.decision.model import Decision
from screening.errors import InputError, Problem, ScreeningError
from screening.rulebook.book import Rulebook

#: fewer files than this are screened in this process
POOL_FROM = 200
#: files handed to a worker at a time (fewer round trips, still an even spread)
CHUNK = 32
#: a progress bar is only worth drawing for a batch at least this large
PROGRESS_FROM = 50


@dataclass(frozen=True)
class Settings:
    """How every file of one run is screened and rendered."""

    engine: str = "durable"
    as_of: date | None = None
    fmt: str = "text"  # text | json | markdown
    lang: str = "zh"
    #: JSON indented for people (default: compact, one decision a line)
    indent: bool = False
    #: worker processes; None picks one per usable core for a large batch
    jobs: int | None = None
    #: also send each Decision object back from the workers (costs a pickle per file)
    keep_decisions: bool = False
    #: the bytes of standard input, when a file is named ``-``
    stdin: bytes | None = None
    #: folder the site maps (SVG) are written to, one per proposal with coordinates
    map_dir: str | None = None
    #: JSON kept as the UTF-8 bytes the encoder writes, for an output that takes them as
    #: they are (UTF-8, lines ending in \\n): not decoded to be encoded again
    binary: bool = False


@dataclass
class FileResult:
    """One file's outcome: its rendered decision, or the problems that stopped it."""

    path: Path
    output: str | bytes | None = None
    problems: list[Problem] = field(default_factory=list)
    decision: Decision | None = None
    proposal_id: str | None = None

    def error_entry(self) -> dict[str, Any]:
        """The JSON array's entry for a file that could not be screened."""
        first = self.problems[0] if self.problems else Problem("could not be screened")
        return {"file": first.file or str(self.path), "error": first.message,
                "field": first.field, "line": first.line, "expected": first.expected,
                "problems": [p.as_dict() for p in self.problems]}


def render(decision: Decision, fmt: str, lang: str, indent: bool = False,
           binary: bool = False) -> str | bytes:
    """A decision as the CLI prints it; for JSON, one item of the top-level array
    (on one line, or indented by two spaces inside the array with ``indent``), as
    UTF-8 bytes with ``binary``."""
    if fmt == "json":
        data = decision.as_dict()
        if decision.map_file and "site_map" in data:
            data["site_map"] = {**data["site_map"], "file": decision.map_file}
        return _json_item(data, indent, binary)
    from screening.decision.render import to_markdown, to_text

    return (to_text if fmt == "text" else to_markdown)(decision, lang)


def write_map(decision: Decision, folder: Path) -> str:
    """Write the decision's site map as ``<folder>/<proposal id>.svg``; the path written."""
    assert decision.site_map is not None
    folder.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", decision.proposal_id) + ".svg"
    path = folder / name
    path.write_text(decision.site_map["svg"] + "\n", encoding="utf-8")
    return str(path)


def render_error(result: FileResult, indent: bool = False, binary: bool = False) -> str | bytes:
    """A file that could not be screened, as one item of the JSON array."""
    return _json_item(result.error_entry(), indent, binary)


def _json_item(data: dict[str, Any], indent: bool, binary: bool) -> str | bytes:
    from screening.decision.jsontext import dumps, dumps_bytes

    if binary:
        raw = dumps_bytes(data, indent)
        return b"\n".join(b"  " + line for line in raw.split(b"\n")) if indent else raw
    text = dumps(data, indent)
    return "\n".join("  " + line for line in text.split("\n")) if indent else text


def screen_file(screener: Any, path: Path, settings: Settings, keep: bool = True,
                travels: bool = False) -> FileResult:
    """Read, validate, screen and render one file; problems name the file and line.

    ``keep``: the Decision is returned too; ``travels``: it is sent to another process,
    so its site map is drawn now (the zone layers do not travel). A decision kept in
    this process draws its map when first asked for (JSON output, --map, recording),
    so a text or markdown batch draws none.
    """
    from screening.facts.files import load_proposal

    try:
        loaded = load_proposal(path, settings.stdin)
        try:
            decision = screener.screen(loaded.proposal, settings.as_of)
        except InputError as exc:
            raise loaded.locate(exc) from None
    except ScreeningError as exc:
        for problem in exc.problems:
            problem.file = problem.file or str(path)
        return FileResult(path, problems=exc.problems)
    except Exception as exc:  # a bug must not cost the rest of the batch its decisions
        reason = f"{type(exc).__name__}: {exc}"
        return FileResult(path, problems=[Problem(
            f"internal error while screening ({reason}); please report it", file=str(path),
            code="internal_error", params={"reason": reason})])
    if settings.map_dir and decision.site_map is not None:
        decision.map_file = write_map(decision, Path(settings.map_dir))
    output = render(decision, settings.fmt, settings.lang, settings.indent, settings.binary)
    if keep and travels:
        decision.site_map  # noqa: B018  (drawn now: the layers do not travel between processes)
    return FileResult(path, output, decision=decision if keep else None,
                      proposal_id=loaded.proposal.id)


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers_for(count: int, settings: Settings) -> int:
    """How many processes screen ``count`` files: 1 means here, without a pool."""
    if settings.jobs is not None:
        return max(1, min(settings.jobs, count))
    if count < POOL_FROM:
        return 1
    return max(1, min(usable_cores(), count // CHUNK))


def screen_files(rulebook: Rulebook, files: Sequence[Path], settings: Settings,
                 screener: Any = None) -> Iterator[FileResult]:
    """Screen every file, yielding results in input order.

    ``screener`` (for ``rulebook``) is used when the files are screened in this
    process; worker processes build their own.
    """
    workers = workers_for(len(files), settings)
    if workers == 1:
        if screener is None:
            from screening.screen import Screener

            screener = Screener(rulebook, engine=settings.engine)  # type: ignore[arg-type]
        for path in files:
            yield screen_file(screener, path, settings)
        return
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with context.Pool(workers, initializer=_start_worker, initargs=(rulebook, settings)) as pool:
        # a chunk of plain strings out, a list of tuples back: few and cheap messages
        names = [str(path) for path in files]
        chunks = [names[start:start + CHUNK] for start in range(0, len(names), CHUNK)]
        done = (result for chunk in pool.imap(_screen_in_worker, chunks) for result in chunk)
        for path, (output, problems, decision, pid) in zip(files, done, strict=True):
            yield FileResult(path, output, problems, decision, pid)


_worker: dict[str, Any] = {}


def _start_worker(rulebook: Rulebook, settings: Settings) -> None:
    from screening.screen import Screener

    _worker["screener"] = Screener(rulebook, engine=settings.engine)  # type: ignore[arg-type]
    _worker["settings"] = settings


def _screen_in_worker(paths: list[str]) -> list[tuple[str | bytes | None, list[Problem],
                                                    Decision | None, str | None]]:
    settings: Settings = _worker["settings"]
    out = []
    for path in paths:
        result = screen_file(_worker["screener"], Path(path), settings,
                             keep=settings.keep_decisions, travels=True)
        out.append((result.output, result.problems, result.decision, result.proposal_id))
    return out


def utf8_stdout() -> bool:
    """True if standard output writes text as UTF-8 with lines ending in \\n (so bytes
    written to its buffer read the same as the text written to it)."""
    import codecs

    encoding = getattr(sys.stdout, "encoding", None)
    if os.linesep != "\n" or not encoding or getattr(sys.stdout, "buffer", None) is None:
        return False
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


class Output:
    """Writes rendered decisions as they come, exactly as one joined string would read.

    With ``binary`` the parts are UTF-8 bytes (``Settings.binary``) and so is what is
    handed to ``echo`` (click.echo writes bytes to the stream's binary buffer).
    """

    BUFFER = 1 << 16

    def __init__(self, fmt: str, echo: Callable[..., Any], binary: bool = False) -> None:
        self.fmt, self.echo, self.binary = fmt, echo, binary
        self.count = 0
        self._parts: list[Any] = []
        self._size = 0

    def _text(self, text: str) -> str | bytes:
        return text.encode("utf-8") if self.binary else text

    def write(self, text: str | bytes) -> None:
        if self.count:
            self._parts.append(self._text(",\n" if self.fmt == "json" else "\n\n"))
        elif self.fmt == "json":
            self._parts.append(self._text("[\n"))
        self._parts.append(self._text(text) if isinstance(text, str) else text)
        self.count += 1
        self._size += len(text)
        if self._size >= self.BUFFER:
            self.flush()

    def flush(self) -> None:
        if self._parts:
            self.echo((b"" if self.binary else "").join(self._parts), nl=False)
            self._parts, self._size = [], 0

    def close(self) -> None:
        if self.fmt == "json":
            self._parts.append(self._text("\n]" if self.count else "[]"))
        self._parts.append(self._text("\n"))
        self.flush()


class Progress:
    """A progress bar on stderr when it is a terminal; otherwise nothing at all."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.bar: Any = None
        if total >= PROGRESS_FROM and self.stream.isatty():
            import click

            self.bar = click.progressbar(length=total, label="screening", file=self.stream,
                                         show_pos=True, show_eta=True,
                                         update_min_steps=max(1, total // 500))

    def __enter__(self) -> Progress:
        if self.bar is not None:
            self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def note(self, text: str) -> None:
        """A line on stderr, above the bar when there is one."""
        import click

        click.echo(("\r\x1b[K" if self.bar is not None else "") + text, err=True)
