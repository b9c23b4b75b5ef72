"""What every layer shares, and nothing else: the one clock and the one German formatter.

``common.clock``: timestamps are aware UTC everywhere (in Python and in every
table, :class:`~common.clock.UtcDateTime`); people see Europe/Berlin.
``common.german``: numbers, shares, points and dates as German readers expect
them, for the CLI, the web, the report, CSV files and Prefect's artifacts.
It imports nothing of Lotse; every package may import it.
"""
