"""The one exception type that means "the user's input is wrong", not "we have a bug".

The CLI turns a CorpusError into a single sentence on stderr and exit status 1; anything
else is a bug and keeps its traceback. Every layer raises CorpusError (or a subclass) for
problems a user can fix: a bad config key, an undecodable file, a journal line that does
not parse, a span outside the text.
"""

from __future__ import annotations


class CorpusError(Exception):
    """A problem the user can fix; str(error) is the one sentence shown to them."""


class ValidationError(CorpusError):
    """An annotation that breaks a rule of the data model (the message names the rule)."""


class JournalLockedError(CorpusError):
    """Another process already writes this annotator's journal."""


class EditError(CorpusError):
    """An edit that is not allowed; the message is shown to the annotator."""


class ConfigWarning(UserWarning):
    """A config key or table corpus-tui does not know: probably a typo, so the user hears of
    it, but the command carries on (the CLI shows each one once per command)."""
