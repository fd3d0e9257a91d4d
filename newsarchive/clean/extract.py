"""Raw article text → :class:`Article`: the rules that decide every field.

Stages, each delegated: chrome off (:mod:`chrome`), publication stamp and event date
(:mod:`dates`), aggregator footer and publisher (:mod:`sources`), captions and byline
(:mod:`bylines`), sub-headings, event type and tags (:mod:`classify`), provinces
(:mod:`provinces`). A field it cannot settle is ``None``/``[]`` and named in
``review``: a wrong value is worse than an honest null.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from newsarchive.article.body import escape_markdown, figure_line
from newsarchive.article.model import FIELD_ORDER, Article, Image, PartialDate, Source
from newsarchive.clean import dates, headline, sources
from newsarchive.clean.bylines import parse_byline, split_caption
from newsarchive.clean.chrome import Line, Page, chrome_group, strip_chrome
from newsarchive.clean.classify import classify_event, tags_for
from newsarchive.clean.provinces import name_at, named_provinces
from newsarchive.clean.sources import Footer, Publication
from newsarchive.errors import RawInputError
from newsarchive.gazetteer import MERGER_DATE, current_units, lookup
from newsarchive.text import nfc

EARLIEST_YEAR = 1945  # the archive covers the Democratic Republic onwards
_SENTENCE_END = ".!?…:;”\"’')»]"


@dataclass(slots=True)
class Hints:
    """Metadata known before reading the text: CLI ``--source-url``, a page's JSON-LD."""

    url: str | None = None
    title: str | None = None
    date: PartialDate | None = None
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None

    def merged_with(self, override: Hints) -> Hints:
        """These hints with every field ``override`` sets taking precedence."""
        return Hints(override.url or self.url, override.title or self.title,
                     override.date or self.date, override.authors or self.authors,
                     override.site_name or self.site_name)


@dataclass(frozen=True, slots=True)
class Structure:
    """What a saved HTML page says about its own lines: which are sub-headings
    (``<h2>``) and which are captions (``<figcaption>`` text → photo credit)."""

    headings: frozenset[str] = frozenset()
    captions: tuple[tuple[str, str | None], ...] = ()


@dataclass(slots=True)
class Block:
    """A body block: ``para``, ``heading`` or ``caption`` (with its photo ``credit``)."""

    kind: str
    text: str
    credit: str | None = None


@dataclass(slots=True)
class Parsed:
    """The article's parts before they become fields."""

    headline: str
    page: Page
    blocks: list[Block]
    stamp: PartialDate | None = None
    stamp_above: bool = False  # the stamp sat above the headline, where crawl widgets sit
    footer: Footer | None = None
    authors: list[str] = field(default_factory=list)
    # Read by nearly every field's rule, so set once when the blocks are final (parse).
    lead: str = ""
    body: str = ""

    @property
    def subheadings(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "heading"]


def parse(text: str, structure: Structure | None = None, name: str = "<input>",
          hints: Hints | None = None) -> Parsed:
    """Split raw ``text`` into headline, stamp, blocks, footer and byline."""
    hints = hints or Hints()
    page = strip_chrome(text.splitlines(), is_widget=dates.is_date_line, url=hints.url,
                        page_title=hints.title)
    if page.headline is None:
        raise RawInputError("rejected: no article text once page chrome is removed", name)
    lines = list(page.body)
    parsed = Parsed(page.headline, page, [])
    meta = dates.parse_stamp(page.meta_date) if page.meta_date else None
    parsed.stamp = meta if meta is not None and meta.day else _take_stamp(lines)
    if meta is not None and not (parsed.stamp and (parsed.stamp.year, parsed.stamp.month)
                                 == (meta.year, meta.month)):
        parsed.stamp = meta  # a scraper's month, unless a printed day of that month refines it
    if parsed.stamp is None and page.stamp_above:
        parsed.stamp, parsed.stamp_above = dates.parse_stamp(page.stamp_above), True
    top_authors = _take_top_lines(lines)
    parsed.footer = _take_footer(lines)
    parsed.blocks = [_block(line, structure) for line in lines]
    parsed.authors = _take_byline(parsed.blocks) or top_authors
    if structure is None:
        _mark_headings(parsed.blocks)
    parsed.lead = _lead(parsed.blocks)
    parsed.body = "\n".join(b.text for b in parsed.blocks)
    return parsed


def _lead(blocks: list[Block]) -> str:
    """The first paragraph that reads as text: a view counter ("- Đã xem: 587") or an
    audio player ("0:00 / 0:00") between headline and lead is not it."""
    paras = [b.text for b in blocks[:8] if b.kind == "para"]
    return next((text for text in paras if len(headline.words(text)) >= 10),
                paras[0] if paras else "")


def _take_stamp(lines: list[Line]) -> PartialDate | None:
    """A date-only line among the first lines under the headline is the publication date."""
    for index, line in enumerate(lines[:3]):
        stamp = dates.parse_stamp(line.text)
        if stamp is not None:
            del lines[index]
            return stamp
    return None


def _take_top_lines(lines: list[Line]) -> list[str]:
    """Short lines between the headline and the lead: widgets ("Mặc định Cỡ chữ") are
    dropped, and a name under the stamp is the byline ("Hồng Thái"), returned."""
    authors: list[str] = []
    for line in list(lines[:4]):
        if len(headline.words(line.text)) >= 12:
            continue  # a sapo may come first, with the byline under it
        if headline.has_furniture(line.text):
            lines.remove(line)
        elif not authors and (names := _byline(line.text)):
            authors = names
            lines.remove(line)
    return authors


def _byline(text: str) -> list[str] | None:
    """:func:`parse_byline`, but a place ("Gia Lai", a round-up's sub-head or a tag) or a
    line the page's chrome is made of ("SỰ KIỆN") is nobody's name. Chrome is looked up as
    above the headline, where every group applies."""
    names = parse_byline(text)
    if names is None or chrome_group(text, above_headline=True) is not None:
        return None
    return None if any(lookup(name) is not None for name in names) else names


def _take_footer(lines: list[Line]) -> Footer | None:
    for index in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
        footer = sources.parse_footer(lines[index].text)
        if footer is not None:
            del lines[index]
            return footer
    return None


def _block(line: Line, structure: Structure | None) -> Block:
    if structure is not None:
        credits = dict(structure.captions)
        if line.text in credits:
            return Block("caption", line.text, credits[line.text])
        if line.text in structure.headings:
            return Block("heading", line.text)
    caption = split_caption(line.text)
    if caption is not None:
        return Block("caption", caption[0], caption[1])
    # The page printed the same short line twice in a row: image alt text + caption.
    return Block("caption" if line.repeated else "para", line.text)


def _take_byline(blocks: list[Block]) -> list[str]:
    """The byline near the end: the last line, or a name followed only by what pages
    print after an article (short lines, lists, another article's dateline lead), which
    goes with it. A long paragraph after a name means the name was not a byline."""
    for index in range(len(blocks) - 1, max(len(blocks) - 8, 0), -1):
        names = _byline(blocks[index].text) if blocks[index].kind != "caption" else None
        if names and _only_furniture_after(blocks[index + 1:]):
            del blocks[index:]
            return names
    return []


def _only_furniture_after(blocks: list[Block]) -> bool:
    """What follows a byline is not the article: short lines, lists, teasers, or a
    section label ("Hoạt động Đoàn ĐBQH") after which anything is another section."""
    if blocks and blocks[0].kind == "heading":
        return True
    return all(_after_article(b.text) for b in blocks)


def _after_article(text: str) -> bool:
    """Page furniture or another article's teaser, as printed after a byline."""
    return len(headline.words(text)) < 14 or text.lstrip().startswith(("-", "•")) or bool(
        headline.lead_marker(text))


def _mark_headings(blocks: list[Block]) -> None:
    """A short unpunctuated line inside the body is a sub-heading (seed 002)."""
    paras = [i for i, b in enumerate(blocks) if b.kind == "para"]
    for index in paras[1:]:
        text = blocks[index].text
        words = text.split()
        if (index < len(blocks) - 1 and 3 <= len(words) <= 30 and text[0].isupper()
                and text[-1] not in _SENTENCE_END):
            blocks[index].kind = "heading"


def build_article(text: str, hints: Hints | None = None, structure: Structure | None = None,
                  name: str = "<input>") -> Article:
    """The article for raw ``text``; ``hints`` carry what the page or editor told us."""
    return build_explained(text, hints, structure, name)[0]


def build_explained(text: str, hints: Hints | None = None, structure: Structure | None = None,
                    name: str = "<input>") -> tuple[Article, dict[str, str]]:
    """The article, and why its title and event type won, for the run report
    (``newsarchive ingest --explain``): the evidence each winner showed and the runner-up."""
    hints = hints or Hints()
    parsed = parse(nfc(text), structure, name, hints)  # callers other than the CLI may pass NFD
    review: set[str] = set()
    title = parsed.headline
    if parsed.page.choice is not None and not parsed.page.choice.sure:
        review.add("title")
    lead_dated = bool(dates.find_event_date(parsed.lead).phrase)
    verdict = classify_event(title, parsed.lead, parsed.body, lead_dated)
    event_type = verdict.key
    if not verdict.sure or _hangs_on_headline(parsed, verdict.key, lead_dated, review):
        review.add("event_type")
    published, event_date = _dates(parsed, title, event_type, hints, review)
    publication = _publication(parsed, hints)
    source = _source(parsed, publication, hints, review)
    # The merger decides province names, so only a date we are sure of may decide it.
    known = published or (event_date if "event_date" not in review else None)
    day = known.as_date() if known else None
    provinces = _provinces(parsed, title, publication, day, review, hints.url,
                           tentative=published or event_date)
    authors = hints.authors or parsed.authors
    if not authors:
        review.add("authors")
    why = {"title": parsed.page.choice.explain() if parsed.page.choice else "",
           "event_type": verdict.explain()}
    return Article(
        title=title, date=published, event_date=event_date, provinces=provinces,
        event_type=event_type, tags=tags_for(title, parsed.lead, parsed.body),
        source=source, authors=authors,
        images=[Image(b.text, b.credit) for b in parsed.blocks if b.kind == "caption" and b.text],
        review=[key for key in FIELD_ORDER if key in review],
        body=render_body(parsed.blocks)), why


def _dates(parsed: Parsed, title: str, event_type: str, hints: Hints,
           review: set[str]) -> tuple[PartialDate | None, PartialDate | None]:
    published = _plausible(hints.date or parsed.stamp, review, "date")
    event, guessed = _event_date(parsed, title, published, event_type)
    event = _plausible(event, review, "event_date")
    # A feature has no event day, but only a sure one: a doubtful type leaves it to an editor.
    if guessed or (event is None and (event_type != "chuyen-de" or "event_type" in review)):
        review.add("event_date")
    if published is not None and _contradicts(published, event, title, parsed.lead):
        published = None  # a printed date the text's own years contradict: an editor decides
    if published is not None and parsed.stamp_above and not hints.date and \
            not _confirms(published, event, f"{title}\n{parsed.body}"):
        published = None  # above the headline and unconfirmed: may be the crawl widget
    if published is None:
        review.add("date")
    return published, event


def _confirms(stamp: PartialDate, event: PartialDate | None, text: str) -> bool:
    """Whether the text vouches for a date printed above the headline, where crawl-date
    widgets also sit: the text names its year (or, in its first two months, the year
    before) and any event it dates fell in the two months before it. Seed 004's widget,
    April 2021 over a text about 2011–2012, is not vouched for."""
    years = set(dates.years_in(text))
    if stamp.year not in years and not (stamp.year - 1 in years and (stamp.month or 12) <= 2):
        return False
    if event is None:
        return True
    gap = (dates.latest_day(stamp) - event.as_date()).days
    return 0 <= gap <= 62


def _hangs_on_headline(parsed: Parsed, key: str, lead_dated: bool, review: set[str]) -> bool:
    """Whether the event type would change had the headline's runner-up won, when the
    headline itself is in doubt: a section label taken for the headline ("ĐẠI HỘI ĐẢNG
    CÁC CẤP" over a charity story) must not publish its type unflagged either."""
    choice = parsed.page.choice
    rival = choice.rival if choice is not None and "title" in review else None
    return rival is not None and classify_event(rival.text, parsed.lead, parsed.body,
                                                lead_dated).key != key


def _plausible(value: PartialDate | None, review: set[str], key: str) -> PartialDate | None:
    """Drop a date before the archive's first year (1945) or after today, for review."""
    if value is None or value.year >= EARLIEST_YEAR and value.as_date() <= date.today():
        return value
    review.add(key)
    return None


def _event_date(parsed: Parsed, title: str, published: PartialDate | None,
                event_type: str) -> tuple[PartialDate | None, bool]:
    """The event date, and whether its year is a guess an editor should confirm.

    "Chiều hôm qua" is the day before a dated stamp. Otherwise the year comes from the
    date itself, else the publication date, else the years the headline and lead print
    (a review held in January–March reviews the year before: "tổng kết năm 2019" →
    early 2020), else — for a congress only — the first year of its term ("nhiệm kỳ
    2025-2030"), which is a guess.
    """
    if event_type == "chuyen-de":
        return None, False  # a feature or interview covers no single event
    relative = dates.relative_day(parsed.lead, published)
    if relative is not None:
        return relative, False
    text_years = dates.years_in(f"{title}\n{parsed.lead}")
    headline_years = set(dates.years_in(title))
    sole = headline_years.pop() if len(headline_years) == 1 else None
    year = published.year if published else sole or (max(text_years) if text_years else None)
    event = _find_in_lead(parsed, year)
    if published and event.value and event.inferred and \
            event.value.as_date() > dates.latest_day(published):
        return PartialDate(event.value.year - 1, event.value.month, event.value.day), False
    if not published and event.value and event.inferred and event_type == "tong-ket" \
            and (event.value.month or 12) <= 3:
        # "tổng kết năm 2022, triển khai nhiệm vụ năm 2023" is held early in 2023.
        # Two years printed ("… năm 2023, triển khai nhiệm vụ năm 2024"): the later one;
        # only the reviewed year: the next.
        held = max(text_years) if len(set(text_years)) > 1 else event.value.year + 1
        return PartialDate(held, event.value.month, event.value.day), False
    if event.value is None and event.phrase and event_type == "dai-hoi":
        start = dates.term_start_year(f"{title}\n{parsed.body}")
        if start is not None:
            return dates.find_event_date(event.phrase, start).value, True
    guessed = not published and not sole and event.inferred and event.value is not None
    return event.value, guessed


def _find_in_lead(parsed: Parsed, year: int | None) -> dates.EventDate:
    """A date in the lead, else a paragraph opening with one (seed 002 "Ngày 22/6, …") —
    unless other paragraphs open with other days: a round-up of several events ("Chiều
    13/3, Lai Châu …", "Sáng 14/3, Cao Bằng …") has no one event day, and none is given."""
    event = dates.find_event_date(parsed.lead, year)
    if event.value is not None or event.phrase:
        return event
    openings = [found for block in parsed.blocks[1:12]
                if block.kind == "para" and _DATE_OPENER.match(block.text)
                for found in [dates.find_event_date(block.text[:200], year)]
                if found.phrase and _opens_with(block.text, found.phrase)]
    if len({found.phrase for found in openings}) > 1:
        return dates.EventDate(None)
    return openings[0] if openings else event


def _opens_with(text: str, phrase: str) -> bool:
    """Whether ``text`` opens with the date ``phrase``, a time of day allowed before it
    ("Sáng ngày 2/6, …")."""
    before = text[:text.find(phrase)] if phrase in text else None
    return before is not None and before.strip().casefold() in ("", *dates.TIMES_OF_DAY)


# A paragraph that may open with a date ("Sáng ngày 2/6", "Ngày 22-6", "14/3"): the only
# ones worth a full date search.
_DATE_OPENER = re.compile(rf"(?:(?:{'|'.join(dates.TIMES_OF_DAY)})\s++)?(?:ngày\s++)?\d",
                          re.IGNORECASE)


def _contradicts(published: PartialDate, event: PartialDate | None, title: str,
                 lead: str) -> bool:
    if event is not None and event.as_date() > dates.latest_day(published):
        return True
    years = dates.years_in(f"{title} {lead}")
    return bool(years) and max(years) < published.year - 1


def _publication(parsed: Parsed, hints: Hints) -> Publication | None:
    candidates = (
        sources.by_url(hints.url) if hints.url else None,
        parsed.footer.publication if parsed.footer else None,
        sources.by_lead(parsed.lead),
        *(sources.by_follow_widget(line) for line, _ in parsed.page.removed),
        sources.by_name(hints.site_name) if hints.site_name else None,
    )
    return next((c for c in candidates if c is not None and c.kind != "aggregator"), None)


def _source(parsed: Parsed, publication: Publication | None, hints: Hints,
            review: set[str]) -> Source:
    aggregator = sources.by_url(hints.url) if hints.url else None
    syndicated = aggregator.name if aggregator and aggregator.kind == "aggregator" else None
    url = parsed.footer.url if parsed.footer else hints.url
    name = publication.name if publication else (parsed.footer.name if parsed.footer else None)
    if name is None:
        review.add("source")
    return Source(name, url, syndicated)


def _provinces(parsed: Parsed, title: str, publication: Publication | None, day: date | None,
               review: set[str], url: str | None = None,
               tentative: PartialDate | None = None) -> list[str]:
    """Home province first, then the text's subjects, named as on ``day`` (a sure date).
    Without one, names that depend on the merger are flagged: units that merged into one,
    or old names under a ``tentative`` (flagged) date after 1 July 2025."""
    home = sources.province_on(publication, day) if publication else _home_by_host(url, day)
    rest = "\n".join(b.text for b in parsed.blocks[1:])
    named = named_provinces(title, parsed.lead, parsed.subheadings, rest)
    names: list[str] = []
    for unit in named.subjects:
        name = name_at(unit, day)
        if name not in names:
            names.append(name)
    names_home = any(name_at(unit, day) == home for unit in named.units)
    if home and names and home not in names and not names_home:
        # A provincial paper reporting on another province, its own never named: the
        # publisher's province is likely not the subject, and the text's may not be all.
        review.add("provinces")
    elif home:
        names = [home, *(name for name in names if name != home)]
    undated_and_unsure = day is None and (_merge_ambiguous(names) or (
        tentative is not None and tentative.as_date() >= MERGER_DATE
        and any(name not in current_units() for name in names))
        or (tentative is None and any(_renamed(name) for name in names)))
    if not names or undated_and_unsure:
        review.add("provinces")
    return names


def _renamed(name: str) -> bool:
    """Whether the unit took a new name at some date ("Thừa Thiên Huế" → "Huế" on
    1 January 2025): with no date at all, which name the article uses is unknown."""
    unit = lookup(name)
    return unit is not None and unit.renamed_on is not None


def _merge_ambiguous(names: list[str]) -> bool:
    """Undated, units that merged into one ("Cần Thơ, Sóc Trăng, Hậu Giang") may be one
    post-merger province or three pre-merger ones: an editor decides."""
    units = [lookup(name) for name in names]
    successors = [unit.successor for unit in units if unit is not None]
    return len(successors) != len(set(successors))


def _home_by_host(url: str | None, day: date | None) -> str | None:
    """An unregistered outlet named after its province (a department's sub-site)."""
    name = sources.province_by_host(url) if url else None
    unit = lookup(name) if name else None
    return name_at(unit, day) if unit else None


def render_body(blocks: list[Block]) -> str:
    """Blocks as Markdown (:mod:`newsarchive.article.body`'s format): paragraphs,
    ``##`` sub-headings, caption figure lines."""
    out = []
    for block in blocks:
        if block.kind == "caption":
            out.append(figure_line(block.text, block.credit))
        elif block.kind == "heading":
            out.append("## " + escape_markdown(block.text))
        else:
            out.append(escape_markdown(block.text))
    return "\n\n".join(out)
