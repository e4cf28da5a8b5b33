"""How spans look: their CSS, their colours as theme variables, and a high-contrast theme.

The article view's component classes (``article-view--quote`` …) take their colours from
these variables, so a Textual theme can recolour the spans through its ``variables`` and a
user's CSS can restyle the component classes themselves. The text styles (bold, italic,
underline) are not variables: they are the second cue that keeps spans apart in 16 colours
and for colour-blind annotators, whatever the theme.

Colours are ANSI names, which every terminal has: a 16-colour terminal shows exactly these.
"""

from __future__ import annotations

from textual.theme import Theme

#: span → (background, colour); "transparent" leaves the text's own
_DEFAULT_SPANS: dict[str, tuple[str, str]] = {
    "quote": ("ansi_blue", "ansi_bright_white"),
    "quote-suggested": ("ansi_bright_black", "ansi_bright_white"),
    "speaker": ("ansi_yellow", "ansi_black"),
    "speaker-suggested": ("ansi_cyan", "ansi_black"),
    "cue": ("transparent", "ansi_bright_magenta"),
    "cue-suggested": ("transparent", "ansi_magenta"),
    "selection": ("ansi_green", "ansi_black"),
}
#: black text on bright backgrounds: every span is a block of its own colour, readable
#: on a 16-colour terminal and on a washed-out projector
_HIGH_CONTRAST_SPANS: dict[str, tuple[str, str]] = {
    "quote": ("ansi_bright_white", "ansi_black"),
    "quote-suggested": ("ansi_blue", "ansi_bright_white"),
    "speaker": ("ansi_bright_yellow", "ansi_black"),
    "speaker-suggested": ("ansi_bright_cyan", "ansi_black"),
    "cue": ("ansi_bright_magenta", "ansi_black"),
    "cue-suggested": ("ansi_magenta", "ansi_bright_white"),
    "selection": ("ansi_bright_green", "ansi_black"),
}


#: the second cue of each span, kept by every theme
SPAN_TEXT_STYLES: dict[str, str] = {
    "quote": "",
    "quote-suggested": "italic",
    "speaker": "bold",
    "speaker-suggested": "italic underline",
    "cue": "bold underline",
    "cue-suggested": "italic underline",
    "selection": "bold",
}


def span_css(widget: str, prefix: str) -> str:
    """One rule per span: ``Widget > .prefix--quote { background: $span-quote-background; … }``."""
    rules = []
    for name, text_style in SPAN_TEXT_STYLES.items():
        style = f" text-style: {text_style};" if text_style else ""
        rules.append(
            f"{widget} > .{prefix}--{name} {{ background: $span-{name}-background; color: $span-{name}-color;{style} }}"
        )
    return "\n".join(rules)


def span_variables(spans: dict[str, tuple[str, str]]) -> dict[str, str]:
    """``span-quote-background``, ``span-quote-color`` … for the CSS of the article view."""
    variables: dict[str, str] = {}
    for name, (background, color) in spans.items():
        variables[f"span-{name}-background"] = background
        variables[f"span-{name}-color"] = color
    return variables


#: what the app's CSS falls back to when a theme does not set a span variable
SPAN_VARIABLE_DEFAULTS = span_variables(_DEFAULT_SPANS)

HIGH_CONTRAST = Theme(
    name="corpus-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ff00ff",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#000080",
    success="#00ff00",
    warning="#ffff00",
    error="#ff0000",
    dark=True,
    variables=span_variables(_HIGH_CONTRAST_SPANS),
)
