"""The analyze stage: mentions, quotes, numbers, times, events and claim units of a report."""
