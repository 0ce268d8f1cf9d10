# language: zh-CN
@replacement
功能: 常规污染物“减量替代是原则，等量替代是例外”
  临东环委发〔2022〕1号 二(一)3：严格落实污染物排放“减量替代是原则，等量替代是例外”的
  总量控制刚性要求。大气污染物（二氧化硫、氮氧化物、颗粒物、挥发性有机物）在临沂实行
  2 倍替代；水污染物（化学需氧量、氨氮）现行替代比例为 1 倍（rules/parameters/pollutants.yaml）。

  背景:
    假如 以案例 "10-rail-logistics-park" 为基础

  场景: 无新增排放的项目无需替代来源
    当 筛查
    那么 结论为 "准予准入"
    而且 没有任何发现

  场景大纲: <污染物>替代量少于新增量不予准入
    假如 将 "pollutants.<p>.new_t" 设为 "10"
    而且 "pollutants.<p>" 的替代来源为 "6"
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "pollutants.<p>.below-new"
    而且 引用条款 "二(一)3"
    但是 未触发规则 "pollutants.<p>.equal"
    而且 未触发规则 "pollutants.<p>.below-ratio"

    例子:
      | p            | 污染物         |
      | so2          | 二氧化硫       |
      | nox          | 氮氧化物       |
      | particulates | 颗粒物         |
      | vocs         | 挥发性有机物   |
      | cod          | 化学需氧量     |
      | nh3n         | 氨氮           |

  场景大纲: <污染物>等量替代属例外情形，提交审议
    假如 将 "pollutants.<p>.new_t" 设为 "10"
    而且 "pollutants.<p>" 的替代来源为 "10"
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "pollutants.<p>.equal"
    而且 说明包含 "等量替代是例外"
    但是 未触发规则 "pollutants.<p>.below-new"
    而且 未触发规则 "pollutants.<p>.below-ratio"

    例子:
      | p            | 污染物         |
      | so2          | 二氧化硫       |
      | nox          | 氮氧化物       |
      | particulates | 颗粒物         |
      | vocs         | 挥发性有机物   |
      | cod          | 化学需氧量     |
      | nh3n         | 氨氮           |

  场景大纲: <污染物>替代不足 2 倍不予准入
    假如 将 "pollutants.<p>.new_t" 设为 "10"
    而且 "pollutants.<p>" 的替代来源为 "15"
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "pollutants.<p>.below-ratio"
    而且 说明包含 "低于要求的 2 倍"
    但是 未触发规则 "pollutants.<p>.below-new"
    而且 未触发规则 "pollutants.<p>.equal"

    例子:
      | p            | 污染物         |
      | so2          | 二氧化硫       |
      | nox          | 氮氧化物       |
      | particulates | 颗粒物         |
      | vocs         | 挥发性有机物   |

  场景大纲: <污染物>替代达到要求比例时准予准入
    假如 将 "pollutants.<p>.new_t" 设为 "10"
    而且 "pollutants.<p>" 的替代来源为 "<替代量>"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "pollutants.<p>.below-new"
    而且 未触发规则 "pollutants.<p>.equal"
    而且 未触发规则 "pollutants.<p>.below-ratio"

    例子:
      | p            | 污染物         | 替代量 |
      | so2          | 二氧化硫       | 20     |
      | nox          | 氮氧化物       | 20     |
      | particulates | 颗粒物         | 25     |
      | vocs         | 挥发性有机物   | 20     |
      | cod          | 化学需氧量     | 12     |
      | nh3n         | 氨氮           | 10.5   |

  @what_if
  场景大纲: 假设受纳水体未达标、<污染物>须 2 倍替代，1.5 倍不予准入
    假如 参数 "pollutants.water_ratio" 自 "2022-01-01" 起取值 "2.0"
    而且 将 "pollutants.<p>.new_t" 设为 "10"
    而且 "pollutants.<p>" 的替代来源为 "15"
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "pollutants.<p>.below-ratio"
    而且 说明包含 "低于要求的 2 倍"

    例子:
      | p    | 污染物     |
      | cod  | 化学需氧量 |
      | nh3n | 氨氮       |

  @missing_data
  场景: 新增挥发性有机物但未给出替代来源，提交审议
    假如 将 "pollutants.vocs.new_t" 设为 "4.2"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "pollutants.vocs.below-new"
    而且 无法判定规则 "pollutants.vocs.equal"
    而且 无法判定规则 "pollutants.vocs.below-ratio"
    而且 缺少事实 "pollutants.vocs.sources"

  @missing_data
  场景: 未填报化学需氧量新增量，提交审议
    假如 删除 "pollutants.cod"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "pollutants.cod.below-new"
    而且 缺少事实 "pollutants.cod.new_t"

  场景: 明确没有替代来源（空列表）即替代量为零
    假如 修改以下事实:
      | 字段                              | 值  |
      | pollutants.particulates.new_t     | 6.5 |
      | pollutants.particulates.sources   | []  |
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "pollutants.particulates.below-new"
    而且 说明包含 "替代量仅 0 吨/年"

  场景: 多个来源合计恰好等于新增量，仍属等量替代
    0.1 + 0.2 按所写数额合计为 0.3，与新增量相等，属等量替代，须提交审议。
    假如 修改以下事实:
      | 字段                      | 值                                                                                                |
      | pollutants.cod.new_t      | 0.3                                                                                               |
      | pollutants.cod.sources    | [{description: 关停作坊甲, amount: 0.1, kind: 关停淘汰}, {description: 关停作坊乙, amount: 0.2, kind: 关停淘汰}] |
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "pollutants.cod.equal"
