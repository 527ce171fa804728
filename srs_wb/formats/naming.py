"""Names for what is imported: deck ids from deck names, card ids from content or GUIDs, tags."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

__all__ = [
    "anki_card_key",
    "anki_note_prefix",
    "content_key",
    "deck_key",
    "guess_language",
    "short_hash",
    "split_tags",
]

MAX_DECK_KEY = 64  # the native format's limit on deck ids
MAX_TAG_CHARS = 100  # and on a tag

# Bulgarian's official romanisation (2009), with the other Cyrillic letters of Russian and
# Ukrainian, so that "Невронни мрежи" gets the id "nevronni-mrezhi" rather than an empty one.
_CYRILLIC = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
        "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
        "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
        "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya", "ы": "y", "э": "e",
        "ё": "yo", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
    }
)  # fmt: skip
_NOT_ID = re.compile(r"[^a-z0-9]+")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def short_hash(text: str, chars: int = 16) -> str:
    """A hex digest of `text`, `chars` long: stable across runs and machines."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=chars // 2)
    return digest.hexdigest()


def deck_key(name: str) -> str:
    """The deck id for a deck `name`: 'Parent::Child' → 'parent-child'.

    Letters are lowercased and romanised, everything else becomes '-'. A name with no
    letter or digit left gets 'deck-' and a hash; a long one is cut and keeps a hash, so
    that two long names with the same start stay apart.
    """
    folded = unicodedata.normalize("NFKD", name.casefold().translate(_CYRILLIC))
    ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch))
    slug = _NOT_ID.sub("-", ascii_only).strip("-")
    if not slug:
        return f"deck-{short_hash(name)}"
    if len(slug) > MAX_DECK_KEY:
        return f"{slug[: MAX_DECK_KEY - 17].rstrip('-')}-{short_hash(name)}"
    return slug


def content_key(front: str) -> str:
    """A card id from the card's front: re-importing the same row finds the same card.

    Surrounding whitespace and line-ending style do not count, so a cell that gained a
    trailing space or CRLF line ends still finds its card.
    """
    normal = front.replace("\r\n", "\n").strip() if "\r" in front else front.strip()
    digest = hashlib.blake2b(normal.encode("utf-8", "surrogatepass"), digest_size=8)
    return "h-" + digest.hexdigest()


def anki_card_key(guid: str, ordinal: int) -> str:
    """An Anki card's id: its note's GUID and its template or cloze ordinal."""
    return f"{anki_note_prefix(guid)}{ordinal}"


def anki_note_prefix(guid: str) -> str:
    """What the ids of a note's cards start with: 'anki-', a hash of the GUID, '-'.

    GUIDs hold capitals and punctuation ("tXd,[rF*ok") that the native format does not
    allow in ids, so the GUID is hashed: an exported deck stays a valid TOML deck.
    """
    return f"anki-{short_hash(guid)}-"


def guess_language(texts: Iterable[str], sample: int = 200) -> str:
    """'bg' when most of the first `sample` texts are written in Cyrillic, else 'en'."""
    cyrillic = latin = 0
    for index, text in enumerate(texts):
        if index >= sample:
            break
        if _CYRILLIC_LETTER.search(text):
            cyrillic += 1
        elif _LATIN_LETTER.search(text):
            latin += 1
    return "bg" if cyrillic > latin else "en"


def split_tags(text: str, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """Space-separated tags (as Anki writes them), then `extra`; each once, in order.

    A tag longer than the native format allows is cut to its limit.
    """
    tags = text.split()
    if extra:
        tags.extend(extra)
    if len(tags) < 2:
        return (tags[0][:MAX_TAG_CHARS],) if tags else ()
    if len(text) > MAX_TAG_CHARS or extra:
        tags = [tag[:MAX_TAG_CHARS] for tag in tags]
    return tuple(dict.fromkeys(tags)) if len(set(tags)) < len(tags) else tuple(tags)
