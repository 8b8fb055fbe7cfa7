"""Write a synthetic local authority: a Mosaic extract and/or SSDA903 returns per year.

Children are simulated in fixed-size chunks, each from its own random stream seeded by
(seed, chunk index), on up to two worker processes; chunks are written to disk in order as
they finish. So output bytes depend only on the arguments, never on the worker count, and
memory stays flat whatever the number of children (one chunk's text per worker in flight).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
import shutil
import time
from collections import defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from dagster_project.synthetic import figures as F
from dagster_project.synthetic.cin import (
    CENSUS_FOOTER,
    CinMaker,
    CinRecord,
    census_child,
    census_header,
    mosaic_rows,
)
from dagster_project.synthetic.dates import DateTable, add_months, collection_year
from dagster_project.synthetic.episodes import child_episodes
from dagster_project.synthetic.histories import Child, HistoryMaker
from dagster_project.synthetic.places import HARROW, HARROW_NEIGHBOURS, PostcodePools, pools
from dagster_project.synthetic.returns import FILES as SSDA903_FILES
from dagster_project.synthetic.returns import HEADERS as SSDA903_HEADERS
from dagster_project.synthetic.returns import YearEnds, child_returns

DEFAULT_AS_AT = dt.date(2026, 3, 31)
SOURCES = ("mosaic", "ssda903", "both")
CHUNK_CHILDREN = 4000
AHEAD = 2  # chunks per worker simulated ahead of the one being written
LA_NUMBER = "310"  # Harrow: old LA code, also the UPN's LA number
MARKER = ".synthetic"

MOSAIC_HEADERS = {
    "persons": "PERSON_ID,GENDER,DATE_OF_BIRTH,ETHNICITY,UPN,UASC_FLAG,UASC_END_DATE,DATE_OF_DEATH",
    "periods_of_care": "PERIOD_OF_CARE_ID,PERSON_ID,START_DATE,END_DATE,CATEGORY_OF_NEED,"
    "REASON_ENDED,HOME_POSTCODE",
    "legal_statuses": "LEGAL_STATUS_ID,PERSON_ID,LEGAL_STATUS,START_DATE,END_DATE",
    "placements": "PLACEMENT_ID,PERSON_ID,PERIOD_OF_CARE_ID,START_DATE,END_DATE,PLACEMENT_TYPE,"
    "PLACEMENT_PROVIDER,CARER_ID,PLACEMENT_POSTCODE,OFSTED_URN,REASON_PLACEMENT_CHANGE",
    "health_events": "PERSON_ID,EVENT_TYPE,EVENT_DATE,RESULT",
    "missing_episodes": "PERSON_ID,MISSING_TYPE,START_DATE,END_DATE",
    "care_leaver_contacts": "PERSON_ID,CONTACT_DATE,IN_TOUCH,ACCOMMODATION,ACTIVITY",
    "reviews": "PERSON_ID,REVIEW_DATE,PARTICIPATION",
    "referrals": "REFERRAL_ID,PERSON_ID,REFERRAL_DATE,REFERRAL_SOURCE,REFERRAL_NFA,"
    "CIN_CLOSURE_DATE,REASON_FOR_CLOSURE,PRIMARY_NEED",
    "assessments": "ASSESSMENT_ID,PERSON_ID,REFERRAL_ID,START_DATE,AUTHORISED_DATE,FACTORS",
    "section47_enquiries": "S47_ID,PERSON_ID,REFERRAL_ID,START_DATE,ICPC_DATE,ICPC_NOT_REQUIRED",
    "cin_plans": "PERSON_ID,START_DATE,END_DATE",
    "child_protection_plans": "CPP_ID,PERSON_ID,START_DATE,END_DATE,INITIAL_CATEGORY",
    "disabilities": "PERSON_ID,DISABILITY",
}


@dataclass
class GenerateReport:
    """What was written: counts for the summary, the docs and the tests."""

    children: int
    years: int
    seed: int
    as_at: dt.date
    source: str
    mosaic_dir: Path | None
    ssda903_dir: Path | None
    cin_dir: Path | None = None
    cin_ratio: float = F.CIN_RATIO
    collection_years: list[int] = field(default_factory=list)
    census_years: list[int] = field(default_factory=list)
    cin_children: int = 0
    periods: int = 0
    episodes: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def summary(self) -> str:
        lines = [
            f"{self.children:,} children, {self.periods:,} periods of care, "
            f"{self.episodes:,} episodes (seed {self.seed}, as at {self.as_at.isoformat()})",
        ]
        if self.mosaic_dir is not None:
            lines.append(f"Mosaic extract: {self.mosaic_dir}")
        if self.ssda903_dir is not None and self.collection_years:
            lines.append(
                f"SSDA903 returns: {self.ssda903_dir} "
                f"({self.collection_years[0]}-{self.collection_years[-1]}, "
                f"{len(self.collection_years)} years)"
            )
        if self.cin_dir is not None and self.census_years:
            lines.append(
                f"CIN census returns: {self.cin_dir} "
                f"({self.census_years[0]}-{self.census_years[-1]}, {len(self.census_years)} years)"
            )
        lines.append(
            f"{self.cin_children:,} children in need never in care (ratio {self.cin_ratio:g})"
        )
        lines.append(f"{sum(self.rows.values()):,} rows written in {self.seconds:.1f} s")
        return "\n".join(lines)


@dataclass(frozen=True)
class _Job:
    """Everything a worker needs, identical for every chunk of one run."""

    seed: int
    children: int
    as_at: int
    window_start: int
    window_days: int
    first_year: int
    last_year: int
    mosaic: bool
    ssda903: bool
    places: PostcodePools
    cin_ratio: float = F.CIN_RATIO

    @property
    def cin_children(self) -> int:
        """Children in need who never come into care: `cin_ratio` per child who does."""
        return round(self.cin_ratio * self.children)

    def tasks(self) -> list[tuple[str, int]]:
        """Chunks in output order: children in care, then children never in care."""
        cla = -(-self.children // CHUNK_CHILDREN)
        cin = -(-self.cin_children // CHUNK_CHILDREN)
        return [("cla", i) for i in range(cla)] + [("cin", k) for k in range(cin)]


_JOB: _Job | None = None
_DATES: DateTable | None = None


def _init_worker(job: _Job) -> None:
    global _JOB, _DATES
    _JOB = job
    first = dt.date.fromordinal(job.window_start) - dt.timedelta(days=int(19 * 365.25))
    _DATES = DateTable(first, dt.date.fromordinal(job.as_at + 400))


def _mosaic_rows(child: Child, dates: DateTable, out: dict[str, list[str]]) -> None:
    fmt = dates.fmt
    pid = child.person_id
    uasc_end = fmt(child.duc) if child.duc is not None and child.duc <= _JOB.as_at else ""  # type: ignore[union-attr]
    out["persons"].append(
        f"{pid},{child.gender_text},{fmt(child.dob)},{child.ethnicity},{child.upn},"
        f"{'Y' if child.uasc else 'N'},{uasc_end},"
    )
    periods, legal, placements = out["periods_of_care"], out["legal_statuses"], out["placements"]
    for period in child.periods:
        periods.append(
            f"{period.period_id},{pid},{fmt(period.start)},{fmt(period.end)},{period.cin},"
            f"{period.reason_ended},{period.home_postcode}"
        )
        for row in period.legal_statuses:
            legal.append(f"{row.legal_status_id},{pid},{row.code},{fmt(row.start)},{fmt(row.end)}")
        for p in period.placements:
            placements.append(
                f"{p.placement_id},{pid},{period.period_id},{fmt(p.start)},{fmt(p.end)},"
                f"{p.place},{p.provider},{p.carer},{p.postcode},{p.urn},{p.reason_change}"
            )
    health = out["health_events"]
    for kind, day, result in sorted(child.health, key=lambda h: (h[1], h[0])):
        health.append(f"{pid},{kind},{fmt(day)},{result}")
    missing = out["missing_episodes"]
    for kind, start, end in child.missing:
        missing.append(f"{pid},{kind},{fmt(start)},{fmt(end)}")
    contacts = out["care_leaver_contacts"]
    for day, in_touch, accommodation, activity in child.contacts:
        contacts.append(f"{pid},{fmt(day)},{in_touch},{accommodation},{activity}")
    reviews = out["reviews"]
    for day, code in child.reviews:
        reviews.append(f"{pid},{fmt(day)},{code}")


def _chunk(task: tuple[str, int]) -> tuple[dict[object, bytes], dict[str, int]]:
    """Simulate and format one chunk of children: file key -> bytes, plus counts."""
    job, dates = _JOB, _DATES
    assert job is not None and dates is not None
    kind, index = task
    if kind == "cin":
        return _cin_chunk(index)
    first = index * CHUNK_CHILDREN
    last = min(first + CHUNK_CHILDREN, job.children)
    rng = random.Random(f"cla-synthetic:{job.seed}:{index}")
    extras = random.Random(f"cla-synthetic:{job.seed}:{index}:oc2")
    maker = HistoryMaker(
        rng, job.as_at, job.window_start, job.window_days, job.places, LA_NUMBER,
        carers=max(4, (last - first) // 5),
    )  # fmt: skip
    years = YearEnds(dates, job.first_year, job.last_year, job.as_at)
    cin = CinMaker(
        random.Random(f"cla-synthetic:{job.seed}:{index}:cin"),
        job.as_at, job.window_start, job.window_days, LA_NUMBER,
    )  # fmt: skip
    mosaic: dict[str, list[str]] = defaultdict(list)
    returns: dict[tuple[int, str], list[str]] = defaultdict(list)
    census: dict[int, list[str]] = defaultdict(list)
    counts = {"periods": 0, "episodes": 0}
    for i in range(first, last):
        child = maker.child(i)
        counts["periods"] += len(child.periods)
        if job.mosaic:
            _mosaic_rows(child, dates, mosaic)
        episodes = child_episodes(child)
        counts["episodes"] += len(episodes)
        if job.ssda903:
            child_returns(child, episodes, years, returns, extras)
        _cin_rows(cin.for_cla(child), job, dates, years, mosaic, census, person_row=False)
    return _blobs(mosaic, returns, census, counts)


def _cin_chunk(index: int) -> tuple[dict[object, bytes], dict[str, int]]:
    """One chunk of children in need who never come into care (their own random stream)."""
    job, dates = _JOB, _DATES
    assert job is not None and dates is not None
    first = index * CHUNK_CHILDREN
    last = min(first + CHUNK_CHILDREN, job.cin_children)
    years = YearEnds(dates, job.first_year, job.last_year, job.as_at)
    cin = CinMaker(
        random.Random(f"cla-synthetic:{job.seed}:cin-only:{index}"),
        job.as_at, job.window_start, job.window_days, LA_NUMBER,
    )  # fmt: skip
    mosaic: dict[str, list[str]] = defaultdict(list)
    census: dict[int, list[str]] = defaultdict(list)
    for k in range(first, last):
        _cin_rows(cin.cin_only(k), job, dates, years, mosaic, census, person_row=True)
    return _blobs(mosaic, {}, census, {"cin_children": last - first})


def _blobs(
    mosaic: dict[str, list[str]],
    returns: dict[tuple[int, str], list[str]],
    census: dict[int, list[str]],
    counts: dict[str, int],
) -> tuple[dict[object, bytes], dict[str, int]]:
    """The chunk's rows as the bytes to append to each file, and the row counts."""
    out: dict[object, bytes] = {}
    for name, rows in mosaic.items():
        out[name] = ("\n".join(rows) + "\n").encode()
        counts[f"mosaic/{name}"] = len(rows)
    for (year, name), rows in returns.items():
        out[(year, name)] = ("\n".join(rows) + "\n").encode()
        counts[f"ssda903/{name}"] = counts.get(f"ssda903/{name}", 0) + len(rows)
    for year, children in census.items():
        out[("cin", year)] = ("\n".join(children) + "\n").encode()
        counts["cin/children"] = counts.get("cin/children", 0) + len(children)
    return out, counts


def _cin_rows(
    record: CinRecord,
    job: _Job,
    dates: DateTable,
    years: YearEnds,
    mosaic: dict[str, list[str]],
    census: dict[int, list[str]],
    person_row: bool,
) -> None:
    """A child's CIN rows in the Mosaic files and their Child element in each census year."""
    if not record.referrals and not (person_row and job.mosaic):
        return
    if job.mosaic:
        mosaic_rows(record, dates, mosaic, person_row)
    if not job.ssda903 or not record.referrals:
        return
    first = max(job.first_year, dates.cy(min(r.date for r in record.referrals)))
    last_day = max((r.closure if r.closure is not None else job.as_at) for r in record.referrals)
    last = min(job.last_year, dates.cy(last_day))
    iso, base = dates.iso, dates.base
    for year in range(first, last + 1):
        element = census_child(
            record, year, min(years.end[year], job.as_at), years.start[year], iso, base
        )
        if element:
            census[year].append(element)


def _results(job: _Job, workers: int) -> Iterator[tuple[dict[object, bytes], dict]]:
    """Chunk results in task order, with at most AHEAD chunks simulated but not yet written.

    `Pool.imap` would let the workers run arbitrarily far ahead of a parent held up writing
    (gigabytes of census XML at national scale), holding every finished chunk in memory;
    bounding the chunks in flight keeps memory flat whatever the disk's speed.
    """
    tasks = job.tasks()
    if workers <= 1 or len(tasks) == 1:
        _init_worker(job)
        for task in tasks:
            yield _chunk(task)
        return
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    pool = context.Pool(workers, initializer=_init_worker, initargs=(job,))
    try:
        queue = iter(tasks)
        pending = deque(
            pool.apply_async(_chunk, (task,)) for task in islice(queue, AHEAD * workers)
        )
        while pending:
            result = pending.popleft().get()
            task = next(queue, None)
            if task is not None:
                pending.append(pool.apply_async(_chunk, (task,)))
            yield result
    except BaseException:
        pool.terminate()
        raise
    else:
        # Every task is done: let the workers finish and exit. (terminate(), which a `with`
        # block calls, races the pool's own worker replacement and can leave a freshly
        # forked worker deadlocked in a process that has other threads, as a test run has.)
        pool.close()
    finally:
        pool.join()


def census_file(year: int) -> str:
    """The census return's file name in `cin/<year>/`."""
    return f"CIN_Census_{year}.xml"


class UnmarkedFolderError(RuntimeError):
    """A folder the generator would write holds files it did not write (maybe real data)."""


def ensure_writable(folder: Path) -> None:
    """Refuse to overwrite a non-empty folder that lacks the synthetic marker."""
    if folder.is_dir() and any(folder.iterdir()) and not (folder / MARKER).exists():
        raise UnmarkedFolderError(
            f"{folder} holds files not written by the synthetic generator (no {MARKER} "
            "marker): it may be real data, so nothing was written. Choose another --out."
        )


def mark(folder: Path) -> None:
    """Record that `folder` holds synthetic data written by this package."""
    ensure_writable(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text(
        "Synthetic data written by dagster_project.synthetic (cla generate / cla demo).\n",
        encoding="utf-8",
    )


def generate(
    out_dir: Path,
    children: int,
    years: int,
    seed: int,
    source: str = "both",
    as_at: dt.date = DEFAULT_AS_AT,
    *,
    workers: int | None = None,
    cin_ratio: float = F.CIN_RATIO,
) -> GenerateReport:
    """Write `children` histories whose care starts spread over the `years` ending at `as_at`.

    Mosaic: `out_dir/mosaic/<as_at>/` (with the CIN files); SSDA903: `out_dir/ssda903/<YYYY>/`
    for every collection year with an episode, and the CIN census `out_dir/cin/<YYYY>/` for
    every census year with a child in need. `cin_ratio` children in need who never come into
    care are simulated per child who does. Each folder written gets a `.synthetic` marker.
    """
    if source not in SOURCES:
        raise ValueError(f"source must be one of {SOURCES}, not {source!r}")
    if children < 1 or years < 1:
        raise ValueError("children and years must be at least 1")
    if not 0 <= cin_ratio <= 100:
        raise ValueError("cin_ratio must be between 0 and 100")
    started = time.perf_counter()
    out_dir = Path(out_dir)
    window_start = add_months(as_at, -12 * years) + dt.timedelta(days=1)
    job = _Job(
        seed=seed,
        children=children,
        as_at=as_at.toordinal(),
        window_start=window_start.toordinal(),
        window_days=as_at.toordinal() - window_start.toordinal() + 1,
        first_year=collection_year(window_start),
        last_year=collection_year(as_at),
        mosaic=source in ("mosaic", "both"),
        ssda903=source in ("ssda903", "both"),
        places=pools(HARROW, HARROW_NEIGHBOURS),
        cin_ratio=cin_ratio,
    )
    mosaic_dir = out_dir / "mosaic" / as_at.isoformat() if job.mosaic else None
    ssda903_dir = out_dir / "ssda903" if job.ssda903 else None
    cin_dir = out_dir / "cin" if job.ssda903 else None
    report = GenerateReport(
        children, years, seed, as_at, source, mosaic_dir, ssda903_dir, cin_dir, cin_ratio
    )
    targets = [mosaic_dir] if mosaic_dir is not None else []
    if ssda903_dir is not None and cin_dir is not None:
        targets += [ssda903_dir / str(y) for y in range(job.first_year, job.last_year + 1)]
        targets += [cin_dir / str(y) for y in range(job.first_year, job.last_year + 1)]
    for folder in targets:
        ensure_writable(folder)  # all checked before anything is written
    handles: dict[object, BinaryIO] = {}
    if mosaic_dir is not None:
        mark(mosaic_dir)
        for name, header in MOSAIC_HEADERS.items():
            handles[name] = (mosaic_dir / f"{name}.csv").open("wb")
            handles[name].write((header + "\n").encode())
    if ssda903_dir is not None:
        for year in range(job.first_year, job.last_year + 1):
            folder = ssda903_dir / str(year)
            mark(folder)
            for name in SSDA903_FILES:
                handles[(year, name)] = (folder / f"{name}.csv").open("wb")
                handles[(year, name)].write((SSDA903_HEADERS[name] + "\n").encode())
    if cin_dir is not None:
        for year in range(job.first_year, job.last_year + 1):
            folder = cin_dir / str(year)
            mark(folder)
            handles[("cin", year)] = (folder / census_file(year)).open("wb")
            handles[("cin", year)].write(census_header(year, LA_NUMBER).encode())
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    totals: dict[str, int] = defaultdict(int)
    try:
        for blobs, counts in _results(job, workers):
            for key, blob in blobs.items():
                handles[key].write(blob)
            for key, value in counts.items():
                totals[key] += value
    finally:
        for key, handle in handles.items():
            if isinstance(key, tuple) and key[0] == "cin" and not handle.closed:
                handle.write(CENSUS_FOOTER.encode())
            handle.close()
    report.periods = totals.pop("periods", 0)
    report.episodes = totals.pop("episodes", 0)
    report.cin_children = totals.pop("cin_children", 0)
    report.rows = dict(sorted(totals.items()))
    if ssda903_dir is not None:
        for year in range(job.first_year, job.last_year + 1):
            folder = ssda903_dir / str(year)
            with (folder / "episodes.csv").open("rb") as handle:
                handle.readline()
                has_rows = bool(handle.readline())
            if has_rows:
                report.collection_years.append(year)
            else:
                shutil.rmtree(folder)  # written by us a moment ago, empty
    if cin_dir is not None:
        for year in range(job.first_year, job.last_year + 1):
            folder = cin_dir / str(year)
            with (folder / census_file(year)).open("rb") as handle:
                has_child = b"<Child>" in handle.read(4096)  # right after the header
            if has_child:
                report.census_years.append(year)
            else:
                shutil.rmtree(folder)  # written by us a moment ago, no child in need
    report.seconds = time.perf_counter() - started
    return report
