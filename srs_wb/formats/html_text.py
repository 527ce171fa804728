"""Anki's HTML fields as readable terminal text: line breaks kept, markup dropped, images named."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from itertools import chain

__all__ = ["drop_sound_tags", "html_to_text", "looks_like_html", "plain_to_text"]

# Tags after which text continues on a new line, as a browser lays them out.
_BLOCK_TAGS = frozenset(
    (
        *("address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt"),
        *("figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header"),
        *("hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tr", "ul"),
    )
)
# Their content is code or metadata, never text for the card.
_HIDDEN_TAGS = frozenset(("script", "style", "head", "title", "template", "noscript"))
_CELL_TAGS = frozenset(("td", "th"))
# Tags that change how text looks, not where it goes: skipped without a second look.
_INLINE_TAGS = frozenset(
    (
        *("a", "abbr", "b", "big", "cite", "code", "del", "em", "font", "i", "ins", "kbd"),
        *("mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup"),
        *("u", "var"),
    )
)

_SOUND = re.compile(r"\[sound:[^\]\n]*\]")
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_LINE_END_SPACES = re.compile(r"[ \t]+\n")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
# Whether a plain-text field needs the parser at all: a tag, an entity or a comment.
_MARKUP = re.compile(r"<[A-Za-z/!?]|&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
# A well-formed start or end tag: (slash, name, attributes). Quoted values may hold '>'.
_TAG = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:[^<>"']|"[^"]*"|'[^']*')*)>""")
# Any '<' that does not open a well-formed formatting tag: then the field needs the layout.
_INLINE_NAMES = "|".join(sorted(_INLINE_TAGS, key=len, reverse=True))
_INLINE_TAG = re.compile(rf"""</?(?:{_INLINE_NAMES})\b(?:[^<>"']|"[^"]*"|'[^']*')*>""", re.I)
# The formatting tags Anki writes most, without attributes, in lower case.
_PLAIN_INLINE_TAG = re.compile(r"</?(?:b|i|u|s|em|strong|sub|sup|small|big|code|mark)>")
_NOT_INLINE = re.compile(rf"""<(?!/?(?:{_INLINE_NAMES})\b(?:[^<>"']|"[^"]*"|'[^']*')*>)""", re.I)
_SRC = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Whether `text` has tags or entities (Anki's test for a text file's fields)."""
    return _MARKUP.search(text) is not None


def drop_sound_tags(text: str) -> str:
    """Anki's `[sound:file.mp3]` references: a terminal cannot play them."""
    return _SOUND.sub("", text) if "[sound:" in text else text


def plain_to_text(text: str) -> str:
    """A field that is plain text (Anki text files with `#html:false`): sounds dropped."""
    text = drop_sound_tags(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _tidy(text)


def html_to_text(html: str) -> str:
    """The text a learner would read in Anki's card, as lines of plain text.

    `<br>`, `<div>`, `<p>`, list items and other blocks become line breaks; entities are
    decoded; formatting tags are dropped; `<img src="a.png">` becomes `[image: a.png]`;
    `[sound:…]` references are dropped. Runs of whitespace collapse as in a browser,
    except inside `<pre>`.
    """
    if "[sound:" in html:
        html = _SOUND.sub("", html)
    if "<" not in html:
        # Text, perhaps with entities: what html.parser would make of it, without it.
        return _tidy(_collapse(_unescape(html) if "&" in html else html))
    # A <div or <br is not formatting: such a field needs the layout below.
    if "<div" not in html and "<br" not in html:
        # Formatting only (<b>, <i>, <span>…): the text is what is left without the tags.
        # Plain <b>, <i>, ... are taken off with a quick pattern first; when no '<' is left
        # every one was such a tag, and the text is what the full test and removal give.
        text = _PLAIN_INLINE_TAG.sub("", html)
        if "<" not in text or _NOT_INLINE.search(html) is None:
            if "<" in text:
                text = _INLINE_TAG.sub("", html)
            return _tidy(_collapse(_unescape(text) if "&" in text else text))
    laid_out = _simple_text(html)
    if laid_out is None:
        parser = _Parser()
        parser.feed(html)
        parser.close()
        laid_out = _lay_out(parser.tokens)
    return _tidy(laid_out)


# A token: (kind, tag or text, image source). Kinds: start tag, end tag, text.
_START, _END, _TEXT = 0, 1, 2
Token = tuple[int, str, "str | None"]


# What a tag does to the text (see `_lay_out`), by its name in lower case.
_NOTHING, _BREAK, _BLOCK, _IMAGE, _CELL, _HIDDEN = range(6)
_ROLE = {
    **dict.fromkeys(_BLOCK_TAGS, _BLOCK),
    **dict.fromkeys(_CELL_TAGS, _CELL),
    **dict.fromkeys(_INLINE_TAGS, _NOTHING),  # formatting: <b>, <span>…
    **dict.fromkeys(_HIDDEN_TAGS, _HIDDEN),
    "br": _BREAK,
    "img": _IMAGE,
    "": _NOTHING,  # no tag: the text before the first one
}


def _simple_text(html: str) -> str | None:
    """The text of `html` (before `_tidy`) from a tag/text split, as `_lay_out` makes it
    of html.parser's tokens; None (leaving it to html.parser) at anything but plain tags,
    text and entities.

    Anki's fields are nearly always simple markup (`<b>`, `<div>`, `<br>`, `<img>`), and
    html.parser's pure-Python scanner made HTML most of a 100,000-note import's time; so
    this is `_lay_out` in one pass over the split, without making tokens first.
    """
    if "<!" in html or "<?" in html:
        return None  # comments, doctype, CDATA: html.parser's job
    pieces = iter(_TAG.split(html))  # text, then (slash, name, attributes, text) per tag
    parts: list[str] = []
    append = parts.append
    pre = cells = 0
    at_line_start = True  # a block starts a new line only if the current one has text
    # The text before the first tag comes after a tag that changes nothing.
    for slash, name, attributes, text in chain(
        (("", "", "", next(pieces)),), zip(pieces, pieces, pieces, pieces, strict=True)
    ):
        role = _ROLE.get(name)
        if role is None:
            name = name.lower()
            role = _ROLE.get(name, _NOTHING)
        if role == _NOTHING:
            pass  # formatting, or a tag that changes nothing
        elif role == _BLOCK:
            if slash:
                if name == "pre":
                    pre = max(0, pre - 1)
            elif name == "tr":
                cells = 0
            elif name == "pre":
                pre += 1
            if not at_line_start:
                append("\n")
                at_line_start = True
            if name == "li" and not slash:
                append("• ")
                at_line_start = False
        elif role == _HIDDEN:
            return None  # their content may hold '<' as text
        elif slash:
            pass  # </br>, </img>, </td>: nothing
        elif role == _BREAK:
            append("\n")
            at_line_start = True
        elif role == _IMAGE:
            shown = (_source(attributes) or "").strip()
            append(f"[image: {shown}]" if shown else "[image]")
            at_line_start = False
        else:  # a table cell
            cells += 1
            if cells > 1:
                append(" | ")
                at_line_start = False
        if not text:
            continue
        if "<" in text:
            return None  # a '<' that starts no tag: html.parser keeps it as text
        if "&" in text:
            text = _unescape(text)
        if not pre:
            if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text:
                text = _SPACES.sub(" ", text)  # _collapse, inline: this runs per text run
            if text[:1] == " " and (at_line_start or parts[-1][-1:] == " "):
                text = text[1:]  # a browser shows one space where text runs meet
            if not text:
                continue
        append(text)
        at_line_start = text[-1] == "\n"
    return "".join(parts)


def _unescape(text: str) -> str:
    """`html.unescape`, with the entities Anki writes replaced without its regex."""
    common = (
        text.replace("&nbsp;", "\xa0")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&#39;", "'")
    )
    if "&" in common.replace("&amp;", ""):
        return unescape(text)  # numeric, named or unterminated entities
    return common.replace("&amp;", "&")  # last, so that "&amp;lt;" stays "&lt;"


def _source(attributes: str) -> str | None:
    match = _SRC.search(attributes)
    if match is None:
        return None
    return unescape(next(group for group in match.groups() if group is not None))


def _collapse(text: str) -> str:
    """Runs of whitespace as one space, as a browser shows them."""
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text:
        return _SPACES.sub(" ", text)
    return text


def _lay_out(tokens: list[Token]) -> str:
    """The text of `tokens`, blocks on lines of their own."""
    parts: list[str] = []
    hidden = pre = cells = 0
    at_line_start = True  # a block starts a new line only if the current one has text
    for kind, value, source in tokens:
        if kind == _TEXT:
            if hidden:
                continue
            if not pre:
                value = _collapse(value)
                if value[:1] == " " and (at_line_start or parts[-1].endswith(" ")):
                    value = value[1:]  # a browser shows one space where text runs meet
            if not value:
                continue
        elif value in _INLINE_TAGS:
            continue  # formatting: <b>, <i>, <span>, <font>…
        elif kind == _START:
            if value == "br":
                value = "\n"
            elif value in _BLOCK_TAGS:
                if value == "tr":
                    cells = 0
                elif value == "pre":
                    pre += 1
                if not at_line_start:
                    parts.append("\n")
                    at_line_start = True
                if value != "li":
                    continue
                value = "• "
            elif value == "img":
                shown = (source or "").strip()
                value = f"[image: {shown}]" if shown else "[image]"
            elif value in _CELL_TAGS:
                cells += 1
                if cells == 1:
                    continue
                value = " | "
            else:
                if value in _HIDDEN_TAGS:
                    hidden += 1
                continue
        else:
            if value in _HIDDEN_TAGS:
                hidden = max(0, hidden - 1)
            elif value in _BLOCK_TAGS:
                if value == "pre":
                    pre = max(0, pre - 1)
                if not at_line_start:
                    parts.append("\n")
                    at_line_start = True
            continue
        parts.append(value)
        at_line_start = value[-1] == "\n"
    return "".join(parts)


def _tidy(text: str) -> str:
    if "\xa0" in text:
        text = text.replace("\xa0", " ")
    if "\n" in text:
        if " \n" in text or "\t\n" in text:
            text = _LINE_END_SPACES.sub("\n", text)
        if "\n\n\n" in text:
            text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()


class _Parser(HTMLParser):
    """The standard library's parser, for markup the simple split does not take."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[Token] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        source = dict(attrs).get("src") if tag == "img" else None
        self.tokens.append((_START, tag, source))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _HIDDEN_TAGS:
            self.tokens.append((_END, tag, None))

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append((_END, tag, None))

    def handle_data(self, data: str) -> None:
        self.tokens.append((_TEXT, data, None))
