# language: zh-CN
@freight
功能: 公铁联运与柴油货车
  临东环委发〔2022〕1号 四(一)1：大宗货物年运输量 150 万吨以上的大型工矿企业和新建物流园区按需修建
  铁路专用线；2022 年 6 月底前，现有此类企业要按需制定铁路专用线建设计划；到 2022 年，已建成铁路专用线
  的，大宗货物绿色运输方式比例达到 80%以上。四(二)1：完成国三营运柴油货车淘汰任务。
  采矿、六大高耗能、运输、物流行业的项目须说明货运情况；其他项目说明了的也要审查。

  场景: 新建物流园年运输量 200 万吨无铁路专用线计划提交审议
    假如 以案例 "80-logistics-park-no-siding" 为基础
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "transport.siding-new"
    而且 引用条款 "四(一)1"

  场景大纲: 年运输量不足 150 万吨或已有专用线计划的不触发专用线规则
    假如 以案例 "80-logistics-park-no-siding" 为基础
    而且 修改以下事实:
      | 字段                         | 值         |
      | transport.bulk_freight_wan_t | <运输量>   |
      | transport.railway_siding     | <专用线>   |
    当 筛查
    那么 未触发规则 "transport.siding-new"

    例子:
      | 运输量 | 专用线         |
      | 149    | 无             |
      | 200    | 已制定建设计划 |

  @as_of
  场景大纲: 现有企业 2022 年 6 月底前须制定铁路专用线建设计划，期限前提示、期限后提交审议
    假如 以案例 "81-limestone-quarry-siding-due" 为基础
    当 按 "<筛查日期>" 筛查
    那么 结论为 "<结论>"
    而且 触发规则 "<触发>"
    但是 未触发规则 "<未触发>"

    例子:
      | 筛查日期   | 结论     | 触发                           | 未触发                         |
      | 2022-06-30 | 准予准入 | transport.siding-plan-due      | transport.siding-plan-overdue  |
      | 2022-07-01 | 提交审议 | transport.siding-plan-overdue  | transport.siding-plan-due      |

  场景: 期限已过的现有企业已制定专用线计划的不再提交审议
    假如 以案例 "82-rebar-mill-siding-overdue" 为基础
    而且 将 "transport.railway_siding" 设为 "已制定建设计划"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "transport.siding-plan-overdue"

  场景: 已建成铁路专用线但绿色运输比例低于 80% 附条件准入
    假如 以案例 "83-aggregate-plant-green-share" 为基础
    当 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "transport.green-share"
    而且 说明包含 "80%"

  场景: 绿色运输比例达到 80% 的不触发
    假如 以案例 "83-aggregate-plant-green-share" 为基础
    而且 将 "transport.green_share_pct" 设为 "80"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "transport.green-share"

  场景: 运输车队含国三柴油货车附条件准入
    假如 以案例 "83-aggregate-plant-green-share" 为基础
    而且 修改以下事实:
      | 字段                                       | 值 |
      | transport.green_share_pct                  | 85 |
      | transport.diesel_trucks_china_iii_or_below | 6  |
    当 筛查
    那么 结论为 "附条件准入"
    而且 触发规则 "transport.china-iii-trucks"
    而且 引用条款 "四(二)1"

  场景: 没有国三及以下柴油货车的不触发
    假如 以案例 "80-logistics-park-no-siding" 为基础
    而且 将 "transport.diesel_trucks_china_iii_or_below" 设为 "0"
    当 筛查
    那么 未触发规则 "transport.china-iii-trucks"

  @missing_data
  场景: 建材项目未说明货运情况时提交审议
    假如 以案例 "83-aggregate-plant-green-share" 为基础
    而且 删除 "transport"
    当 筛查
    那么 结论为 "提交审议"
    而且 缺少事实 "transport.bulk_freight_wan_t"

  场景: 非工矿物流行业、未说明货运的项目不涉及货运规则
    假如 以案例 "87-pig-farm-no-manure" 为基础
    当 筛查
    那么 未触发规则 "transport.siding-new"
    而且 未触发规则 "transport.china-iii-trucks"
