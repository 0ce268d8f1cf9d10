# language: zh-CN
@urban
功能: 城市建成区重污染企业搬迁改造或关闭退出
  临东环委发〔2022〕1号 二(二)3：到 2023 年，城市建成区重污染企业全部完成搬迁改造或关闭退出；
  未明确退城的企业，分批实施污染深度治理改造。重污染行业名录见
  rules/catalogues/heavy_polluting.yaml。

  背景:
    假如 以案例 "19-dyeing-urban-expansion" 为基础

  场景大纲: 城市建成区内重污染企业<建设性质>提交审议（到 2023 年搬迁改造或关闭退出的目标，没有禁止字样）
    假如 将 "construction_type" 设为 "<建设性质>"
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "urban.heavy-polluting-new"
    而且 引用条款 "二(二)3"
    但是 未触发规则 "urban.heavy-polluting-upgrade"

    例子:
      | 建设性质 |
      | 新建     |
      | 改扩建   |
      | 搬迁     |

  场景: 城市建成区内重污染企业技术改造附条件准入
    假如 将 "construction_type" 设为 "技术改造"
    当 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "urban.heavy-polluting-upgrade"
    而且 说明包含 "物料运输清洁化"
    而且 引用条款 "二(二)3"
    但是 未触发规则 "urban.heavy-polluting-new"

  场景: 城市建成区以外的重污染企业扩建不受本条限制
    假如 将 "zones.urban_built_up_area" 设为 "false"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "urban.heavy-polluting-new"
    而且 未触发规则 "urban.heavy-polluting-upgrade"
    而且 不引用条款 "二(二)3"

  场景: 非重污染行业位于城市建成区不受本条限制
    假如 修改以下事实:
      | 字段             | 值             |
      | industry.code    | 1392           |
      | industry.product | 豆腐、腐竹     |
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "urban.heavy-polluting-new"

  场景: 火电按行业小类认定为重污染行业
    假如 修改以下事实:
      | 字段              | 值       |
      | industry.code     | 4411     |
      | industry.product  | 燃气发电 |
      | construction_type | 新建     |
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "urban.heavy-polluting-new"
    但是 未触发规则 "two-high.capacity-reduction"

  @missing_data
  场景: 是否位于城市建成区未核实，提交审议
    假如 将 "zones.urban_built_up_area" 设为 "null"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "urban.heavy-polluting-new"
    而且 缺少事实 "zones.urban_built_up_area"
    但是 未触发规则 "urban.heavy-polluting-upgrade"

  场景大纲: 按小类而非整个大类认定重污染行业：<项目>位于城市建成区不受本条限制
    假如 修改以下事实:
      | 字段             | 值       |
      | industry.code    | <代码>   |
      | industry.product | <项目>   |
    当 筛查
    那么 未触发规则 "urban.heavy-polluting-new"

    例子:
      | 代码 | 项目       |
      | 2682 | 化妆品     |
      | 1530 | 精制茶     |
      | 2231 | 纸箱       |
      | 3021 | 水泥制品   |

  场景: 已明确退城的重污染企业在建成区技术改造，提交审议
    假如 修改以下事实:
      | 字段                                      | 值       |
      | construction_type                         | 技术改造 |
      | enterprise.designated_to_leave_urban_area | true     |
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "urban.designated-to-leave"
    但是 未触发规则 "urban.heavy-polluting-upgrade"

  场景: 2025 年筛查时本方案“到 2023 年”的条款期满不再适用
    当 按 "2025-03-01" 筛查
    那么 未触发规则 "urban.heavy-polluting-new"

