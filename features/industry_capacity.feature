# language: zh-CN
@industry
功能: 清理违法违规产能、严控重点行业新增产能
  临东环委发〔2022〕1号 二(一)2：严控新增过剩产能；杜绝“散乱污”企业异地转移、死灰复燃。
  二(一)3：重大项目必须满足环境质量“只能更好，不能变坏”的底线；深入实施“四上四压”。

  场景: 新建浮法玻璃线未提供置换产能：平板玻璃置换比例未完全核实，提交审议
    假如 以案例 "55-float-glass-no-swap" 为基础
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "overcapacity.below-ratio-unconfirmed"
    而且 引用条款 "二(一)2"

  场景: 浮法玻璃线按 1.25 倍置换不触发置换规则（“两高”产能比例另行提交审议）
    假如 以案例 "55-float-glass-no-swap" 为基础
    而且 "capacity" 的替代来源为 "625"
    当 筛查
    那么 未触发规则 "overcapacity.below-ratio-unconfirmed"
    而且 结论为 "提交审议"
    而且 无法判定规则 "two-high.capacity-reduction"

  场景: 船厂新增 10 万吨、退出 1 万吨：按比例判断，象征性退出不能抵作置换
    假如 以案例 "105-shipyard-10-to-1" 为基础
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "overcapacity.below-ratio-unconfirmed"

  场景: 船厂等量置换时不触发置换规则
    假如 以案例 "105-shipyard-10-to-1" 为基础
    而且 "capacity" 的替代来源为 "10"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "overcapacity.below-ratio-unconfirmed"

  场景: 2024 年炼钢净新增产能，重点区域严禁新增钢铁产能，不予准入
    假如 以案例 "104-steel-net-new-2024" 为基础
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "key-region.new-capacity"
    而且 触发规则 "overcapacity.below-ratio"

  场景: 2023 年 6 月同一炼钢项目，重点区域禁令尚未适用于临沂
    假如 以案例 "104-steel-net-new-2024" 为基础
    当 按 "2023-06-01" 筛查
    那么 未触发规则 "key-region.new-capacity"
    而且 触发规则 "overcapacity.below-ratio"

  场景: 2024 年水泥熟料减量置换 2.1:1，是否属“新增”提交审议
    假如 以案例 "102-clinker-expansion-key-region-2024" 为基础
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "key-region.replacement-capacity"
    但是 未触发规则 "key-region.new-capacity"

  场景: 非产能过剩行业新增产能不涉及产能置换规则
    假如 以案例 "47-hand-tools-outside-park" 为基础
    当 筛查
    那么 未触发规则 "overcapacity.below-ratio"
    而且 未触发规则 "overcapacity.below-ratio-unconfirmed"

  场景: 曾被取缔的“散乱污”废塑料造粒户异地重建，不予准入
    假如 以案例 "56-scrap-plastic-pellets-reappear" 为基础
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "scattered-polluting.reappearing"
    而且 说明包含 "散乱污"

  场景: 无“散乱污”取缔记录的再生资源企业搬迁准予准入
    假如 以案例 "56-scrap-plastic-pellets-reappear" 为基础
    而且 将 "enterprise.banned_as_scattered_polluting" 设为 "false"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "scattered-polluting.reappearing"

  @missing_data
  场景: 工业项目未核查“散乱污”取缔记录，提交审议
    假如 以案例 "56-scrap-plastic-pellets-reappear" 为基础
    而且 删除 "enterprise"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "scattered-polluting.reappearing"
    而且 缺少事实 "enterprise.banned_as_scattered_polluting"

  场景: 非工业项目无须核查“散乱污”记录
    假如 以案例 "11-residential-block" 为基础
    当 筛查
    那么 未触发规则 "scattered-polluting.reappearing"

  场景: 环评预测区域环境质量变差的原料药扩建，不予准入
    假如 以案例 "57-api-expansion-quality-worse" 为基础
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "no-worse.quality-deteriorates"
    而且 引用条款 "二(一)3"

  场景: 环评预测区域环境质量不变差的原料药扩建准予准入
    假如 以案例 "57-api-expansion-quality-worse" 为基础
    而且 将 "environmental_quality.deteriorates" 设为 "false"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "no-worse.quality-deteriorates"

  场景: 非重污染、非“两高”项目不按“只能更好，不能变坏”逐项审查
    假如 以案例 "48-hinges-in-hardware-park" 为基础
    当 筛查
    那么 未触发规则 "no-worse.quality-deteriorates"

  场景: 化工新建项目未压减任何旧产能（“四上四压”），提交审议
    假如 以案例 "58-pac-water-treatment-agent" 为基础
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "four-up-four-down.no-retirement"
    而且 说明包含 "四上四压"

  场景: 化工新建项目压减旧产能后准予准入
    假如 以案例 "58-pac-water-treatment-agent" 为基础
    而且 "capacity" 的替代来源为 "12"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "four-up-four-down.no-retirement"

  场景: “两高”项目按“五个减量”审查，不另按“四上四压”
    假如 以案例 "30-clinker-after-key-region" 为基础
    当 筛查
    那么 未触发规则 "four-up-four-down.no-retirement"
    而且 触发规则 "two-high.capacity-reduction"
