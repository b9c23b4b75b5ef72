"""Prefect flows that compose the catalogue and the robots.

Importing this package sets Prefect defaults that Lotse relies on before
Prefect itself is imported: no usage analytics (Lotse makes no network
connections beyond the ones it is configured for).
"""

import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
