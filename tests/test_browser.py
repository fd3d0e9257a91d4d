"""The built site in Debian's Chromium, headless."""

import pytest

pytestmark = pytest.mark.browser


def test_home_page_renders_in_vietnamese(page, serve_site: str) -> None:
    page.goto(serve_site)
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "Lưu trữ tin Văn phòng UBND tỉnh" in page.title()
    assert page.locator("h1").first.inner_text().startswith("Lưu trữ tin")
