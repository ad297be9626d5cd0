extension Templates {
  /// Changzhou (常州) education bureau: the 2022 work points of the
  /// committee for the next generation (关工委). Five numbered sections with
  /// their items, the red resources named, and the memorial days as dated
  /// activities of 2022.
  public static func changzhou() -> Campaign {
    var b = TemplateBuilder(prefix: "cz")
    let committees = "各级教育关工委"
    let lecturers = "关工委讲师团"
    let end = "2022-12-31"

    let s1 = b.add(nil, .group, "深入学习贯彻党的十九届六中全会精神，为做好关工委工作明方向、添动力",
                   units: [committees], due: end)
    b.add(s1, .item, "召开各级教育关工委负责人会议，组织开展一次十九届六中全会精神集中培训",
          quota: TemplateBuilder.count(1, "次"))
    b.add(s1, .item, "讲师团开展一次十九届六中全会精神学习交流活动，写出一批宣讲材料", units: [lecturers],
          quota: TemplateBuilder.count(1, "次"))
    b.add(s1, .item, "依托退教协组织对退休老同志进行一次十九届六中全会宣讲", units: ["退教协"],
          quota: TemplateBuilder.count(1, "次"))
    b.add(s1, .item, "把十九届六中全会精神和“七一”讲话列入年内重要学习内容", due: end)

    let s2 = b.add(nil, .group, "着力打造“立德树人”四张名片，把青少年思想道德教育做深、做实、做新",
                   units: [committees], due: end)
    let team = b.add(s2, .task, "打造育人队伍名片")
    b.add(team, .item, "充实加强各地各校讲师团队伍", units: [lecturers])
    b.add(team, .item, "参与省教育系统关工委“社会主义核心价值观”精品教育案例评选", units: [lecturers])
    b.add(team, .item, "办好老园丁艺术团、老园丁摄影团")
    let red = b.add(s2, .task, "打造红色资源名片", note: "组织学生参观、走访、开展纪念活动、编写当地的革命斗争史。")
    b.add(red, .base, "常州“三杰”纪念馆", site: Site(address: "常州市", category: "纪念馆"))
    b.add(red, .base, "烈士陵园", site: Site(address: "常州市", category: "烈士陵园"))
    b.add(red, .base, "革命英雄纪念碑", site: Site(address: "常州市", category: "纪念碑"))
    let days: [(String, String)] = [
      ("清明节纪念教育活动", "2022-04-05"), ("常州解放纪念日教育活动", "2022-04-23"),
      ("“五四”青年节教育活动", "2022-05-04"), ("“七一”建党节教育活动", "2022-07-01"),
      ("“八一”建军节教育活动", "2022-08-01"), ("庆祝抗战胜利纪念日教育活动", "2022-09-03"),
      ("“十一”国庆节教育活动", "2022-10-01"),
    ]
    for (title, day) in days { b.add(red, .item, title, due: day) }
    let culture = b.add(s2, .task, "打造历史文化名片")
    b.add(culture, .item, "参与市关工委“文化塑造未来”铸魂工程", note: "办文化讲坛、讲名人故事、访名人故居。")
    b.add(culture, .item, "办好“书香常州”暑期读书活动", due: "2022-08-31")
    b.add(culture, .item, "组织中小学生参加省教育系统关工委主题读书征文活动")
    let family = b.add(s2, .task, "打造家庭和社区教育名片")
    b.add(family, .item, "组织学习贯彻《家庭教育促进法》，加强家长学校总校建设")
    b.add(family, .item, "已通过合格认定的家长学校总校完善工作制度", quota: TemplateBuilder.count(6, "个"))
    b.add(family, .item, "协助经开区社会事业局接受省第四批合格家长学校总校认定", units: ["经开区社会事业局"])
    b.add(family, .item, "筹建常州家长学校总校联盟")
    b.add(family, .item, "“双减”新形势下家庭教育、社区教育调研")
    b.add(family, .item, "建立校站结合制、人生导师制、站家联系制三项制度")

    let s3 = b.add(nil, .group, "立足基层、高质量抓好关工委优质化试点，扎实推进关工委的优质均衡发展",
                   units: [committees], due: end, note: "2022年是关工委优质化建设全面推进年。")
    b.add(s3, .item, "按照《关工委优质化建设均衡发展基本要求》推进基层、学校关工委优质均衡发展")
    b.add(s3, .item, "落实《关于进一步加强新时代基层关工委组织建设和“五老”队伍建设的实施意见》")
    b.add(s3, .item, "召开“推进关工委优质均衡发展”试点单位工作交流和推进会", due: "2022-06-30",
          note: "上半年拟召开。")
    b.add(s3, .item, "确定全市第二批优质化建设试点单位")
    b.add(s3, .item, "推动新建单位和民办学校组建关工委并常态化运行")
    b.add(s3, .item, "参与关工委优质化建设优秀论文和调研报告评选")

    let s4 = b.add(nil, .group, "继续加强关工委工作平台建设，深化和细化青少年关爱工作",
                   units: [committees], due: end)
    b.add(s4, .item, "传承巩固关爱服务平台",
          note: "结对帮教、爱心结对、四点钟课堂、心理咨询、关爱超市、参与“青蓝工程”、免费导学、帮困助学。")
    b.add(s4, .item, "创建新的服务平台")
    b.add(s4, .item, "运用“互联网＋关工委”提供线上关爱服务", note: "更加重视对青少年的精神关爱。")

    let s5 = b.add(nil, .group, "进一步加强关工委自身建设，提高关工委的凝聚力、战斗力",
                   units: [committees], due: end)
    b.add(s5, .item, "为关工委同志提供学习培训机会")
    b.add(s5, .item, "把调查研究作为经常化、制度化的一项工作")
    b.add(s5, .item, "建立关工委通讯员队伍，向省、市级媒体推送文稿")
    b.add(s5, .item, "召开关工委宣传工作总结表彰会", due: end, note: "年终召开。")
    b.add(s5, .item, "梳理省教育系统关工委和常州市关工委2022年工作要点部署的其他工作")

    return b.campaign(
      id: "changzhou", title: "常州市教育局关心下一代工作2022年工作要点", start: "2022-01-01", end: end,
      source: "常州市教育局关心下一代工作2022年工作要点")
  }
}
