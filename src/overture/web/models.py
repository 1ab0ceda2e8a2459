"""Pydantic models of the HTTP API's request and response bodies (they make the OpenAPI schema).

Request models forbid unknown fields so that a typo is a 422 naming the field, not silently ignored.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    """Base of request bodies: unknown fields are an error."""

    model_config = ConfigDict(extra="forbid")


class FieldError(BaseModel):
    """One wrong field: where it is (`body.scenario.mode`) and what is wrong with it."""

    field: str
    message: str


class ErrorBody(BaseModel):
    """Every error response: a stable code, a readable detail and the fields at fault."""

    error: str = Field(description="Stable machine-readable code, e.g. `validation_error`.")
    detail: str = Field(description="What went wrong, in one sentence.")
    errors: list[FieldError] = Field(default_factory=list)


class Features(BaseModel):
    """Which parts of the library this server can serve (the page hides the rest)."""

    af: bool
    doctrine: bool
    verdict: bool
    analysis: bool
    hypotheses: bool
    corpus: bool
    writes: bool = Field(description="True when a write token is configured.")


class Health(BaseModel):
    """Liveness and the features available."""

    status: Literal["ok"] = "ok"
    version: str
    features: Features


class AFSolveResult(BaseModel):
    """The answer to one ICCMA task on an uploaded framework."""

    task: str = Field(description="The ICCMA task solved, e.g. `DC-PR`.")
    semantics: str
    arguments: int = Field(description="Number of arguments in the framework.")
    attacks: int = Field(description="Number of attacks in the framework.")
    argument: str | None = Field(default=None, description="The queried argument (DC/DS).")
    accepted: bool | None = Field(
        default=None, description="DC/DS: whether the argument is accepted."
    )
    extension: list[str] | None = Field(
        default=None, description="SE: one extension (None if there is none)."
    )
    extensions: list[list[str]] | None = Field(default=None, description="EE: every extension.")
    count: int | None = Field(default=None, description="CE and EE: number of extensions.")
    truncated: bool = Field(default=False, description="EE: stopped at the `limit`.")
    answer: str = Field(description="The answer as an ICCMA solver would print it.")
    seconds: float = Field(description="Solving time on the server.")


_DESCRIPTIONS: dict[int, str] = {
    400: "The body is not what the endpoint reads (empty, binary, not UTF-8).",
    401: "A write without `Authorization: Bearer <token>`.",
    403: "Wrong token, or writes are disabled on this server.",
    404: "No such doctrine or item; the detail lists the known ids.",
    409: "The id is already taken.",
    413: "The body exceeds the server's size limit.",
    422: "Invalid input: the `errors` list names each wrong field.",
    503: "The computation exceeded the time limit, or the server is busy.",
}


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries documenting these error codes with `ErrorBody`."""
    return {code: {"model": ErrorBody, "description": _DESCRIPTIONS[code]} for code in codes}
