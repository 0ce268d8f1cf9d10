# language: zh-CN
@no_burn
功能: 高污染燃料禁燃区
  临东环委发〔2022〕1号 三(一)2：依法查处禁燃区内销售高污染煤等行为。禁燃区分类依
  国环规大气〔2017〕2号：各类禁燃区均禁止石油焦、油页岩、原油、重油、渣油、煤焦油；
  Ⅱ类禁止煤炭及其制品（20 蒸吨/小时及以上锅炉除外）；Ⅲ类禁止一切煤炭及其制品。
  另：全省不再新建 35 蒸吨/小时以下燃煤锅炉（鲁环发〔2020〕47号，见 能源-煤炭.feature）；
  背景中的煤炭用量、替代来源与供热情况使改为燃煤的场景不因缺少这些事实而提交审议。

  背景:
    假如 一个项目:
      """
      id: HD-2022-123
      name: 挂面生产线及配套蒸汽锅炉项目
      application_date: 2022-10-25
      industry: {code: "1431", product: 挂面}
      construction_type: 新建
      location: {town: 梅埠街道}
      zones:
        ecological_red_line: false
        permanent_basic_farmland: false
        no_burn_zone: II
        urban_built_up_area: false
      site: {three_lines_unit: 重点管控单元, access_list_check: 符合}
      guidance_catalogue: {class_2019: 允许类}
      enterprise: {banned_as_scattered_polluting: false}
      pollutants:
        so2: {new_t: 0}
        nox: {new_t: 0}
        particulates: {new_t: 0}
        vocs: {new_t: 0}
        cod: {new_t: 0}
        nh3n: {new_t: 0}
      fuels: [天然气]
      boilers:
        - {fuel: 天然气, capacity_t_h: 4}
      coal:
        new_tce: 1400
        sources: [{description: 关停 3 台 2 蒸吨燃煤锅炉, amount: 1600, kind: 关停淘汰}]
      coal_use: {gas_or_power_substitutable: false, meets_quality_standard: true}
      heating: {own_coal_heat_source: false, central_heating_reaches_site: false}
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
      energy: {new_tce: 1650}
      energy_review: {opinion_obtained: true}
      power_units: {captive_coal_units: false}
      buildings: {residential_m2: 0, public_m2: 0, standard_factory_m2: 0}
      """

  场景: Ⅱ类禁燃区内燃用天然气准予准入
    当 筛查
    那么 结论为 "准予准入"
    而且 没有任何发现

  场景大纲: <类别>类禁燃区内燃用<燃料>不予准入
    假如 修改以下事实:
      | 字段               | 值       |
      | zones.no_burn_zone | <类别>   |
      | fuels              | [<燃料>] |
      | boilers            | []       |
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "no-burn.class-i-fuels"
    而且 引用条款 "三(一)2"

    例子:
      | 类别 | 燃料   |
      | I    | 重油   |
      | II   | 石油焦 |
      | III  | 煤焦油 |
      | I    | 渣油   |

  场景: 不在禁燃区内燃用重油不涉及禁燃区规则
    假如 修改以下事实:
      | 字段               | 值     |
      | zones.no_burn_zone | none   |
      | fuels              | [重油] |
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "no-burn.class-i-fuels"

  场景大纲: Ⅱ类禁燃区内煤炭未全部用于 20 蒸吨/小时及以上锅炉，不予准入
    假如 修改以下事实:
      | 字段    | 值       |
      | fuels   | [煤炭]   |
      | boilers | <锅炉>   |
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "no-burn.class-ii-coal"
    但是 未触发规则 "no-burn.class-iii-coal"

    例子:
      | 锅炉                                                             |
      | [{fuel: 煤炭, capacity_t_h: 10}]                                 |
      | [{fuel: 煤炭, capacity_t_h: 35}, {fuel: 煤炭, capacity_t_h: 10}] |
      | [{fuel: 天然气, capacity_t_h: 20}]                               |
      | []                                                               |

  场景大纲: Ⅱ类禁燃区内燃煤锅炉均达 20 蒸吨/小时及以上，不触发Ⅱ类规则（35 蒸吨以下另受全省禁令）
    假如 修改以下事实:
      | 字段    | 值                                        |
      | fuels   | [煤炭]                                    |
      | boilers | [{fuel: 煤炭, capacity_t_h: <容量>}]      |
    当 筛查
    那么 结论为 "<结论>"
    而且 未触发规则 "no-burn.class-ii-coal"

    例子:
      | 容量 | 结论     |
      | 20   | 不予准入 |
      | 35   | 准予准入 |

  场景大纲: Ⅲ类禁燃区内燃用<燃料>，锅炉再大也不予准入
    假如 修改以下事实:
      | 字段               | 值                                        |
      | zones.no_burn_zone | III                                       |
      | fuels              | [<燃料>]                                  |
      | boilers            | [{fuel: <燃料>, capacity_t_h: 35}]        |
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "no-burn.class-iii-coal"
    但是 未触发规则 "no-burn.class-ii-coal"

    例子:
      | 燃料 |
      | 煤炭 |
      | 型煤 |
      | 兰炭 |
      | 焦炭 |

  场景: Ⅲ类禁燃区内燃用天然气不触发Ⅲ类规则
    假如 将 "zones.no_burn_zone" 设为 "III"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "no-burn.class-iii-coal"

  场景: Ⅰ类禁燃区只禁止石油焦、重油等，不禁止煤炭
    假如 修改以下事实:
      | 字段               | 值                                 |
      | zones.no_burn_zone | I                                  |
      | fuels              | [煤炭]                             |
      | boilers            | [{fuel: 煤炭, capacity_t_h: 40}]   |
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "no-burn.class-ii-coal"
    而且 未触发规则 "no-burn.class-iii-coal"
    而且 未触发规则 "no-burn.class-i-fuels"

  @missing_data
  场景: 禁燃区类别未核实时燃煤项目提交审议
    假如 修改以下事实:
      | 字段               | 值                                 |
      | zones.no_burn_zone | null                               |
      | fuels              | [煤炭]                             |
      | boilers            | []                                 |
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "no-burn.class-ii-coal"
    而且 无法判定规则 "no-burn.class-iii-coal"
    而且 缺少事实 "zones.no_burn_zone"
    但是 未触发规则 "no-burn.class-i-fuels"

  @missing_data
  场景: Ⅱ类禁燃区燃煤但未申报锅炉情况，提交审议
    假如 将 "fuels" 设为 "[煤炭]"
    而且 删除 "boilers"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "no-burn.class-ii-coal"
    而且 缺少事实 "boilers"

  场景: 煤矸石属煤炭制品，Ⅱ类禁燃区内用于小锅炉不予准入
    假如 修改以下事实:
      | 字段    | 值                                    |
      | fuels   | [煤矸石]                              |
      | boilers | [{fuel: 煤矸石, capacity_t_h: 10}]    |
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "no-burn.class-ii-coal"

