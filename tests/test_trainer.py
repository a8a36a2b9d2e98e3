"""Trainer material in the browser: quizzes open by tap and keyboard, abbreviations explain."""

from __future__ import annotations

import pytest


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "answer_word"),
    [("tap-huan/bai-2-nguyen-nhan/", "Đáp án"), ("en/tap-huan/bai-2-nguyen-nhan/", "Answer")],
)
def test_quiz_answer_opens_on_tap_and_keyboard(browser, base_url, path, answer_word) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, has_touch=True)
    page.goto(base_url + path)
    questions = page.locator("details.question")
    assert 5 <= questions.count() <= 8
    first, second = questions.nth(0), questions.nth(1)
    answer = first.get_by_text(answer_word, exact=False).first
    assert not answer.is_visible()
    first.locator("summary").tap()
    assert answer.is_visible()
    assert first.locator("a[href*='bao-cao/']").count() >= 1  # explanation links the paragraph
    second.locator("summary").focus()
    page.keyboard.press("Enter")
    assert second.evaluate("d => d.open") is True
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("bao-cao/iv-de-xuat-kien-nghi/", "Ban Thường vụ"),
        ("en/bao-cao/iv-de-xuat-kien-nghi/", "Standing Committee"),
    ],
)
def test_abbreviation_shows_its_expansion(browser, base_url, path, expected) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + path)
    abbr = page.locator("abbr", has_text="BTV").first
    assert expected in (abbr.get_attribute("title") or "")
    abbr.hover()
    tooltip = page.locator(".md-tooltip--active, .md-tooltip2--active").first
    tooltip.wait_for(state="visible")
    assert expected in tooltip.inner_text()
    page.close()
