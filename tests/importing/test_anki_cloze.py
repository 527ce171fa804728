"""Cloze deletions: each number is a card; the question hides it, the answer shows it."""

from __future__ import annotations

from srs_wb.formats.anki_cloze import cloze_numbers, cloze_texts, parse_clozes, render_cloze


def sides(text: str, number: int) -> tuple[str, str]:
    parsed = parse_clozes(text)
    return (
        render_cloze(parsed, number, question=True),
        render_cloze(parsed, number, question=False),
    )


def test_each_number_hides_its_own_deletions_only() -> None:
    text = "{{c1::Backpropagation}} computes {{c2::gradients}} of the {{c1::loss}}."
    assert cloze_numbers(parse_clozes(text)) == [1, 2]
    assert sides(text, 1) == (
        "[...] computes gradients of the [...].",
        "Backpropagation computes gradients of the loss.",
    )
    assert sides(text, 2)[0] == "Backpropagation computes [...] of the loss."


def test_a_hint_shows_in_brackets() -> None:
    assert sides("The {{c1::bias::b}} shifts z.", 1) == ("The [b] shifts z.", "The bias shifts z.")


def test_nested_deletions() -> None:
    text = "{{c1::outer {{c2::inner}} part}} end"
    assert cloze_numbers(parse_clozes(text)) == [1, 2]
    assert sides(text, 1) == ("[...] end", "outer inner part end")
    assert sides(text, 2) == ("outer [...] part end", "outer inner part end")


def test_unmatched_braces_stay_text() -> None:
    for text in ("a }} b", "{{c1::never closed", "{{c1::x}} and }}", "{{notcloze}}"):
        parsed = parse_clozes(text)
        assert render_cloze(parsed, 1, question=False) == text.replace("{{c1::x}}", "x")


def test_cloze_texts_finds_image_occlusion_masks() -> None:
    parsed = parse_clozes("{{c1::image-occlusion:rect:left=.1:top=.2}}")
    assert cloze_texts(parsed) == ["image-occlusion:rect:left=.1:top=.2"]
