extension Templates {
  /// Linxia (临夏) education system: the volunteer service plan of the
  /// New Era civilisation practice (临州教基函〔2022〕143号). Five main
  /// tasks with their responsible sections as the plan names them, and the
  /// quota: at least 12 concentrated services a year, at least one a month.
  public static func linxia() -> Campaign {
    var b = TemplateBuilder(prefix: "lx")
    let party = "教育党工委办公室"
    let basic = "基础教育科"
    let office = "办公室"
    let vocational = "职教成教科"
    let teachers = "教师发展科"
    let research = "教育科学研究所"
    let preschool = "学前教育发展中心"
    let arts = "体育卫生与艺术教育科"
    let safety = "安全办"
    let aid = "学生资助管理中心"

    let t1 = b.add(nil, .task, "开展教育宣讲活动，厚植爱党爱国情怀", units: [party, basic])
    b.add(t1, .item, "成立教育宣讲团，深入各县市开展校园巡讲活动",
          note: "组织教育系统优秀党员代表、优秀教师代表、优秀中小学生等成立教育宣讲团。")
    b.add(t1, .item, "“千校万生学党史、感党恩、明志向”红色研学",
          note: "利用州内博物馆、烈士纪念馆、青少年活动中心、临夏州旅游大道等校外资源，在寒暑假、节假日持续开展。")
    b.add(t1, .item, "“千万师生走城乡、看变化、数家珍、爱家乡”主题教育活动")
    b.add(t1, .item, "“讲身边故事、话临夏变化”主题教育活动")

    let t2 = b.add(nil, .task, "开展送教下乡活动，实现教育资源共享",
                   units: [office, vocational, teachers, research, party, preschool])
    b.add(t2, .item, "组建临夏州新时代助学支教志愿服务队",
          note: "组织名校长、名班主任、名师、学科带头人、骨干教师、教学能手、优秀党员等开展走基层活动。")
    b.add(t2, .item, "“文明实践+教学”：专递课堂、名师课堂、名校网络课堂",
          note: "通过“三名”人才加大边远山区学校支教力度。")
    b.add(t2, .item, "网络教研、校本教研、问诊课堂", note: "举办讲座、研讨会，利用网络平台。")

    let t3 = b.add(nil, .task, "开展送艺下乡活动，促进城乡结对共建", units: [arts, basic, research])
    b.add(t3, .item, "开设书法、美术、舞蹈、跆拳道、航模等社团活动", note: "助力“双减”政策落实。")
    b.add(t3, .item, "组建学校大型合唱团", quota: TemplateBuilder.count(15, "所"))
    b.add(t3, .item, "组建学校管弦乐队", quota: TemplateBuilder.count(7, "所"))
    b.add(t3, .item, "艺术展演、学生合唱艺术节、送艺下乡")
    b.add(t3, .item, "音乐、美术教育专业师生基本功展示，艺术教师优质课评比")
    b.add(t3, .item, "花儿进校园、文化艺术周系列活动", note: "配合临夏州新时代文化文艺服务志愿服务队。")

    let t4 = b.add(nil, .task, "开展劳动实践活动，提高学生综合素质", units: [arts, vocational])
    b.add(t4, .item, "公益劳动、志愿服务、学工学农等实践活动",
          note: "利用劳动教育实践基地、综合实践基地、实习实训基地和其他社会资源。")
    b.add(t4, .item, "学雷锋纪念日、五一劳动节、农民丰收节劳动教育实践活动")
    b.add(t4, .item, "“大讲堂”“劳动技能培训”", note: "邀请能工巧匠、技能大师、科技农林畜牧“土专家”。")

    let t5 = b.add(nil, .task, "开展送法下乡活动，提升群众法治素养", units: [safety, basic, vocational, aid],
                   note: "责任科室原文作“安全办、基础教科、职教成教科、学生资助管理中心”。")
    b.add(t5, .item, "中小学和职业学校法治宣传教育活动", note: "以青少年学生和管理干部普法教育为重点。")
    b.add(t5, .item, "精准落实各项资助政策，应助尽助",
          note: "“15年免费教育”“营养餐计划”；学前教育保教资金、义务教育寄宿生生活补助费、高中国家助学金、中职免学费、中职助学金、大学生路费、生源地信用助学贷款等。")

    let duty = b.add(nil, .group, "工作要求")
    b.add(duty, .task, "成立教育系统新时代文明实践志愿服务工作领导小组",
          units: [office, basic, vocational, teachers, arts, party, research, safety, preschool, aid],
          note: "局主要负责同志为组长，局党组各成员为副组长，相关科室负责人为成员。")
    b.add(duty, .item, "加大宣传力度", note: "弘扬“奉献、友爱、互助、进步”志愿服务精神。")
    b.add(duty, .team, "临夏州教育系统新时代文明实践助学支教志愿服务队：集中服务",
          note: "全年集中服务不少于12次（原则上每个月至少开展一次）；对照《临夏州教育系统新时代文明实践志愿服务活动清单》按确定的时间开展。",
          quota: TemplateBuilder.count(12, "次", perMonth: 1))

    return b.campaign(
      id: "linxia", title: "临夏州教育系统新时代文明实践志愿服务活动方案", start: nil, end: nil,
      source: "临夏回族自治州教育局 临州教基函〔2022〕143号《关于上报〈临夏州教育系统新时代实践志愿服务活动方案〉的报告》")
  }
}
