"""Errors whose message is shown to the user as one line; the CLI maps them to exit code 2."""


class CheckerError(Exception):
    """Base class: `str(error)` is a complete, user-facing sentence."""


class InputError(CheckerError):
    """The input could not be read or is not something the checker can analyse."""


class ModelError(CheckerError):
    """A model the check needs is missing or broken."""


class UsageError(CheckerError):
    """An option or argument is wrong."""


class Cancelled(CheckerError):
    """The caller asked the check to stop (a server's time limit passed) before it was done."""


class InputWarning(UserWarning):
    """The input was read, but not exactly as given (HTML converted, files skipped); shown on stderr."""


class ArchiveError(CheckerError):
    """The claim archive is missing, foreign, of another version, read-only or out of space."""
