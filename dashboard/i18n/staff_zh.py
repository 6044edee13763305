"""工作人员页面（第 12 号议题）：北京时间、回滚确认、从版本记录页登录与从登录页返回，中文。
键与 staff_en 相同。"""

MESSAGES: dict[str, str] = {
    # ----- 时间：所有存储的时间均以北京时间显示，并注明时区 -----
    "staff.time": "{time}（北京时间）",
    "staff.time_zone": "北京时间（UTC+8）",
    # ----- 未登录时的版本记录页 -----
    "staff.history_sign_in": "请使用工作人员账户登录后查看版本记录。",
    "staff.history_staff_only": "版本记录仅向工作人员账户开放。",
    # ----- 登录页 -----
    "staff.back_to_site": "← 返回追踪首页",
    # ----- 回滚：先确认，并说明将改变什么 -----
    "staff.rollback_ask": "回滚第 {revision} 版…",
    "staff.confirm_heading": "确定回滚第 {revision} 版？",
    "staff.confirm_what": "第 {revision} 版：{what}，提交人 {who}，{when}。",
    "staff.confirm_file": "文件 {file}",
    "staff.confirm_rollback_of": "对第 {revision} 版的回滚",
    "staff.confirm_values_restored.one": "{count} 个数值恢复为先前的数字",
    "staff.confirm_values_restored.other": "{count} 个数值恢复为先前的数字",
    "staff.confirm_values_withdrawn.one": "{count} 个数值被撤回（此前不存在）",
    "staff.confirm_values_withdrawn.other": "{count} 个数值被撤回（此前不存在）",
    "staff.confirm_records_restored.one": "{count} 条记录恢复为先前的内容",
    "staff.confirm_records_restored.other": "{count} 条记录恢复为先前的内容",
    "staff.confirm_records_withdrawn.one": "{count} 条记录被撤回（此前不存在）",
    "staff.confirm_records_withdrawn.other": "{count} 条记录被撤回（此前不存在）",
    "staff.confirm_line": "{what}：{now} → {after}",
    "staff.confirm_record_line": "：{after}",
    "staff.confirm_and": "，",
    "staff.confirm_counts": "将写入一个新版本：{counts}。",
    "staff.confirm_withdrawn": "撤回",
    "staff.confirm_restored": "恢复原样",
    "staff.confirm_more": "……另有 {count} 项，见上方本版本的变化列表。",
    "staff.confirm_kept": "不会删除任何数据：第 {revision} 版仍保留在列表中，标为已回滚。",
    "staff.confirm": "确认回滚第 {revision} 版",
    "staff.cancel": "取消",
    # ----- 通道滑块的说明：内部字段名换成通俗说法 -----
    "staff.note_as_of": "所示日期",
}
