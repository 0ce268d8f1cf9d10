# language: zh-CN
@two_high
功能: “两高”项目“五个减量”——产能、能耗、煤炭、碳排放减量替代
  临东环委发〔2022〕1号 二(一)3：“两高”项目建设做到产能减量、能耗减量、煤炭减量、
  碳排放减量和常规污染物减量等“五个减量”，新建项目要按照规定实施减量替代。
  替代比例（替代量 : 新增量）见 rules/parameters/two_high.yaml；常规污染物见 pollutants.feature。
  案例 01 的年综合能耗 130,000 吨标准煤超过 5 万吨，自 2022-01-29 起须报国家窗口指导
  （鲁政办字〔2022〕9号，energy.window-guidance），所以五个减量均达标时结论为提交审议而非准予准入。

  背景:
    假如 以案例 "01-cement-clinker-line" 为基础
    而且 将 "coal.sources.0.amount" 设为 "65000"

  场景: 五个减量均达到要求的水泥熟料项目，仅因须国家窗口指导而提交审议
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "energy.window-guidance"
    但是 未触发规则 "two-high.capacity-reduction"
    而且 未触发规则 "two-high.energy-reduction"
    而且 未触发规则 "two-high.coal-reduction"
    而且 未触发规则 "two-high.carbon-reduction"

  场景: 煤炭消费替代不足 1.2 倍不予准入
    假如 将 "coal.sources.0.amount" 设为 "48000"
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "two-high.coal-reduction"
    而且 引用条款 "二(一)3"
    而且 说明包含 "低于要求的 1.2"
    但是 未触发规则 "two-high.capacity-reduction"

  场景: 煤炭消费替代恰好 1.2 倍即满足要求
    假如 将 "coal.sources.0.amount" 设为 "62400"
    当 筛查
    那么 结论为 "提交审议"
    而且 未触发规则 "two-high.coal-reduction"

  场景: 以兰炭替代原煤不计入煤炭减量来源
    假如 将 "coal.sources.0.kind" 设为 "兰炭替代"
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "two-high.coal-reduction"
    而且 说明包含 "不计入 65,000"

  场景大纲: 水泥熟料能耗替代 1:1.5 只见转述、原文未读到：替代不足时提交审议而不否决
    假如 将 "energy.sources.0.amount" 设为 "<腾退能耗>"
    当 筛查
    那么 结论为 "提交审议"
    而且 <判定> "two-high.energy-reduction-unconfirmed"
    但是 未触发规则 "two-high.energy-reduction"

    例子:
      | 腾退能耗 | 判定       |
      | 150000   | 触发规则   |
      | 195000   | 未触发规则 |

  场景: 能耗替代不足时说明比例未核实
    假如 将 "energy.sources.0.amount" 设为 "150000"
    当 筛查
    那么 触发规则 "two-high.energy-reduction-unconfirmed"
    而且 说明包含 "低于转述的 1.5"
    而且 说明包含 "原文未核实"
    但是 未触发规则 "two-high.coal-reduction"

  场景: 产能替代不足 1.5 倍不予准入
    假如 将 "capacity.sources.0.amount" 设为 "150"
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "two-high.capacity-reduction"
    而且 未触发规则 "two-high.energy-reduction"

  @as_of
  场景大纲: 临沂 2023-11-30 起列入大气污染防治重点区域，熟料产能替代由 1.5 倍提高到 2 倍
    假如 将 "capacity.sources.0.amount" 设为 "<退出产能>"
    当 按 "<筛查日期>" 筛查
    那么 结论为 "<结论>"

    例子:
      | 退出产能 | 筛查日期   | 结论     |
      | 180      | 2023-11-29 | 提交审议 |
      | 180      | 2023-11-30 | 不予准入 |
      | 240      | 2023-11-30 | 提交审议 |

  @as_of
  场景: 按重点区域生效后的日期筛查，引用 2 倍的产能替代要求
    当 按 "2023-12-01" 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "two-high.capacity-reduction"
    而且 说明包含 "低于要求的 2"

  @as_of
  场景: 筛查日期晚于行动方案实施期，“两高”减量替代仍按鲁政办字〔2021〕57号判断，方案自身条款列为不再适用
    当 按 "2024-03-01" 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "two-high.capacity-reduction"
    而且 规则 "two-high.capacity-reduction" 援引上级依据 "鲁政办字〔2021〕57号"
    而且 没有筛查日期警告

  场景大纲: 碳排放减量来源须形成于 2021 年 1 月 1 日之后且位于省内
    假如 将 "carbon.sources.0.<字段>" 设为 "<值>"
    当 筛查
    那么 结论为 "<结论>"

    例子:
      | 字段        | 值         | 结论     |
      | arose_on    | 2020-12-31 | 提交审议 |
      | arose_on    | 2021-01-01 | 提交审议 |
      | in_shandong | false      | 提交审议 |
      | in_shandong | true       | 提交审议 |

  场景: 2020 年形成的碳减排量不计入（水泥熟料碳排放档位未核实，提交审议）
    假如 将 "carbon.sources.0.arose_on" 设为 "2020-06-30"
    当 筛查
    那么 触发规则 "two-high.carbon-reduction-unconfirmed"
    而且 说明包含 "不计入 1,400,000"

  @missing_data
  场景: 碳减排来源形成日期不明时提交审议
    假如 将 "carbon.sources.0.arose_on" 设为 "null"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "two-high.carbon-reduction-unconfirmed"
    而且 缺少事实 "carbon.sources"
    但是 未触发规则 "two-high.coal-reduction"

  @missing_data
  场景: 未填报新增煤炭消费量时提交审议并指明缺少的事实
    假如 删除 "coal.new_tce"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "two-high.coal-reduction"
    而且 缺少事实 "coal.new_tce"

  场景: 不新增产能的技术改造不属新上“两高”项目
    假如 修改以下事实:
      | 字段                  | 值       |
      | construction_type     | 技术改造 |
      | capacity.new          | 0        |
      | coal.new_tce          | 0        |
      | coal.sources.0.amount | 0        |
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "two-high.capacity-reduction"
    而且 未触发规则 "two-high.energy-reduction"
    而且 未触发规则 "two-high.coal-reduction"
    而且 未触发规则 "two-high.carbon-reduction"

  场景: 新增产能的技术改造仍须五个减量
    假如 修改以下事实:
      | 字段                  | 值       |
      | construction_type     | 技术改造 |
      | coal.sources.0.amount | 48000    |
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "two-high.coal-reduction"

  场景: 非“两高”行业不适用五个减量，但新上耗煤项目仍须煤炭消费替代
    假如 修改以下事实:
      | 字段                  | 值       |
      | industry.code         | 3021     |
      | industry.product      | 商品混凝土 |
      | coal.sources.0.amount | 0        |
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "coal.reduction-replacement"
    而且 引用条款 "三(一)2"
    但是 未触发规则 "two-high.capacity-reduction"
    而且 未触发规则 "two-high.coal-reduction"

  @missing_data
  场景: 平板玻璃属“两高”但替代比例未列明，提交审议
    假如 修改以下事实:
      | 字段             | 值         |
      | industry.code    | 3041       |
      | industry.product | 浮法玻璃   |
      | capacity.unit    | 万重量箱/a |
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "two-high.capacity-reduction"
    而且 无法判定规则 "two-high.energy-reduction"
    而且 无法判定规则 "two-high.carbon-reduction"
    而且 缺少事实 "param.two_high.capacity_ratio"
    但是 未触发规则 "two-high.coal-reduction"

  @missing_data
  场景: 钢铁项目的能耗、碳排放替代比例未列明，提交审议
    假如 修改以下事实:
      | 字段                  | 值     |
      | industry.code         | 3120   |
      | industry.product      | 炼钢   |
      | capacity.sources.0.amount | 150 |
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "two-high.energy-reduction"
    而且 缺少事实 "param.two_high.energy_ratio"
    但是 未触发规则 "two-high.capacity-reduction"

  @what_if
  场景大纲: 假设平板玻璃产能替代比例为 <比例> 倍
    假如 修改以下事实:
      | 字段             | 值         |
      | industry.code    | 3041       |
      | industry.product | 浮法玻璃   |
      | capacity.unit    | 万重量箱/a |
    而且 参数 "two_high.capacity_ratio" 中 "平板玻璃" 自 "2021-06-19" 起取值 "<比例>"
    而且 参数 "two_high.energy_ratio" 中 "平板玻璃" 自 "2021-06-19" 起取值 "1.2"
    而且 参数 "two_high.carbon_ratio" 中 "平板玻璃" 自 "2021-06-19" 起取值 "1.2"
    当 筛查
    那么 结论为 "<结论>"
    而且 未触发规则 "two-high.energy-reduction"

    例子:
      | 比例 | 结论     |
      | 1.25 | 提交审议 |
      | 2.0  | 不予准入 |

  场景: “两高”项目能耗替代源来自非“两高”行业的不计入（鲁政办字〔2022〕9号），不予准入
    假如 以案例 "120-nitrogen-energy-source-non-two-high" 为基础
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "two-high.energy-reduction"
    而且 说明包含 "可计入的替代量 0"

  场景: 同一替代源来自“两高”行业时计入，能耗替代达到 1.2 倍
    假如 以案例 "120-nitrogen-energy-source-non-two-high" 为基础
    而且 将 "energy.sources.0.two_high_industry" 设为 "true"
    当 筛查
    那么 未触发规则 "two-high.energy-reduction"

  @missing_data
  场景: “两高”项目能耗替代源未说明来源行业，提交审议
    假如 以案例 "120-nitrogen-energy-source-non-two-high" 为基础
    而且 将 "energy.sources.0.two_high_industry" 设为 "null"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "two-high.energy-reduction"

  场景: 焦化项目碳排放替代源形成于 2021 年以前不计入，焦化档位 1.2 已读到，不予准入
    假如 以案例 "04-coking-carbon-2020-source" 为基础
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "two-high.carbon-reduction"

  场景: 烧碱项目碳排放替代 1.1 倍，档位未核实，提交审议
    假如 以案例 "127-chlor-alkali-carbon-short" 为基础
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "two-high.carbon-reduction-unconfirmed"
    但是 未触发规则 "two-high.carbon-reduction"

  场景: 燃煤背压型热电联产不适用 57号煤电 1:1.5 的产能比例
    假如 以案例 "107-backpressure-chp" 为基础
    当 筛查
    那么 未触发规则 "two-high.capacity-reduction"

  场景: 同一燃煤热电联产若不是背压型，产能替代 1.2 倍低于 1:1.5，不予准入
    假如 以案例 "107-backpressure-chp" 为基础
    而且 将 "power_units.back_pressure_chp" 设为 "false"
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "two-high.capacity-reduction"

