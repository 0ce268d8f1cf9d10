# language: zh-CN
@agriculture
功能: 农药生产、拟开垦耕地土壤调查与规模养殖场粪污设施
  临东环委发〔2022〕1号 五(一)2：严禁生产甲胺磷等国家禁止生产农药；五(一)3：对未利用地、复垦土地等
  拟开垦为耕地的地块开展土壤污染状况调查；五(二)2：全区规模养殖场粪污设施配建率保持 100%。
  禁止生产农药清单见 rules/catalogues/banned_pesticides.yaml（未核实，按有效成分通用名比对）；
  规模养殖场标准见 rules/parameters/livestock.yaml（未核实）。
  农业、土地整治和采矿项目（采矿项目都有土地复垦义务）须说明是否将未利用地、复垦土地开垦为耕地。

  场景: 农药原药车间生产甲胺磷不予准入
    假如 以案例 "85-pesticide-methamidophos" 为基础
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "pesticides.banned"
    而且 引用条款 "五(一)2"
    而且 说明包含 "甲胺磷"

  场景大纲: 生产清单中的其他禁止生产农药同样不予准入
    假如 以案例 "86-pesticide-formulation-allowed" 为基础
    而且 将 "pesticides.active_ingredients" 设为 "[吡虫啉, <农药>]"
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "pesticides.banned"

    例子:
      | 农药       |
      | 对硫磷     |
      | 久效磷     |
      | 特丁硫磷   |

  场景: 后续列入禁用名录、公告原文未逐条核实的农药提交审议
    假如 以案例 "86-pesticide-formulation-allowed" 为基础
    而且 将 "pesticides.active_ingredients" 设为 "[吡虫啉, 三氯杀螨醇]"
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "pesticides.banned-later"
    但是 未触发规则 "pesticides.banned"

  场景: 2023 年生产甲拌磷不予准入（农业农村部公告第536号，2022-09-01 起禁止生产）
    假如 以案例 "86-pesticide-formulation-allowed" 为基础
    而且 将 "pesticides.active_ingredients" 设为 "[甲拌磷]"
    当 按 "2023-03-01" 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "pesticides.banned-536"

  场景: 2022 年 8 月甲拌磷的生产禁令尚未施行
    假如 以案例 "86-pesticide-formulation-allowed" 为基础
    而且 将 "pesticides.active_ingredients" 设为 "[甲拌磷]"
    当 按 "2022-08-31" 筛查
    那么 未触发规则 "pesticides.banned-536"

  场景: 不含禁止生产农药的制剂项目准予准入
    假如 以案例 "86-pesticide-formulation-allowed" 为基础
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "pesticides.banned"

  @missing_data
  场景: 农药企业未列明产品有效成分时提交审议
    假如 以案例 "86-pesticide-formulation-allowed" 为基础
    而且 删除 "pesticides"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "pesticides.banned"
    而且 缺少事实 "pesticides.active_ingredients"

  场景: 未利用地、复垦土地拟开垦为耕地未做土壤污染状况调查提交审议
    假如 以案例 "89-land-consolidation-no-survey" 为基础
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "land.farmland-soil-survey"
    而且 引用条款 "五(一)3"

  场景大纲: 已做土壤调查或不开垦为耕地的不触发
    假如 以案例 "89-land-consolidation-no-survey" 为基础
    而且 修改以下事实:
      | 字段                                   | 值       |
      | land_reclamation.to_farmland           | <开垦>   |
      | land_reclamation.soil_pollution_survey | <调查>   |
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "land.farmland-soil-survey"

    例子:
      | 开垦  | 调查  |
      | true  | true  |
      | false | false |

  场景: 矿山复垦土地拟开垦为耕地而未开展土壤调查的同样提交审议
    假如 以案例 "81-limestone-quarry-siding-due" 为基础
    而且 将 "land_reclamation.soil_pollution_survey" 设为 "false"
    当 筛查
    那么 触发规则 "land.farmland-soil-survey"

  @missing_data
  场景: 矿山项目未说明复垦土地去向时提交审议，不视为不开垦耕地
    假如 以案例 "81-limestone-quarry-siding-due" 为基础
    而且 删除 "land_reclamation"
    当 筛查
    那么 结论为 "提交审议"
    而且 无法判定规则 "land.farmland-soil-survey"
    而且 缺少事实 "land_reclamation.to_farmland"

  场景: 规模生猪养殖场未配建粪污处理设施，规模标准只读到二手页面，提交审议
    假如 以案例 "87-pig-farm-no-manure" 为基础
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "livestock.manure-facilities"
    而且 引用条款 "五(二)2"
    而且 说明包含 "500"

  场景: 配建粪污处理设施的规模养殖场准予准入
    假如 以案例 "87-pig-farm-no-manure" 为基础
    而且 将 "livestock.manure_facilities" 设为 "true"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "livestock.manure-facilities"

  场景: 年出栏 2 万只的肉鸡场低于规模标准 5 万只，不适用规模养殖场要求
    假如 以案例 "87-pig-farm-no-manure" 为基础
    而且 修改以下事实:
      | 字段              | 值    |
      | livestock.species | 肉鸡  |
      | livestock.head    | 20000 |
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "livestock.manure-facilities"

  场景: 未达规模的养殖场不适用规模养殖场粪污设施要求
    假如 以案例 "87-pig-farm-no-manure" 为基础
    而且 将 "livestock.head" 设为 "400"
    当 筛查
    那么 结论为 "准予准入"
    而且 未触发规则 "livestock.manure-facilities"

  @missing_data
  场景: 畜种没有规模标准时提交审议
    假如 以案例 "87-pig-farm-no-manure" 为基础
    而且 将 "livestock.species" 设为 "其他"
    当 筛查
    那么 结论为 "提交审议"
    而且 缺少事实 "param.livestock.scale_head"

  场景: 2024 年 7 月生产克百威制剂不予准入（农业农村部公告第736号）
    假如 以案例 "135-carbofuran-formulation-2024" 为基础
    当 筛查
    那么 结论为 "不予准入"
    而且 触发规则 "pesticides.banned-736"

  场景: 2024 年 5 月第736号已发布、制剂生产禁令尚未施行：提交审议
    假如 以案例 "135-carbofuran-formulation-2024" 为基础
    当 按 "2024-05-31" 筛查
    那么 未触发规则 "pesticides.banned-736"
    而且 触发规则 "pesticides.banned-736-announced"
    而且 结论为 "提交审议"

  场景: 第736号发布之前，克百威制剂生产不因该公告审查
    假如 以案例 "135-carbofuran-formulation-2024" 为基础
    当 按 "2023-12-24" 筛查
    那么 未触发规则 "pesticides.banned-736"
    而且 未触发规则 "pesticides.banned-736-announced"

  场景: 第536号发布之前，甲拌磷原药生产不因该公告审查
    假如 以案例 "134-phorate-plant-2022-06" 为基础
    当 按 "2022-03-15" 筛查
    那么 未触发规则 "pesticides.banned-536-announced"
    而且 未触发规则 "pesticides.banned-536"

  场景: 克百威原药仅供境外使用，须核实境外使用登记，提交审议
    假如 以案例 "100-carbofuran-export-2024" 为基础
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "pesticides.export-only"
    但是 未触发规则 "pesticides.banned-736"

  场景: 百草枯原药供境内使用，境内已禁用，提交审议
    假如 以案例 "101-paraquat-domestic-2023" 为基础
    当 筛查
    那么 结论为 "提交审议"
    而且 触发规则 "pesticides.domestic-use-banned"
    但是 未触发规则 "pesticides.export-only"

  场景: 百草枯原药仅供境外使用时不按境内禁用审查
    假如 以案例 "101-paraquat-domestic-2023" 为基础
    而且 将 "pesticides.export_only" 设为 "true"
    当 筛查
    那么 未触发规则 "pesticides.domestic-use-banned"
    而且 触发规则 "pesticides.export-only"

