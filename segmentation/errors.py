"""The one exception tree of PersonaSense's engine (the assistant adds to it).

    PersonaSenseError
    ├── DataError        an input table cannot be read or holds values that cannot be used
    │   └── SchemaError  columns missing, duplicated or unusable
    ├── CatalogError     a name that is not in the catalog of what can be measured
    ├── ModelError       a model cannot be fitted or used with these parameters or data
    └── BundleError      a saved bundle is missing, tampered with, foreign or incompatible

Core functions raise these; the edges translate them (the CLI prints the message and
exits 2, the UI raises ``gr.Error``). What a user should know about usable but suspicious
data is returned as data - `LoadReport.warnings`, ``FeatureBuilder.fit_notes_``,
``Bundle.notes`` - never as Python warnings: warning filters are process-wide, and a server
runs many users' requests at once.
"""

from __future__ import annotations

__all__ = [
    "BundleError",
    "CatalogError",
    "DataError",
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


class CatalogError(PersonaSenseError):
    """Raised when a name is not in the catalog of what can be measured (an unknown metric
    or attribute), or a catalog is defined inconsistently (a key twice)."""


class BundleError(PersonaSenseError):
    """Raised when a saved model bundle is missing, tampered with, foreign or incompatible."""
