# language: zh-CN
@industry
功能: 培育壮大新动能（提示：属鼓励发展）
  临东环委发〔2022〕1号 二(三)：大力发展战略性新兴产业；以太阳能装备为重点发展新能源装备制造；
  发展壮大环保产业。提示不改变结论。

  场景: 电子电路组装属新一代信息技术，提示鼓励发展
    假如 以案例 "66-circuit-boards-kinke-park" 为基础
    当 筛查
    那么 结论为 "准予准入"
    而且 触发规则 "encouraged.emerging-industries"
    而且 引用条款 "二(三)1"

  场景: 五金配件不属战略性新兴产业
    假如 以案例 "48-hinges-in-hardware-park" 为基础
    当 筛查
    那么 没有任何发现
    而且 未触发规则 "encouraged.emerging-industries"

  场景: 光伏组件属以太阳能装备为重点的新能源装备制造
    假如 以案例 "50-pv-modules-outside-parks" 为基础
    当 筛查
    那么 触发规则 "encouraged.new-energy-equipment"
    而且 引用条款 "二(三)2"

  场景: 电子电路组装不属新能源装备制造
    假如 以案例 "66-circuit-boards-kinke-park" 为基础
    当 筛查
    那么 未触发规则 "encouraged.new-energy-equipment"

  场景: 水处理剂属环保产业，提示鼓励发展（但“四上四压”仍提交审议）
    假如 以案例 "58-pac-water-treatment-agent" 为基础
    当 筛查
    那么 触发规则 "encouraged.environmental-industry"
    而且 引用条款 "二(三)3"
    而且 结论为 "提交审议"

  场景: 甲醛不属环保产业
    假如 以案例 "40-formaldehyde-new-line" 为基础
    当 筛查
    那么 未触发规则 "encouraged.environmental-industry"
