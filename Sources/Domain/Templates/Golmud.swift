extension Templates {
  /// Golmud (格尔木) 2021–2023: the new round of National Civilised City
  /// creation. Facts from the two Golmud reports in the seed documents:
  /// the responsibility system, 7 red-education bases, the four-level
  /// practice system (1 centre, 3 sub-centres, 9 institutes, 47 stations),
  /// the "1+6+N" volunteer teams, 10 categories of livelihood projects, and
  /// the activity counts the reports give, as quotas.
  public static func golmud() -> Campaign {
    var b = TemplateBuilder(prefix: "gm")
    let end = "2023-12-31"
    let publicity = "市委宣传部"
    let office = "未成年人思想道德建设工作领导小组办公室"
    let schools = "各校（园）"
    let centreUnit = "市新时代文明实践中心"
    let volunteers = "志愿服务指导中心"

    // 1 Responsibility system.
    let duty = b.add(nil, .group, "创建工作责任体系", units: [publicity], due: end,
                     note: "市党政“一把手”以上率下，认真履行第一责任人职责，发挥“头雁效应”；把群众满意作为第一标准。")
    b.add(duty, .item, "印发《格尔木市2021—2023年创建全国文明城市工作方案》")
    b.add(duty, .item, "印发《格尔木市2021年创建全国文明城市工作要点》", due: "2021-12-31")
    b.add(duty, .item, "印发《格尔木市创建全国文明城市工作责任追究制度》")
    b.add(duty, .item, "学习贯彻落实《海西蒙古族藏族自治州文明行为促进条例》工作方案")
    b.add(duty, .task, "成立未成年人思想道德建设工作领导小组", units: [publicity],
          note: "以市委常委、宣传部长为组长，各部门主要负责同志为成员；党委统一领导、党政群齐抓共管、相关部门各负其责、全社会积极参与。")
    b.add(duty, .task, "与各校（园）签订《未成年人思想道德建设责任书》", units: [office, schools],
          note: "依托全市63所中小学校作为未成年人思想道德建设的主阵地，全面压实工作责任，明确目标任务。",
          quota: TemplateBuilder.count(63, "所"))
    let five = b.add(duty, .task, "“五个到位”筑牢未成年人思想道德根基", units: [office])
    b.add(five, .item, "坚持思想认识到位", note: "贯彻落实《青海省未成年人保护条例》，将未成年人思想道德建设与教育教学工作有机融合。")
    b.add(five, .item, "坚持组织领导到位", note: "成立工作领导小组，形成齐抓共管的工作机制。")
    b.add(five, .item, "坚持学习教育到位", note: "传达学习习近平总书记关于未成年人思想道德建设的重要论述及《未成年人保护法》《青海省未成年人保护条例》。")
    b.add(five, .item, "坚持宣传到位", units: [schools], note: "各校（园）通过宣传栏、展板、LED显示屏、黑板报等方式广泛宣传。")
    b.add(five, .item, "坚持督导考核到位", units: [office],
          note: "纳入教育系统领导班子年度目标考核；督导组定期或不定期督导检查，对存在的问题列出清单限期整改，对开展较好的树立典型。")
    let merge = b.add(duty, .task, "“五个融入”开创未成年人思想道德建设新局面")
    let practice = b.add(merge, .task, "融入社会实践活动")
    b.add(practice, .item, "学雷锋志愿服务活动", quota: TemplateBuilder.count(156, "场次"))
    b.add(practice, .item, "线上“学党史 祭英烈”活动", quota: TemplateBuilder.count(36, "场次"))
    b.add(merge, .item, "融入文明创建活动", note: "“文明餐桌 厉行节约”“文明交通”“文明上网”等系列主题活动。")
    b.add(merge, .item, "融入法治教育活动", note: "专家讲座、主题班会；食品安全、电信诈骗、预防校园欺凌法治宣传；校园周边“三无”食品及“辣条”专项整治。")
    b.add(merge, .item, "融入社会主义核心价值观教育活动", note: "利用“两路”精神主题展览馆、将军楼主题公园等开展红色教育活动。")
    let service = b.add(merge, .task, "融入服务大格局",
                        note: "学校、家庭、社区“三结合”教育网络；累计为413名未成年人发放低保金318.2万元，临时救助326名未成年人，救助资金101.2万元。")
    b.add(service, .item, "建立家长学校", quota: TemplateBuilder.count(27, "所"))
    b.add(service, .item, "建立留守流动儿童之家", quota: TemplateBuilder.count(7, "个"))
    b.add(service, .item, "建立家庭教育指导中心", quota: TemplateBuilder.count(7, "个"))
    b.add(service, .item, "设立青少年思想道德建设辅导站等阵地", note: "4个乡镇、29个社区设立青少年思想道德建设辅导站、法制教育辅导站、心理减压室等阵地。",
          quota: TemplateBuilder.count(33, "个"))

    // 2 Red-education bases: seven, three of them named in the report.
    let bases = b.add(nil, .group, "红色教育基地（7个）", due: end,
                      note: "各级党组织用好用活7个红色教育基地，把“两路”精神当作党史学习教育的重要内容和生动教材。")
    b.add(bases, .base, "青藏公路建设指挥部及将军楼旧址", site: Site(address: "格尔木市", category: "旧址"))
    b.add(bases, .base, "“两路”精神主题教育展览馆", site: Site(address: "格尔木市", category: "展览馆"))
    b.add(bases, .base, "烈士陵园", site: Site(address: "格尔木市", category: "烈士陵园"))
    for k in 4...7 {
      b.add(bases, .base, "红色教育基地（待补充）\(k)", note: "原文称共有7个红色教育基地，仅列出3个名称：请补充名称、级别、地址。")
    }

    // 3 The practice system: 1 centre, 3 sub-centres, 9 institutes, 47 stations.
    let system = b.add(nil, .group, "新时代文明实践（1个中心、3个分中心、9个所、47个站）", due: end,
                       note: "2019年9月被中央文明委确定为全国新时代文明实践中心建设试点城市；构建市、城区、乡镇（街道）、村（社区）四级组织体系，村级联建、乡镇托管。")
    let centre = b.add(system, .centre, "格尔木市新时代文明实践中心", units: [centreUnit])
    var station = 0
    var institute = 0
    for s in 1...3 {
      let sub = b.add(centre, .subcentre, "新时代文明实践分中心 \(s)")
      for _ in 1...3 {
        institute += 1
        let inst = b.add(sub, .institute, "新时代文明实践所 \(institute)")
        // 47 stations over 9 institutes: the first two have 6, the rest 5.
        for _ in 1...(institute <= 2 ? 6 : 5) {
          station += 1
          b.add(inst, .station, "新时代文明实践站 \(station)",
                note: "每月开展“主题式”文明实践活动。",
                quota: TemplateBuilder.count(12, "次", perMonth: 1))
        }
      }
    }
    let teams = b.add(system, .group, "志愿服务队伍（“1+6+N”）", units: [volunteers],
                      note: "按照“1+6+N”工作模式组建；围绕疫情防控、乡村振兴、生态环保、民族团结进步、全国文明城市创建等重点工作，每月开展“主题式”文明实践活动。")
    b.add(teams, .team, "志愿服务总队", units: [volunteers])
    let special = b.add(teams, .group, "专业志愿服务队（6支）")
    for name in ["政策理论宣讲", "教育帮扶", "法律普及", "文化体育", "卫生健康", "科技普及"] {
      b.add(special, .team, name + "志愿服务队")
    }
    let featured = b.add(teams, .group, "特色志愿服务队（5支）")
    for name in ["党员", "职工", "青年", "巾帼", "企业"] {
      b.add(featured, .team, name + "志愿服务队")
    }
    b.add(teams, .team, "大队、分队、小队", note: "各分中心、所、站建立大队、分队、小队60支。",
          quota: TemplateBuilder.count(60, "支"))
    b.add(system, .item, "新时代文明实践中心云平台", note: "集志愿工作平台、服务平台、管理平台、宣传平台于一体。")
    b.add(system, .item, "精准服务：群众点单、基层报单、中心派单、队伍接单、群众和中心评单",
          note: "推行“四单”精准服务方式。")
    b.add(system, .item, "紧缺志愿服务项目", note: "“爱心公益”救助、野外救援、藏汉双语翻译等。")
    b.add(system, .item, "设立“百姓议事厅”，开办“暖心食堂”")
    b.add(system, .item, "“格尔木好人”“五星级文明户”表彰", note: "贯彻落实《新时代公民道德建设实施纲要》。")
    b.add(system, .item, "推动移风易俗", note: "村规民约、道德评议会、红白理事会；抵制封建迷信、陈规陋习和非法宗教活动。")

    // 4 Minors' moral education: the activity counts of the report.
    let youth = b.add(nil, .group, "未成年人思想道德建设活动", units: [office], due: end,
                      note: "“一心四全八阵地+”工作机制；“童心向党”“扣好人生第一粒扣子”“争当新时代好少年”系列实践活动。")
    b.add(youth, .item, "“思政课堂进校园”：党员干部进班讲思政课", quota: TemplateBuilder.count(120, "节"))
    b.add(youth, .item, "“实景课堂”实践教育活动", quota: TemplateBuilder.count(53, "节"))
    b.add(youth, .item, "喜迎百年华诞优秀主题征文", quota: TemplateBuilder.count(1000, "篇"))
    b.add(youth, .item, "手抄报", quota: TemplateBuilder.count(1500, "份"))
    b.add(youth, .item, "红色故事会", quota: TemplateBuilder.count(30, "场次"))
    b.add(youth, .item, "红色歌曲比赛", quota: TemplateBuilder.count(10, "场"))
    b.add(youth, .item, "演讲比赛", quota: TemplateBuilder.count(20, "场次"))
    b.add(youth, .item, "乡村学校少年宫建设", note: "长江源学校、新村逸夫小学、宝库村小学等。",
          quota: TemplateBuilder.count(6, "个"))
    let model = b.add(youth, .task, "校园文化建设示范校")
    b.add(model, .item, "省级校园文化建设示范校", quota: TemplateBuilder.count(2, "所"))
    b.add(model, .item, "海西州校园文化建设示范校", quota: TemplateBuilder.count(3, "所"))
    b.add(model, .item, "新时代校园文化建设示范校", quota: TemplateBuilder.count(16, "所"))

    // 5 Party-history study.
    let history = b.add(nil, .group, "党史学习教育", due: end, note: "学党史、悟思想、办实事、开新局。")
    b.add(history, .item, "市委书记讲党课", quota: TemplateBuilder.count(2, "次"))
    b.add(history, .item, "市委书记讲思政课", quota: TemplateBuilder.count(1, "次"))
    b.add(history, .item, "市委理论中心组集体学习", quota: TemplateBuilder.count(23, "次"))
    b.add(history, .item, "市委理论中心组专题学习研讨", quota: TemplateBuilder.count(7, "次"))
    b.add(history, .item, "县级干部专题读书班", quota: TemplateBuilder.count(2, "期"))
    b.add(history, .item, "集体学习", quota: TemplateBuilder.count(4000, "次"))
    b.add(history, .item, "交流研讨", quota: TemplateBuilder.count(460, "次"))
    b.add(history, .item, "主题党日活动", quota: TemplateBuilder.count(850, "次"))
    b.add(history, .item, "知识竞答", quota: TemplateBuilder.count(100, "场次"))
    b.add(history, .item, "征订各类书籍", quota: TemplateBuilder.count(16000, "本"))

    // 6 Practical things for the people: 10 categories, 50 projects.
    let people = b.add(nil, .group, "我为群众办实事", due: end,
                       note: "各级党组织落实“四必访”工作要求，解决群众“急难愁盼”问题。")
    let projects = b.add(people, .task, "民生实事工程（10大类50项）", quota: TemplateBuilder.count(50, "项"))
    for name in ["教育提升", "医疗服务", "幸福养老", "稳定就业", "优化出行",
                 "民生救助", "环境改善", "文化惠民", "生态防治", "乡村振兴"] {
      b.add(projects, .task, name)
    }
    b.add(people, .item, "“四个一批”重点任务", note: "巩固拓展脱贫攻坚成果的政策举措、为民惠民的实招硬招、造福于民的项目工程、解决群众反映强烈的突出问题。",
          quota: TemplateBuilder.count(1500, "件"))
    b.add(people, .item, "城市建管精细化", note: "老小区升级改造；绿化、亮化景观提升及市政管养纳入规范化、精细化管理。")

    return b.campaign(
      id: "golmud", title: "格尔木市创建全国文明城市（2021—2023年）", start: "2021-01-01", end: end,
      source: "《倾力擦亮瀚海新城的幸福底色——青海省海西蒙古族藏族自治州格尔木市新一轮全国文明城市创建工作掠影》；《青海省格尔木市为未成年人健康成长保驾护航》")
  }
}
