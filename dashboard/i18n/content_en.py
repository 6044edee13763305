"""Long-form page content in English (Methodology, Plan). Keys shared with content_zh.

Fields in braces are either ``str.format`` parameters or, on the Methodology page, formula
symbols that the page draws as symbols: ``{x0}``, ``{xt}``, ``{xstar}``, ``{gstar}``, ``{b}``,
``{t}``, ``{T}``, ``{n}``, ``{N}``, ``{a}``, ``{r}``, ``{R}``, ``{p}``.
"""

MESSAGES: dict[str, str] = {
    # ================================ Methodology ================================
    "method.heading": "Methodology: how progress is judged",
    "method.lead": (
        "Each 2027 target is judged by comparing the growth actually observed since a baseline "
        "with the growth needed to reach the target on time. This page sets out the method step "
        "by step, with its formulas and a worked example on published figures."
    ),
    "method.contents": "On this page",
    # ----- origin -----
    "method.origin.heading": "Where the method comes from",
    "method.origin.text": (
        "The tracker adapts the progress measure used for the Sustainable Development Goals by the "
        "Open SDG reporting platform, Statistics Canada and Eurostat: the growth observed since "
        "the baseline is set against the growth required to reach the target, as the ratio of "
        "two compound annual growth rates. A ratio of 0.95 or more counts as on track, 0.60 to "
        "0.95 as needing acceleration, 0 to 0.60 as limited progress, and a ratio below 0 means "
        "the indicator is moving away from its target."
    ),
    "method.origin.quarterly": (
        "Those sources work with annual data. The tracker extends the method to quarterly data: "
        "time is counted in quarters (four quarters make a year), and amounts per year are "
        "measured over the trailing twelve months, so that every quarter can be compared with a "
        "full year."
    ),
    # ----- time -----
    "method.time.heading": "Time",
    "method.time.intro": (
        "Periods are quarters: 2025Q3 is the third quarter of 2025. For each indicator:"
    ),
    "method.time.b": (
        "the baseline period, from which progress is measured: 2022Q4 by default, the year "
        "before the plan. A baseline taken from the plan document itself sits at 2023Q3 (319 "
        "Fortune 500 companies; 147 key institutional innovation achievements of the free trade "
        "zone)."
    ),
    "method.time.t": (
        'the latest period: the last quarter, up to the chosen "as of" quarter, at which the '
        "indicator has a value."
    ),
    "method.time.T": "the target period: 2027Q4, the end of 2027.",
    "method.time.n": "the number of quarters from {b} to {t}.",
    "method.time.N": "the number of quarters from {b} to {T}: 20 from a 2022Q4 baseline.",
    # ----- values -----
    "method.values.heading": "Values",
    "method.values.stock": (
        "Stocks and shares (a level at a point in time, such as the number of Fortune 500 "
        "companies present, or a percentage) take the value at the end of the period."
    ),
    "method.values.flow": (
        "Flows (an amount per year, such as foreign trade) take the sum of the four quarters "
        "ending at the period: the trailing twelve months. Without four consecutive quarters a "
        "flow has no value at that period."
    ),
    "method.values.ytd": (
        "Chinese statistics are usually published year to date, from January to the end of the "
        "quarter. A quarter's own amount is then the difference of two year-to-date figures, and "
        "the first quarter's amount is its year-to-date figure:"
    ),
    "method.values.annual": (
        "A full-year figure counts as the flow's value at that year's fourth quarter: foreign "
        "trade for 2025 is the value at 2025Q4."
    ),
    "method.values.growth": (
        "An indicator with a growth target (freight volume growing by more than 15 % a year, "
        "say) is measured through its underlying flow, summed like any other flow."
    ),
    "method.values.x0": "the baseline value: the value at {b}.",
    "method.values.xt": "the latest value: the value at {t}.",
    "method.values.xstar": "a level target: the value to reach by {T} (1,100 bn CNY of trade).",
    "method.values.gstar": "a growth target as a fraction: 15 % a year is 0.15.",
    "method.separator": ": ",
    "method.formula.quarter": "quarter",
    "method.formula.ytd": "YTD",
    "method.formula.first_quarter": "Q1",
    "method.formula.value": "value",
    # ----- rates -----
    "method.rates.heading": "Rates",
    "method.rates.intro": (
        "From the two values and the two spans of time the method derives the following. "
        "Dividing quarters by four turns them into years."
    ),
    "method.rates.caption": "The rates and values the method computes for every indicator.",
    "method.rates.col.quantity": "Quantity",
    "method.rates.col.formula": "Formula",
    "method.rates.col.meaning": "What it says",
    "method.rates.a.name": "Observed compound annual growth rate",
    "method.rates.a.meaning": "How fast the indicator has grown a year since the baseline.",
    "method.rates.r.name": "Required compound annual growth rate",
    "method.rates.r.meaning": (
        "The growth a year needed to go from the baseline to the target by 2027Q4. For a growth "
        "target it is the target rate itself."
    ),
    "method.rates.r.level": "(level target)",
    "method.rates.r.growth": "(growth target)",
    "method.rates.R.name": "Ratio of observed to required growth",
    "method.rates.R.meaning": (
        "1 means the indicator grows exactly as fast as required; the status is read from it."
    ),
    "method.rates.p.name": "Progress (level targets)",
    "method.rates.p.meaning": "The share of the distance from baseline to target covered so far.",
    "method.rates.expected.name": "Expected value now",
    "method.rates.expected.meaning": (
        "Where the indicator should stand at {t} on the required path; the gauge marks it."
    ),
    "method.rates.projected.name": "Projected value at 2027Q4",
    "method.rates.projected.meaning": (
        "Where the indicator will stand at {T} if the observed growth continues."
    ),
    "method.rates.yoy.name": "Year-on-year growth",
    "method.rates.yoy.meaning": "The latest value against the value four quarters earlier.",
    # ----- status -----
    "method.status.heading": "Status",
    "method.status.intro": "The status is given by the first of these rules that applies:",
    "method.status.rule.achieved": (
        "a level target whose latest value meets or passes the target {xstar}; a growth target "
        "only once {t} = {T} and {a} ≥ {gstar}."
    ),
    "method.status.rule.insufficient": (
        "no baseline value, no latest value, or {n} < 4 (less than a year between baseline and "
        "latest value)."
    ),
    "method.status.rule.baseline_met": (
        "a level target with {r} ≤ 0 (the baseline already met the target) whose value has "
        "fallen back below {xstar}."
    ),
    "method.status.rule.ratio": "otherwise the ratio {R} decides:",
    "method.status.table_heading": "The six statuses",
    "method.status.caption": "The six statuses, the rule behind each and how to read it.",
    "method.status.col.status": "Status",
    "method.status.col.rule": "Rule",
    "method.status.col.reading": "How to read it",
    "method.status.when.achieved": (
        "The latest value meets or passes the target; for a growth target, the observed growth "
        "meets the target at 2027Q4."
    ),
    "method.status.when.on_track": "{R} ≥ 0.95",
    "method.status.when.needs_acceleration": "0.60 ≤ {R} < 0.95",
    "method.status.when.limited_progress": "0 ≤ {R} < 0.60",
    "method.status.when.regressing": (
        "{R} < 0; or the baseline already met the target and the value has fallen below it."
    ),
    "method.status.when.insufficient_data": (
        "No baseline, no latest value, less than a year of history, or growth rates that "
        "cannot be computed for a growth target."
    ),
    "method.status.reading.achieved": "The 2027 target is already reached.",
    "method.status.reading.on_track": (
        "Growing at least 95 % as fast as required: the target will be met if this continues."
    ),
    "method.status.reading.needs_acceleration": (
        "Growing, but at 60 % to 95 % of the required pace: faster growth is needed."
    ),
    "method.status.reading.limited_progress": (
        "Growing at less than 60 % of the required pace: the target is at risk."
    ),
    "method.status.reading.regressing": "Moving away from the target.",
    "method.status.reading.insufficient_data": (
        "No judgement is possible yet: the tracker says which figure is missing."
    ),
    # ----- fallback and direction -----
    "method.fallback.heading": "When growth rates are undefined",
    "method.fallback.text": (
        "Compound growth rates need positive values. Where {x0} ≤ 0 or {xt} ≤ 0, a level target "
        "is judged on the straight line from baseline to target instead:"
    ),
    "method.fallback.after": (
        "The expected value then lies on that straight line, and the projection extends the "
        "line through the latest value. A growth target without positive values is "
        '"insufficient data", as is a growth target of 0 %, for which the ratio is undefined.'
    ),
    "method.direction.heading": "Higher is better, and the mirror",
    "method.direction.text": (
        'All 15 targets are "higher is better": more trade, more trains, more companies. For a '
        '"lower is better" target (a cost or a clearance time, say) the method mirrors: the '
        "target is achieved when the latest value is at or below {xstar}, the baseline has "
        "already met it when {x0} ≤ {xstar}, and a growth target is achieved when {a} ≤ {gstar}."
    ),
    "method.direction.ratio": (
        "The ratio needs no change: when a value has to fall, the observed and required rates "
        "are both negative, so {R} = {a} / {r} is positive while the value falls toward the "
        "target and negative when it rises, and the same thresholds apply."
    ),
    # ----- worked example -----
    "method.example.heading": "Worked example: foreign trade",
    "method.example.intro": (
        "Foreign trade (imports plus exports, a flow) has a level target of {target} for 2027. "
        "The published full-year figures give the baseline {x0} = {baseline} (2022, the value at "
        "2022Q4) and the latest value {xt} = {latest} (2025, the value at 2025Q4). From 2022Q4 "
        "to 2025Q4 there are {n} = {n_value} quarters, and to 2027Q4 {N} = {big_n_value}."
    ),
    "method.example.unit": "bn CNY",
    "method.example.caption": "Foreign trade: the calculation step by step (values in {unit}).",
    "method.example.expected_label": "expected now",
    "method.example.projected_label": "projected 2027Q4",
    "method.example.yoy_label": "year on year",
    "method.example.steps": "The rules in order:",
    "method.example.step.achieved": "Not achieved: {latest} is below the target {target}.",
    "method.example.step.data": (
        "Enough data: the baseline and latest values exist and {n} = {n_value} ≥ 4."
    ),
    "method.example.step.baseline": "The baseline did not meet the target: {r} > 0.",
    "method.example.step.ratio": "{R} = {ratio} is below 0, so the status is:",
    "method.example.reading": (
        "In words: foreign trade in 2025 was {change} below its 2022 level, while reaching the "
        "target requires growth of about {required} a year. Although 2025 grew {yoy} on 2024, "
        "the trend since the baseline points away from the target: continued, it would give "
        "{projected} in 2027, where the required path expects {expected} by now."
    ),
    "method.example.see_indicator": "See this calculation with the current data",
    # ================================ The plan ================================
    "plan.heading": "The plan: goals, targets and context",
    "plan.lead": (
        'The structure of the plan "Building Chongqing\'s Inland Open Economy" (published by '
        "iChongqing in late 2023): one overall goal, four functional goals with "
        '15 quantified targets for 2027, the Pilot Free Trade Zone\'s "1135" plan, and the '
        "published figures that show where Chongqing stands."
    ),
    "plan.translation_note": (
        "Quotations are the plan document's own words, which are in English."
    ),
    "plan.separator": ": ",
    # ----- overall goal -----
    "plan.overall.heading": "Overall goal",
    "plan.overall.goal": "Accelerate the construction of an inland open economy.",
    "plan.overall.structure": (
        "Around this goal the plan sets four functional goals, will accelerate 12 key tasks, "
        'and strives to achieve "four significant leaps" by 2027.'
    ),
    "plan.overall.not_itemised": (
        "The plan document names the 12 key tasks and the four significant leaps but does not "
        "list them, so the tracker does not itemise them either."
    ),
    "plan.glance.label": "The plan at a glance",
    "plan.glance.goal": "overall goal",
    "plan.glance.functional": "functional goals",
    "plan.glance.targets": "quantified 2027 targets",
    "plan.glance.tasks": "key tasks",
    "plan.glance.leaps": "significant leaps",
    # ----- functional goals -----
    "plan.pillars.heading": "Four functional goals and their 2027 targets",
    "plan.pillars.intro": (
        "Each functional goal is one pillar of the tracker. The plan's own sentence comes first, "
        "then the targets the tracker follows, with the value each must reach by the end of 2027."
    ),
    "plan.pillar.heading": "Functional goal {number}: {name}",
    "plan.pillar.caption": "Targets of functional goal {number}: {name}.",
    "plan.pillar.none": "No quantified target in the catalogue.",
    "plan.quote.translation": "Translation",
    "plan.quote.original": "Original wording (English)",
    "plan.quote.logistics": (
        "By 2027, strive to achieve an annual operating volume of over 5,000 rail-sea intermodal "
        "freight trains and China-Europe freight trains (Chengdu and Chongqing) through the New "
        "Western Land-sea Corridor. The freight volume and value through the Corridor will "
        "increase by more than 15% annually, with a port cargo throughput of over 270 million "
        "tons and 120 international and regional routes."
    ),
    "plan.quote.platform": (
        "By 2027, strive to achieve an average annual cross-border financing amount of over 1 "
        "billion USD for the China-Singapore Connectivity Initiative, with a total of 230,000 "
        "market entities and 168 key institutional innovation achievements in Chongqing Pilot "
        "Free Trade Zone."
    ),
    "plan.quote.economy": (
        "By 2027, strive to achieve a total of 1.1 trillion CNY in foreign trade imports and "
        "exports, with high-tech product exports accounting for over 65% and service trade "
        "reaching 160 billion CNY, 335 Fortune 500 companies, and the actual use of foreign "
        "investment increase by about 10% annually."
    ),
    "plan.quote.environment": (
        "By 2027, strive to achieve a cross-border Renminbi settlement volume of 330 billion CNY "
        "and an annual number of over 5 million inbound and outbound personnel."
    ),
    "plan.col.kind": "Type",
    "plan.col.baseline": "Baseline period",
    "plan.kind.flow": "Flow: an amount per year",
    "plan.kind.stock": "Stock: a level at a point in time",
    "plan.kind.share": "Share: a percentage",
    "plan.kind.growth": "Growth: a rate per year",
    # ----- the free trade zone's 1135 plan -----
    "plan.ftz.heading": 'The Pilot Free Trade Zone\'s "1135" plan',
    "plan.ftz.intro": (
        "Since its establishment the Chongqing Pilot Free Trade Zone has made institutional "
        "innovation its core and replication and promotion its basic requirement. It now "
        'follows the "1135" plan: one goal, one file, three focuses and five zones, to carry out '
        "the strategy of upgrading the pilot free trade zone."
    ),
    "plan.ftz.goal.heading": "One goal",
    "plan.ftz.goal.text": (
        "Build the Chongqing Pilot Free Trade Zone into a leading area for the construction of "
        "an open inland economy."
    ),
    "plan.ftz.file.heading": "One file",
    "plan.ftz.file.text": (
        'Introduce the "Five Year Action Plan for Enhancing Navigation in China (Chongqing) '
        'Pilot Free Trade Zone (2023-2027)".'
    ),
    "plan.ftz.focuses.heading": "Three focuses",
    "plan.ftz.focus.1.name": "Make greater efforts to pilot",
    "plan.ftz.focus.1.text": (
        "Benchmark with DEPA and CPTPP, actively strive to connect with international high "
        "standards and promote institutional open pilots."
    ),
    "plan.ftz.focus.2.name": "Implement a higher level of opening-up to the world",
    "plan.ftz.focus.2.text": (
        "Strengthen reform and opening-up in key areas such as telecommunications, healthcare "
        "and finance, explore innovative regulatory models for trade formats, and attract more "
        "capital, technology, talent and other resources."
    ),
    "plan.ftz.focus.3.name": "Implement greater measures to promote development",
    "plan.ftz.focus.3.text": (
        "Focus on key industries such as automobiles, electronic information and digital trade, "
        "carry out institutional innovation along the whole chain, and raise the level of "
        "high-quality development."
    ),
    "plan.ftz.zones.heading": "Five zones",
    "plan.ftz.zone.1": "Core Zone of Inland International Logistics Hub",
    "plan.ftz.zone.2": "Pilot Zone for Innovative Development of Digital Economy",
    "plan.ftz.zone.3": "Demonstration Zone of New Bonded Economic Development",
    "plan.ftz.zone.4": "Leading Zone for Open Development of Modern Service Economy",
    "plan.ftz.zone.5": "Cluster Zone of Advanced Manufacturing Innovation and Development",
    # ----- context figures -----
    "plan.context.heading": "Context figures (no 2027 target)",
    "plan.context.badge": "Context",
    "plan.context.intro": (
        "Published figures that show where Chongqing stands: the corridors, China-Europe "
        "trains, air routes, the China-Singapore Connectivity Initiative, the free trade zone, "
        "the economy and international exchange. None of them has a 2027 target in the plan, "
        "and none is a value of one of the 15 tracked indicators; where a figure resembles a "
        "target but measures something else, its row says so."
    ),
    "plan.context.legend": (
        "Figures are for Chongqing unless a scope is given. "
        '"Lower bound" marks a figure published as "over …": the true value is higher. '
        "Confidence is high for an official body, customs, Xinhua or the plan document quoted "
        "directly, and medium for a repost or a figure whose date is unclear."
    ),
    "plan.context.count": "{count} figures.",
    "plan.context.caption": "Context figures, no 2027 target: {topic}.",
    "plan.col.figure": "Figure",
    "plan.col.value": "Value",
    "plan.col.as_of": "As of",
    "plan.col.confidence": "Confidence",
    "plan.topic.corridor": "New Western Land-Sea Corridor",
    "plan.topic.china_europe": "China-Europe Railway Express",
    "plan.topic.air": "International air routes",
    "plan.topic.yangtze": "Yangtze River shipping",
    "plan.topic.logistics_hubs": "National logistics hubs",
    "plan.topic.cci": "China-Singapore Connectivity Initiative",
    "plan.topic.ftz": "Chongqing Pilot Free Trade Zone",
    "plan.topic.economy": "Open economy",
    "plan.topic.international_communication": "International communication",
    "plan.scope": "Scope: {scope}",
    "plan.scope.whole_corridor": "the whole corridor, all provinces",
    "plan.scope.chongqing": "Chongqing",
    "plan.scope.chongqing_cumulative": "Chongqing, cumulative",
    "plan.scope.chengdu_chongqing": "Chengdu and Chongqing",
    "plan.scope.chengdu_chongqing_cumulative": "Chengdu and Chongqing, cumulative",
    "plan.scope.chengdu_chongqing_five_year_total": "Chengdu and Chongqing, five-year total",
    "plan.scope.china": "China",
    "plan.scope.chongqing_ports": "Chongqing's ports",
    "plan.scope.china_singapore_connectivity_initiative": "the Connectivity Initiative",
    "plan.scope.chongqing_pilot_ftz": "the Chongqing Pilot Free Trade Zone",
    "plan.scope.chongqing_pilot_ftz_cumulative_since_2017": (
        "the Chongqing Pilot Free Trade Zone, cumulative since 2017"
    ),
    "plan.value.over": "over {value}",
    "plan.value.about": "about {value}",
    "plan.value.nearly": "nearly {value}",
    "plan.flag.lower_bound": "Lower bound",
    "plan.flag.related": "Related target, measured differently",
    "plan.flag.yoy": "{rate} year on year",
    "plan.unit.trains": "trains",
    "plan.unit.teu": "TEU",
    "plan.unit.million_teu": "million TEU",
    "plan.unit.cities": "cities",
    "plan.unit.routes": "routes",
    "plan.unit.countries": "countries",
    "plan.unit.hub_types": "hub types",
    "plan.unit.projects": "projects",
    "plan.unit.billion_usd": "bn USD",
    "plan.unit.million_usd": "million USD",
    "plan.unit.billion_cny": "bn CNY",
    "plan.unit.tasks": "tasks",
    "plan.unit.enterprises": "enterprises",
    "plan.unit.innovations": "innovations",
    "plan.unit.firms": "firms",
    "plan.unit.consulates": "consulates general",
    "plan.unit.offices": "offices",
    "plan.confidence.h": "High",
    "plan.confidence.m_h": "Medium to high",
    "plan.confidence.m": "Medium",
    "plan.confidence.l": "Low",
    "plan.as_of.year": "{year}",
    "plan.as_of.month": "{month} {year}",
    "plan.as_of.day": "{day} {month} {year}",
    "plan.as_of.month_range": "{start}–{end} {year}",
    "plan.as_of.year_range": "{start}–{end}",
    "plan.as_of.range": "{start} to {end}",
    "plan.as_of.cumulative": "cumulative to {date}",
    "plan.as_of.about": "about {date}",
    "plan.month.1": "Jan",
    "plan.month.2": "Feb",
    "plan.month.3": "Mar",
    "plan.month.4": "Apr",
    "plan.month.5": "May",
    "plan.month.6": "Jun",
    "plan.month.7": "Jul",
    "plan.month.8": "Aug",
    "plan.month.9": "Sep",
    "plan.month.10": "Oct",
    "plan.month.11": "Nov",
    "plan.month.12": "Dec",
}
