"""The Article model: the field table, and its front-matter form.

An article is one Markdown file under ``articles/`` whose front matter has exactly
the keys declared in :class:`Article` (:data:`FIELD_ORDER`). Dates may be partial
(``2012-01`` when the text only says "đầu tháng 01/2012"), so they are
:class:`PartialDate`, not ``date``. Keys the model does not know are kept in
``Article.extra`` and written back, so an editor's additions survive any round trip
(the validator reports them separately).

:class:`Article` is the one field table: each front-matter field is declared there
once (:func:`~newsarchive.article.fields.declared`: label, example, load, dump, check),
and key order, dumping, loading, validation and labels are derived from it:

>>> FIELD_ORDER[:3], FIELD_LABELS["event_date"]
(('title', 'date', 'event_date'), 'Ngày diễn ra sự kiện')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from newsarchive.article import fields as coders
from newsarchive.article.checks import FieldChecks
from newsarchive.article.fields import declared, labelled, labels_of, specs_of
from newsarchive.article.values import (
    EVENT_TYPE_LABELS,
    EVENT_TYPES,
    IMAGE_KEYS,
    SOURCE_KEYS,
    Image,
    PartialDate,
    Source,
)
from newsarchive.errors import ArticleError
from newsarchive.text import nfc

__all__ = ["EVENT_TYPES", "EVENT_TYPE_LABELS", "FIELDS", "FIELD_LABELS", "FIELD_ORDER",
           "IMAGE_KEYS", "SOURCE_KEYS", "Article", "Image", "PartialDate", "Source", "dumps",
           "from_front_matter", "load", "loads"]


@dataclass(slots=True)
class Article:
    """One archived article: its front-matter fields, its Markdown body, and where it lives.

    Every attribute up to ``raw`` is a front-matter key, in file order.
    """

    title: str = declared("Tiêu đề", "Hội nghị tổng kết", coders.required_text,
                          check=FieldChecks.check_title, required=True)
    date: PartialDate | None = declared(
        "Ngày đăng", "2021-04-20", coders.partial_date, dump=coders.dump_date,
        check=FieldChecks.check_date, default=None)
    event_date: PartialDate | None = declared(
        "Ngày diễn ra sự kiện", "2021-04-20", coders.partial_date, dump=coders.dump_date,
        check=FieldChecks.check_date, default=None)
    provinces: list[str] = declared(
        "Tỉnh, thành phố", "Lai Châu", coders.text_list, dump=coders.dump_list,
        check=FieldChecks.check_provinces, default_factory=list)
    event_type: str = declared("Loại sự kiện", "tong-ket", coders.event_type,
                               check=FieldChecks.check_event_type, default="khac")
    tags: list[str] = declared("Thẻ", "Đảng bộ, tổng kết", coders.text_list,
                               dump=coders.dump_list, check=FieldChecks.check_tags,
                               default_factory=list)
    source: Source = declared(
        "Nguồn", "{name: Báo Lai Châu, url: https://…, syndicated_from: null}", coders.source,
        dump=coders.dump_source, check=FieldChecks.check_source, default_factory=Source)
    authors: list[str] = declared("Tác giả", "Nghiêm Đẳng", coders.text_list,
                                  dump=coders.dump_list, check=FieldChecks.check_authors,
                                  default_factory=list)
    images: list[Image] = declared("Ảnh", "{caption: …, credit: …}", coders.images,
                                   dump=coders.dump_images, check=FieldChecks.check_images,
                                   default_factory=list)
    review: list[str] = declared("Cần xem lại", "provinces, event_date", coders.text_list,
                                 dump=coders.dump_list, check=FieldChecks.check_review,
                                 default_factory=list)
    raw: str | None = declared("Bản gốc", "raw/004_67a0f94a2f50c909.txt", coders.optional_text,
                               check=FieldChecks.check_raw, default=None)
    body: str = labelled("Nội dung", default="")
    extra: dict[str, Any] = field(default_factory=dict)
    slug: str = ""

    @property
    def timeline_date(self) -> PartialDate | None:
        """The date the archive files the article under: the event's, else publication's."""
        return self.event_date or self.date

    def front_matter(self) -> dict[str, Any]:
        """Front matter in :data:`FIELD_ORDER`, then any unknown keys an editor added."""
        data = {spec.key: spec.dump(getattr(self, spec.key)) for spec in FIELDS}
        data.update(self.extra)
        return data


FIELDS = specs_of(Article)
FIELD_ORDER = tuple(spec.key for spec in FIELDS)
FIELD_LABELS = labels_of(Article)


def dumps(article: Article) -> str:
    """The article as a Markdown file: YAML front matter, blank line, body, newline.

    Deterministic: the same article always gives the same bytes.
    """
    header = yaml.safe_dump(article.front_matter(), allow_unicode=True, sort_keys=False,
                            default_flow_style=None, width=100)
    return f"---\n{header}---\n\n{article.body.strip()}\n"


def loads(text: str, path: str | Path = "<string>") -> Article:
    """Parse an article file; raise :class:`ArticleError` naming the file and line."""
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1 for 1-based, +1 for '---'
        message = f"front matter is not valid YAML: {_yaml_problem(error)}"
        raise ArticleError(message, path, line) from error
    except ValueError as error:  # PyYAML builds dates itself: "date: 2021-02-30" raises here
        raise ArticleError(f"front matter has an impossible date: {error}", path) from error
    if not text.lstrip("\ufeff").startswith("---"):
        raise ArticleError("no front matter: the file must start with a '---' line", path, 1)
    return from_front_matter(dict(post.metadata), post.content, path)


def _yaml_problem(error: yaml.YAMLError) -> str:
    return str(getattr(error, "problem", None) or error).strip()


def from_front_matter(meta: dict[str, Any], body: str, path: str | Path = "<string>") -> Article:
    """Build an Article from parsed front matter, coercing leniently.

    Type problems raise :class:`ArticleError`; *semantic* checks (known provinces,
    allowed event types, dates not in the future) belong to the validator, which
    reports every problem at once instead of stopping at the first.
    """
    extra = {key: value for key, value in meta.items() if key not in FIELD_ORDER}
    try:
        known = {spec.key: spec.load(meta.get(spec.key), spec.key) for spec in FIELDS}
        return Article(**known, body=nfc(body), extra=extra, slug=Path(str(path)).stem)
    except (TypeError, ValueError, AttributeError) as error:
        raise ArticleError(str(error), path) from error


def load(path: str | Path) -> Article:
    """Read one article file (UTF-8) into an :class:`Article`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ArticleError("not valid UTF-8 text", path) from error
    return loads(text, path)
