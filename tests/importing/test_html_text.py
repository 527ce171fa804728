"""Anki's HTML fields become the text a learner would read: lines, entities, images, no markup."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srs_wb.formats import html_text
from srs_wb.formats.html_text import html_to_text, looks_like_html, plain_to_text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("Какво правят <b>тежестите</b>?", "Какво правят тежестите?"),
        ("one<br>two<br/>three", "one\ntwo\nthree"),
        ("a<br><br>b", "a\n\nb"),
        ("<div>Line one</div><div>Line two</div>", "Line one\nLine two"),
        ("<div>a</div><div><br></div><div>b</div>", "a\n\nb"),  # Anki's empty line
        ("<p>first</p><p>second</p>", "first\nsecond"),
        ("<ul><li>first</li><li>second</li></ul>", "• first\n• second"),
        ("x &amp; y &lt;z&gt; &quot;q&quot; &#1041; &#x416;", 'x & y <z> "q" Б Ж'),
        ("&amp;lt;", "&lt;"),  # decoded once, not twice
        ("a&nbsp;b", "a b"),
        ('<img src="neuron.png">', "[image: neuron.png]"),
        ("<img src='a b.jpg'> after", "[image: a b.jpg] after"),
        ('<IMG SRC="Big.PNG">', "[image: Big.PNG]"),
        ("<img>", "[image]"),
        ("[sound:hello.mp3]Say hello", "Say hello"),
        ("Say [sound:a.mp3] hi [sound:b.ogg]", "Say hi"),
        ('<span style="color: red">red</span> <font color="x">text</font>', "red text"),
        ("  spaced   <b> out </b>  ", "spaced out"),
        ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a | b\nc"),
        ("<pre>keep   these\n  spaces</pre>after", "keep   these\n  spaces\nafter"),
        ("a<!-- a comment -->b", "ab"),
        ('<script>var s = "<b>";</script>shown', "shown"),
        ("<style>.card { color: red }</style>shown", "shown"),
        ("x < y and y > z", "x < y and y > z"),
        ("plain text\nwith a newline", "plain text with a newline"),  # HTML: a space
        ("", ""),
    ],
)
def test_html_to_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


def test_plain_text_keeps_its_line_breaks_and_drops_sounds() -> None:
    assert plain_to_text("a <b>\r\nsecond line[sound:x.mp3]\n\n\n\nend ") == (
        "a <b>\nsecond line\n\nend"
    )


def test_looks_like_html() -> None:
    assert looks_like_html("<b>x</b>") and looks_like_html("a &amp; b") and looks_like_html("<br>")
    assert not looks_like_html("a < b > c") and not looks_like_html("AT & T")


def _through_html_parser(html: str) -> str:
    html = html_text.drop_sound_tags(html)
    if not looks_like_html(html):
        return html_text._tidy(html_text._collapse(html))
    parser = html_text._Parser()
    parser.feed(html)
    parser.close()
    return html_text._tidy(html_text._lay_out(parser.tokens))


_pieces = st.sampled_from(
    [
        "<b>", "</b>", "<i>", "</i>", "<div>", "</div>", "<p>", "</p>", "<br>", "<br/>",
        "<li>", "</li>", "<ul>", "</ul>", '<img src="a.png">', "<img src=b.jpg/>",
        "<td>", "</td>", "<tr>", "</tr>", "<pre>", "</pre>", "&amp;", "&lt;", "&nbsp;",
        "&#1041;", " ", "  ", "\n", "text", "тежест", "<", ">", "&", "'", '"',
        '<span title="a>b">', "</span>", "<B>", "</B>", "<font color=red>", "</font>",
        "<br >", "<b/>", "<bdi>", "<!-- c -->", "<script>", "</script>", "</br>", "<DIV>",
        "<div class='x'>", "<h1>", "</h1>", "<blockquote>", "&#10;", "&nbsp;", "\t",
    ]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(_pieces, max_size=30).map("".join))
def test_the_fast_path_reads_html_as_html_parser_does(html: str) -> None:
    """Simple markup skips html.parser for speed; the text must be the same either way."""
    assert html_to_text(html) == _through_html_parser(html)
