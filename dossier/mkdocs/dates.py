"""Reproducible build dates: two builds of the same records are byte-identical.

MkDocs dates the pages (sitemap `lastmod`, the gzip header of sitemap.xml.gz) and the
templates' `build_date_utc` with the current time unless SOURCE_DATE_EPOCH is set. The
plugin sets these dates itself to midnight UTC of the newest source's published date,
rather than set the variable for the whole process; an epoch the user set is respected.
"""
from __future__ import annotations

import calendar
import os
from datetime import datetime, timezone
from typing import Any, Optional


def epoch(records: Any) -> int:
    """A reproducible build date: midnight UTC of the newest source's published date, else 0."""
    dates = sorted(s.published for s in records.sources.values() if s.published)
    if not dates:
        return 0
    parts = (dates[-1].split("-") + ["01", "01"])[:3]
    try:
        year, month, day = (int(p) for p in parts)
        return calendar.timegm((year, month, day, 0, 0, 0))
    except (ValueError, OverflowError):
        return 0


def build_date(records: Any) -> Optional[datetime]:
    """The date the build stands for, or None when SOURCE_DATE_EPOCH is set (MkDocs reads it)."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return None
    return datetime.fromtimestamp(epoch(records), timezone.utc)


def date_pages(files: Any, when: datetime) -> None:
    """Give every page of the build `when` as its update date (MkDocs' `get_build_date` form)."""
    for file in files:
        if file.page is not None:
            file.page.update_date = when.strftime("%Y-%m-%d")
