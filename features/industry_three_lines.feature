# language: zh-CN
@industry
功能: “三线一单”作为环境准入的前提条件
  临东环委发〔2022〕1号 二(二)1：将“三线一单”作为综合决策的前提条件。每个项目须写明
  所在环境管控单元（site.three_lines_unit）和对照生态环境准入清单的核对结论（site.access_list_check）。

  场景: 优先保护单元内新建食品厂，单元限制大规模、高强度开发而无规模界限，提交审议而不否决
    假如 以案例 "59-bakery-priority-unit" 为基础
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "three-lines.priority-unit-industry"
    而且 引用条款 "二(二)1"

  场景: 优先保护单元内准入清单核对“符合”的小项目仍只提交审议
    假如 以案例 "59-bakery-priority-unit" 为基础
    而且 将 "site.access_list_check" 设为 "符合"
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "three-lines.priority-unit-industry"
    但是 未触发规则 "three-lines.access-list-conflict"

  场景: 同一项目位于一般管控单元准予准入
    假如 以案例 "59-bakery-priority-unit" 为基础
    而且 将 "site.three_lines_unit" 设为 "一般管控单元"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "three-lines.priority-unit-industry"

  场景: 优先保护单元内的道路改建不属工业开发
    假如 以案例 "15-road-red-line-permitted" 为基础
    当 筛查
    那么 未触发规则 "three-lines.priority-unit-industry"

  @missing_data
  场景: 工业项目未写所在管控单元，提交审议
    假如 以案例 "48-hinges-in-hardware-park" 为基础
    而且 删除 "site.three_lines_unit"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "three-lines.priority-unit-industry"
    而且 缺少事实 "site.three_lines_unit"

  场景: 重点管控单元内项目未对照准入清单核对，提交审议
    假如 以案例 "60-cartons-access-list-unchecked" 为基础
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "three-lines.access-list-unchecked"

  场景: 重点管控单元内项目核对符合准入清单，准予准入
    假如 以案例 "60-cartons-access-list-unchecked" 为基础
    而且 将 "site.access_list_check" 设为 "符合"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "three-lines.access-list-unchecked"

  场景: 一般管控单元内未核对准入清单不提交审议
    假如 以案例 "17-warehouse-basic-farmland" 为基础
    当 筛查
    那么 未触发规则 "three-lines.access-list-unchecked"

  场景: 与所在单元准入清单不符的电镀项目，不予准入
    假如 以案例 "61-electroplating-access-conflict" 为基础
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "three-lines.access-list-conflict"
    而且 说明包含 "重点管控单元"

  场景: 与准入清单相符的同类项目准予准入
    假如 以案例 "61-electroplating-access-conflict" 为基础
    而且 将 "site.access_list_check" 设为 "符合"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "three-lines.access-list-conflict"
