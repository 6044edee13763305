"""The overview's first list (targets behind first) and the age of figures, in English.
Keys shared with review_zh."""

MESSAGES: dict[str, str] = {
    # ----- the list at the top of the overview -----
    "glance.heading": "Targets behind, first",
    "glance.intro": "As of {as_of}: {behind} behind, {fine} achieved or on track, {unjudged} not judged.",
    "glance.behind_none": "No target is behind.",
    "glance.fine_heading": "Achieved or on track",
    "glance.unjudged_heading": "Not judged yet",
    "glance.target": "target {target}",
    "glance.no_value": "no data yet",
    # ----- one short reason per target -----
    "reason.growth": "needs {required} a year, growing {observed}",
    "reason.straight_line": "{progress} of the way with {elapsed} of the time gone",
    "reason.fell_back": "fell back below the target it had met",
    "reason.baseline_needed": "baseline needed",
    "reason.baseline_needed_share": "baseline needed; {value} of {target}: {share} of the target",
    "reason.no_data": "no data yet",
    "reason.short_history": "less than a year of data since the baseline",
    "reason.growth_undefined": "growth cannot be computed (a value is zero or negative)",
    "reason.ratio_undefined": "the baseline already equals the target",
    # ----- the age of a figure -----
    "age.stale": "stale",
    "age.stale_title": "This figure is more than four quarters older than {as_of}.",
    # ----- a card without a baseline: how far toward the target, not judged -----
    "card.not_judged": "Not judged: {reason}",
    "card.share_of_target": "{value} of {target}: {share} of the target",
    "card.achieved_no_gauge": "Target met",
    "card.sentence_growth_unjudged": "{name}: {value} in {period}, {status}; target: growth of {target} a year.",
    "table.filter_placeholder": "Filter…",
    "pace.share": "growing at {share} of the pace needed",
    "pace.away": "moving away from the target",
    "upload.converted": " ({written} → {shown})",
    "pending.heading": "Recorded, but not yet in the latest value:",
    "pending.note": "the {period} figure ({basis}) does not change the latest value yet: a per-year flow needs the four quarters up to {period} (or a full-year figure); still missing: {missing}.",
    "indicator.baseline": "Baseline",
    "baseline.planned": "{value} ({used})",
    "baseline.substituted": "{value} ({used}; no {planned} figure published, so the nearest within a year stands in)",
    "baseline.period_substituted": "{used} (no {planned} figure published)",
    "baseline.none": "baseline needed: no figure published for {planned} or within a year of it",
    "pace.with_ratio": "{ratio}: {words}",
}
