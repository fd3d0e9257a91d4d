"""A deterministic synthetic corpus for the benchmarks: articles and raw scraped texts.

Real archives only grow, and the five seed texts are too few to measure how a build
scales. This module makes N plausible Vietnamese articles from the seeds' own
paragraphs (``articles/raw/*.txt``), spread over all 63 pre-2025 provinces (and the 34
current units for dates from 1 July 2025), 2005–2026, every event type, 600–900 words.

Article ``i`` depends only on ``(seed, i)``, so the first N articles of a bigger corpus
are the smaller corpus: adding article N to an N-article archive is the editor's loop.

    python benchmarks/corpus.py articles 1000 /tmp/corpus   # front-mattered .md + raw/
    python benchmarks/corpus.py raw 1000 /tmp/raw           # raw texts with page chrome
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from babel.dates import format_date

from newsarchive.article.model import EVENT_TYPES, Article, Image, PartialDate, Source, dumps
from newsarchive.gazetteer import MERGER_DATE, Province, provinces
from newsarchive.text import fold, nfc, unique_slug

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "articles" / "raw"
FIRST_DAY, LAST_DAY = date(2005, 1, 1), date(2026, 10, 31)
WORDS = (600, 900)
# Names the seed paragraphs mention; each is replaced by the article's own unit.
_SEED_PLACES = ("Hải Phòng", "Kiên Giang", "Gia Lai", "Bến Tre", "Lai Châu")
_LEAD = re.compile(r"^(\(GLO\)-|BDK\.VN -)\s*")

TITLES = {
    "dai-hoi": ("Đại hội Đảng bộ Văn phòng UBND {unit} nhiệm kỳ {year}-{next5}",
                "Đảng bộ Văn phòng UBND {unit} tổ chức Đại hội lần thứ {n}"),
    "so-ket": ("Sơ kết công tác Đảng, công tác Văn phòng UBND {unit} 6 tháng đầu năm {year}",
               "Văn phòng UBND {unit} sơ kết nhiệm vụ quý {q} năm {year}"),
    "tong-ket": ("Văn phòng UBND {unit} tổng kết công tác năm {prev}",
                 "Đảng bộ Văn phòng UBND {unit} tổng kết nhiệm vụ năm {prev}, "
                 "triển khai năm {year}"),
    "hoi-nghi": ("Hội nghị cán bộ, công chức, viên chức Văn phòng UBND {unit} năm {year}",
                 "Văn phòng UBND {unit} tổ chức hội nghị về chuyển đổi số"),
    "khen-thuong": ("Văn phòng UBND {unit} đón nhận Cờ thi đua của Chính phủ",
                    "Nhiều tập thể, cá nhân Văn phòng UBND {unit} được khen thưởng năm {year}"),
    "nhan-su": ("Bổ nhiệm Chánh Văn phòng UBND {unit}",
                "Công bố quyết định về công tác cán bộ tại Văn phòng UBND {unit}"),
    "chuyen-de": ("Đảng bộ Văn phòng UBND {unit} sinh hoạt chuyên đề học tập và làm theo "
                  "tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                  "Chi bộ Văn phòng UBND {unit} sinh hoạt chuyên đề năm {year}"),
    "khac": ("Văn phòng UBND {unit}: Chú trọng nâng cao chất lượng tham mưu",
             "Đảng bộ Văn phòng UBND {unit}: Phát huy vai trò cơ quan đầu mối"),
}
TAGS = ("công tác Đảng", "tham mưu", "cải cách hành chính", "chuyển đổi số", "thi đua khen thưởng",
        "xây dựng Đảng", "văn thư lưu trữ", "quản trị nội bộ", "Chỉ thị 05", "Kết luận 21",
        "công tác cán bộ", "kiểm tra giám sát", "dân chủ cơ sở", "trợ lý ảo")
AUTHORS = ("Thanh Nhật", "Trương Hùng", "Nghiêm Đẳng", "Nguyên An", "Khánh Thùy", "Minh Đức",
           "Hồng Thi", "Phương Vi", "Thiệu Phan", "Huy Dương", "Lê Hòa", "Quỳnh Anh")
CAPTIONS = ("Quang cảnh hội nghị.", "Đại biểu tham gia đóng góp ý kiến.",
            "Khen thưởng các cá nhân có thành tích trong công tác.",
            "Lãnh đạo Văn phòng UBND {unit} phát biểu tại hội nghị.",
            "Các đại biểu biểu quyết thông qua nghị quyết.", "Trao quyết định bổ nhiệm.")
CREDITS = ("T.N", "M.Đ", "Thiệu Phan", "Huy Dương", None)
REVIEW_FIELDS = ("event_date", "event_type", "authors", "title")


@dataclass(frozen=True, slots=True)
class Spec:
    """Everything about synthetic article ``index``, before it is written either way."""

    index: int
    title: str
    published: date | None
    event_date: PartialDate | None
    units: tuple[str, ...]
    event_type: str
    tags: tuple[str, ...]
    authors: tuple[str, ...]
    images: tuple[Image, ...]
    review: tuple[str, ...]
    paragraphs: tuple[str, ...]
    publication: str
    url: str
    syndicated: bool

    @property
    def raw_name(self) -> str:
        """Named like the project's raw files: ``000123_<16 hex of the text>.txt``."""
        digest = hashlib.sha256(self.paragraphs[0].encode("utf-8")).hexdigest()[:16]
        return f"{self.index:06d}_{digest}.txt"


@cache
def seed_paragraphs() -> tuple[str, ...]:
    """Body paragraphs of the seed texts: long ones, without captions or page chrome."""
    found: list[str] = []
    for path in sorted(SEED_DIR.glob("*.txt")):
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            text = _LEAD.sub("", " ".join(block.split()))
            if len(text.split()) >= 25 and "Ảnh" not in text and not text.startswith("Nguồn"):
                found.append(nfc(text))
    if not found:
        raise FileNotFoundError(f"no seed paragraphs under {SEED_DIR}")
    return tuple(dict.fromkeys(found))


@cache
def _cities() -> frozenset[str]:
    units = provinces().values()
    return frozenset({u.name for u in units if u.kind == "thành phố"}
                     | {u.renamed_to for u in units if u.renamed_to})


def unit_phrase(name: str) -> str:
    """How the office is named in print: ``tỉnh Gia Lai``, ``TP Hải Phòng``."""
    return f"TP {name}" if name in _cities() else f"tỉnh {name}"


def _pick_date(rng: random.Random, index: int) -> date:
    """Uniform over 2005–2026; the first 63 articles stay before the merger (coverage)."""
    last = MERGER_DATE - timedelta(days=1) if index < 63 else LAST_DAY
    return FIRST_DAY + timedelta(days=rng.randrange((last - FIRST_DAY).days + 1))


def _units(rng: random.Random, index: int, day: date) -> tuple[str, ...]:
    """Unit names as published: old names (or Huế's rename) before 1 July 2025, new after."""
    table = list(provinces().values())
    chosen: list[Province] = [table[index % len(table)]]
    if rng.random() < 0.05:
        chosen.append(rng.choice(table))
    if day >= MERGER_DATE:
        names = [unit.successor for unit in chosen]
    else:
        names = [unit.name_on(day) for unit in chosen]
    return tuple(dict.fromkeys(names))


def _body(rng: random.Random, unit: str) -> tuple[str, ...]:
    """Seed paragraphs, reshuffled and retargeted at ``unit``, totalling 600–900 words."""
    pool = seed_paragraphs()
    target, count, chosen = rng.randint(*WORDS), 0, []
    while count < target:
        words = _retarget(rng.choice(pool), unit).split()[: target - count]
        chosen.append(" ".join(words).rstrip(",;:") + ("" if words[-1][-1] in ".…”" else "."))
        count += len(words)
    return tuple(chosen)


def _retarget(paragraph: str, unit: str) -> str:
    name = unit.removeprefix("TP ").removeprefix("tỉnh ")
    for place in _SEED_PLACES:
        paragraph = paragraph.replace(f"UBND TP {place}", f"UBND {unit}")
        paragraph = paragraph.replace(f"tỉnh {place}", unit).replace(place, name)
    return paragraph


def _event_date(rng: random.Random, day: date | None) -> PartialDate | None:
    if day is None or rng.random() < 0.55:
        return None
    earlier = day - timedelta(days=rng.randrange(4))
    if rng.random() < 0.1:
        return PartialDate(earlier.year, earlier.month)
    return PartialDate(earlier.year, earlier.month, earlier.day)


def plan(index: int, seed: int = 0) -> Spec:
    """The synthetic article number ``index`` (0-based) of corpus ``seed``; pure."""
    rng = random.Random(f"newsarchive-corpus:{seed}:{index}")
    day = _pick_date(rng, index)
    units = _units(rng, index, day)
    review: list[str] = []
    if rng.random() < 0.02:
        units, review = (), ["provinces"]
    published: date | None = day
    if rng.random() < 0.02:
        published, review = None, [*review, "date"]
    if rng.random() < 0.05:
        review.append(rng.choice(REVIEW_FIELDS))
    event_type = EVENT_TYPES[index % len(EVENT_TYPES)]
    phrase = unit_phrase(units[0]) if units else "tỉnh"
    title = rng.choice(TITLES[event_type]).format(
        unit=phrase, year=day.year, next5=day.year + 5, prev=day.year - 1,
        n=rng.randint(10, 25), q=rng.randint(1, 3))
    images = tuple(Image(rng.choice(CAPTIONS).format(unit=phrase), rng.choice(CREDITS))
                   for _ in range(rng.randrange(4)))
    place = units[0] if units else "Việt Nam"
    return Spec(index, title, published, _event_date(rng, published), units, event_type,
                tuple(rng.sample(TAGS, rng.randint(1, 4))),
                tuple(rng.sample(AUTHORS, rng.randrange(3))), images, tuple(review),
                _body(rng, phrase), f"Báo {place}",
                f"https://bao{fold(place).replace(' ', '')}.vn/bai-{index}.html",
                rng.random() < 0.1)


def plans(n: int, seed: int = 0) -> Iterator[tuple[str, Spec]]:
    """The first ``n`` specs, each with its unique slug (assigned in index order)."""
    taken: set[str] = set()
    for index in range(n):
        spec = plan(index, seed)
        yield unique_slug(spec.title, taken), spec


def to_article(spec: Spec, slug: str) -> Article:
    """The front-mattered form, as ingest would leave it (``raw:`` points at the raw copy)."""
    body = "\n\n".join(spec.paragraphs)
    return Article(
        title=spec.title,
        date=PartialDate(spec.published.year, spec.published.month, spec.published.day)
        if spec.published else None,
        event_date=spec.event_date, provinces=list(spec.units), event_type=spec.event_type,
        tags=list(spec.tags),
        source=Source(spec.publication, spec.url, "baomoi.com" if spec.syndicated else None),
        authors=list(spec.authors), images=list(spec.images), review=list(spec.review),
        raw=f"raw/{spec.raw_name}", body=body, slug=slug)


def _header(spec: Spec, rng: random.Random) -> tuple[list[str], str]:
    """Header lines and lead marker in one of the seed publications' styles."""
    day = spec.published
    code = "".join(w[0] for w in fold(spec.publication.removeprefix("Báo ")).split()).upper()
    style = rng.randrange(4) if day else 3
    if style == 0:  # baogialai.com.vn, 2024: section crumbs, Google News chrome, "(GLO)-"
        follow = f"Theo dõi {spec.publication} trên Google News"
        lead = f"({code}O)- Sáng {day.day}-{day.month}, "
        return ["Chính trị", "Tin tức", spec.title, follow], lead
    if style == 1:  # baogialai.com.vn, 2017: weekday date line with [GMT+7]
        stamp = format_date(day, "EEEE, dd/MM/y", locale="vi")
        return [".", spec.title, f"{stamp}, 05:20 [GMT+7]", "."], f"({code}O)- "
    if style == 2:  # baodongkhoi.vn: "dd/MM/yyyy - HH:MM", lead "BDK.VN - Ngày d-m-y,"
        lead = f"{code}.VN - Ngày {day.day}-{day.month}-{day.year}, "
        return [spec.title, f"{day:%d/%m/%Y} - 12:07"], lead
    # vpubnd portal: the header date widget is the crawl date, not the publication date
    crawl = LAST_DAY + timedelta(days=rng.randrange(20))
    return ["Hoạt động", format_date(crawl, "EEEE d/M/y", locale="vi"), spec.title], ""


def raw_text(spec: Spec) -> str:
    """The article as scraped: page chrome, lead marker, captions and byline inline."""
    rng = random.Random(f"newsarchive-raw:{spec.raw_name}")
    header, lead = _header(spec, rng)
    body = list(spec.paragraphs)
    if lead.endswith(", "):  # "Sáng 12-7, Đảng ủy…": the sentence goes on after the date
        body[0] = body[0][0].lower() + body[0][1:]
    body[0] = lead + body[0]
    for image in spec.images:
        credit = f" Ảnh: {image.credit}" if image.credit else ""
        body.insert(rng.randrange(1, len(body) + 1), f"{image.caption}{credit}")
    footer = [" - ".join(spec.authors)] if spec.authors else []
    if spec.syndicated:
        footer.append(f"Nguồn {spec.publication}: {spec.url}")
    footer += rng.choice((["Có thể bạn quan tâm"], ["Chia sẻ bài viết", "BÌNH LUẬN"],
                          [" print   send mail", "Các tin đã đăng"]))
    return "\n\n".join([*header, *body, *footer]) + "\n"


def write_articles(n: int, out_dir: str | Path, seed: int = 0) -> list[Path]:
    """Write ``n`` articles as ``out_dir/<slug>.md`` and their raw texts under ``out_dir/raw/``.

    ``write_articles(1000, "/tmp/corpus")`` makes a directory usable as
    ``NEWSARCHIVE_ARTICLES`` for a build. Returns the article paths in index order.
    """
    out = Path(out_dir)
    (out / "raw").mkdir(parents=True, exist_ok=True)
    written = []
    for slug, spec in plans(n, seed):
        (out / "raw" / spec.raw_name).write_text(raw_text(spec), encoding="utf-8")
        path = out / f"{slug}.md"
        path.write_text(dumps(to_article(spec, slug)), encoding="utf-8")
        written.append(path)
    return written


def write_raw(n: int, out_dir: str | Path, seed: int = 0) -> list[Path]:
    """Write ``n`` raw scraped texts (with page chrome) as ``out_dir/<index>_<hash>.txt``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for index in range(n):
        spec = plan(index, seed)
        path = out / spec.raw_name
        path.write_text(raw_text(spec), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Example: ``python benchmarks/corpus.py articles 1000 /tmp/corpus``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=("articles", "raw"),
                        help="front-mattered articles (+ raw/) or raw texts with chrome")
    parser.add_argument("n", type=int, help="how many articles")
    parser.add_argument("out_dir", type=Path, help="directory to write into (created)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    args = parser.parse_args(argv)
    writer = write_articles if args.kind == "articles" else write_raw
    print(f"{len(writer(args.n, args.out_dir, args.seed))} files in {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
