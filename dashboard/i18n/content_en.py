"""Long-form page content in English (Methodology, Plan). Keys shared with content_zh.

Fields in braces are ``str.format`` parameters. The pages' prose is Markdown, in
``dashboard/content/<page>.<lang>.md``; these are the short labels their code draws.
"""

MESSAGES: dict[str, str] = {
    # ===== Methodology: labels inside its formulas (its prose: content/methodology.<lang>.md) =====
    "method.contents": "On this page",
    "method.separator": ": ",
    "method.formula.quarter": "quarter",
    "method.formula.ytd": "YTD",
    "method.formula.first_quarter": "Q1",
    "method.rates.r.level": "(level target)",
    "method.rates.r.growth": "(growth target)",
    "method.rates.expected.name": "Expected value now",
    "method.example.unit": "bn CNY",
    "method.example.caption": "Foreign trade: the calculation step by step (values in {unit}).",
    "method.example.expected_label": "expected now",
    "method.example.projected_label": "projected 2027Q4",
    "method.example.yoy_label": "year on year",
    # ================================ The plan ================================
    "plan.separator": ": ",
    # ----- overall goal -----
    "plan.glance.label": "The plan at a glance",
    "plan.glance.goal": "overall goal",
    "plan.glance.functional": "functional goals",
    "plan.glance.targets": "quantified 2027 targets",
    "plan.glance.tasks": "key tasks",
    "plan.glance.leaps": "significant leaps",
    # ----- functional goals -----
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
    # ----- context figures -----
    "plan.context.badge": "Context",
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
