"""Preview pages for invalid articles (``make serve`` only; a strict build refuses them).

While an editor is fixing an article, the preview must keep answering: the article is
left out of every listing and feed, and its page, at the address it would have
(``bai-viet/2021/<slug>/``, or ``bai-loi/<slug>/`` when the file cannot be read at
all), lists what is wrong in the validator's own words, with the file and line to
edit. The home page of the preview says how many articles are invalid and links
each. ``mkdocs build`` and CI never get here: hooks/validate.py stops them first.

>>> invalid = group_problems([Problem("articles/x.md", 6, "event_type", "không hợp lệ")])
>>> list(invalid)
['x']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path

from newsarchive.article.checks import Problem
from newsarchive.article.model import Article
from newsarchive.site.pages import Page, PageRenderer, page
from newsarchive.site.render import esc, link
from newsarchive.site.taxonomy import article_url

PROBLEMS_URL = "bai-loi/"
NOINDEX = {"robots": "noindex"}


def group_problems(problems: Iterable[Problem]) -> dict[str, list[Problem]]:
    """Slug (file stem) → its errors, in file order; warnings do not make an article invalid."""
    grouped: dict[str, list[Problem]] = {}
    for problem in problems:
        if not problem.is_warning:
            grouped.setdefault(Path(problem.path).stem, []).append(problem)
    return grouped


def split_valid(articles: list[Article], invalid: dict[str, list[Problem]],
                ) -> tuple[list[Article], dict[str, str]]:
    """The articles the preview publishes, and each invalid article's page URL."""
    urls = {slug: f"{PROBLEMS_URL}{slug}/" for slug in invalid}
    valid = []
    for article in articles:
        if article.slug in invalid:
            urls[article.slug] = article_url(article)
        else:
            valid.append(article)
    return valid, urls


def problem_pages(invalid: dict[str, list[Problem]], urls: dict[str, str],
                  ) -> Iterator[tuple[str, PageRenderer]]:
    """(src path, renderer) of each invalid article's page."""
    for slug, problems in invalid.items():
        url = urls[slug]
        yield f"{url}index.md", partial(problem_page, url, problems)


def problem_page(url: str, problems: list[Problem]) -> Page:
    """One invalid article: the file to edit and every problem, line by line."""
    path = problems[0].path
    items = "".join(f"<li><strong>dòng {p.line}</strong> · <code>{esc(p.field)}</code>: "
                    f"{esc(p.message)}</li>" for p in problems)
    return page(
        {"title": esc(f"Bài chưa hợp lệ: {Path(path).name}"), "hide": ["toc"], **NOINDEX},
        f"<h1>Bài chưa hợp lệ: {esc(Path(path).name)}</h1>",
        '<div class="admonition failure"><p class="admonition-title">Trang xem thử</p>'
        f"<p>Sửa tệp <code>{esc(path)}</code> rồi lưu lại: trang này tự tải lại. Bài không "
        "có trong các danh sách cho đến khi hợp lệ; <code>make build</code> và bản dựng "
        "trên GitHub từ chối xuất bản khi còn lỗi.</p></div>",
        f'<ol class="na-problems">{items}</ol>',
        f"<p>{link(url, '', 'Về trang chủ')}</p>",
    )


def problems_notice(invalid: dict[str, list[Problem]], urls: dict[str, str],
                    from_url: str = "") -> str:
    """The preview home page's warning: how many articles are invalid, each linked."""
    if not invalid:
        return ""
    items = "".join(f"<li>{link(from_url, urls[slug], Path(problems[0].path).name)} "
                    f"({len(problems)} lỗi)</li>" for slug, problems in invalid.items())
    return ('<div class="admonition failure na-invalid"><p class="admonition-title">'
            f"{len(invalid)} bài chưa hợp lệ (chỉ hiện khi xem thử)</p><ul>{items}</ul></div>")
