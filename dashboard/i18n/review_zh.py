"""总览首屏列表（落后目标优先）与数据时效，中文。键与 review_en 相同。"""

MESSAGES: dict[str, str] = {
    # ----- 总览顶部列表 -----
    "glance.heading": "落后目标优先",
    "glance.intro": "截至{as_of}：{behind}项落后，{fine}项已实现或进展顺利，{unjudged}项暂无法判断。",
    "glance.behind_none": "没有落后的目标。",
    "glance.fine_heading": "已实现或进展顺利",
    "glance.unjudged_heading": "暂无法判断",
    "glance.target": "目标{target}",
    "glance.no_value": "暂无数据",
    # ----- 每项目标的简短原因 -----
    "reason.growth": "需年均增长{required}，实际年均增长{observed}",
    "reason.straight_line": "已完成{progress}，时间已过{elapsed}",
    "reason.fell_back": "曾达到目标，现已回落至目标以下",
    "reason.baseline_needed": "缺少基期数据",
    "reason.baseline_needed_share": "缺少基期数据；{value}，为目标{target}的{share}",
    "reason.no_data": "暂无数据",
    "reason.short_history": "自基期以来数据不足一年",
    "reason.growth_undefined": "数值为零或负数，无法计算增长率",
    "reason.ratio_undefined": "基期数值已等于目标值",
    # ----- 数据时效 -----
    "age.stale": "数据陈旧",
    "age.stale_title": "该数据比{as_of}早四个季度以上。",
    # ----- 无基期的卡片：距目标的程度，不作判断 -----
    "card.not_judged": "未作判断：{reason}",
    "card.share_of_target": "{value}，为目标{target}的{share}",
    "card.achieved_no_gauge": "已达到目标",
    "card.sentence_growth_unjudged": "{name}：{period}为{value}，{status}；目标为年均增长{target}。",
    "table.filter_placeholder": "筛选…",
    "pace.share": "增速为所需速度的{share}",
    "pace.away": "正偏离目标",
    "upload.converted": "（{written} → {shown}）",
    "pending.heading": "已收录、但尚未计入最新值的数据：",
    "pending.note": "{period}（{basis}）的数据暂不改变最新值：年度流量需要截至{period}的连续四个季度数据（或全年数据），仍缺：{missing}。",
    "indicator.baseline": "基期",
    "baseline.planned": "{value}（{used}）",
    "baseline.substituted": "{value}（{used}；{planned}无公开数据，以一年内最接近的数据代替）",
    "baseline.period_substituted": "{used}（{planned}无公开数据）",
    "baseline.none": "缺少基期数据：{planned}及其前后一年内均无公开数据",
    "pace.with_ratio": "{ratio}（{words}）",
}
