# language: zh-CN
@replacement
功能: 常规污染物“减量替代是原则，等量替代是例外”
  临东环委发〔2022〕1号 二(一)3：严格落实污染物排放“减量替代是原则，等量替代是例外”的
  总量控制刚性要求。谁须替代、替代多少，来自上级文件：新建“两高”项目按鲁政办字〔2021〕57号
  减量替代，上一年度临沂 PM2.5 不达标的次年大气污染物 1:2（2022 年 39 微克/立方米，故 2023 年
  为 2 倍；其他年份的达标情况未读到，提交审议）；其他建设项目排放主要污染物（化学需氧量、氨氮、
  二氧化硫、氮氧化物）的，环评审批前须取得总量指标（环发〔2014〕197号），烟粉尘、挥发性有机物
  “参照执行”；比例与小排放量豁免按鲁环发〔2019〕132号，其原文未读到，故不否决。

  背景:
    假如 以案例 "10-rail-logistics-park" 为基础

  场景: 无新增排放的项目无需替代来源
    当 筛查
    那么 结论为 "准予准入"
    而且 没有任何发现

  场景大纲: 非“两高”项目新增<污染物>而替代不足，须核实总量指标，提交审议而不否决
    假如 将 "pollutants.<p>.new_t" 设为 "10"
    而且 "pollutants.<p>" 的替代来源为 "6"
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "pollutants.<p>.total-amount"
    而且 说明包含 "鲁环发〔2019〕132号"
    但是 未触发规则 "pollutants.<p>.below-new"

    例子:
      | p    | 污染物     |
      | so2  | 二氧化硫   |
      | nox  | 氮氧化物   |
      | cod  | 化学需氧量 |
      | nh3n | 氨氮       |

  场景大纲: 非“两高”项目新增<污染物>而无替代来源，参照总量控制附条件准入
    假如 修改以下事实:
      | 字段                   | 值  |
      | pollutants.<p>.new_t   | 0.3 |
      | pollutants.<p>.sources | []  |
    当 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "pollutants.<p>.total-amount-reference"
    而且 说明包含 "替代量 0 吨/年"
    但是 未触发规则 "pollutants.<p>.below-new"

    例子:
      | p            | 污染物       |
      | particulates | 颗粒物       |
      | vocs         | 挥发性有机物 |

  场景大纲: <污染物>等量替代属例外情形，提交审议
    假如 将 "pollutants.<p>.new_t" 设为 "10"
    而且 "pollutants.<p>" 的替代来源为 "10"
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "pollutants.<p>.equal"
    而且 说明包含 "等量替代是例外"
    但是 未触发规则 "pollutants.<p>.below-new"

    例子:
      | p            | 污染物         |
      | so2          | 二氧化硫       |
      | nox          | 氮氧化物       |
      | particulates | 颗粒物         |
      | vocs         | 挥发性有机物   |
      | cod          | 化学需氧量     |
      | nh3n         | 氨氮           |

  场景大纲: 非“两高”项目<污染物>替代 1.5 倍不受“两高”的 1:2 约束，准予准入
    假如 将 "pollutants.<p>.new_t" 设为 "10"
    而且 "pollutants.<p>" 的替代来源为 "15"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "pollutants.<p>.below-ratio"

    例子:
      | p            | 污染物         |
      | so2          | 二氧化硫       |
      | nox          | 氮氧化物       |
      | particulates | 颗粒物         |
      | vocs         | 挥发性有机物   |

  @missing_data
  场景: 新增挥发性有机物但未给出替代来源，提交审议
    假如 将 "pollutants.vocs.new_t" 设为 "4.2"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "pollutants.vocs.total-amount-reference"
    而且 无法判定规则 "pollutants.vocs.equal"
    而且 缺少事实 "pollutants.vocs.sources"

  @missing_data
  场景: 未填报化学需氧量新增量，提交审议
    假如 删除 "pollutants.cod"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "pollutants.cod.total-amount"
    而且 缺少事实 "pollutants.cod.new_t"

  场景: 多个来源合计恰好等于新增量，仍属等量替代
    0.1 + 0.2 按所写数额合计为 0.3，与新增量相等，属等量替代，须提交审议。
    假如 修改以下事实:
      | 字段                      | 值                                                                                                |
      | pollutants.cod.new_t      | 0.3                                                                                               |
      | pollutants.cod.sources    | [{description: 关停作坊甲, amount: 0.1, kind: 关停淘汰}, {description: 关停作坊乙, amount: 0.2, kind: 关停淘汰}] |
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "pollutants.cod.equal"

  规则: 新建“两高”项目按鲁政办字〔2021〕57号减量替代

    背景:
      假如 以案例 "103-clinker-expansion-2023-06" 为基础

    场景: 各项污染物替代均达到 2 倍的熟料扩建准予准入
      当 筛查
      那么 结论为 "准予准入"

    场景大纲: “两高”项目<污染物>替代量少于新增量不予准入
      假如 将 "pollutants.<p>.new_t" 设为 "10"
      而且 "pollutants.<p>" 的替代来源为 "6"
      当 筛查
      那么 结论为 "不予准入"
      而且 触发规则 "pollutants.<p>.below-new"
      但是 未触发规则 "pollutants.<p>.equal"

      例子:
        | p            | 污染物         |
        | so2          | 二氧化硫       |
        | nox          | 氮氧化物       |
        | particulates | 颗粒物         |
        | vocs         | 挥发性有机物   |
        | cod          | 化学需氧量     |
        | nh3n         | 氨氮           |

    场景大纲: 2023 年（上年 PM2.5 未达标）“两高”项目<污染物>替代不足 2 倍不予准入
      假如 将 "pollutants.<p>.new_t" 设为 "10"
      而且 "pollutants.<p>" 的替代来源为 "15"
      当 筛查
      那么 结论为 "不予准入"
      而且 触发规则 "pollutants.<p>.below-ratio"
      而且 说明包含 "要求的 2 倍"

      例子:
        | p            | 污染物         |
        | so2          | 二氧化硫       |
        | nox          | 氮氧化物       |
        | particulates | 颗粒物         |
        | vocs         | 挥发性有机物   |

    场景: 2022 年筛查时上一年度达标情况未读到，1.5 倍提交审议而不否决
      假如 将 "pollutants.so2.new_t" 设为 "10"
      而且 "pollutants.so2" 的替代来源为 "15"
      当 按 "2022-06-01" 筛查
      那么 结论为 "提交审议"
      而且 无法判定规则 "pollutants.so2.below-ratio"
      而且 缺少事实 "param.pollutants.pm25_missed_prev_year"

    场景大纲: 2024 年筛查时 2023 年达标情况未核实，<污染物>替代 1.5 倍提交审议而不否决
      假如 将 "pollutants.<p>.new_t" 设为 "10"
      而且 "pollutants.<p>" 的替代来源为 "15"
      当 按 "2024-03-01" 筛查
      那么 结论为 "提交审议"
      而且 触发规则 "pollutants.<p>.ratio-unconfirmed"
      而且 说明包含 "达标情况未核实"
      但是 未触发规则 "pollutants.<p>.below-ratio"

      例子:
        | p            | 污染物         |
        | so2          | 二氧化硫       |
        | nox          | 氮氧化物       |
        | particulates | 颗粒物         |
        | vocs         | 挥发性有机物   |

    场景: 2023 年（上年 PM2.5 未达标）“两高”项目等量替代也不足 2 倍，不予准入
      假如 将 "pollutants.so2.new_t" 设为 "10"
      而且 "pollutants.so2" 的替代来源为 "10"
      当 筛查
      那么 结论为 "不予准入"
      而且 触发规则 "pollutants.so2.below-ratio"
      而且 触发规则 "pollutants.so2.equal"

    场景: 2024 年“两高”项目等量替代：方案期满，等量例外规则不再适用，但达标情况未核实仍提交审议
      假如 将 "pollutants.so2.new_t" 设为 "10"
      而且 "pollutants.so2" 的替代来源为 "10"
      当 按 "2024-03-01" 筛查
      那么 结论为 "提交审议"
      而且 触发规则 "pollutants.so2.ratio-unconfirmed"
      但是 未触发规则 "pollutants.so2.equal"

    场景: 2024 年替代达到 2 倍的不触发未核实规则
      当 按 "2024-03-01" 筛查
      那么 未触发规则 "pollutants.so2.ratio-unconfirmed"

    @what_if
    场景大纲: 假设受纳水体未达标、<污染物>须 2 倍替代，1.5 倍提交审议（水污染物比例未核实）
      假如 参数 "pollutants.water_ratio" 自 "2022-01-01" 起取值 "2.0"
      而且 将 "pollutants.<p>.new_t" 设为 "10"
      而且 "pollutants.<p>" 的替代来源为 "15"
      当 筛查
      那么 结论为 "提交审议"
      而且 触发规则 "pollutants.<p>.below-ratio"
      而且 说明包含 "该比例未核实"

      例子:
        | p    | 污染物     |
        | cod  | 化学需氧量 |
        | nh3n | 氨氮       |
