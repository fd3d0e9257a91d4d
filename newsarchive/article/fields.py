"""How a front-matter field is declared: one :class:`FieldSpec` per field, and its coders.

The field table itself is the :class:`~newsarchive.article.model.Article` dataclass:
each front-matter field is one line there, ``declared(...)`` with its Vietnamese label,
an example as an editor types it, how YAML becomes the model's value (``load``), how the
value goes back to YAML (``dump``) and which check in
:mod:`newsarchive.article.checks` validates it. Key order, dumping, loading, validation
and labels are all derived from that table (like Material's ``PostConfig`` or Pelican's
``METADATA_PROCESSORS``), so adding a field touches one place:

>>> spec = FieldSpec("authors", "Tác giả", "Nghiêm Đẳng", load=text_list)
>>> spec.load(["Nghiêm Đẳng"], "authors"), spec.dump(("a",))
(['Nghiêm Đẳng'], ('a',))
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from newsarchive.article.values import (
    DEFAULT_EVENT_TYPE,
    SOURCE_KEYS,
    Image,
    PartialDate,
    Source,
)
from newsarchive.text import nfc

if TYPE_CHECKING:
    from newsarchive.article.checks import FieldChecks

Load = Callable[[Any, str], Any]  # (YAML value, key) → model value; raises ValueError/TypeError
Dump = Callable[[Any], Any]  # model value → what yaml.safe_dump writes
Check = Callable[["FieldChecks", "FieldSpec", Any], None]  # reports problems of a raw value


def _same(value: Any) -> Any:
    return value


def _no_check(checks: FieldChecks, spec: FieldSpec, value: Any) -> None:
    """Fields without rules of their own beyond what ``load`` enforces."""


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One front-matter field: key, Vietnamese label, example, coders, check."""

    key: str
    label: str
    example: str
    load: Load
    dump: Dump = _same
    check: Check = _no_check
    required: bool = False
    omit_empty: bool = False  # left out of the front matter when empty (ingest's hashes)


_SPEC = "front_matter"
_LABEL = "label"


def declared(label: str, example: str, load: Load, *, dump: Dump = _same,
             check: Check = _no_check, required: bool = False, omit_empty: bool = False,
             **default: Any) -> Any:
    """A dataclass field that is also a front-matter field (``default=`` or
    ``default_factory=`` as for :func:`dataclasses.field`); the key is the attribute name.

    Returns ``Any`` so that ``title: str = declared(...)`` type-checks like ``field()``.
    """
    spec = {"label": label, "example": example, "load": load, "dump": dump, "check": check,
            "required": required, "omit_empty": omit_empty}
    return dataclasses.field(**default, metadata={_SPEC: spec, _LABEL: label})


def labelled(label: str, **default: Any) -> Any:
    """A dataclass field shown to editors under ``label`` but not in the front matter
    (the body: "Nội dung")."""
    return dataclasses.field(**default, metadata={_LABEL: label})


def specs_of(cls: type) -> tuple[FieldSpec, ...]:
    """The front-matter fields of a dataclass declared with :func:`declared`, in order."""
    return tuple(FieldSpec(item.name, **item.metadata[_SPEC])
                 for item in dataclasses.fields(cls) if _SPEC in item.metadata)


def labels_of(cls: type) -> dict[str, str]:
    """Every labelled field of a dataclass: ``{"title": "Tiêu đề", …, "body": "Nội dung"}``."""
    return {item.name: item.metadata[_LABEL]
            for item in dataclasses.fields(cls) if _LABEL in item.metadata}


# --- coders: YAML value ↔ model value ------------------------------------------------------


def required_text(value: Any, key: str) -> str:
    """Non-empty text, in NFC: a title."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key}: must be non-empty text")
    return nfc(value)


def event_type(value: Any, key: str) -> str:
    """An event type slug; absent means ``khac`` (the validator says whether it is known)."""
    value = value or DEFAULT_EVENT_TYPE
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key}: must be non-empty text")
    return value


def optional_text(value: Any, key: str = "") -> str | None:
    """Text in NFC, or ``None`` for null and ``""``."""
    return nfc(str(value)) if value not in (None, "") else None


def text_list(value: Any, key: str) -> list[str]:
    """A list of texts in NFC; null is the empty list."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{key}: must be a list")
    return [nfc(str(item)) for item in value]


def partial_date(value: Any, key: str) -> PartialDate | None:
    """``2012``, ``2012-01`` or a YAML date; null and ``""`` are unknown."""
    try:
        return None if value in (None, "") else PartialDate.parse(value)
    except (ValueError, OverflowError) as error:
        raise ValueError(f"{key}: front matter has an impossible date: {error}") from error


def dump_date(value: PartialDate | None) -> date | str | int | None:
    """A YAML date, a ``'YYYY-MM'`` string, an int year, or null."""
    return value.to_yaml() if value else None


def dump_list(value: list[str]) -> list[str]:
    return list(value)


def source(value: Any, key: str) -> Source:
    """The ``source`` mapping; a missing sub-key is null."""
    mapping = value or {}
    return Source(*(optional_text(mapping.get(sub)) for sub in SOURCE_KEYS))


def dump_source(value: Source) -> dict[str, str | None]:
    return {sub: getattr(value, sub) for sub in SOURCE_KEYS}


def images(value: Any, key: str) -> list[Image]:
    """``[{caption: …, credit: …}]``; a missing caption is empty text."""
    return [Image(nfc(str(item.get("caption") or "")), optional_text(item.get("credit")))
            for item in value or []]


def dump_images(value: list[Image]) -> list[dict[str, str | None]]:
    return [{"caption": image.caption, "credit": image.credit} for image in value]
