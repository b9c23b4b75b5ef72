"""A stand-in of a legacy e-file application (E-Akte / DMS) for the e-file robot.

It is its own tiny web app, separate from Lotse's workbench: sign-in, a search
for a file by Aktenzeichen, new files, documents with a PDF and metadata, and a
confirmation with a document number. Quirks make it behave like the real thing
(slow pages, an expiring session, a modal "Hinweis", ids that change between
versions, failing uploads); all are off by default and seedable.

    from eakte import StandInConfig, create_app
    app = create_app(StandInConfig(data_dir=tmp_path))
    app.state.quirks.fehler_beim_naechsten_upload = 2   # at run time
    app.state.store.documents("51-123/2026")            # what was filed
"""

from __future__ import annotations

from eakte.app import create_app
from eakte.config import IdScheme, StandInConfig
from eakte.fields import FIELDS, TOKEN_FIELD, Fields
from eakte.store import EFile, Store, StoredDocument

__all__ = [
    "FIELDS",
    "TOKEN_FIELD",
    "EFile",
    "Fields",
    "IdScheme",
    "StandInConfig",
    "Store",
    "StoredDocument",
    "create_app",
]
