# language: zh-CN
@coal
功能: 持续压减煤炭使用、扩大集中供热
  临东环委发〔2022〕1号 三(一)2：严格控制新上耗煤项目审批、核准、备案，能用天然气、电力等其它能源
  替代的确保实施替代；严格控制燃煤机组新增装机；减少劣质煤使用。全省不再新建 35 蒸吨/小时以下
  各种类型燃煤锅炉（鲁环发〔2020〕47号）。三(一)3：加强集中供暖热源及配套管网建设。
  非“两高”耗煤项目的煤炭替代：2023-11-30 前山东要求“减量替代”（多于等量，比例未读到），替代不多于
  等量的提交审议；2023-11-30 起国发〔2023〕24号“等量或减量替代，替代方案不完善的不予审批”，少于等量的
  不予准入，改烧石油焦、焦炭、兰炭不计入。

  背景:
    假如 一个项目:
      """
      id: HD-2022-301
      name: 食用植物油加工及配套 40 蒸吨燃煤蒸汽锅炉项目
      application_date: 2022-09-15
      industry: {code: "1331", product: 食用植物油}
      construction_type: 新建
      location: {town: 郑旺镇}
      zones:
        ecological_red_line: false
        permanent_basic_farmland: false
        no_burn_zone: none
        urban_built_up_area: false
      pollutants:
        so2: {new_t: 6, sources: [{description: 关停镇内燃煤小锅炉, amount: 13, kind: 关停淘汰}]}
        nox: {new_t: 9, sources: [{description: 关停镇内燃煤小锅炉, amount: 19, kind: 关停淘汰}]}
        particulates: {new_t: 1.5, sources: [{description: 关停镇内燃煤小锅炉, amount: 3.2, kind: 关停淘汰}]}
        vocs: {new_t: 0}
        cod: {new_t: 0}
        nh3n: {new_t: 0}
      coal:
        new_tce: 9000
        sources: [{description: 关停镇内燃煤小锅炉, amount: 9900, kind: 关停淘汰}]
      fuels: [煤炭]
      boilers:
        - {fuel: 煤炭, capacity_t_h: 40}
      site: {three_lines_unit: 一般管控单元, access_list_check: 符合, in_industrial_park: false}
      guidance_catalogue: {class_2019: 允许类}
      enterprise: {banned_as_scattered_polluting: false}
      coal_use: {gas_or_power_substitutable: false, meets_quality_standard: true}
      heating: {own_coal_heat_source: false, central_heating_reaches_site: true}
      construction_site:
        hoarding: true
        materials_covered: true
        vehicle_washing: true
        ground_hardened: true
        demolition: false
        muck_vehicles_sealed: true
      machinery:
        all_new_energy: false
        lowest_stage: 4
        real_time_positioning: true
      energy: {new_tce: 9800}
      energy_review: {opinion_obtained: true}
      power_units: {captive_coal_units: false}
      buildings: {residential_m2: 0, public_m2: 0, standard_factory_m2: 0}
      """

  场景: 不可替代、煤质达标、锅炉 35 蒸吨以上且替代充足的耗煤项目准予准入
    当 筛查
    那么 结论为 "准予准入"
    而且 没有任何发现

  场景: 能用天然气、电力替代的新上耗煤项目不予准入
    假如 将 "coal_use.gas_or_power_substitutable" 设为 "true"
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "coal.gas-power-substitution"
    而且 引用条款 "三(一)2"

  场景: 不新增用煤的技术改造不属新上耗煤项目，不问能否替代
    假如 修改以下事实:
      | 字段                                | 值       |
      | construction_type                   | 技术改造 |
      | coal.new_tce                        | 0        |
      | coal_use.gas_or_power_substitutable | true     |
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "coal.gas-power-substitution"
    而且 未触发规则 "coal.reduction-replacement"

  @missing_data
  场景: 能否以天然气、电力替代未说明时提交审议
    假如 删除 "coal_use.gas_or_power_substitutable"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "coal.gas-power-substitution"
    而且 缺少事实 "coal_use.gas_or_power_substitutable"

  场景: 2022 年非“两高”耗煤项目煤炭替代不足，须减量替代而比例未读到，提交审议
    假如 将 "coal.sources.0.amount" 设为 "6000"
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "coal.reduction-replacement"
    而且 说明包含 "比例 0.67"
    但是 未触发规则 "two-high.coal-reduction"

  场景: 2022 年非“两高”耗煤项目等量替代不属减量替代，提交审议
    假如 将 "coal.sources.0.amount" 设为 "9000"
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "coal.reduction-replacement"

  场景: 2024 年重点区域耗煤项目替代少于等量不予准入
    假如 将 "coal.sources.0.amount" 设为 "6000"
    当 按 "2024-03-01" 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "coal.key-region-replacement"
    但是 未触发规则 "coal.reduction-replacement"

  场景: 2024 年重点区域耗煤项目等量替代满足“等量或减量替代”
    假如 将 "coal.sources.0.amount" 设为 "9000"
    当 按 "2024-03-01" 筛查
    那么 未触发规则 "coal.key-region-replacement"
    而且 未触发规则 "coal.reduction-replacement"

  场景: 2024 年以改烧石油焦作煤炭替代来源不计入
    假如 修改以下事实:
      | 字段                | 值                                                                  |
      | coal.sources        | [{description: 燃煤窑炉改烧石油焦, amount: 9900, kind: 石油焦替代}] |
    当 按 "2024-03-01" 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "coal.key-region-replacement"
    而且 说明包含 "不计入 9,900"

  场景: 2023 年 6 月改烧石油焦仍计入替代来源
    假如 修改以下事实:
      | 字段                | 值                                                                  |
      | coal.sources        | [{description: 燃煤窑炉改烧石油焦, amount: 9900, kind: 石油焦替代}] |
    当 按 "2023-06-01" 筛查
    那么 未触发规则 "coal.reduction-replacement"

  场景: 非电力行业新建自备燃煤发电机组提交审议
    假如 将 "power_units.captive_coal_units" 设为 "true"
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "coal.captive-units"

  场景: 新增燃煤热电机组须报省级审议
    假如 以案例 "78-coal-chp-provincial" 为基础
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "coal.new-generating-units"
    而且 说明包含 "省级"

  场景: 燃煤热电机组不增加装机的技术改造不报省级
    假如 以案例 "78-coal-chp-provincial" 为基础
    而且 将 "construction_type" 设为 "技术改造"
    当 筛查
    那么 未触发规则 "coal.new-generating-units"

  场景: 燃用不符合质量标准的劣质煤，附条件准入（“减少劣质煤使用”：须改用合格煤炭）
    假如 将 "coal_use.meets_quality_standard" 设为 "false"
    当 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "coal.low-quality"
    而且 引用条款 "三(一)2"

  场景: 不燃煤的项目不问煤质
    假如 修改以下事实:
      | 字段                            | 值                                   |
      | fuels                           | [天然气]                             |
      | boilers                         | [{fuel: 天然气, capacity_t_h: 40}]   |
      | coal.new_tce                    | 0                                    |
      | coal_use.meets_quality_standard | false                                |
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "coal.low-quality"

  场景大纲: 新建燃煤锅炉不得小于 35 蒸吨/小时
    假如 将 "boilers" 设为 "[{fuel: 煤炭, capacity_t_h: <容量>}]"
    当 筛查
    那么 结论为 "<结论>"

    例子:
      | 容量 | 结论     |
      | 10   | 不予准入 |
      | 34   | 不予准入 |
      | 35   | 准予准入 |

  场景: 20 蒸吨燃煤锅炉触发全省 35 蒸吨禁令并写明数值
    假如 将 "boilers" 设为 "[{fuel: 煤炭, capacity_t_h: 20}]"
    当 筛查
    那么 触发规则 "coal.small-boiler"
    而且 说明包含 "35 蒸吨/小时以下"

  场景: 只装燃气锅炉、燃煤用于窑炉时不涉及小燃煤锅炉禁令
    假如 将 "boilers" 设为 "[{fuel: 天然气, capacity_t_h: 6}]"
    当 筛查
    那么 未触发规则 "coal.small-boiler"

  场景: 集中供热已覆盖仍自建燃煤供暖，上级条文未核实，提交审议
    假如 将 "heating.own_coal_heat_source" 设为 "true"
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "heating.own-coal-where-central"
    而且 引用条款 "三(一)3"
    而且 规则 "heating.own-coal-where-central" 援引上级依据 "中华人民共和国大气污染防治法"
    而且 说明包含 "现行条文未经核实"

  场景: 集中供热管网未覆盖时自建燃煤供暖不触发集中供热规则
    假如 修改以下事实:
      | 字段                                 | 值    |
      | heating.own_coal_heat_source         | true  |
      | heating.central_heating_reaches_site | false |
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "heating.own-coal-where-central"
