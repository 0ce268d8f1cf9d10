# language: zh-CN
@site_map
功能: 按选址坐标核对生态保护红线、基本农田、禁燃区、建成区、“三线一单”单元和园区
  临东环委发〔2022〕1号 二(二)1：将“三线一单”作为重大项目选址和审批的重要依据。
  项目给出 site.location（GeoJSON 点或多边形，CGCS2000/WGS84/GCJ-02/BD-09）时，区位事实由
  rules/zones/ 的图层计算；申报与图层矛盾的提交审议并写明两者；图层之外按申报筛查并警告。
  本目录自带的图层均为示意图层，每条依据图层的发现都注明“示意图层，非正式划定成果”。

  背景:
    假如 以案例 "93-warehouse-point-outside-red-line" 为基础

  场景: 点位在沂河红线外 73 米：准予准入，提示距红线不足 100 米
    当 筛查
    那么 结论为 "准予准入"
    而且 触发规则 "site-map.near-red-line"
    而且 说明包含 "距红线边界 73 米"
    但是 未触发规则 "zones.ecological-red-line"
    而且 选址图画出选址和 "ecological_red_line" 区域 "沂河河东段生态保护红线"

  场景: 点位西移到红线内约 46 米：由图层判定位于红线内，不予准入
    假如 将 "site.location.coordinates" 设为 "[118.4015, 35.12]"
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "zones.ecological-red-line"
    而且 说明包含 "示意图层，非正式划定成果"
    而且 说明包含 "距边界 46 米"
    但是 未触发规则 "site-map.near-red-line"
    而且 选址图画出选址和 "ecological_red_line" 区域 "沂河河东段生态保护红线"

  场景: 点位远离红线：没有任何发现
    假如 将 "site.location.coordinates" 设为 "[118.43, 35.15]"
    当 筛查
    那么 结论为 "准予准入"
    而且 没有任何发现
    而且 警告包含 "示意图层"

  场景: 申报不在红线内、图层在红线内：以图层为准不予准入，并提交审议写明两者
    假如 修改以下事实:
      | 字段                          | 值                  |
      | zones.ecological_red_line     | false               |
      | site.location.coordinates     | [118.4015, 35.12]   |
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "site-map.red-line-disagrees"
    而且 触发规则 "zones.ecological-red-line"
    而且 说明包含 "申报不在生态保护红线内，但选址位于生态保护红线“沂河河东段生态保护红线（示意）”内"

  场景: 申报不在红线内、图层也不在：申报与图层一致
    假如 将 "zones.ecological_red_line" 设为 "false"
    当 筛查
    那么 未触发规则 "site-map.red-line-disagrees"
    而且 结论为 "准予准入"

  场景: 申报位于红线内、图层不在：按图层筛查，不否决，提交审议
    假如 将 "zones.ecological_red_line" 设为 "true"
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "site-map.red-line-disagrees"
    而且 说明包含 "申报位于生态保护红线内，但选址不在生态保护红线内"
    但是 未触发规则 "zones.ecological-red-line"

  场景: 高德（GCJ-02）坐标换算后才落入红线
    假如 修改以下事实:
      | 字段                          | 值                        |
      | site.location.crs             | GCJ-02                    |
      | site.location.coordinates     | [118.405794, 35.149698]   |
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "zones.ecological-red-line"

  场景: 同一组数字按 WGS84 读：在红线外 300 多米
    假如 修改以下事实:
      | 字段                          | 值                        |
      | site.location.crs             | WGS84                     |
      | site.location.coordinates     | [118.405794, 35.149698]   |
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "zones.ecological-red-line"
    而且 未触发规则 "site-map.near-red-line"

  场景: 用地多边形约 9% 压占永久基本农田：不予准入，说明重叠面积和比例
    假如 以案例 "94-warehouse-polygon-basic-farmland" 为基础
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "zones.permanent-basic-farmland"
    而且 说明包含 "重叠 1.52 公顷（占选址 9.1%）"
    而且 选址图画出选址和 "permanent_basic_farmland" 区域 "郑旺镇永久基本农田保护片"

  场景: 用地多边形西移 60 米，不再压占基本农田
    假如 以案例 "94-warehouse-polygon-basic-farmland" 为基础
    而且 将 "site.location.coordinates" 设为 "[[[118.494, 35.175], [118.4994, 35.175], [118.4994, 35.178], [118.494, 35.178], [118.494, 35.175]]]"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "zones.permanent-basic-farmland"
    而且 未触发规则 "site-map.farmland-disagrees"

  场景: 申报占用基本农田、图层不占用：提交审议
    假如 以案例 "94-warehouse-polygon-basic-farmland" 为基础
    而且 将 "zones.permanent_basic_farmland" 设为 "true"
    而且 将 "site.location.coordinates" 设为 "[[[118.494, 35.175], [118.4994, 35.175], [118.4994, 35.178], [118.494, 35.178], [118.494, 35.175]]]"
    当 筛查
    那么 触发规则 "site-map.farmland-disagrees"
    而且 结论为 "提交审议"

  场景: 燃煤锅炉项目只给坐标，图层判定位于第Ⅱ类禁燃区：不予准入
    假如 以案例 "97-bakery-coal-boiler-class-ii-map" 为基础
    当 筛查
    那么 触发规则 "no-burn.class-ii-coal"
    而且 说明包含 "rules/zones/no-burn-zones.geojson"
    而且 选址图画出选址和 "no_burn_zone" 区域 "中心城区第Ⅱ类禁燃区"

  场景: 同一燃煤锅炉项目移到禁燃区外：不按禁燃区否决
    假如 以案例 "97-bakery-coal-boiler-class-ii-map" 为基础
    而且 将 "site.location.coordinates" 设为 "[118.53, 35.06]"
    当 筛查
    那么 未触发规则 "no-burn.class-ii-coal"
    而且 触发规则 "coal.small-boiler"

  场景: 申报不在禁燃区、坐标在第Ⅲ类禁燃区：提交审议
    假如 以案例 "98-bakery-gas-declared-no-burn-none" 为基础
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "site-map.no-burn-disagrees"
    而且 说明包含 "申报不在禁燃区内，但选址位于第Ⅲ类禁燃区"

  场景: 申报第Ⅲ类禁燃区，与图层一致
    假如 以案例 "98-bakery-gas-declared-no-burn-none" 为基础
    而且 将 "zones.no_burn_zone" 设为 "III"
    当 筛查
    那么 未触发规则 "site-map.no-burn-disagrees"
    而且 结论为 "准予准入"

  场景: 申报不在建成区、坐标在建成区：提交审议
    假如 将 "zones.urban_built_up_area" 设为 "false"
    而且 将 "site.location.coordinates" 设为 "[118.45, 35.11]"
    当 筛查
    那么 触发规则 "site-map.urban-disagrees"
    而且 结论为 "提交审议"

  场景: 申报在建成区、坐标在建成区：一致
    假如 将 "zones.urban_built_up_area" 设为 "true"
    而且 将 "site.location.coordinates" 设为 "[118.45, 35.11]"
    当 筛查
    那么 未触发规则 "site-map.urban-disagrees"

  场景: 申报一般管控单元、坐标在优先保护单元：提交审议，并按图层的单元筛查
    假如 修改以下事实:
      | 字段                          | 值                  |
      | site.three_lines_unit         | 一般管控单元        |
      | site.location.coordinates     | [118.4015, 35.12]   |
    当 筛查
    那么 触发规则 "site-map.unit-disagrees"
    而且 说明包含 "ZH37131210001"

  场景: 申报一般管控单元、坐标在一般管控单元：一致
    假如 将 "site.three_lines_unit" 设为 "一般管控单元"
    当 筛查
    那么 未触发规则 "site-map.unit-disagrees"

  场景: 工业项目坐标落在优先保护单元：按图层的单元否决大规模工业开发
    假如 修改以下事实:
      | 字段                          | 值                  |
      | industry.code                 | 3351                |
      | industry.product              | 建筑五金            |
      | site.location.coordinates     | [118.4015, 35.12]   |
    当 筛查
    那么 触发规则 "three-lines.priority-unit-industry"
    而且 说明包含 "单元 ZH37131210001"

  场景: 五金项目申报园区外、百度坐标在五金产业园：须核实园区
    假如 以案例 "99-hinges-declarations-contradicted" 为基础
    当 筛查
    那么 触发规则 "site-map.park-disagrees"
    而且 未触发规则 "hardware.outside-park"

  场景: 仓储项目申报园区外而坐标在园区内：园区只问五金、装备项目
    假如 修改以下事实:
      | 字段                          | 值                  |
      | site.in_industrial_park       | false               |
      | site.location.coordinates     | [118.49, 35.15]     |
    当 筛查
    那么 未触发规则 "site-map.park-disagrees"

  场景: 选址在所有图层之外：按申报筛查，警告未对照图层核对
    假如 以案例 "96-warehouse-outside-every-layer" 为基础
    当 筛查
    那么 结论为 "准予准入"
    而且 警告包含 "未对照图层核对"
    而且 未触发规则 "site-map.red-line-disagrees"

  场景: 不给坐标的项目不画选址图、不对照图层
    假如 删除 "site.location"
    当 筛查
    那么 没有选址图
    而且 未触发规则 "site-map.near-red-line"
