# language: zh-CN
@as_of
功能: 筛查日期与上级层（“由市下达目标任务的以市下达的为准”）
  临东环委发〔2022〕1号 2022-01-28 印发施行，实施期 2021-2023 年。筛查日期早于施行日期时，决定书附
  中英文警告，只适用当日有效的规则与数值。实施期（条款登记表中方案的 period_to，2023-12-31）届满后，
  只因本方案而存在的规则（没有上级依据 basis 的）不再适用，决定书列出其中本会作出结论的条款
  （“本方案期满，以下条款不再适用”）；有上级依据的规则照常判断。市下达的数值放在 rules/overlays/linyi-city，
  以 --overlay linyi-city 选用；决定书写明每个数值来自哪一层。

  背景:
    假如 以案例 "84-municipal-road-compliant" 为基础

  场景: 实施期内筛查不附警告
    当 按 "2022-08-03" 筛查
    那么 没有筛查日期警告

  场景: 早于方案施行日期筛查时附警告
    当 按 "2021-06-01" 筛查
    那么 附有筛查日期警告
    而且 筛查日期警告包含 "早于临东环委发〔2022〕1号的施行日期 2022-01-28"
    而且 筛查日期警告包含 "before"

  场景: 晚于方案实施期筛查时不附警告
    当 按 "2024-03-01" 筛查
    那么 没有筛查日期警告

  场景: 只依据本方案的条款在实施期最后一天（2023-12-31）仍适用
    假如 将 "construction_site.hoarding" 设为 "false"
    当 按 "2023-12-31" 筛查
    那么 触发规则 "construction.six-full-measures"
    而且 结论为 "附条件准入"

  场景: 只依据本方案的条款自 2024-01-01 起不再适用，决定书列出
    假如 将 "construction_site.hoarding" 设为 "false"
    当 按 "2024-01-01" 筛查
    那么 本方案期满不再适用的条款包含 "construction.six-full-measures"
    而且 结论为 "准予准入"
    而且 没有筛查日期警告

  场景: 实施期届满后，有上级依据的规则照常判断（临沂禁用区通告）
    假如 将 "machinery.lowest_stage" 设为 "2"
    当 按 "2024-01-01" 筛查
    那么 触发规则 "machinery.urban-below-stage-iii"
    而且 结论为 "不予准入"
    而且 没有筛查日期警告

  场景: 实施期内筛查不列出期满条款
    假如 将 "construction_site.hoarding" 设为 "false"
    当 按 "2023-12-31" 筛查
    那么 没有列出本方案期满不再适用的条款

  场景: 方案施行前筛查，方案规则尚未施行，不触发
    假如 将 "machinery.lowest_stage" 设为 "2"
    当 按 "2021-12-31" 筛查
    那么 未触发规则 "machinery.urban-below-stage-iii"
    而且 附有筛查日期警告

  场景: 方案施行后同一事实触发禁用区规则
    假如 将 "machinery.lowest_stage" 设为 "2"
    当 按 "2022-01-28" 筛查
    那么 触发规则 "machinery.urban-below-stage-iii"
    而且 没有筛查日期警告

  @overlay
  场景: 按上级层筛查时决定书写明数值来自哪一层
    假如 以案例 "75-bakery-coal-boiler" 为基础
    当 按上级层 "linyi-city" 于 "2022-09-01" 筛查
    那么 参数 "targets.six_high_energy_intensity_reduction_pct" 来自 "linyi-city" 层
    而且 参数 "energy.review_threshold_tce" 来自 "base" 层
    而且 参数 "energy.min_new_coal_boiler_t_h" 来自 "base" 层
