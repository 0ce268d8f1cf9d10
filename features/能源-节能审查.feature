# language: zh-CN
@energy_review
功能: 节能审查与“两高”项目国家窗口指导
  临东环委发〔2022〕1号 三(二)1：加强高耗能特种设备节能审查和监管；重点用能单位实行用能年度预算管理。
  年综合能源消费量 1,000 吨标准煤或年电力消费量 500 万千瓦时以上须单独节能审查（国家发展改革委令第44号）；
  新上“两高”项目年综合能耗超过 5 万吨标准煤的报国家窗口指导（鲁政办字〔2022〕9号，2022-01-29 起）。
  凡固定资产投资项目（新建、改扩建、技术改造、搬迁）都须说明年综合能源消费量，不论行业；
  未说明的提交审议，不当作无须节能审查。

  场景: 六大高耗能行业项目未取得节能审查意见提交审议
    假如 以案例 "86-pesticide-formulation-allowed" 为基础
    而且 将 "energy_review.opinion_obtained" 设为 "false"
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "energy.conservation-review"
    而且 引用条款 "三(二)1"
    而且 说明包含 "1,000 吨标准煤"

  场景: 年综合能耗不足 1,000 吨标准煤的无须单独节能审查
    假如 以案例 "86-pesticide-formulation-allowed" 为基础
    而且 修改以下事实:
      | 字段                           | 值    |
      | energy.new_tce                 | 800   |
      | energy.electricity_wan_kwh     | 300   |
      | energy_review.opinion_obtained | false |
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "energy.conservation-review"

  场景: 年综合能耗不足 1,000 吨标准煤但年用电达到 500 万千瓦时的，仍须单独节能审查
    假如 以案例 "86-pesticide-formulation-allowed" 为基础
    而且 修改以下事实:
      | 字段                           | 值    |
      | energy.new_tce                 | 690   |
      | energy.electricity_wan_kwh     | 561   |
      | energy_review.opinion_obtained | false |
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "energy.conservation-review"
    而且 说明包含 "500 万千瓦时"

  @missing_data
  场景: 年综合能耗不足 1,000 吨标准煤而未说明年用电量的，提交审议
    假如 以案例 "86-pesticide-formulation-allowed" 为基础
    而且 修改以下事实:
      | 字段                           | 值    |
      | energy.new_tce                 | 800   |
      | energy_review.opinion_obtained | false |
    当 筛查
    那么 结论为 "提交审议"
    而且 缺少事实 "energy.electricity_wan_kwh"

  场景: 已取得节能审查意见的不触发节能审查规则，也不必再问年综合能耗
    假如 以案例 "86-pesticide-formulation-allowed" 为基础
    而且 删除 "energy"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "energy.conservation-review"

  场景: 年综合能耗很小的养殖场项目无须单独节能审查
    假如 以案例 "88-beef-cattle-farm-with-manure" 为基础
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "energy.conservation-review"

  @missing_data
  场景: 非高耗能行业的项目未说明年综合能耗的同样提交审议，不视为无须审查
    假如 以案例 "88-beef-cattle-farm-with-manure" 为基础
    而且 删除 "energy"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "energy.conservation-review"
    而且 缺少事实 "energy.new_tce"

  场景: 非高耗能行业的项目达到标准也须节能审查
    假如 以案例 "75-bakery-coal-boiler" 为基础
    当 筛查
    那么 触发规则 "energy.conservation-review"

  @missing_data
  场景: 六大高耗能行业项目未取得节能审查意见、也未说明年综合能耗时提交审议
    假如 以案例 "86-pesticide-formulation-allowed" 为基础
    而且 删除 "energy"
    而且 将 "energy_review.opinion_obtained" 设为 "false"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "energy.conservation-review"
    而且 缺少事实 "energy.new_tce"

  场景: 年综合能耗超过 5 万吨标准煤的新上“两高”项目报国家窗口指导
    假如 以案例 "78-coal-chp-provincial" 为基础
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "energy.window-guidance"
    而且 说明包含 "超过 50,000 吨标准煤"

  场景: 年综合能耗不超过 5 万吨标准煤的“两高”项目无须窗口指导
    假如 以案例 "78-coal-chp-provincial" 为基础
    而且 修改以下事实:
      | 字段                    | 值    |
      | energy.new_tce          | 48000 |
      | energy.sources.0.amount | 80000 |
    当 筛查
    那么 未触发规则 "energy.window-guidance"

  @as_of
  场景大纲: 窗口指导自鲁政办字〔2022〕9号印发之日（2022-01-29）起适用
    假如 以案例 "78-coal-chp-provincial" 为基础
    当 按 "<筛查日期>" 筛查
    那么 <判定>规则 "energy.window-guidance"

    例子:
      | 筛查日期   | 判定   |
      | 2022-01-28 | 未触发 |
      | 2022-01-29 | 触发   |
      | 2023-12-31 | 触发   |

  @overlay
  场景: 按临沂市上级层筛查，节能审查说明引用市下达的能耗强度目标
    假如 以案例 "86-pesticide-formulation-allowed" 为基础
    而且 将 "energy_review.opinion_obtained" 设为 "false"
    当 按上级层 "linyi-city" 筛查
    那么 结论为 "提交审议"
    而且 参数 "targets.six_high_energy_intensity_reduction_pct" 来自 "linyi-city" 层
    而且 参数 "targets.six_high_energy_intensity_reduction_pct" 取值为 "10"
    而且 参数 "energy.review_threshold_tce" 来自 "base" 层
    而且 说明包含 "降低 10%"

  场景: 不加上级层时用区级目标
    假如 以案例 "86-pesticide-formulation-allowed" 为基础
    而且 将 "energy_review.opinion_obtained" 设为 "false"
    当 筛查
    那么 参数 "targets.six_high_energy_intensity_reduction_pct" 来自 "base" 层
    而且 参数 "targets.six_high_energy_intensity_reduction_pct" 取值为 "7"
    而且 说明包含 "降低 7%"
