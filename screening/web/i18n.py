"""The web desk's own words (menus, buttons, headings), Chinese first, English beside.

One table for every page; messages about policy (findings, missing facts,
validation of a proposal) come from the library, never from here. A page asks
``t("key")`` in the language the officer chose (cookie ``lang``, default zh).
"""

from __future__ import annotations

LANGS = ("zh", "en")

TEXT: dict[str, tuple[str, str]] = {
    "app": ("河东区“四减四增”项目准入筛查", "Hedong 四减四增 project screening"),
    "plan": ("依据临东环委发〔2022〕1号", "under 临东环委发〔2022〕1号"),
    "login": ("登录", "Log in"), "logout": ("退出", "Log out"),
    "user": ("用户名", "User name"), "password": ("密码", "Password"),
    "bad_login": ("用户名或密码不正确。", "Wrong user name or password."),
    "home": ("首页", "Home"), "interview": ("问答式筛查", "Interview"),
    "upload": ("上传申报文件", "Upload a proposal"), "history": ("决定记录", "Records"),
    "verify": ("核验记录链", "Verify the chain"), "rules": ("规则", "Rules"),
    "diff": ("规则比较", "Rule diff"), "coverage": ("条款覆盖", "Clause coverage"),
    "sources": ("替代来源台账", "Source ledger"),
    "role": ("角色", "Role"), "next": ("下一步", "Next"), "screen": ("筛查", "Screen"),
    "why": ("为什么问这个", "Why is this asked"),
    "start": ("开始新的筛查", "Start a new screening"),
    "file": ("申报文件（YAML 或 JSON）", "Proposal file (YAML or JSON)"),
    "or_paste": ("或粘贴文件内容", "or paste its text"),
    "outcome": ("结论", "Outcome"), "findings": ("认定事项", "Findings"),
    "undetermined": ("缺少事实、尚无法判定的规则（按提交审议处理）",
                     "Rules not decided for lack of facts (treated as refer)"),
    "no_findings": ("未触发任何规则。", "No rule fired."),
    "clause": ("方案条款", "Plan clause"), "basis": ("上位依据", "Higher-level basis"),
    "values": ("所用数值及来源", "Numbers used and where each came from"),
    "value": ("数值", "Value"), "origin": ("来源", "Source"), "field": ("事项", "Fact"),
    "missing": ("尚缺的事实（补齐后可重新筛查）", "Missing facts (complete them and screen again)"),
    "needed_by": ("需要它的规则", "Needed by"),
    "reductions": ("五个减量", "The five reductions"),
    "ledger": ("台账对所引替代来源的记载", "What the ledger says about each cited source"),
    "not_registered": ("台账中无此来源", "not registered in the ledger"),
    "registered": ("登记量", "registered"), "available": ("剩余可用", "available"),
    "warnings": ("提示", "Warnings"),
    "register_source": ("登记替代来源", "Register a replacement source"),
    "register_source_help": ("上传一个来源文件（YAML 或 JSON，格式同 screening sources add）："
                             "整份登记或整份不登记，按今日有效的规则核对。",
                             "Upload one source file (YAML or JSON, as for screening sources "
                             "add): registered whole or not at all, checked against the rules "
                             "in force today."),
    "register": ("登记", "Register"),
    "source_registered": ("已登记来源", "Registered source"),
    "expired": ("本方案期满，以下条款不再适用（未据以筛查）",
                "The plan has ended: these clauses no longer apply (not screened)"),
    "in_force_to": ("施行至", "in force until"),
    "as_of": ("筛查日期", "Screened as of"), "rulebook": ("规则库", "Rulebook"),
    "decision_no": ("决定编号", "Decision number"), "officer": ("经办人", "Officer"),
    "record": ("记录此决定", "Record this decision"),
    "download_yaml": ("下载申报内容（YAML）", "Download what was entered (YAML)"),
    "download_pdf": ("下载 PDF 存档", "Download PDF for the file"),
    "print": ("打印", "Print"),
    "approve": ("批准并核销台账", "Approve and claim the ledger"),
    "override": ("人工改判", "Override"), "reason": ("理由", "Reason"),
    "release": ("释放台账（项目撤回）", "Release the claims (withdrawn)"),
    "replay": ("重放核对", "Replay"), "recorded": ("已记录为决定", "Recorded as decision"),
    "engine_outcome": ("引擎结论", "Engine's outcome"), "final": ("最终结论", "Final outcome"),
    "approved": ("已批准", "approved"), "events": ("后续记录", "Later records"),
    "chain_ok": ("记录链完整", "The chain is intact"),
    "chain_broken": ("记录链已被破坏", "The chain is broken"),
    "signature": ("经办人签字", "Officer's signature"), "date": ("日期", "Date"),
    "project": ("项目", "Project"), "applicant": ("申请单位", "Applicant"),
    "screened_at": ("筛查时间", "Screened at"),
    "forbidden": ("您的角色无权执行此操作。", "Your role may not do this."),
    "not_found": ("未找到。", "Not found."),
    "search_industry": ("按名称查找行业", "Find an industry by name"),
    "search": ("查找", "Search"),
    "further": ("补充其余事实，完善记录", "Complete the record with the other facts"),
    "done": ("筛查完成", "Screening complete"),
    "asked_so_far": ("已回答", "Answered so far"),
    "old": ("原规则（目录或 git 版本）", "Old rules (folder or git revision)"),
    "new": ("新规则", "New rules"), "compare": ("比较", "Compare"),
    "changes": ("变化", "Changes"), "percent": ("覆盖率", "Coverage"),
    "error": ("错误", "Error"), "errors_in_input": ("申报内容有误", "The proposal has errors"),
    "line": ("行", "line"), "result": ("结果", "Result"),
    "print_title": ("项目准入筛查决定书", "Project screening decision"),
    "seal": ("（盖章）", "(seal)"),
}


#: headings of the interview's pages: the proposal's blocks
BLOCKS: dict[str, tuple[str, str]] = {
    "project": ("项目基本情况", "The project"), "capacity": ("产能", "Capacity"),
    "energy": ("能源消费", "Energy use"), "coal": ("煤炭消费", "Coal use"),
    "carbon": ("碳排放", "CO2 emission"), "pollutants": ("污染物排放", "Pollutant loads"),
    "zones": ("所在区域", "Zones the site lies in"), "site": ("三线一单", "三线一单 unit"),
    "fuels": ("燃料", "Fuels"), "boilers": ("锅炉", "Boilers"),
    "guidance_catalogue": ("产业结构调整指导目录", "Industry guidance catalogue"),
    "enterprise": ("企业情况", "The enterprise"),
    "environmental_quality": ("环境质量", "Ambient quality"),
    "coal_use": ("用煤情况", "Coal use"), "heating": ("供热", "Heating"),
    "energy_review": ("节能审查", "Energy review"), "transport": ("运输", "Transport"),
    "construction_site": ("施工扬尘", "Construction site"),
    "machinery": ("非道路移动机械", "Non-road machinery"),
    "buildings": ("新建建筑", "New buildings"), "pesticides": ("农药", "Pesticides"),
    "livestock": ("畜禽养殖", "Livestock"), "land_reclamation": ("土地复垦", "Land reclamation"),
    "location": ("建设地点", "Location"), "industry": ("行业", "Industry"),
}


def block_label(block: str, lang: str) -> str:
    head = block.split(".")[0]
    zh, en = BLOCKS.get(block) or BLOCKS.get(head) or (block, block)
    rest = block[len(head):] if block not in BLOCKS and head in BLOCKS else ""
    return (en if lang == "en" else zh) + rest


def translate(key: str, lang: str) -> str:
    zh, en = TEXT.get(key, (key, key))
    return en if lang == "en" else zh
