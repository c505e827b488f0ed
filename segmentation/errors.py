"""The one exception tree of PersonaSense's segmentation engine.

Core functions raise these; the edges translate them (the CLI prints the message and
exits 2, the UI raises ``gr.Error``). Warnings are categorized, never printed.
"""

from __future__ import annotations

__all__ = [
    "BundleError",
    "BundleWarning",
    "DataError",
    "DataQualityWarning",
    "ModelError",
    "PersonaSenseError",
    "SchemaError",
]


class PersonaSenseError(Exception):
    """Base class of every error PersonaSense raises on purpose."""


class DataError(PersonaSenseError):
    """Raised when an input table cannot be read or holds values that cannot be used.

    The message names the file, the column and the first rows at fault, and suggests a fix.
    """


class SchemaError(DataError):
    """Raised when a table lacks required columns, or columns are duplicated or unusable."""


class ModelError(PersonaSenseError):
    """Raised when a model cannot be fitted or used with the given parameters or data."""


class BundleError(PersonaSenseError):
    """Raised when a saved model bundle is missing, tampered with, foreign or incompatible."""


class DataQualityWarning(UserWarning):
    """Warned when input data is usable but suspicious (duplicate IDs, impossible values ...)."""


class BundleWarning(UserWarning):
    """Warned when a bundle is usable only in part, e.g. an unreadable bundle in the folder a
    model is retrained into is replaced without keeping its segment names."""
