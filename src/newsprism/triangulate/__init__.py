"""The triangulate stage: per story, line up what every report says (claim groups with each
report's stance and values, disagreements, stance changes, omissions, quote groups, sources
and a timeline)."""

from newsprism.triangulate.stage import (
    triangulate_reports,
    triangulate_story,
    update_triangulation,
)

__all__ = ["triangulate_reports", "triangulate_story", "update_triangulation"]
