"""Write the pull-request comment (Markdown) that shows editors what ingest wrote.

Example:
    newsarchive review articles/hoi-nghi-tong-ket-2011.md
    newsarchive review --run-url https://github.com/org/repo/actions/runs/1 $(git diff …)

The editors' pull-request workflow (.github/workflows/editor-pr.yml) runs it on every
article the pull request adds or changes, after `newsarchive ingest articles/raw`, and
posts what it prints. For each article: the file to edit, every field with its value,
the fields listed under review: marked "cần kiểm tra", and the validator's errors and
warnings. Values are escaped, so a title cannot mention people or inject links.
Exit status: 0 (the comment is printed even when an article is invalid: saying so is
its job), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from newsarchive.article.model import FIELD_ORDER, load
from newsarchive.article.validate import Problem, Validator
from newsarchive.errors import ArchiveError
from newsarchive.site.pages import FIELD_LABELS

MARKER = "<!-- newsarchive-review -->"  # the workflow edits the comment carrying it
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>#|~@])")
SHOWN_FIELDS = tuple(name for name in FIELD_ORDER if name != "review")


def md(value: Any) -> str:
    """One line of plain text, every Markdown and mention character escaped.

    >>> md("Hội nghị <b>1</b> | @ai")
    'Hội nghị \\\\<b\\\\>1\\\\</b\\\\> \\\\| \\\\@ai'
    """
    text = " ".join(str(value).split())
    return _MARKDOWN.sub(r"\\\1", text) if text else "—"


def _value(meta: dict[str, Any], name: str) -> str:
    value = meta.get(name)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {item}" for key, item in value.items() if item) or "—"
    if isinstance(value, list):
        parts = [", ".join(f"{v}" for v in item.values() if v) if isinstance(item, dict)
                 else str(item) for item in value]
        return "; ".join(parts)
    return "" if value is None else str(value)


def _flagged(review: list[str], name: str) -> bool:
    return any(item.split(":", 1)[0].split(".", 1)[0].strip() == name for item in review)


def article_section(number: int, path: Path, problems: list[Problem]) -> str:
    """One article: file, fields (flagged ones marked), then its problems."""
    lines = [f"#### {number}. `{path.as_posix()}`", ""]
    try:
        article = load(path)
    except ArchiveError:
        article = None
    if article is not None:
        meta = article.front_matter()
        lines[0] += f" — {md(article.title)}"
        lines += ["| Trường | Giá trị | |", "|---|---|---|"]
        for name in SHOWN_FIELDS:
            mark = "⚠️ **cần kiểm tra**" if _flagged(article.review, name) else ""
            lines.append(f"| {FIELD_LABELS.get(name, name)} (`{name}`) | "
                         f"{md(_value(meta, name))} | {mark} |")
        lines.append("")
        if article.review:
            fields = ", ".join(md(item) for item in article.review)
            lines += [f"Cần kiểm tra (dưới `review:`): {fields}.", ""]
        else:
            lines += ["Không có trường nào cần kiểm tra.", ""]
    lines += _problem_lines(problems)
    return "\n".join(lines)


def _problem_lines(problems: list[Problem]) -> list[str]:
    lines = []
    for title, wanted in (("Lỗi phải sửa trước khi gộp", False), ("Cảnh báo", True)):
        chosen = [p for p in problems if p.is_warning is wanted]
        if chosen:
            lines.append(f"**{title}:**")
            lines += [f"- dòng {p.line} · `{p.field}`: {md(p.message)}" for p in chosen]
            lines.append("")
    return lines


def ingest_section(report: str) -> str:
    """What ``newsarchive ingest`` said, verbatim in a code block (a fence it cannot close)."""
    text = report.replace("~~~", "～～～").strip()
    return ("<details><summary>Kết quả làm sạch (newsarchive ingest)</summary>\n\n"
            f"~~~\n{text}\n~~~\n</details>\n")


def review_comment(paths: Iterable[Path], run_url: str | None = None,
                   today: date | None = None, ingest_report: str = "") -> str:
    """The whole comment: what to do, one section per article, what ingest said, where
    the preview is."""
    paths = list(paths)
    problems = Validator().check_paths(paths, today) if paths else []
    lines = [MARKDOWN_HEAD]
    if not paths:
        lines.append("Pull request này không thêm hay sửa bài viết nào trong `articles/`.")
    for number, path in enumerate(paths, start=1):
        mine = [p for p in problems if Path(p.path) == path]
        lines.append(article_section(number, path, mine))
    if ingest_report.strip():
        lines.append(ingest_section(ingest_report))
    if run_url:
        lines.append(f"Bản xem thử của trang: tệp **preview-site** trong [lần chạy này]"
                     f"({run_url}) (tải về, giải nén).")
    return "\n".join(lines).rstrip() + "\n"


MARKDOWN_HEAD = f"""{MARKER}
### Bài viết trong pull request này

Bộ làm sạch đã tạo các bài dưới đây từ tệp gốc trong `articles/raw/` và thêm vào nhánh.
Kiểm tra các trường **cần kiểm tra**; sửa ngay trên GitHub (mở tệp, nút ✏️ *Edit*), rồi
xóa tên trường đã kiểm tra khỏi dòng `review:`. Mỗi lần lưu, bình luận này được cập nhật.
"""


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, metavar="ARTICLE",
                        help="article files the pull request adds or changes")
    parser.add_argument("--run-url", metavar="URL",
                        help="the workflow run whose artifact holds the preview site")
    parser.add_argument("--ingest-report", type=Path, metavar="FILE",
                        help="what newsarchive ingest printed, shown in the comment")
    parser.add_argument("--today", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="check dates against this day instead of today")
    return parser


def main(argv: list[str] | None = None, prog: str = "newsarchive review") -> int:
    parser = _parser(prog)
    args = parser.parse_args(argv)
    missing = [path for path in args.paths if not path.is_file()]
    if missing:
        parser.error("không tìm thấy " + ", ".join(map(str, missing)))
    report = args.ingest_report.read_text("utf-8") if args.ingest_report and \
        args.ingest_report.is_file() else ""
    print(review_comment(args.paths, args.run_url, args.today, report), end="")
    return 0
