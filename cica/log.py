"""Logging helpers, importable before Django's apps are ready (settings use them)."""

import logging

from django.db import InterfaceError, OperationalError


class DatabaseDownLogFilter(logging.Filter):
    """Log a request that failed because the database is unreachable in one line, not
    with a traceback each time: while it is down, every uncached page does."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, OperationalError | InterfaceError) and isinstance(record.args, tuple):
            record.msg = f"{record.msg} (database unreachable: %s)"
            record.args = (*record.args, str(error).strip().splitlines()[0] if str(error) else "")
            record.exc_info = None
            record.exc_text = None
        return True
