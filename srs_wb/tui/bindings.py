"""Key bindings shown in the learner's language."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import BindingsMap
from textual.dom import DOMNode

from srs_wb.i18n import _


def translate_bindings(node: DOMNode) -> None:
    """Give `node`'s bindings their descriptions in the active language.

    Bindings are declared at class level with English descriptions marked `N_`; Textual
    copies them into each instance, and this swaps the copy for translated ones (Textual
    has no public hook for binding descriptions). Call it from `__init__`.
    """
    translated = {
        key: [
            replace(
                binding,
                description=_(binding.description) if binding.description else "",
                tooltip=_(binding.tooltip) if binding.tooltip else "",
            )
            for binding in bindings
        ]
        for key, bindings in node._bindings.key_to_bindings.items()
    }
    node._bindings = BindingsMap.from_keys(translated)
