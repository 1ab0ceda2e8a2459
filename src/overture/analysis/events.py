"""Event logs: what an actor did with real overtures, each with its date and its source.

A log is YAML or JSON (`overture schema events`); every malformed entry is reported at its
file:line:col, as for doctrines. Scenarios are checked against the doctrine they are judged by.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from overture.doctrine import Doctrine, Scenario
from overture.doctrine.loader import scenario_from_data
from overture.doctrine.schemas import format_schema
from overture.doctrine.yamlpos import Located, parse_text, pydantic_errors_to_message, read_file
from overture.errors import FieldErrors, InputError, OvertureError

Outcome = Literal["accepted", "refused", "ambiguous"]
EVENTS_FILE = "events.yaml"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EventSource(_Model):
    """Where the outcome is recorded: a title and a date, with a url, a file or a publisher."""

    title: str = Field(min_length=1, max_length=500)
    date: dt.date
    publisher: str | None = Field(None, max_length=300)
    url: str | None = Field(None, max_length=2000)
    file: str | None = Field(None, max_length=500, description="A file of ../shared/ (seeds, sources).")

    @model_validator(mode="after")
    def _named(self) -> EventSource:
        if not (self.url or self.file or self.publisher):
            raise ValueError("a source needs a url, a file or a publisher besides its title")
        return self


class Event(_Model):
    """A real overture and what the actor did with it."""

    id: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=80)
    date: dt.date
    what: str = Field(min_length=1, max_length=500, description="The overture, in one line.")
    scenario: dict[str, Any] = Field(
        description="The overture as a scenario without its date (the event's); facts are "
        "optional, the doctrine's world supplies them.")
    outcome: Outcome
    source: EventSource
    note: str | None = Field(None, max_length=2000)


class EventLog(_Model):
    """A list of events for one doctrine."""

    doctrine: str | None = Field(None, description="The doctrine the log is for (default: given by the caller).")
    title: str | None = None
    description: str | None = None
    events: list[Event] = Field(min_length=1, max_length=10_000)


def events_json_schema() -> dict[str, Any]:
    """The JSON Schema of the event log format."""
    return format_schema(EventLog, "Overture event log")


def log_from_located(located: Located) -> EventLog:
    """Validate parsed data as an event log (the first error located, the others counted)."""
    data = located.data
    if isinstance(data, list):  # a bare list of events
        data = {"events": data}
        located = Located(data, {("events", *k): v for k, v in located.marks.items()}, located.label)
    if not isinstance(data, dict):
        raise InputError("an event log is a mapping with `events`, or a list of events",
                         located.where(()))
    try:
        log = EventLog.model_validate(data)
    except ValidationError as exc:
        message, where = pydantic_errors_to_message(exc.errors(), located)
        raise InputError(message, where) from exc
    seen: dict[str, int] = {}
    for i, e in enumerate(log.events):
        if e.id in seen:
            raise InputError(f"duplicate event id {e.id!r}", located.where(("events", i, "id")))
        seen[e.id] = i
        if "date" in e.scenario:
            raise InputError("an event's scenario takes the event's date; remove `date`",
                             located.key_where(("events", i, "scenario", "date")))
    return log


def read_log(path: str | Path) -> tuple[EventLog, Located]:
    """Read an event log file (YAML or JSON), with located errors."""
    located = read_file(path)
    return log_from_located(located), located


def parse_log(text: str, label: str = "<events>") -> tuple[EventLog, Located]:
    """Parse an event log given as text."""
    located = parse_text(text, label)
    return log_from_located(located), located


def shipped_log(doctrine: Doctrine) -> Path | None:
    """The event log shipped beside a doctrine file (`events.yaml`), if any."""
    if doctrine.path is None:
        return None
    p = doctrine.path.parent / EVENTS_FILE
    return p if p.is_file() else None


def event_scenarios(log: EventLog, located: Located | None, doctrine: Doctrine) -> list[Scenario]:
    """Each event's scenario, dated by the event and checked against `doctrine` (located)."""
    out: list[Scenario] = []
    for i, e in enumerate(log.events):
        data = {**e.scenario, "date": e.date.isoformat()}
        where = ("events", i, "scenario")
        try:
            out.append(scenario_from_data(data, f"event {e.id}", None, doctrine))
        except FieldErrors as exc:
            path, message = exc.fields[0]
            parts = tuple(int(x) if x.isdigit() else x for x in path.split("."))
            loc = located.where((*where, *parts)) if located else None
            raise InputError(f"event {e.id}: {message}", loc) from None
        except OvertureError as exc:
            loc = located.where(where) if located else None
            raise InputError(f"event {e.id}: {exc.message}", loc) from None
    return out
