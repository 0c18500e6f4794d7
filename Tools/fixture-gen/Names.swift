/// The words fixtures are built from, in Simplified Chinese, Traditional Chinese and English.
///
/// Every name in a fixture is assembled from these parts (a customer is city + trade name +
/// business + legal form), so the same generated department can be written in any of the three.

/// The language a workbook is written in: its sheet names, headers, labels and names.
enum Language: Sendable {
    case simplified
    case traditional
    case english
}

/// One word or phrase in the three languages; English is pinyin for Chinese proper names.
struct Text3: Sendable {
    let hans: String
    let hant: String
    let en: String

    init(_ hans: String, _ hant: String, _ en: String) {
        self.hans = hans
        self.hant = hant
        self.en = en
    }

    /// The same text in all three (codes, model numbers).
    init(_ same: String) {
        self.init(same, same, same)
    }

    func callAsFunction(_ language: Language) -> String {
        switch language {
        case .simplified: hans
        case .traditional: hant
        case .english: en
        }
    }

    /// Concatenation in each language, with `separator` between the English parts only.
    func joined(_ other: Text3, englishSeparator: String = " ") -> Text3 {
        Text3(
            hans + other.hans, hant + other.hant,
            en.isEmpty ? other.en : other.en.isEmpty ? en : en + englishSeparator + other.en)
    }
}

enum Names {
    // MARK: - Regions and cities

    /// A sales region with the provinces and cities it covers.
    struct RegionInfo {
        let name: Text3
        let provinces: Text3
        let cities: [Text3]
    }

    static let regions: [RegionInfo] = [
        RegionInfo(
            name: Text3("华东", "華東", "East China"),
            provinces: Text3(
                "上海、江苏、浙江、安徽、山东、福建", "上海、江蘇、浙江、安徽、山東、福建",
                "Shanghai, Jiangsu, Zhejiang, Anhui, Shandong, Fujian"),
            cities: [
                Text3("上海", "上海", "Shanghai"), Text3("苏州", "蘇州", "Suzhou"), Text3("杭州", "杭州", "Hangzhou"),
                Text3("南京", "南京", "Nanjing"), Text3("宁波", "寧波", "Ningbo"), Text3("无锡", "無錫", "Wuxi"),
                Text3("合肥", "合肥", "Hefei"), Text3("济南", "濟南", "Jinan"), Text3("青岛", "青島", "Qingdao"),
                Text3("福州", "福州", "Fuzhou"), Text3("厦门", "廈門", "Xiamen"), Text3("常州", "常州", "Changzhou"),
                Text3("温州", "溫州", "Wenzhou"),
            ]),
        RegionInfo(
            name: Text3("华南", "華南", "South China"),
            provinces: Text3("广东、广西、海南", "廣東、廣西、海南", "Guangdong, Guangxi, Hainan"),
            cities: [
                Text3("广州", "廣州", "Guangzhou"), Text3("深圳", "深圳", "Shenzhen"), Text3("东莞", "東莞", "Dongguan"),
                Text3("佛山", "佛山", "Foshan"), Text3("珠海", "珠海", "Zhuhai"), Text3("中山", "中山", "Zhongshan"),
                Text3("惠州", "惠州", "Huizhou"), Text3("南宁", "南寧", "Nanning"), Text3("海口", "海口", "Haikou"),
            ]),
        RegionInfo(
            name: Text3("华北", "華北", "North China"),
            provinces: Text3(
                "北京、天津、河北、山西、内蒙古", "北京、天津、河北、山西、內蒙古",
                "Beijing, Tianjin, Hebei, Shanxi, Inner Mongolia"),
            cities: [
                Text3("北京", "北京", "Beijing"), Text3("天津", "天津", "Tianjin"),
                Text3("石家庄", "石家莊", "Shijiazhuang"), Text3("太原", "太原", "Taiyuan"),
                Text3("唐山", "唐山", "Tangshan"), Text3("保定", "保定", "Baoding"),
                Text3("呼和浩特", "呼和浩特", "Hohhot"),
            ]),
        RegionInfo(
            name: Text3("华中", "華中", "Central China"),
            provinces: Text3("湖北、湖南、河南、江西", "湖北、湖南、河南、江西", "Hubei, Hunan, Henan, Jiangxi"),
            cities: [
                Text3("武汉", "武漢", "Wuhan"), Text3("长沙", "長沙", "Changsha"), Text3("郑州", "鄭州", "Zhengzhou"),
                Text3("南昌", "南昌", "Nanchang"), Text3("洛阳", "洛陽", "Luoyang"), Text3("宜昌", "宜昌", "Yichang"),
                Text3("株洲", "株洲", "Zhuzhou"),
            ]),
        RegionInfo(
            name: Text3("西南", "西南", "Southwest China"),
            provinces: Text3(
                "四川、重庆、云南、贵州、西藏", "四川、重慶、雲南、貴州、西藏",
                "Sichuan, Chongqing, Yunnan, Guizhou, Tibet"),
            cities: [
                Text3("成都", "成都", "Chengdu"), Text3("重庆", "重慶", "Chongqing"), Text3("昆明", "昆明", "Kunming"),
                Text3("贵阳", "貴陽", "Guiyang"), Text3("绵阳", "綿陽", "Mianyang"),
            ]),
        RegionInfo(
            name: Text3("西北", "西北", "Northwest China"),
            provinces: Text3(
                "陕西、甘肃、青海、宁夏、新疆", "陝西、甘肅、青海、寧夏、新疆",
                "Shaanxi, Gansu, Qinghai, Ningxia, Xinjiang"),
            cities: [
                Text3("西安", "西安", "Xi'an"), Text3("兰州", "蘭州", "Lanzhou"), Text3("银川", "銀川", "Yinchuan"),
                Text3("西宁", "西寧", "Xining"), Text3("乌鲁木齐", "烏魯木齊", "Urumqi"),
            ]),
        RegionInfo(
            name: Text3("东北", "東北", "Northeast China"),
            provinces: Text3("辽宁、吉林、黑龙江", "遼寧、吉林、黑龍江", "Liaoning, Jilin, Heilongjiang"),
            cities: [
                Text3("沈阳", "瀋陽", "Shenyang"), Text3("大连", "大連", "Dalian"), Text3("长春", "長春", "Changchun"),
                Text3("哈尔滨", "哈爾濱", "Harbin"),
            ]),
    ]

    // MARK: - Company names

    /// First characters of trade names (字号).
    static let tradeFirst: [Text3] = [
        Text3("恒", "恆", "Heng"), Text3("华", "華", "Hua"), Text3("鼎", "鼎", "Ding"), Text3("宏", "宏", "Hong"),
        Text3("永", "永", "Yong"), Text3("德", "德", "De"), Text3("金", "金", "Jin"), Text3("瑞", "瑞", "Rui"),
        Text3("博", "博", "Bo"), Text3("天", "天", "Tian"), Text3("海", "海", "Hai"), Text3("新", "新", "Xin"),
        Text3("东", "東", "Dong"), Text3("中", "中", "Zhong"), Text3("众", "眾", "Zhong"), Text3("汇", "匯", "Hui"),
        Text3("嘉", "嘉", "Jia"), Text3("隆", "隆", "Long"), Text3("腾", "騰", "Teng"), Text3("卓", "卓", "Zhuo"),
        Text3("联", "聯", "Lian"), Text3("宝", "寶", "Bao"), Text3("兴", "興", "Xing"), Text3("正", "正", "Zheng"),
        Text3("锦", "錦", "Jin"), Text3("源", "源", "Yuan"), Text3("盛", "盛", "Sheng"), Text3("润", "潤", "Run"),
        Text3("广", "廣", "Guang"), Text3("安", "安", "An"), Text3("美", "美", "Mei"), Text3("百", "百", "Bai"),
        Text3("同", "同", "Tong"), Text3("精", "精", "Jing"), Text3("立", "立", "Li"), Text3("智", "智", "Zhi"),
        Text3("鑫", "鑫", "Xin"), Text3("启", "啟", "Qi"), Text3("星", "星", "Xing"), Text3("明", "明", "Ming"),
        Text3("和", "和", "He"), Text3("科", "科", "Ke"), Text3("泰", "泰", "Tai"), Text3("佳", "佳", "Jia"),
        Text3("通", "通", "Tong"), Text3("聚", "聚", "Ju"), Text3("远", "遠", "Yuan"), Text3("祥", "祥", "Xiang"),
        Text3("亿", "億", "Yi"), Text3("万", "萬", "Wan"), Text3("凯", "凱", "Kai"), Text3("荣", "榮", "Rong"),
        Text3("鸿", "鴻", "Hong"), Text3("昊", "昊", "Hao"), Text3("蓝", "藍", "Lan"), Text3("睿", "睿", "Rui"),
        Text3("弘", "弘", "Hong"), Text3("铭", "銘", "Ming"), Text3("迅", "迅", "Xun"), Text3("驰", "馳", "Chi"),
        Text3("顺", "順", "Shun"), Text3("信", "信", "Xin"), Text3("长", "長", "Chang"), Text3("富", "富", "Fu"),
        Text3("国", "國", "Guo"), Text3("光", "光", "Guang"),
    ]

    /// Second characters of trade names.
    static let tradeSecond: [Text3] = [
        Text3("信", "信", "xin"), Text3("泰", "泰", "tai"), Text3("盛", "盛", "sheng"), Text3("达", "達", "da"),
        Text3("兴", "興", "xing"), Text3("润", "潤", "run"), Text3("凯", "凱", "kai"), Text3("丰", "豐", "feng"),
        Text3("远", "遠", "yuan"), Text3("成", "成", "cheng"), Text3("通", "通", "tong"), Text3("诚", "誠", "cheng"),
        Text3("禾", "禾", "he"), Text3("鑫", "鑫", "xin"), Text3("飞", "飛", "fei"), Text3("越", "越", "yue"),
        Text3("创", "創", "chuang"), Text3("业", "業", "ye"), Text3("图", "圖", "tu"), Text3("程", "程", "cheng"),
        Text3("源", "源", "yuan"), Text3("泽", "澤", "ze"), Text3("安", "安", "an"), Text3("元", "元", "yuan"),
        Text3("川", "川", "chuan"), Text3("工", "工", "gong"), Text3("瑞", "瑞", "rui"), Text3("辉", "輝", "hui"),
        Text3("德", "德", "de"), Text3("和", "和", "he"), Text3("力", "力", "li"), Text3("航", "航", "hang"),
        Text3("桥", "橋", "qiao"), Text3("祥", "祥", "xiang"), Text3("昌", "昌", "chang"), Text3("运", "運", "yun"),
        Text3("锐", "銳", "rui"), Text3("晟", "晟", "sheng"), Text3("纳", "納", "na"), Text3("智", "智", "zhi"),
        Text3("毅", "毅", "yi"), Text3("捷", "捷", "jie"), Text3("宇", "宇", "yu"), Text3("华", "華", "hua"),
        Text3("明", "明", "ming"), Text3("隆", "隆", "long"), Text3("佳", "佳", "jia"), Text3("康", "康", "kang"),
    ]

    /// An industry (行业) and the business words a company in it carries in its name.
    struct IndustryInfo {
        let name: Text3
        let businesses: [Text3]
        /// Indexes into `productLines` the industry buys most.
        let preferredLines: [Int]
        /// Relative number of customers in the industry.
        let weight: Double
    }

    static let industries: [IndustryInfo] = [
        IndustryInfo(
            name: Text3("制造业", "製造業", "Manufacturing"),
            businesses: [
                Text3("精密机械", "精密機械", "Precision Machinery"), Text3("机械设备", "機械設備", "Machinery"),
                Text3("电子科技", "電子科技", "Electronic Technology"), Text3("汽车零部件", "汽車零部件", "Auto Parts"),
                Text3("自动化设备", "自動化設備", "Automation Equipment"), Text3("模具", "模具", "Mould"),
                Text3("五金制品", "五金製品", "Hardware Products"), Text3("新材料", "新材料", "New Materials"),
            ],
            preferredLines: [1, 0, 2], weight: 34),
        IndustryInfo(
            name: Text3("零售", "零售", "Retail"),
            businesses: [
                Text3("商贸", "商貿", "Trading"), Text3("百货", "百貨", "Department Store"),
                Text3("连锁超市", "連鎖超市", "Supermarket Chain"), Text3("电子商务", "電子商務", "E-commerce"),
                Text3("贸易", "貿易", "Trade"),
            ],
            preferredLines: [0, 4, 3], weight: 14),
        IndustryInfo(
            name: Text3("教育", "教育", "Education"),
            businesses: [
                Text3("教育科技", "教育科技", "Education Technology"), Text3("文化传播", "文化傳播", "Culture Media"),
                Text3("教育咨询", "教育諮詢", "Education Consulting"),
            ],
            preferredLines: [0, 4, 5], weight: 6),
        IndustryInfo(
            name: Text3("医疗健康", "醫療健康", "Healthcare"),
            businesses: [
                Text3("医疗器械", "醫療器械", "Medical Devices"), Text3("医药", "醫藥", "Pharmaceutical"),
                Text3("健康科技", "健康科技", "Health Technology"), Text3("生物科技", "生物科技", "Biotechnology"),
            ],
            preferredLines: [1, 0, 4], weight: 8),
        IndustryInfo(
            name: Text3("物流", "物流", "Logistics"),
            businesses: [
                Text3("物流", "物流", "Logistics"), Text3("供应链管理", "供應鏈管理", "Supply Chain Management"),
                Text3("仓储服务", "倉儲服務", "Warehousing"),
                Text3("国际货运代理", "國際貨運代理", "International Freight Forwarding"),
            ],
            preferredLines: [0, 3, 2], weight: 9),
        IndustryInfo(
            name: Text3("信息技术", "資訊科技", "Information Technology"),
            businesses: [
                Text3("信息技术", "資訊科技", "Information Technology"), Text3("网络科技", "網絡科技", "Network Technology"),
                Text3("软件", "軟件", "Software"), Text3("数据科技", "數據科技", "Data Technology"),
                Text3("智能科技", "智能科技", "Intelligent Technology"),
            ],
            preferredLines: [2, 5, 0], weight: 11),
        IndustryInfo(
            name: Text3("能源", "能源", "Energy"),
            businesses: [
                Text3("新能源", "新能源", "New Energy"), Text3("能源科技", "能源科技", "Energy Technology"),
                Text3("电力设备", "電力設備", "Power Equipment"), Text3("光伏科技", "光伏科技", "Photovoltaic Technology"),
            ],
            preferredLines: [1, 3, 5], weight: 7),
        IndustryInfo(
            name: Text3("建筑工程", "建築工程", "Construction"),
            businesses: [
                Text3("建设工程", "建設工程", "Construction Engineering"),
                Text3("建筑装饰", "建築裝飾", "Building Decoration"),
                Text3("工程技术", "工程技術", "Engineering Technology"), Text3("智能建筑", "智能建築", "Smart Building"),
            ],
            preferredLines: [3, 1, 2], weight: 6),
        IndustryInfo(
            name: Text3("金融", "金融", "Finance"),
            businesses: [
                Text3("投资管理", "投資管理", "Investment Management"), Text3("融资租赁", "融資租賃", "Financial Leasing"),
                Text3("资产管理", "資產管理", "Asset Management"),
            ],
            preferredLines: [2, 3, 4], weight: 3),
        IndustryInfo(
            name: Text3("公共事业", "公共事業", "Public Utilities"),
            businesses: [
                Text3("水务", "水務", "Water"), Text3("燃气", "燃氣", "Gas"),
                Text3("城市建设投资", "城市建設投資", "Urban Construction Investment"),
            ],
            preferredLines: [3, 1, 5], weight: 2),
    ]

    /// Legal forms, with how often each appears.
    static let legalForms: [(Text3, Double)] = [
        (Text3("有限公司", "有限公司", "Co., Ltd."), 80),
        (Text3("股份有限公司", "股份有限公司", "Corp., Ltd."), 12),
        (Text3("集团有限公司", "集團有限公司", "Group Co., Ltd."), 5),
        (Text3("有限责任公司", "有限責任公司", "Limited Liability Co."), 3),
    ]

    // MARK: - People

    /// Common surnames; English is pinyin.
    static let surnames: [Text3] = [
        Text3("王", "王", "Wang"), Text3("李", "李", "Li"), Text3("张", "張", "Zhang"), Text3("刘", "劉", "Liu"),
        Text3("陈", "陳", "Chen"), Text3("杨", "楊", "Yang"), Text3("黄", "黃", "Huang"), Text3("赵", "趙", "Zhao"),
        Text3("吴", "吳", "Wu"), Text3("周", "周", "Zhou"), Text3("徐", "徐", "Xu"), Text3("孙", "孫", "Sun"),
        Text3("马", "馬", "Ma"), Text3("朱", "朱", "Zhu"), Text3("胡", "胡", "Hu"), Text3("郭", "郭", "Guo"),
        Text3("何", "何", "He"), Text3("高", "高", "Gao"), Text3("林", "林", "Lin"), Text3("罗", "羅", "Luo"),
        Text3("郑", "鄭", "Zheng"), Text3("梁", "梁", "Liang"), Text3("谢", "謝", "Xie"), Text3("宋", "宋", "Song"),
        Text3("唐", "唐", "Tang"), Text3("韩", "韓", "Han"), Text3("冯", "馮", "Feng"), Text3("邓", "鄧", "Deng"),
        Text3("曹", "曹", "Cao"), Text3("彭", "彭", "Peng"), Text3("曾", "曾", "Zeng"), Text3("肖", "肖", "Xiao"),
        Text3("田", "田", "Tian"), Text3("董", "董", "Dong"), Text3("袁", "袁", "Yuan"), Text3("潘", "潘", "Pan"),
        Text3("蒋", "蔣", "Jiang"), Text3("蔡", "蔡", "Cai"), Text3("杜", "杜", "Du"), Text3("叶", "葉", "Ye"),
        Text3("程", "程", "Cheng"), Text3("苏", "蘇", "Su"), Text3("魏", "魏", "Wei"), Text3("丁", "丁", "Ding"),
        Text3("任", "任", "Ren"), Text3("沈", "沈", "Shen"), Text3("姚", "姚", "Yao"), Text3("崔", "崔", "Cui"),
        Text3("钟", "鍾", "Zhong"), Text3("谭", "譚", "Tan"), Text3("陆", "陸", "Lu"), Text3("范", "范", "Fan"),
        Text3("金", "金", "Jin"), Text3("石", "石", "Shi"), Text3("廖", "廖", "Liao"), Text3("贾", "賈", "Jia"),
        Text3("夏", "夏", "Xia"), Text3("方", "方", "Fang"), Text3("白", "白", "Bai"), Text3("孟", "孟", "Meng"),
        Text3("熊", "熊", "Xiong"), Text3("秦", "秦", "Qin"), Text3("邱", "邱", "Qiu"), Text3("薛", "薛", "Xue"),
        Text3("雷", "雷", "Lei"), Text3("侯", "侯", "Hou"), Text3("龙", "龍", "Long"), Text3("顾", "顧", "Gu"),
        Text3("毛", "毛", "Mao"), Text3("邵", "邵", "Shao"), Text3("钱", "錢", "Qian"), Text3("严", "嚴", "Yan"),
        Text3("戴", "戴", "Dai"), Text3("孔", "孔", "Kong"), Text3("汤", "湯", "Tang"),
    ]

    /// Given names; English is pinyin without tone marks.
    static let givenNames: [Text3] = [
        Text3("伟", "偉", "wei"), Text3("芳", "芳", "fang"), Text3("娜", "娜", "na"), Text3("敏", "敏", "min"),
        Text3("静", "靜", "jing"), Text3("丽", "麗", "li"), Text3("强", "強", "qiang"), Text3("磊", "磊", "lei"),
        Text3("军", "軍", "jun"), Text3("洋", "洋", "yang"), Text3("勇", "勇", "yong"), Text3("艳", "豔", "yan"),
        Text3("杰", "傑", "jie"), Text3("娟", "娟", "juan"), Text3("涛", "濤", "tao"), Text3("明", "明", "ming"),
        Text3("超", "超", "chao"), Text3("秀英", "秀英", "xiuying"), Text3("霞", "霞", "xia"), Text3("平", "平", "ping"),
        Text3("刚", "剛", "gang"), Text3("辉", "輝", "hui"), Text3("玲", "玲", "ling"), Text3("建华", "建華", "jianhua"),
        Text3("婷", "婷", "ting"), Text3("鹏", "鵬", "peng"), Text3("浩", "浩", "hao"), Text3("宇", "宇", "yu"),
        Text3("欣", "欣", "xin"), Text3("颖", "穎", "ying"), Text3("晨", "晨", "chen"), Text3("博", "博", "bo"),
        Text3("帆", "帆", "fan"), Text3("琳", "琳", "lin"), Text3("雪", "雪", "xue"), Text3("倩", "倩", "qian"),
        Text3("俊", "俊", "jun"), Text3("斌", "斌", "bin"), Text3("凯", "凱", "kai"), Text3("佳", "佳", "jia"),
        Text3("文", "文", "wen"), Text3("志强", "志強", "zhiqiang"), Text3("晓东", "曉東", "xiaodong"),
        Text3("海燕", "海燕", "haiyan"), Text3("建国", "建國", "jianguo"), Text3("丹", "丹", "dan"),
        Text3("萍", "萍", "ping"), Text3("红", "紅", "hong"), Text3("飞", "飛", "fei"), Text3("健", "健", "jian"),
        Text3("宁", "寧", "ning"), Text3("瑶", "瑤", "yao"), Text3("慧", "慧", "hui"), Text3("思远", "思遠", "siyuan"),
        Text3("子涵", "子涵", "zihan"), Text3("雨桐", "雨桐", "yutong"), Text3("梓轩", "梓軒", "zixuan"),
        Text3("一鸣", "一鳴", "yiming"), Text3("嘉怡", "嘉怡", "jiayi"), Text3("晓明", "曉明", "xiaoming"),
        Text3("立新", "立新", "lixin"), Text3("春梅", "春梅", "chunmei"), Text3("国庆", "國慶", "guoqing"),
        Text3("志伟", "志偉", "zhiwei"), Text3("文静", "文靜", "wenjing"), Text3("振华", "振華", "zhenhua"),
        Text3("晓燕", "曉燕", "xiaoyan"), Text3("海涛", "海濤", "haitao"), Text3("亚楠", "亞楠", "yanan"),
        Text3("家豪", "家豪", "jiahao"), Text3("雅婷", "雅婷", "yating"), Text3("俊杰", "俊傑", "junjie"),
        Text3("梦琪", "夢琪", "mengqi"), Text3("昊天", "昊天", "haotian"), Text3("欣怡", "欣怡", "xinyi"),
    ]

    /// Chinese numerals for team names (一组, 二组, …).
    static let teamNumerals: [Text3] = [
        Text3("一", "一", "1"), Text3("二", "二", "2"), Text3("三", "三", "3"), Text3("四", "四", "4"),
    ]

    // MARK: - Products

    /// A product line (产品线) and the SKU prefix of its products.
    struct LineInfo {
        let name: Text3
        let skuPrefix: String
        /// Share of high, mid and low products in the line.
        let tierMix: [Double]
        /// List price ranges in whole yuan, per tier (high, mid, low).
        let priceRanges: [ClosedRange<Int>]
        /// Typical quantity per order line, per tier.
        let quantityRanges: [ClosedRange<Int>]
        /// The products the line sells, each with a short model code.
        let items: [(name: Text3, model: String)]
    }

    static let productLines: [LineInfo] = [
        LineInfo(
            name: Text3("智能终端", "智能終端", "Smart Terminals"), skuPrefix: "ZD",
            tierMix: [0.35, 0.45, 0.20],
            priceRanges: [8_000...25_000, 3_000...7_999, 1_200...2_999],
            quantityRanges: [1...3, 1...5, 2...6],
            items: [
                (Text3("工业平板电脑", "工業平板電腦", "Industrial Tablet"), "T"),
                (Text3("手持数据终端", "手持數據終端", "Handheld Data Terminal"), "H"),
                (Text3("智能POS终端", "智能POS終端", "Smart POS Terminal"), "P"),
                (Text3("车载终端", "車載終端", "Vehicle Terminal"), "V"),
                (Text3("加固笔记本", "加固筆記本", "Rugged Laptop"), "R"),
                (Text3("智能会议平板", "智能會議平板", "Smart Meeting Display"), "M"),
            ]),
        LineInfo(
            name: Text3("工业传感", "工業傳感", "Industrial Sensors"), skuPrefix: "CG",
            tierMix: [0.30, 0.40, 0.30],
            priceRanges: [3_000...12_000, 600...2_999, 80...599],
            quantityRanges: [1...4, 2...8, 4...16],
            items: [
                (Text3("温湿度传感器", "溫濕度傳感器", "Temperature & Humidity Sensor"), "HT"),
                (Text3("压力变送器", "壓力變送器", "Pressure Transmitter"), "PT"),
                (Text3("激光测距传感器", "激光測距傳感器", "Laser Distance Sensor"), "LD"),
                (Text3("振动监测传感器", "振動監測傳感器", "Vibration Monitoring Sensor"), "VM"),
                (Text3("气体检测仪", "氣體檢測儀", "Gas Detector"), "GD"),
                (Text3("光电开关", "光電開關", "Photoelectric Switch"), "PS"),
                (Text3("电磁流量计", "電磁流量計", "Electromagnetic Flowmeter"), "EF"),
            ]),
        LineInfo(
            name: Text3("网络设备", "網絡設備", "Networking"), skuPrefix: "WL",
            tierMix: [0.35, 0.45, 0.20],
            priceRanges: [8_000...40_000, 1_500...7_999, 300...1_499],
            quantityRanges: [1...2, 1...3, 2...6],
            items: [
                (Text3("工业交换机", "工業交換機", "Industrial Switch"), "S"),
                (Text3("企业级路由器", "企業級路由器", "Enterprise Router"), "R"),
                (Text3("无线AP", "無線AP", "Wireless AP"), "W"),
                (Text3("下一代防火墙", "下一代防火牆", "Next-Gen Firewall"), "F"),
                (Text3("光模块", "光模塊", "Optical Module"), "OM"),
                (Text3("物联网网关", "物聯網網關", "IoT Gateway"), "G"),
            ]),
        LineInfo(
            name: Text3("安防监控", "安防監控", "Security & Surveillance"), skuPrefix: "AF",
            tierMix: [0.25, 0.45, 0.30],
            priceRanges: [8_000...30_000, 800...4_999, 200...799],
            quantityRanges: [1...2, 2...5, 4...12],
            items: [
                (Text3("高清网络摄像机", "高清網絡攝像機", "HD Network Camera"), "C"),
                (Text3("网络硬盘录像机", "網絡硬盤錄像機", "Network Video Recorder"), "N"),
                (Text3("门禁一体机", "門禁一體機", "Access Control Terminal"), "A"),
                (Text3("人脸识别终端", "人臉識別終端", "Face Recognition Terminal"), "FR"),
                (Text3("视频存储服务器", "視頻存儲服務器", "Video Storage Server"), "VS"),
            ]),
        LineInfo(
            name: Text3("办公耗材", "辦公耗材", "Office Supplies"), skuPrefix: "HC",
            tierMix: [0.10, 0.35, 0.55],
            priceRanges: [300...900, 80...299, 15...79],
            quantityRanges: [2...10, 5...20, 10...50],
            items: [
                (Text3("激光打印机硒鼓", "激光打印機硒鼓", "Laser Toner Cartridge"), "CF"),
                (Text3("喷墨墨盒", "噴墨墨盒", "Inkjet Cartridge"), "IC"),
                (Text3("A4复印纸", "A4影印紙", "A4 Copy Paper"), "A"),
                (Text3("标签色带", "標籤色帶", "Label Ribbon"), "LR"),
                (Text3("热敏打印纸", "熱敏打印紙", "Thermal Paper"), "TP"),
                (Text3("装订耗材套装", "裝訂耗材套裝", "Binding Supplies Kit"), "BK"),
            ]),
        LineInfo(
            name: Text3("软件服务", "軟件服務", "Software & Services"), skuPrefix: "RJ",
            tierMix: [0.35, 0.40, 0.25],
            priceRanges: [20_000...60_000, 5_000...19_999, 1_000...4_999],
            quantityRanges: [1...2, 1...3, 1...3],
            items: [
                (Text3("设备管理平台年度订阅", "設備管理平台年度訂閱", "Device Management Platform Subscription"), "DMP"),
                (Text3("数据采集软件授权", "數據採集軟件授權", "Data Acquisition Software License"), "DAQ"),
                (Text3("年度运维服务包", "年度運維服務包", "Annual O&M Service Pack"), "OMS"),
                (Text3("系统实施服务", "系統實施服務", "System Implementation Service"), "SI"),
                (Text3("现场培训服务", "現場培訓服務", "On-site Training Service"), "TR"),
            ]),
    ]

    /// Model suffixes per tier (high, mid, low).
    static let modelSuffixes: [[String]] = [["Pro", "Max", "Ultra"], ["", "S", "Plus"], ["Lite", "E", "SE"]]

    /// Software editions per tier.
    static let editions: [Text3] = [
        Text3("企业版", "企業版", "Enterprise"), Text3("专业版", "專業版", "Professional"),
        Text3("标准版", "標準版", "Standard"),
    ]
}
