"""页面长文内容（方法说明、规划）。键与 content_en 相同。

花括号中的名称或为 ``str.format`` 参数，或为方法说明页上以符号显示的公式符号：
``{x0}``、``{xt}``、``{xstar}``、``{gstar}``、``{b}``、``{t}``、``{T}``、``{n}``、``{N}``、
``{a}``、``{r}``、``{R}``、``{p}``。
"""

MESSAGES: dict[str, str] = {
    # ================================ 方法说明 ================================
    "method.heading": "方法说明：如何判断目标进展",
    "method.lead": (
        "每项2027年目标的进展，均通过比较基期以来的实际增长与按期实现目标所需的增长来判断。"
        "本页逐步说明计算方法，列出公式，并以已公布数据演示一个完整算例。"
    ),
    "method.contents": "本页内容",
    # ----- 方法来源 -----
    "method.origin.heading": "方法来源",
    "method.origin.text": (
        "本工具借鉴开源可持续发展目标报告平台、加拿大统计局和欧盟统计局评估可持续发展目标进展的方法："
        "将基期以来的实际增长与实现目标所需的增长相比较，即两个年均复合增长率之比。"
        "比值在0.95及以上为进展顺利，0.60至0.95为需加快，0至0.60为进展有限，"
        "低于0则表示指标正在背离目标。"
    ),
    "method.origin.quarterly": (
        "上述机构采用年度数据。本工具将该方法扩展到季度数据：时间以季度计（四个季度为一年），"
        "年度总量按滚动十二个月（最近四个季度之和）计算，使每个季度都能与完整年度相比较。"
    ),
    # ----- 时间 -----
    "method.time.heading": "时间",
    "method.time.intro": "期间以季度为单位，如2025年第三季度（数据文件中写作 2025Q3）。对每项指标：",
    "method.time.b": (
        "基期，即衡量进展的起点：默认为2022年第四季度，即规划出台的前一年。"
        "直接取自规划文件的基期数据记在2023年第三季度"
        "（世界500强企业319家；自贸试验区重点制度创新成果147项）。"
    ),
    "method.time.t": "最新期：截至所选季度，该指标有数值的最后一个季度。",
    "method.time.T": "目标期：2027年第四季度，即2027年末。",
    "method.time.n": "从{b}到{t}的季度数。",
    "method.time.N": "从{b}到{T}的季度数：基期为2022年第四季度时为20。",
    # ----- 统计口径 -----
    "method.values.heading": "统计口径",
    "method.values.stock": (
        "存量和比重（某一时点的水平，如落户的世界500强企业数，或某一百分比）取期末值。"
    ),
    "method.values.flow": (
        "流量（年度总量，如外贸进出口总额）取截至该期的连续四个季度之和，即滚动十二个月合计。"
        "不足连续四个季度的，该期没有数值。"
    ),
    "method.values.ytd": (
        "我国统计数据通常按年初至季末累计公布。当季值为相邻两期累计值之差，"
        "一季度的当季值即为其累计值："
    ),
    "method.values.annual": (
        "全年数据计为当年第四季度的流量值：2025年外贸进出口总额即为2025年第四季度的数值。"
    ),
    "method.values.growth": (
        "增速目标（如通道运输货量年均增长15%以上）的指标，以其对应的流量衡量，与其他流量一样按季度加总。"
    ),
    "method.values.x0": "基期值：{b}的数值。",
    "method.values.xt": "最新值：{t}的数值。",
    "method.values.xstar": "水平目标：{T}应达到的数值（如外贸进出口总额1.1万亿元）。",
    "method.values.gstar": "增速目标，以小数表示：年均增长15%即0.15。",
    "method.separator": "：",
    "method.formula.quarter": "当季值",
    "method.formula.ytd": "累计值",
    "method.formula.first_quarter": "一季度",
    "method.formula.value": "数值",
    # ----- 增长率 -----
    "method.rates.heading": "增长率与进度",
    "method.rates.intro": "由两个数值和两段时长可推算出以下各项。季度数除以4即换算为年数。",
    "method.rates.caption": "方法对每项指标计算的增长率和数值。",
    "method.rates.col.quantity": "计算项",
    "method.rates.col.formula": "公式",
    "method.rates.col.meaning": "含义",
    "method.rates.a.name": "实际年均复合增长率",
    "method.rates.a.meaning": "基期以来该指标平均每年的实际增长速度。",
    "method.rates.r.name": "所需年均复合增长率",
    "method.rates.r.meaning": "从基期到2027年第四季度实现目标所需的年均增速。增速目标即为目标增速本身。",
    "method.rates.r.level": "（水平目标）",
    "method.rates.r.growth": "（增速目标）",
    "method.rates.R.name": "实际增速与所需增速之比",
    "method.rates.R.meaning": "等于1表示增速恰好达到要求；进展状态据此判定。",
    "method.rates.p.name": "完成进度（水平目标）",
    "method.rates.p.meaning": "从基期到目标的差距中已完成的比例。",
    "method.rates.expected.name": "当前应达值",
    "method.rates.expected.meaning": "按所需增速路径，该指标在{t}应达到的数值；仪表盘上以标记线标示。",
    "method.rates.projected.name": "2027年第四季度预计值",
    "method.rates.projected.meaning": "按实际增速延续，该指标在{T}将达到的数值。",
    "method.rates.yoy.name": "同比增长",
    "method.rates.yoy.meaning": "最新值与四个季度前数值相比的增长。",
    # ----- 进展状态 -----
    "method.status.heading": "进展状态判定",
    "method.status.intro": "按以下顺序，采用第一条适用的规则确定进展状态：",
    "method.status.rule.achieved": (
        "水平目标的最新值达到或超过目标值{xstar}；增速目标须在{t} = {T}且{a} ≥ {gstar}时方为已实现。"
    ),
    "method.status.rule.insufficient": (
        "缺少基期值或最新值，或{n} < 4（基期与最新值相隔不足一年）。"
    ),
    "method.status.rule.baseline_met": (
        "水平目标{r} ≤ 0（基期已达到目标），但其数值回落到{xstar}以下。"
    ),
    "method.status.rule.ratio": "其余情况按比值{R}判定：",
    "method.status.table_heading": "六种进展状态",
    "method.status.caption": "六种进展状态及其判定规则和含义。",
    "method.status.col.status": "状态",
    "method.status.col.rule": "判定规则",
    "method.status.col.reading": "含义",
    "method.status.when.achieved": "最新值达到或超过目标值；增速目标须在2027年第四季度实际增速达到目标增速。",
    "method.status.when.on_track": "{R} ≥ 0.95",
    "method.status.when.needs_acceleration": "0.60 ≤ {R} < 0.95",
    "method.status.when.limited_progress": "0 ≤ {R} < 0.60",
    "method.status.when.regressing": "{R} < 0；或基期已达到目标而数值回落到目标以下。",
    "method.status.when.insufficient_data": (
        "缺少基期值或最新值，历史数据不足一年，或增速目标的增长率无法计算。"
    ),
    "method.status.reading.achieved": "2027年目标已经实现。",
    "method.status.reading.on_track": "增速不低于所需增速的95%：照此发展可如期实现目标。",
    "method.status.reading.needs_acceleration": "保持增长，但增速仅为所需增速的60%至95%：需要加快。",
    "method.status.reading.limited_progress": "增速低于所需增速的60%：目标实现存在风险。",
    "method.status.reading.regressing": "数值正在背离目标。",
    "method.status.reading.insufficient_data": "暂无法判断：本工具会注明缺少哪项数据。",
    # ----- 特殊情形与指标方向 -----
    "method.fallback.heading": "增长率无法计算时",
    "method.fallback.text": (
        "复合增长率要求数值为正。{x0} ≤ 0或{xt} ≤ 0时，水平目标改按从基期到目标的直线路径判断："
    ),
    "method.fallback.after": (
        "此时当前应达值位于该直线上，预计值沿过最新值的直线延伸。"
        "增速目标的数值不全为正时，状态为“数据不足”；目标增速为0%时比值无定义，状态同样为“数据不足”。"
    ),
    "method.direction.heading": "指标方向：越高越好及其反向情形",
    "method.direction.text": (
        "全部15项目标均为“越高越好”：贸易越多、班列越多、企业越多越好。"
        "对于“越低越好”的目标（如成本或通关时间），方法对称处理：最新值不高于{xstar}即为已实现，"
        "{x0} ≤ {xstar}表示基期已达到目标，增速目标在{a} ≤ {gstar}时为已实现。"
    ),
    "method.direction.ratio": (
        "比值无需调整：数值需要下降时，实际增速和所需增速均为负，"
        "因此数值向目标下降时{R} = {a} / {r}为正，上升时为负，阈值不变。"
    ),
    # ----- 算例 -----
    "method.example.heading": "算例：外贸进出口总额",
    "method.example.intro": (
        "外贸进出口总额（流量）的2027年水平目标为{target}。已公布的全年数据给出基期值{x0} = {baseline}"
        "（2022年，即2022年第四季度的数值）和最新值{xt} = {latest}（2025年，即2025年第四季度的数值）。"
        "从2022年第四季度到2025年第四季度共{n} = {n_value}个季度，到2027年第四季度共{N} = {big_n_value}个季度。"
    ),
    "method.example.unit": "亿元",
    "method.example.caption": "外贸进出口总额逐步计算（单位：{unit}）。",
    "method.example.expected_label": "当前应达值",
    "method.example.projected_label": "2027年第四季度预计值",
    "method.example.yoy_label": "同比增长",
    "method.example.steps": "按顺序应用判定规则：",
    "method.example.step.achieved": "未实现：{latest}低于目标值{target}。",
    "method.example.step.data": "数据充足：基期值和最新值均有，且{n} = {n_value} ≥ 4。",
    "method.example.step.baseline": "基期未达到目标：{r} > 0。",
    "method.example.step.ratio": "{R} = {ratio}，低于0，因此状态为：",
    "method.example.reading": (
        "简言之：2025年外贸进出口总额比2022年低{change}，而实现目标需要年均增长约{required}。"
        "尽管2025年比2024年增长{yoy}，基期以来的趋势仍在背离目标：照此延续，2027年将为{projected}，"
        "而按所需增速路径，目前应达到{expected}。"
    ),
    "method.example.see_indicator": "查看以当前数据进行的同一计算",
    # ================================ 规划 ================================
    "plan.heading": "规划：目标、指标与背景数据",
    "plan.lead": (
        "重庆加快建设内陆开放高地规划文件（2023年底发布）的结构："
        "一个总体目标，四个功能目标及其15项2027年量化目标，自贸试验区“1135”推进方案，"
        "以及反映重庆现状的已公布数据。"
    ),
    "plan.translation_note": "规划文件为英文文本；本页引文的中文为参考译文，并非官方文本。",
    "plan.separator": "：",
    # ----- 总体目标 -----
    "plan.overall.heading": "总体目标",
    "plan.overall.goal": "加快建设内陆开放高地。",
    "plan.overall.structure": (
        "围绕这一总体目标，规划提出四个功能目标，加快实施12项重点任务，力争到2027年实现“四个显著跃升”。"
    ),
    "plan.overall.not_itemised": (
        "规划文件提到12项重点任务和“四个显著跃升”，但未逐项列出，本工具因此也不作列举。"
    ),
    "plan.glance.label": "规划概览",
    "plan.glance.goal": "总体目标",
    "plan.glance.functional": "功能目标",
    "plan.glance.targets": "2027年量化目标",
    "plan.glance.tasks": "重点任务",
    "plan.glance.leaps": "显著跃升",
    # ----- 功能目标 -----
    "plan.pillars.heading": "四个功能目标及其2027年目标",
    "plan.pillars.intro": (
        "每个功能目标即本工具的一个板块。先列规划原文，再列本工具跟踪的目标及其到2027年末应达到的数值。"
    ),
    "plan.pillar.heading": "功能目标{number}：{name}",
    "plan.pillar.caption": "功能目标{number}（{name}）的目标。",
    "plan.pillar.none": "指标目录中没有该功能目标的量化目标。",
    "plan.quote.translation": "参考译文",
    "plan.quote.original": "英文原文",
    "plan.quote.logistics": (
        "到2027年，力争西部陆海新通道铁海联运班列和中欧班列（成渝）年开行量超过5000列，"
        "通道运输货量、货值年均增长15%以上，港口货物吞吐量超过2.7亿吨，国际和地区线路达到120条。"
    ),
    "plan.quote.platform": (
        "到2027年，力争中新互联互通项目年均跨境融资额超过10亿美元，"
        "重庆自贸试验区经营主体达到23万户、重点制度创新成果达到168项。"
    ),
    "plan.quote.economy": (
        "到2027年，力争外贸进出口总额达到1.1万亿元，高新技术产品出口占比超过65%，"
        "服务贸易额达到1600亿元，世界500强企业落户数达到335家，实际使用外资年均增长10%左右。"
    ),
    "plan.quote.environment": (
        "到2027年，力争跨境人民币结算量达到3300亿元，年出入境人员超过500万人次。"
    ),
    "plan.col.kind": "类型",
    "plan.col.baseline": "基期",
    "plan.kind.flow": "流量：年度总量",
    "plan.kind.stock": "存量：时点水平",
    "plan.kind.share": "比重：百分比",
    "plan.kind.growth": "增速：年增长率",
    # ----- 自贸试验区“1135”推进方案 -----
    "plan.ftz.heading": "自贸试验区“1135”推进方案",
    "plan.ftz.intro": (
        "重庆自贸试验区自设立以来，坚持以制度创新为核心、以可复制可推广为基本要求。"
        "下一步将按照“1135”推进方案，即一个目标、一个文件、三个着力点、五个区，"
        "全面实施自由贸易试验区提升战略。"
    ),
    "plan.ftz.goal.heading": "一个目标",
    "plan.ftz.goal.text": "把重庆自贸试验区打造成为内陆开放高地建设引领区。",
    "plan.ftz.file.heading": "一个文件",
    "plan.ftz.file.text": "出台中国（重庆）自由贸易试验区提升五年行动方案（2023—2027年）。",
    "plan.ftz.focuses.heading": "三个着力点",
    "plan.ftz.focus.1.name": "更大力度先行先试",
    "plan.ftz.focus.1.text": (
        "对标《数字经济伙伴关系协定》和《全面与进步跨太平洋伙伴关系协定》，"
        "积极对接国际高标准经贸规则，推进制度型开放试点。"
    ),
    "plan.ftz.focus.2.name": "更高水平对外开放",
    "plan.ftz.focus.2.text": (
        "加强电信、医疗、金融等重点领域改革开放，探索贸易新业态监管创新模式，"
        "吸引集聚更多资金、技术、人才等资源要素。"
    ),
    "plan.ftz.focus.3.name": "更大举措促进发展",
    "plan.ftz.focus.3.text": (
        "聚焦汽车、电子信息、数字贸易等重点产业，开展全链条制度创新，提升高质量发展水平。"
    ),
    "plan.ftz.zones.heading": "五个区",
    "plan.ftz.zone.1": "内陆国际物流枢纽核心区",
    "plan.ftz.zone.2": "数字经济创新发展先行区",
    "plan.ftz.zone.3": "新型保税经济发展示范区",
    "plan.ftz.zone.4": "现代服务经济开放发展引领区",
    "plan.ftz.zone.5": "先进制造业创新发展集聚区",
    # ----- 背景数据 -----
    "plan.context.heading": "背景数据（无2027年目标）",
    "plan.context.badge": "背景",
    "plan.context.intro": (
        "反映重庆现状的已公布数据：通道、中欧班列、国际航线、中新互联互通项目、自贸试验区、"
        "开放型经济和国际交往。规划未对其中任何一项设定2027年目标，也没有一项是本工具所跟踪的"
        "15项指标的数值；与某项目标相近但统计口径不同的，在该行注明。"
    ),
    "plan.context.legend": (
        "未注明范围的数据均为重庆数据。“下限值”表示公布时为“超过……”的数据，实际数值更高。"
        "可信度：直接引自官方机构、海关、新华社或规划文件的为高，转载或日期不明确的为中。"
    ),
    "plan.context.count": "共{count}项数据。",
    "plan.context.caption": "背景数据（无2027年目标）：{topic}。",
    "plan.col.figure": "数据项",
    "plan.col.value": "数值",
    "plan.col.as_of": "时间",
    "plan.col.confidence": "可信度",
    "plan.topic.corridor": "西部陆海新通道",
    "plan.topic.china_europe": "中欧班列",
    "plan.topic.air": "国际航线",
    "plan.topic.yangtze": "长江航运",
    "plan.topic.logistics_hubs": "国家物流枢纽",
    "plan.topic.cci": "中新互联互通项目",
    "plan.topic.ftz": "重庆自贸试验区",
    "plan.topic.economy": "开放型经济",
    "plan.topic.international_communication": "国际传播与交往",
    "plan.scope": "范围：{scope}",
    "plan.scope.whole_corridor": "通道全线，各省区市合计",
    "plan.scope.chongqing": "重庆",
    "plan.scope.chongqing_cumulative": "重庆，累计",
    "plan.scope.chengdu_chongqing": "成都和重庆",
    "plan.scope.chengdu_chongqing_cumulative": "成都和重庆，累计",
    "plan.scope.chengdu_chongqing_five_year_total": "成都和重庆，五年合计",
    "plan.scope.china": "全国",
    "plan.scope.chongqing_ports": "重庆港口",
    "plan.scope.china_singapore_connectivity_initiative": "中新互联互通项目",
    "plan.scope.chongqing_pilot_ftz": "重庆自贸试验区",
    "plan.scope.chongqing_pilot_ftz_cumulative_since_2017": "重庆自贸试验区，2017年以来累计",
    "plan.value.over": "超过{value}",
    "plan.value.about": "约{value}",
    "plan.value.nearly": "近{value}",
    "plan.flag.lower_bound": "下限值",
    "plan.flag.related": "相关目标（统计口径不同）",
    "plan.flag.yoy": "同比{rate}",
    "plan.unit.trains": "列",
    "plan.unit.teu": "标准箱",
    "plan.unit.million_teu": "百万标准箱",
    "plan.unit.cities": "个",
    "plan.unit.routes": "条",
    "plan.unit.countries": "个",
    "plan.unit.hub_types": "类",
    "plan.unit.projects": "个",
    "plan.unit.billion_usd": "十亿美元",
    "plan.unit.million_usd": "百万美元",
    "plan.unit.billion_cny": "十亿元",
    "plan.unit.tasks": "项",
    "plan.unit.enterprises": "家",
    "plan.unit.innovations": "项",
    "plan.unit.firms": "家",
    "plan.unit.consulates": "个",
    "plan.unit.offices": "家",
    "plan.confidence.h": "高",
    "plan.confidence.m_h": "中高",
    "plan.confidence.m": "中",
    "plan.confidence.l": "低",
    "plan.as_of.year": "{year}年",
    "plan.as_of.month": "{year}年{month}月",
    "plan.as_of.day": "{year}年{month}月{day}日",
    "plan.as_of.month_range": "{year}年{start}—{end}月",
    "plan.as_of.year_range": "{start}—{end}年",
    "plan.as_of.range": "{start}至{end}",
    "plan.as_of.cumulative": "截至{date}累计",
    "plan.as_of.about": "约{date}",
    "plan.month.1": "1",
    "plan.month.2": "2",
    "plan.month.3": "3",
    "plan.month.4": "4",
    "plan.month.5": "5",
    "plan.month.6": "6",
    "plan.month.7": "7",
    "plan.month.8": "8",
    "plan.month.9": "9",
    "plan.month.10": "10",
    "plan.month.11": "11",
    "plan.month.12": "12",
}
