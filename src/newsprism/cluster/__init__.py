"""The cluster stage: which reports tell the same story, and which copy which.

    StoryClusterer      incremental, order-independent story membership (stories.py)
    NearDuplicateIndex  MinHash/LSH candidates for shared passages (minhash.py)
    find_reuse          shared passages of two reports, with direction (reuse.py)
    estimate_date       publication date of an undated report from its story (dates.py)
"""

from newsprism.cluster.dates import estimate_date
from newsprism.cluster.minhash import NearDuplicateIndex
from newsprism.cluster.reuse import find_reuse
from newsprism.cluster.stories import StoryClusterer

__all__ = ["NearDuplicateIndex", "StoryClusterer", "estimate_date", "find_reuse"]
