"""The words the demo draws from: districts and townships, villages and roads, surnames, industries."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

# ---------------------------------------------------------------------------------------------------------------
# Places

PROVINCE = ("浙江省", "330000")
CITY = ("宁波市", "330200")


@dataclass(frozen=True)
class DistrictInfo:
    name: str
    code: str
    weight: float  # share of the city's 厂中厂 (Yinzhou and Cixi are the big ones, domain brief §7.3)
    prefixes: tuple[str, ...]  # how enterprise names registered there begin
    townships: tuple[str, ...]

    @property
    def address_prefix(self) -> str:
        """宁波市鄞州区 for city districts, 慈溪市 / 宁海县 for county-level cities and counties."""
        return self.name if self.name.endswith(("市", "县")) else CITY[0] + self.name


DISTRICTS: tuple[DistrictInfo, ...] = (
    DistrictInfo(
        "鄞州区",
        "330212",
        2.2,
        ("宁波", "宁波市鄞州"),
        tuple(
            "姜山镇 五乡镇 邱隘镇 云龙镇 横溪镇 塘溪镇 咸祥镇 瞻岐镇 东吴镇 下应街道 潘火街道 首南街道 "
            "钟公庙街道 中河街道 东柳街道 白鹤街道 福明街道 明楼街道 东胜街道 百丈街道 东郊街道 新明街道".split()
        ),
    ),
    DistrictInfo(
        "慈溪市",
        "330282",
        2.2,
        ("慈溪市", "宁波"),
        tuple(
            "周巷镇 观海卫镇 龙山镇 掌起镇 附海镇 桥头镇 匡堰镇 逍林镇 新浦镇 胜山镇 横河镇 长河镇 崇寿镇 "
            "庵东镇 天元镇 浒山街道 白沙路街道 古塘街道 坎墩街道 宗汉街道".split()
        ),
    ),
    DistrictInfo(
        "余姚市",
        "330281",
        1.6,
        ("余姚市", "宁波"),
        tuple(
            "泗门镇 马渚镇 小曹娥镇 临山镇 黄家埠镇 牟山镇 丈亭镇 三七市镇 河姆渡镇 陆埠镇 大隐镇 梁弄镇 "
            "凤山街道 阳明街道 梨洲街道 兰江街道 朗霞街道 低塘街道 鹿亭乡".split()
        ),
    ),
    DistrictInfo(
        "北仑区",
        "330206",
        1.2,
        ("宁波", "宁波市北仑区"),
        tuple("大碶街道 小港街道 新碶街道 霞浦街道 柴桥街道 戚家山街道 春晓街道 梅山街道 白峰街道 大榭街道".split()),
    ),
    DistrictInfo(
        "海曙区",
        "330203",
        1.0,
        ("宁波", "宁波市海曙"),
        tuple("集士港镇 古林镇 高桥镇 横街镇 鄞江镇 洞桥镇 章水镇 石碶街道 望春街道 龙观乡".split()),
    ),
    DistrictInfo(
        "宁海县",
        "330226",
        0.9,
        ("宁海县", "宁波"),
        tuple(
            "西店镇 长街镇 力洋镇 深甽镇 黄坛镇 大佳何镇 强蛟镇 前童镇 岔路镇 一市镇 桑洲镇 跃龙街道 "
            "桃源街道 梅林街道 桥头胡街道 越溪乡 胡陈乡 茶院乡".split()
        ),
    ),
    DistrictInfo(
        "奉化区",
        "330213",
        0.8,
        ("宁波市奉化区", "宁波"),
        tuple("溪口镇 松岙镇 裘村镇 大堰镇 岳林街道 锦屏街道 江口街道 西坞街道 萧王庙街道 莼湖街道 尚田街道".split()),
    ),
    DistrictInfo(
        "镇海区",
        "330211",
        0.7,
        ("宁波市镇海", "宁波"),
        tuple("澥浦镇 九龙湖镇 骆驼街道 庄市街道 蛟川街道 贵驷街道 招宝山街道".split()),
    ),
    DistrictInfo(
        "象山县",
        "330225",
        0.6,
        ("象山县", "象山"),
        tuple("石浦镇 西周镇 贤庠镇 定塘镇 墙头镇 泗洲头镇 涂茨镇 大徐镇 新桥镇 丹东街道 丹西街道 爵溪街道".split()),
    ),
    DistrictInfo(
        "江北区",
        "330205",
        0.6,
        ("宁波", "宁波市江北"),
        tuple("慈城镇 庄桥街道 洪塘街道 甬江街道 前江街道 文教街道".split()),
    ),
)

VILLAGE_FIRST = (
    "东西南北前后上下新大小中石山河桥塘湖林岙陈王张李周黄胡俞应金丰联胜"
    "光明华兴永和安乐福仁红建马洋溪岭江浦港墩堰殿渡庙田"
)
VILLAGE_SECOND = "家庄桥塘岙山河湖林浦港墩堰殿渡庙田溪岭头里埠湾坝洋宅店园市岸门湖浜泾舍屋"
ROAD_WORDS = (
    "科技 工业 兴业 创业 发展 明州 甬江 金山 环镇 东环 西环 南环 北环 振兴 富强 昌盛 建设 人民 通达 滨海 海兴 新兴 "
    "开元 永安 和平 腾飞 鸿达 宏业 光明 育才 园区 汇源 金桥 银杏 梅园 桂花 丰收 青山 长兴 泰和 东方 四明 学苑 "
    "港城 聚贤 百业 繁荣 万安 兴港 广源 康宁"
).split()
ROAD_SUFFIXES = ("路", "路", "路", "中路", "东路", "西路", "南路", "北路", "大道", "街")

# ---------------------------------------------------------------------------------------------------------------
# People

SURNAMES = (
    "陈" * 14
    + "王" * 10
    + "张" * 8
    + "李" * 8
    + "林" * 6
    + "胡" * 6
    + "徐" * 6
    + "周" * 6
    + "俞" * 4
    + "应" * 4
    + "戴" * 4
    + "孙" * 4
    + "杨" * 4
    + "吴" * 5
    + "沈" * 3
    + "朱" * 3
    + "邵" * 3
    + "金" * 3
    + "叶" * 3
    + "汪" * 2
    + "罗赵黄刘郑何谢范方蒋钱施冯董许袁夏姚卢毛严鲍虞岑竺傅屠翁裘柴袁楼史邬"
)
GIVEN_SINGLE = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚斌辉鹏飞波宁峰燕亮晨宇浩俊凯琴萍珍玲英兰颖婷琳欣丹栋"
GIVEN_FIRST = "建国志海永立晓伟明俊家文学宏振德世成佳子春金亚雪丽美秀玉红小燕慧静月益国安思雨"
GIVEN_SECOND = "华军明强平东峰波刚杰林勇龙斌辉飞涛锋新民英芳萍琴娟红霞燕丽梅兰敏婷芬玲珍君荣良祥达庆"
MOBILE_PREFIXES = (
    "130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 "
    "173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 191 193 195 198 199"
).split()

# ---------------------------------------------------------------------------------------------------------------
# Enterprises

BRAND_CHARS = (
    "华鑫盛宏达利恒通兴泰永金丰源海瑞隆昌德佳立诚信凯博远东新天明伟正益顺和嘉富升荣创宇航力腾茂晨耀锦祥优精铭"
    "奥美亿百万众联甬舜鸿骏赛威科峰宝豪润晟弘翔雅昊扬汇聚展洲凌"
)


@dataclass(frozen=True)
class _Industry:
    label: str
    weight: float
    company_words: tuple[str, ...]  # 宁波鑫达【五金制品】有限公司
    factory_words: tuple[str, ...]  # 余姚市鑫达【五金】厂 / 【五金】加工厂
    profile: tuple[str, ...] = ()  # enterprise profile flags (dust, confined_space, chemicals)
    median_employees: float = 15.0


INDUSTRIES: tuple[_Industry, ...] = (
    _Industry(
        "五金制品", 18, ("五金制品", "五金工具", "金属制品", "紧固件", "五金"), ("五金", "五金配件", "冲件", "紧固件")
    ),
    _Industry("塑料制品（注塑）", 14, ("塑业", "塑胶制品", "塑料制品", "注塑科技"), ("塑料", "注塑", "塑料制品")),
    _Industry("模具", 9, ("模具", "模塑", "精密模具"), ("模具", "模具加工")),
    _Industry("机械加工", 12, ("机械", "精密机械", "机电设备", "轴承", "液压件"), ("机械配件", "机加工", "轴承")),
    _Industry("电子电器", 10, ("电器", "电子", "电子科技", "照明电器", "小家电"), ("电器", "电子元件", "灯具")),
    _Industry("纺织服装", 9, ("服饰", "针织", "制衣", "纺织品"), ("服装", "针织", "制衣"), median_employees=25),
    _Industry("汽车配件", 5, ("汽车配件", "汽配", "车业"), ("汽配", "汽车配件")),
    _Industry("家具及木制品", 4, ("家具", "木业", "木制品"), ("木器", "家具", "木制品"), ("dust",)),
    _Industry("金属抛光", 2, ("金属表面处理", "抛光"), ("抛光", "金属抛光"), ("dust",), 8),
    _Industry("喷涂", 2, ("涂装", "喷涂"), ("喷涂", "喷漆"), ("chemicals",), 8),
    _Industry("电镀", 0.5, ("电镀", "表面处理"), ("电镀",), ("chemicals", "confined_space"), 20),
    _Industry("食品加工", 4, ("食品", "水产食品", "调味品"), ("食品", "糕点", "豆制品"), ("confined_space",)),
    _Industry("包装印刷", 4, ("包装", "纸制品", "彩印包装"), ("纸箱", "包装", "印刷"), ("chemicals",)),
    _Industry("文具及日用品", 3, ("文具", "日用品", "工艺品"), ("文具", "日用品", "工艺品")),
    _Industry("仓储物流", 6, ("物流", "仓储", "供应链管理"), ("物流", "货运"), (), 10),
)
INDUSTRY_CUM = list(itertools.accumulate(i.weight for i in INDUSTRIES))
RENTAL_INDUSTRY = "厂房租赁"

LANDLORD_COMPANY_WORDS = ("实业", "工贸", "投资", "置业", "资产经营", "控股", "科技", "实业发展")
OPERATOR_WORDS = ("园区运营管理", "物业服务", "产业园管理", "园区服务")
PARK_BRAND_WORDS = ("智造园", "科创园", "产业园", "创业园", "工业园")

RISK_GRADES = ("RED", "ORANGE", "YELLOW", "BLUE")
