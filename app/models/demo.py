"""Demo data: a plausible Ningbo-style registry of landlords, tenants, parks and inspectors.

`generate_demo(workspace)` fills a workspace with a fictional city registry laid out the way a 厂中厂 campaign sees
it: 宁波市 → districts/counties → 镇/街道 → villages; small/micro parks and village industrial zones; landlords
(village collectives, companies owning plants, a few private owners) letting space to tenants (companies, 厂,
个体工商户, unregistered workshops); principals and safety officers; leases with safety agreements; risk grades;
and a roster of certified inspectors in teams of two. The same seed gives the same names, codes and numbers (row
ids are UUIDv7 and differ from run to run).

Everything is written through the Registry/Roster services and hence through `Store`, so every field has its entry
in the change log exactly as if an officer had typed it in. Enterprises are written in transactions of about
`BATCH_SIZE`; the whole of Ningbo (6,555 landlords, 23,696 tenants; domain brief §7.1) takes under a minute
(benchmarks/bench_demo.py --full).

Names of districts and townships are real, as are the district codes (GB/T 2260); township codes are numbered in
list order, not the official statistical codes. Villages, roads, parks, enterprises, people, phone numbers, credit
codes and certificate numbers are invented. The credit codes are well-formed (GB 32100 check character, GB 11714
check character of the organisation-code part) but random, so one may equal a real enterprise's code by chance:
demo data is for demonstrations, training and tests only.

With `inspections=N`, N visits of the last two months follow (app/models/demo_inspections.py), dated relative to
`today`.
"""

from __future__ import annotations

import itertools
import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING

from app.errors import language
from app.models.demo_inspections import generate_inspections
from app.models.uscc import ALPHABET, check_character

if TYPE_CHECKING:  # only its db, store, registry and roster are used
    from app.models.workspace import Workspace

Progress = Callable[[int, int], None]

BATCH_SIZE = 500
"""Enterprises per transaction: big enough that commits (synchronous=FULL) do not dominate, small enough that a
cancelled or failed run keeps most of what it wrote and the progress bar moves."""

REFERENCE_DATE = date(2026, 6, 30)
"""Lease and agreement dates are drawn relative to this fixed day so the demo does not depend on today's date."""

# ---------------------------------------------------------------------------------------------------------------
# Places

PROVINCE = ("浙江省", "330000")
CITY = ("宁波市", "330200")


@dataclass(frozen=True)
class _DistrictInfo:
    name: str
    code: str
    weight: float  # share of the city's 厂中厂 (Yinzhou and Cixi are the big ones, domain brief §7.3)
    prefixes: tuple[str, ...]  # how enterprise names registered there begin
    townships: tuple[str, ...]

    @property
    def address_prefix(self) -> str:
        """宁波市鄞州区 for city districts, 慈溪市 / 宁海县 for county-level cities and counties."""
        return self.name if self.name.endswith(("市", "县")) else CITY[0] + self.name


DISTRICTS: tuple[_DistrictInfo, ...] = (
    _DistrictInfo(
        "鄞州区",
        "330212",
        2.2,
        ("宁波", "宁波市鄞州"),
        tuple(
            "姜山镇 五乡镇 邱隘镇 云龙镇 横溪镇 塘溪镇 咸祥镇 瞻岐镇 东吴镇 下应街道 潘火街道 首南街道 "
            "钟公庙街道 中河街道 东柳街道 白鹤街道 福明街道 明楼街道 东胜街道 百丈街道 东郊街道 新明街道".split()
        ),
    ),
    _DistrictInfo(
        "慈溪市",
        "330282",
        2.2,
        ("慈溪市", "宁波"),
        tuple(
            "周巷镇 观海卫镇 龙山镇 掌起镇 附海镇 桥头镇 匡堰镇 逍林镇 新浦镇 胜山镇 横河镇 长河镇 崇寿镇 "
            "庵东镇 天元镇 浒山街道 白沙路街道 古塘街道 坎墩街道 宗汉街道".split()
        ),
    ),
    _DistrictInfo(
        "余姚市",
        "330281",
        1.6,
        ("余姚市", "宁波"),
        tuple(
            "泗门镇 马渚镇 小曹娥镇 临山镇 黄家埠镇 牟山镇 丈亭镇 三七市镇 河姆渡镇 陆埠镇 大隐镇 梁弄镇 "
            "凤山街道 阳明街道 梨洲街道 兰江街道 朗霞街道 低塘街道 鹿亭乡".split()
        ),
    ),
    _DistrictInfo(
        "北仑区",
        "330206",
        1.2,
        ("宁波", "宁波市北仑区"),
        tuple("大碶街道 小港街道 新碶街道 霞浦街道 柴桥街道 戚家山街道 春晓街道 梅山街道 白峰街道 大榭街道".split()),
    ),
    _DistrictInfo(
        "海曙区",
        "330203",
        1.0,
        ("宁波", "宁波市海曙"),
        tuple("集士港镇 古林镇 高桥镇 横街镇 鄞江镇 洞桥镇 章水镇 石碶街道 望春街道 龙观乡".split()),
    ),
    _DistrictInfo(
        "宁海县",
        "330226",
        0.9,
        ("宁海县", "宁波"),
        tuple(
            "西店镇 长街镇 力洋镇 深甽镇 黄坛镇 大佳何镇 强蛟镇 前童镇 岔路镇 一市镇 桑洲镇 跃龙街道 "
            "桃源街道 梅林街道 桥头胡街道 越溪乡 胡陈乡 茶院乡".split()
        ),
    ),
    _DistrictInfo(
        "奉化区",
        "330213",
        0.8,
        ("宁波市奉化区", "宁波"),
        tuple("溪口镇 松岙镇 裘村镇 大堰镇 岳林街道 锦屏街道 江口街道 西坞街道 萧王庙街道 莼湖街道 尚田街道".split()),
    ),
    _DistrictInfo(
        "镇海区",
        "330211",
        0.7,
        ("宁波市镇海", "宁波"),
        tuple("澥浦镇 九龙湖镇 骆驼街道 庄市街道 蛟川街道 贵驷街道 招宝山街道".split()),
    ),
    _DistrictInfo(
        "象山县",
        "330225",
        0.6,
        ("象山县", "象山"),
        tuple("石浦镇 西周镇 贤庠镇 定塘镇 墙头镇 泗洲头镇 涂茨镇 大徐镇 新桥镇 丹东街道 丹西街道 爵溪街道".split()),
    ),
    _DistrictInfo(
        "江北区",
        "330205",
        0.6,
        ("宁波", "宁波市江北"),
        tuple("慈城镇 庄桥街道 洪塘街道 甬江街道 前江街道 文教街道".split()),
    ),
)

_VILLAGE_FIRST = (
    "东西南北前后上下新大小中石山河桥塘湖林岙陈王张李周黄胡俞应金丰联胜"
    "光明华兴永和安乐福仁红建马洋溪岭江浦港墩堰殿渡庙田"
)
_VILLAGE_SECOND = "家庄桥塘岙山河湖林浦港墩堰殿渡庙田溪岭头里埠湾坝洋宅店园市岸门湖浜泾舍屋"
_ROAD_WORDS = (
    "科技 工业 兴业 创业 发展 明州 甬江 金山 环镇 东环 西环 南环 北环 振兴 富强 昌盛 建设 人民 通达 滨海 海兴 新兴 "
    "开元 永安 和平 腾飞 鸿达 宏业 光明 育才 园区 汇源 金桥 银杏 梅园 桂花 丰收 青山 长兴 泰和 东方 四明 学苑 "
    "港城 聚贤 百业 繁荣 万安 兴港 广源 康宁"
).split()
_ROAD_SUFFIXES = ("路", "路", "路", "中路", "东路", "西路", "南路", "北路", "大道", "街")

# ---------------------------------------------------------------------------------------------------------------
# People

_SURNAMES = (
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
_GIVEN_SINGLE = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚斌辉鹏飞波宁峰燕亮晨宇浩俊凯琴萍珍玲英兰颖婷琳欣丹栋"
_GIVEN_FIRST = "建国志海永立晓伟明俊家文学宏振德世成佳子春金亚雪丽美秀玉红小燕慧静月益国安思雨"
_GIVEN_SECOND = "华军明强平东峰波刚杰林勇龙斌辉飞涛锋新民英芳萍琴娟红霞燕丽梅兰敏婷芬玲珍君荣良祥达庆"
_MOBILE_PREFIXES = (
    "130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 "
    "173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 191 193 195 198 199"
).split()

# ---------------------------------------------------------------------------------------------------------------
# Enterprises

_BRAND_CHARS = (
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
_INDUSTRY_CUM = list(itertools.accumulate(i.weight for i in INDUSTRIES))
RENTAL_INDUSTRY = "厂房租赁"

_LANDLORD_COMPANY_WORDS = ("实业", "工贸", "投资", "置业", "资产经营", "控股", "科技", "实业发展")
_OPERATOR_WORDS = ("园区运营管理", "物业服务", "产业园管理", "园区服务")
_PARK_BRAND_WORDS = ("智造园", "科创园", "产业园", "创业园", "工业园")

RISK_GRADES = ("RED", "ORANGE", "YELLOW", "BLUE")


# ---------------------------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class RegistryResult:
    """What `_generate_registry` created; the ids are what a later inspections step draws from."""

    districts: int
    townships: int
    villages: int
    parks: int
    sites: int
    people: int
    leases: int
    agreements_signed: int
    without_uscc: int
    landlord_ids: tuple[str, ...]
    tenant_ids: tuple[str, ...]
    operator_ids: tuple[str, ...]
    township_ids: tuple[str, ...]
    main_district: str
    main_townships: tuple[str, ...]  # the busiest townships of the busiest district, busiest first


@dataclass(frozen=True)
class RosterResult:
    inspector_ids: tuple[str, ...]
    team_ids: tuple[str, ...]


@dataclass(frozen=True)
class DemoSummary:
    seed: int
    districts: int
    townships: int
    villages: int
    parks: int
    sites: int
    landlords: int
    tenants: int
    operators: int
    people: int
    leases: int
    agreements_signed: int
    without_uscc: int
    inspectors: int
    teams: int
    change_entries: int
    seconds: float
    landlord_ids: tuple[str, ...] = field(repr=False)
    tenant_ids: tuple[str, ...] = field(repr=False)
    operator_ids: tuple[str, ...] = field(repr=False)
    inspector_ids: tuple[str, ...] = field(repr=False)
    team_ids: tuple[str, ...] = field(repr=False)
    inspections: int = 0
    hazards: int = 0

    @property
    def enterprises(self) -> int:
        return self.landlords + self.tenants + self.operators

    def describe(self) -> str:
        template = (
            "{landlords} landlords, {tenants} tenants, {operators} park operators in {townships} townships; "
            "{inspectors} inspectors; {inspections} inspections with {hazards} hazards ({seconds:.1f} s)"
            if language() == "en"
            else "出租方 {landlords} 家、承租方 {tenants} 家、园区运营方 {operators} 家，分布于 {townships} 个镇街；"
            "执法人员 {inspectors} 名；检查 {inspections} 次，隐患 {hazards} 条（用时 {seconds:.1f} 秒）"
        )
        return template.format(
            **{
                k: getattr(self, k)
                for k in (
                    "landlords",
                    "tenants",
                    "operators",
                    "townships",
                    "inspectors",
                    "inspections",
                    "hazards",
                    "seconds",
                )
            }
        )


# ---------------------------------------------------------------------------------------------------------------
# Entry point


def _operator_name(rng: random.Random, drawer: _Drawer, prefixes: Sequence[str], word: str) -> str:
    return f"{rng.choice(prefixes)}{drawer.brand()}{word}有限公司"


def generate_demo(
    workspace: Workspace,
    *,
    landlords: int = 40,
    tenants: int = 160,
    inspections: int = 0,
    seed: int = 1,
    today: date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill `workspace` with a fictional city registry and an inspector roster; see the module docstring.

    `progress(done, total)` is called after every committed batch, counting enterprises (landlords, tenants and
    park operators). Meant for an empty workspace; existing places and parks of the same name are reused.
    """
    if landlords < 0 or tenants < 0:
        raise ValueError("landlords and tenants must not be negative")
    started = time.perf_counter()
    changes_before = _change_count(workspace)
    registry = _generate_registry(
        workspace, random.Random(f"{seed}:registry"), landlords=landlords, tenants=tenants, progress=progress
    )
    roster = _generate_roster(workspace, random.Random(f"{seed}:roster"), registry)
    # Each step has its own RNG so that adding one does not change the names drawn by the others.
    visits = generate_inspections(
        workspace,
        random.Random(f"{seed}:inspections"),
        count=inspections,
        landlord_ids=registry.landlord_ids,
        inspector_ids=roster.inspector_ids,
        today=today or date.today(),
    )
    return DemoSummary(
        seed=seed,
        districts=registry.districts,
        townships=registry.townships,
        villages=registry.villages,
        parks=registry.parks,
        sites=registry.sites,
        landlords=len(registry.landlord_ids),
        tenants=len(registry.tenant_ids),
        operators=len(registry.operator_ids),
        people=registry.people,
        leases=registry.leases,
        agreements_signed=registry.agreements_signed,
        without_uscc=registry.without_uscc,
        inspectors=len(roster.inspector_ids),
        teams=len(roster.team_ids),
        change_entries=_change_count(workspace) - changes_before,
        seconds=time.perf_counter() - started,
        landlord_ids=registry.landlord_ids,
        tenant_ids=registry.tenant_ids,
        operator_ids=registry.operator_ids,
        inspector_ids=roster.inspector_ids,
        team_ids=roster.team_ids,
        inspections=len(visits.inspection_ids),
        hazards=visits.hazards,
    )


def _change_count(workspace: Workspace) -> int:
    return int(workspace.db.conn.execute("SELECT count(*) FROM change").fetchone()[0])


# ---------------------------------------------------------------------------------------------------------------
# Drawing names, codes and numbers


LANDLORD_KINDS = ("village", "rental", "maker", "private")
LANDLORD_KIND_WEIGHTS = (22, 30, 44, 4)
"""Village collectives (股份经济合作社), companies that only let plants (实业/置业), manufacturers letting spare
space, and private owners."""


def landlord_weight(rng: random.Random, kind: str) -> float:
    """How strongly a landlord attracts tenants: log-normal, capped so that one landlord does not swallow a small
    demo; village collectives and rental companies build to let and attract more. At city scale this gives about
    70 % of landlords with 1–3 tenants, ~100 with 20 or more and a maximum around 60."""
    return min(rng.lognormvariate(0, 1.2), 20.0) * (2.5 if kind in ("village", "rental") else 1.0)


def tenant_counts(rng: random.Random, weights: Sequence[float], tenants: int) -> list[int]:
    """Tenants per landlord: one each first (when there are enough), the rest drawn in proportion to `weights`.

    With log-normal weights this gives the skew seen in the field: most landlords let to 1–3 tenants, a few
    (village collectives, park owners) to 20 or more.
    """
    n = len(weights)
    if n == 0:
        return []
    counts = [1] * n if tenants >= n else [0] * n
    remaining = tenants - sum(counts)
    if remaining:
        for index in rng.choices(range(n), cum_weights=list(itertools.accumulate(weights)), k=remaining):
            counts[index] += 1
    return counts


def _org_code(rng: random.Random, new_style: bool) -> str:
    """The 9-character organisation-code part (GB 11714): 8 characters and their check character."""
    if new_style:  # codes issued since 2015 begin with MA + a registration-area letter
        body = "MA" + rng.choice("12") + "".join(rng.choice(ALPHABET) for _ in range(5))
    else:
        body = "".join(rng.choice("0123456789") for _ in range(8))
    values = [int(ch) if ch.isdigit() else ord(ch) - 55 for ch in body]
    check = 11 - sum(v * w for v, w in zip(values, (3, 7, 9, 10, 5, 8, 4, 2), strict=False)) % 11
    return body + ("X" if check == 10 else "0" if check == 11 else str(check))


class _Drawer:
    """Names, codes and numbers, unique where they must be, all from one seeded RNG."""

    def __init__(self, rng: random.Random, taken_usccs: set[str]) -> None:
        self.rng = rng
        self.names: set[str] = set()
        self.usccs = taken_usccs

    def person(self) -> str:
        rng = self.rng
        surname = rng.choice(_SURNAMES)
        if rng.random() < 0.3:
            return surname + rng.choice(_GIVEN_SINGLE)
        return surname + rng.choice(_GIVEN_FIRST) + rng.choice(_GIVEN_SECOND)

    def mobile(self) -> str:
        return self.rng.choice(_MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"

    def landline(self) -> str:
        return f"0574-{self.rng.choice('68')}{self.rng.randrange(10**7):07d}"

    def brand(self) -> str:
        first, second = self.rng.sample(_BRAND_CHARS, 2)
        return first + second

    def unique(self, make: Callable[[], str]) -> str:
        for _ in range(50):
            name = make()
            if name not in self.names:
                self.names.add(name)
                return name
        # A crowded pattern: lengthen the brand until it is free (never reached at city scale in practice).
        base = make()
        for n in itertools.count(2):
            name = base.replace("有限公司", f"{n}有限公司") if "有限公司" in base else f"{base}（{n}）"
            if name not in self.names:
                self.names.add(name)
                return name
        raise AssertionError("unreachable")

    def uscc(self, registrar: str, kind: str, area: str, new_style: bool) -> str:
        while True:
            first17 = registrar + kind + area + _org_code(self.rng, new_style)
            code = first17 + check_character(first17)
            if code not in self.usccs:
                self.usccs.add(code)
                return code

    def employees(self, median: float, low: int = 2, high: int = 900) -> int:
        return max(low, min(high, round(self.rng.lognormvariate(math.log(median), 0.75))))

    def day(self, earliest: date, latest: date) -> date:
        return earliest + timedelta(days=self.rng.randrange(max(1, (latest - earliest).days + 1)))


# ---------------------------------------------------------------------------------------------------------------
# Registry


@dataclass
class _Township:
    id: str
    name: str
    short: str
    district: _DistrictInfo
    code: str
    weight: float
    villages: list[tuple[str, str]] = field(default_factory=list)  # (id, name)
    roads: list[str] = field(default_factory=list)
    parks: list[_Park] = field(default_factory=list)
    park_cum: list[float] = field(default_factory=list)
    landlords: int = 0
    collectives: set[str] = field(default_factory=set)  # villages whose collective is already a landlord

    @property
    def full(self) -> str:
        return self.district.address_prefix + self.name

    def address(self, rng: random.Random) -> str:
        return f"{self.full}{rng.choice(self.roads)}{rng.randrange(1, 1200)}号"


@dataclass
class _Park:
    id: str
    name: str
    kind: str  # zone (镇工业园区), micro (小微企业园), village (村工业区), brand (XX智造园)
    village: tuple[str, str] | None
    address: str
    weight: float


def _pick_townships(landlords: int) -> list[tuple[_DistrictInfo, list[str]]]:
    """How much of the city the demo covers: one district and three townships for a small demo, all of Ningbo
    (10 districts/counties, ~150 townships) at full size."""
    n_districts = max(1, min(len(DISTRICTS), round(landlords / 650)))
    chosen = DISTRICTS[:n_districts]
    total_weight = sum(d.weight for d in chosen)
    plan = []
    for district in chosen:
        share = landlords * district.weight / total_weight
        available = len(district.townships)
        n = max(min(3, available), min(available, math.ceil(share / 40)))
        towns = [t for t in district.townships if not t.endswith("街道")]
        streets = [t for t in district.townships if t.endswith("街道")]
        # Towns first: that is where the factories are; central streets only join for bigger demos.
        plan.append((district, (towns + streets)[:n] if n < available else list(district.townships)))
    return plan


def _generate_territory(workspace: Workspace, rng: random.Random, landlords: int) -> tuple[list[_Township], int]:
    registry = workspace.registry
    province = registry.ensure_org_unit(PROVINCE[0], "province", None, PROVINCE[1])
    city = registry.ensure_org_unit(CITY[0], "city", province, CITY[1])
    townships: list[_Township] = []
    villages = 0
    for district, names in _pick_townships(landlords):
        district_id = registry.ensure_org_unit(district.name, "district", city, district.code)
        serial = {"街道": 0, "镇": 100, "乡": 200}
        for name in district.townships:  # codes follow the district's full list so they do not depend on the size
            suffix = "街道" if name.endswith("街道") else name[-1]
            serial[suffix] += 1
            if name not in names:
                continue
            code = f"{district.code}{serial[suffix]:03d}"
            township_id = registry.ensure_org_unit(name, "township", district_id, code)
            weight = rng.lognormvariate(0.3 if suffix == "街道" else 1.0, 0.5) * (0.4 if suffix == "乡" else 1.0)
            short = name[: -len(suffix)]
            township = _Township(township_id, name, short, district, code, weight)
            village_names: list[str] = []
            while len(village_names) < rng.randint(4, 9):
                candidate = rng.choice(_VILLAGE_FIRST) + rng.choice(_VILLAGE_SECOND) + "村"
                if candidate not in village_names:
                    village_names.append(candidate)
            for v, village in enumerate(village_names, 1):
                village_id = registry.ensure_org_unit(village, "village", township_id, f"{code}{200 + v:03d}")
                township.villages.append((village_id, village))
                villages += 1
            roads = {rng.choice(_ROAD_WORDS) + rng.choice(_ROAD_SUFFIXES) for _ in range(rng.randint(6, 12))}
            township.roads = sorted(roads)
            townships.append(township)
    return townships, villages


def _generate_parks(
    workspace: Workspace, rng: random.Random, drawer: _Drawer, township: _Township, counters: dict[str, int]
) -> list[str]:
    """Parks of one township (about one per 15 landlords); returns the operators' enterprise ids."""
    registry, store = workspace.registry, workspace.store
    n = 0 if township.landlords < 3 else max(1, min(8, round(township.landlords / 15 + rng.uniform(-0.5, 0.5))))
    kinds = ["zone", "micro", "village", "village", "brand", "micro", "village", "brand"][:n]
    operators: list[str] = []
    used_villages: set[str] = set()
    for kind in kinds:
        village = None
        if kind == "zone":
            name = f"{township.name}工业园区"
            weight = 3.0
        elif kind == "micro":
            phase = sum(1 for p in township.parks if p.kind == "micro")
            name = f"{township.district.name}{township.name}小微企业园" + (
                f"（{'一二三四'[phase]}期）" if phase else ""
            )
            weight = 2.5
        elif kind == "village":
            free = [v for v in township.villages if v[1] not in used_villages] or township.villages
            village = rng.choice(free)
            used_villages.add(village[1])
            name = f"{township.name}{village[1]}工业区"
            weight = 1.5
        else:
            name = f"宁波{drawer.brand()}{rng.choice(_PARK_BRAND_WORDS)}"
            weight = 2.0
        if name in drawer.names:
            name = f"{name}（{township.short}）"
        drawer.names.add(name)
        address = township.address(rng)
        park_id = registry.ensure_park(name, township.id, address)
        township.parks.append(_Park(park_id, name, kind, village, address, weight))
        if kind in ("micro", "brand") and rng.random() < 0.7:
            prefixes, word = township.district.prefixes, rng.choice(_OPERATOR_WORDS)
            op_name = drawer.unique(partial(_operator_name, rng, drawer, prefixes, word))
            operator_id = registry.create_enterprise(
                name=op_name,
                uscc=drawer.uscc("9", "1", township.district.code, True),
                address=address,
                township_id=township.id,
                park_id=park_id,
                industry="园区运营管理",
                employees=drawer.employees(8, 3, 40),
                is_operator=True,
                phone=drawer.landline(),
            )
            counters["people"] += _write_people(workspace, drawer, operator_id, safety_officer=True)
            store.update("park", park_id, {"operator_id": operator_id})
            operators.append(operator_id)
    township.park_cum = list(itertools.accumulate(p.weight for p in township.parks))
    return operators


def _write_people(workspace: Workspace, drawer: _Drawer, enterprise_id: str, *, safety_officer: bool) -> int:
    """Principal always; safety officer when asked. Returns how many people were written."""
    workspace.registry.set_person(enterprise_id, "principal", drawer.person(), drawer.mobile())
    if safety_officer:
        workspace.registry.set_person(enterprise_id, "safety_officer", drawer.person(), drawer.mobile())
        return 2
    return 1


def _risk_grade(rng: random.Random, profile: tuple[str, ...], tenants: int = 0) -> str | None:
    if rng.random() < 0.35:
        return None  # not graded yet
    if profile:
        weights = (10, 35, 45, 10)
    elif tenants >= 10:
        weights = (4, 30, 56, 10)
    else:
        weights = (1, 10, 54, 35)
    return rng.choices(RISK_GRADES, weights=weights)[0]


@dataclass
class _LandlordPlan:
    kind: str  # village, rental, maker, private
    township: _Township
    park: _Park | None
    village: tuple[str, str] | None
    tenants: int


def _plan_landlords(
    rng: random.Random, townships: list[_Township], landlords: int, tenants: int
) -> list[_LandlordPlan]:
    """Where each landlord is, what kind it is and how many tenants it has (village collectives and rental
    companies tend to have more)."""
    cum = list(itertools.accumulate(t.weight * t.district.weight for t in townships))
    plans: list[_LandlordPlan] = []
    weights: list[float] = []
    for township in rng.choices(townships, cum_weights=cum, k=landlords) if townships else []:
        kind = rng.choices(LANDLORD_KINDS, weights=LANDLORD_KIND_WEIGHTS)[0]
        plans.append(_LandlordPlan(kind, township, None, None, 0))
        township.landlords += 1
        weights.append(landlord_weight(rng, kind))
    for plan, count in zip(plans, tenant_counts(rng, weights, tenants), strict=False):
        plan.tenants = count
    return plans


def _generate_registry(
    workspace: Workspace,
    rng: random.Random,
    *,
    landlords: int,
    tenants: int,
    progress: Progress | None = None,
) -> RegistryResult:
    store = workspace.store
    taken = {r[0] for r in store.db.conn.execute("SELECT uscc FROM enterprise WHERE uscc IS NOT NULL")}
    drawer = _Drawer(rng, taken)
    counters = {"people": 0, "leases": 0, "signed": 0, "no_uscc": 0, "sites": 0}

    with store.transaction():
        townships, villages = _generate_territory(workspace, rng, landlords)
    plans = _plan_landlords(rng, townships, landlords, tenants)

    operator_ids: list[str] = []
    with store.transaction():
        for township in townships:
            operator_ids.extend(_generate_parks(workspace, rng, drawer, township, counters))
    parks = sum(len(t.parks) for t in townships)
    total = landlords + tenants + len(operator_ids)
    done = len(operator_ids)
    if progress and operator_ids:
        progress(done, total)

    landlord_ids: list[str] = []
    tenant_ids: list[str] = []
    index = 0
    while index < len(plans):
        batch_done = 0
        with store.transaction():
            while index < len(plans) and batch_done < BATCH_SIZE:
                plan = plans[index]
                index += 1
                landlord_id, written = _write_landlord(workspace, rng, drawer, plan, counters)
                landlord_ids.append(landlord_id)
                tenant_ids.extend(written)
                batch_done += 1 + len(written)
        done += batch_done
        if progress:
            progress(done, total)

    main = max(
        {t.district.name: t.district for t in townships}.values(),
        key=lambda d: sum(t.landlords for t in townships if t.district is d),
        default=DISTRICTS[0],
    )
    busiest = sorted((t for t in townships if t.district is main), key=lambda t: -t.landlords)
    return RegistryResult(
        districts=len({t.district.name for t in townships}),
        townships=len(townships),
        villages=villages,
        parks=parks,
        sites=counters["sites"],
        people=counters["people"],
        leases=counters["leases"],
        agreements_signed=counters["signed"],
        without_uscc=counters["no_uscc"],
        landlord_ids=tuple(landlord_ids),
        tenant_ids=tuple(tenant_ids),
        operator_ids=tuple(operator_ids),
        township_ids=tuple(t.id for t in townships),
        main_district=main.name,
        main_townships=tuple(t.name for t in busiest),
    )


def _write_landlord(
    workspace: Workspace, rng: random.Random, drawer: _Drawer, plan: _LandlordPlan, counters: dict[str, int]
) -> tuple[str, list[str]]:
    """One landlord, its site and its tenants with their people and leases; returns (landlord id, tenant ids)."""
    registry, store = workspace.registry, workspace.store
    township, district = plan.township, plan.township.district
    area = district.code

    if plan.kind == "village":
        free = [v for v in township.villages if v[1] not in township.collectives]
        if free:  # one 股份经济合作社 per village; when all are taken, the landlord is a rental company
            plan.village = rng.choice(free)
            township.collectives.add(plan.village[1])
        else:
            plan.kind = "rental"
    if plan.kind == "village" and plan.village is not None:
        village_parks = [p for p in township.parks if p.village == plan.village]
        plan.park = village_parks[0] if village_parks else None
    elif township.parks and rng.random() < (0.7 if plan.kind == "rental" else 0.55):
        plan.park = rng.choices(township.parks, cum_weights=township.park_cum)[0]
    park = plan.park

    if park is not None and park.kind == "village":
        address = f"{township.full}{park.village[1] if park.village else ''}工业区{rng.randrange(1, 300)}号"
    elif plan.kind == "village" and plan.village is not None:
        address = f"{township.full}{plan.village[1]}{rng.randrange(1, 400)}号"
    else:
        address = township.address(rng)

    profile: tuple[str, ...] = ()
    phone = None
    if plan.kind == "village":
        village = plan.village[1] if plan.village else ""
        name = drawer.unique(lambda: f"{township.full}{village}股份经济合作社")
        uscc: str | None = drawer.uscc("N", "2", area, False)
        industry, employees = RENTAL_INDUSTRY, rng.randint(3, 12)
        site_name = f"{village}标准厂房"
    elif plan.kind == "private":
        name = drawer.unique(lambda: f"{drawer.person()}（个人出租）")
        uscc, industry, employees = None, RENTAL_INDUSTRY, None
        site_name = f"{name.split('（')[0]}出租厂房"
    else:
        if plan.kind == "maker":
            industry_info = rng.choices(INDUSTRIES, cum_weights=_INDUSTRY_CUM)[0]
            word = rng.choice(industry_info.company_words + ("实业", "科技"))
            industry, employees = industry_info.label, drawer.employees(industry_info.median_employees * 4, 10, 2000)
            profile = industry_info.profile
        else:
            word = rng.choice(_LANDLORD_COMPANY_WORDS)
            industry, employees = RENTAL_INDUSTRY, drawer.employees(6, 2, 30)
        name = drawer.unique(partial(_operator_name, rng, drawer, district.prefixes, word))
        uscc = drawer.uscc("9", "1", area, rng.random() < 0.35)
        phone = drawer.landline() if rng.random() < 0.5 else None
        site_name = f"{name.replace('有限公司', '')}厂区"
    if uscc is None:
        counters["no_uscc"] += 1

    park_id = park.id if park else None
    landlord_id = registry.create_enterprise(
        name=name,
        uscc=uscc,
        address=address,
        township_id=township.id,
        park_id=park_id,
        industry=industry,
        employees=employees,
        is_landlord=True,
        phone=phone,
        risk_grade=_risk_grade(rng, profile, plan.tenants),
        profile={flag: True for flag in profile} or None,
    )
    site_id = store.insert(
        "site", {"name": site_name, "park_id": park_id, "landlord_id": landlord_id, "address": address}
    )
    counters["sites"] += 1
    registry.update_enterprise(landlord_id, site_id=site_id)
    counters["people"] += _write_people(
        workspace, drawer, landlord_id, safety_officer=plan.kind != "private" and rng.random() < 0.85
    )

    buildings = max(1, min(12, math.ceil(plan.tenants / 3)))
    units: set[str] = set()
    tenant_ids = []
    for _ in range(plan.tenants):
        tenant_ids.append(
            _write_tenant(workspace, rng, drawer, plan, landlord_id, site_id, address, buildings, units, counters)
        )
    return landlord_id, tenant_ids


def _write_tenant(
    workspace: Workspace,
    rng: random.Random,
    drawer: _Drawer,
    plan: _LandlordPlan,
    landlord_id: str,
    site_id: str,
    site_address: str,
    buildings: int,
    units: set[str],
    counters: dict[str, int],
) -> str:
    registry, store = workspace.registry, workspace.store
    township, district = plan.township, plan.township.district
    info = rng.choices(INDUSTRIES, cum_weights=_INDUSTRY_CUM)[0]
    form = rng.choices(("company", "factory", "individual", "workshop"), weights=(52, 20, 22, 6))[0]
    prefix = rng.choice(district.prefixes)
    if form == "company":
        word = rng.choice(info.company_words)
        name = drawer.unique(lambda: f"{prefix}{drawer.brand()}{word}有限公司")
        uscc: str | None = drawer.uscc("9", "1", district.code, rng.random() < 0.6)
        employees = drawer.employees(info.median_employees)
    elif form == "factory":  # 个人独资企业 / old collective 厂: registered, has a code
        word = rng.choice(info.factory_words)
        name = drawer.unique(lambda: f"{prefix}{drawer.brand()}{word}厂")
        uscc = drawer.uscc("9", "1", district.code, rng.random() < 0.5)
        employees = drawer.employees(info.median_employees * 0.8)
    elif form == "individual":  # 个体工商户: code for most, some never recorded one
        word = rng.choice(info.factory_words)
        place = prefix if prefix.endswith(("市", "县")) else prefix + township.short
        name = drawer.unique(
            lambda: f"{place}{drawer.brand()}{word}{rng.choice(('加工厂', '加工厂', '加工场', '经营部'))}"
        )
        uscc = drawer.uscc("9", "2", district.code, True) if rng.random() < 0.7 else None
        employees = drawer.employees(6, 1, 30)
    else:  # unregistered workshop, known by its owner's name
        word = rng.choice(info.factory_words)
        name = drawer.unique(lambda: f"{drawer.person()}{word}加工作坊")
        uscc = None
        employees = drawer.employees(4, 1, 12)
    if uscc is None:
        counters["no_uscc"] += 1

    building = rng.randint(1, buildings)
    for _ in range(20):
        unit = f"{building}幢{rng.randint(1, 4)}楼" + rng.choice(("", "", "东侧", "西侧", "南侧", "北侧", "A区", "B区"))
        if unit not in units:
            break
        building = rng.randint(1, buildings)
    units.add(unit)
    area = round(max(40.0, employees * rng.uniform(25, 80)) / 10) * 10

    tenant_id = registry.create_enterprise(
        name=name,
        uscc=uscc,
        address=f"{site_address}{unit}",
        township_id=township.id,
        park_id=plan.park.id if plan.park else None,
        site_id=site_id,
        industry=info.label,
        employees=employees,
        is_tenant=True,
        phone=drawer.landline() if form == "company" and rng.random() < 0.25 else None,
        risk_grade=_risk_grade(rng, info.profile),
        profile={flag: True for flag in info.profile} or None,
    )
    safety_officer = rng.random() < (0.95 if employees >= 30 else 0.7 if employees >= 10 else 0.4)
    counters["people"] += _write_people(
        workspace, drawer, tenant_id, safety_officer=safety_officer and form != "workshop"
    )

    start = drawer.day(REFERENCE_DATE - timedelta(days=8 * 365), REFERENCE_DATE - timedelta(days=30))
    end = start + timedelta(days=365 * rng.choice((1, 2, 3, 3, 5, 5, 10)) - 1)
    p_signed = {"village": 0.65, "rental": 0.8, "maker": 0.7, "private": 0.4}[plan.kind]
    signed = rng.random() < p_signed
    agreed = drawer.day(start, min(REFERENCE_DATE, start + timedelta(days=400))) if signed else None
    lease_id = registry.add_lease(
        landlord_id,
        tenant_id,
        site_id=site_id,
        unit=unit,
        area_m2=float(area),
        agreement_signed=signed,
        agreement_date=agreed.isoformat() if agreed else None,
    )
    store.update("lease", lease_id, {"start_date": start.isoformat(), "end_date": end.isoformat()})
    counters["leases"] += 1
    counters["signed"] += signed
    return tenant_id


# ---------------------------------------------------------------------------------------------------------------
# Roster


def _generate_roster(workspace: Workspace, rng: random.Random, registry: RegistryResult) -> RosterResult:
    """6–10 certified inspectors of the busiest district's bureau and township offices, and teams of two."""
    roster, store = workspace.roster, workspace.store
    district = next((d for d in DISTRICTS if d.name == registry.main_district), DISTRICTS[0])
    bureau = f"{district.address_prefix}应急管理局"
    towns = list(registry.main_townships[:2]) or [district.townships[0]]
    offices = [f"{district.name}{t}应急消防管理所" for t in towns]
    drawer = _Drawer(rng, set())
    existing = {r[0] for r in store.db.conn.execute("SELECT cert_no FROM inspector")}
    count = rng.randint(6, 10)
    agencies = [bureau] * (count - 2 * len(offices)) + [o for o in offices for _ in range(2)]
    inspector_ids: list[str] = []
    by_agency: dict[str, list[str]] = {}
    with store.transaction():
        for agency in agencies:
            while True:
                year = rng.choice((2021, 2022, 2023, 2024, 2025))
                if agency == bureau:
                    cert_no, issuer = f"浙应急执法〔{year}〕{rng.randrange(1, 3000):04d}号", "浙江省应急管理厅"
                else:
                    cert_no, issuer = (
                        f"浙行政执法〔{year}〕{district.code}{rng.randrange(1, 1000):03d}号",
                        "浙江省人民政府",
                    )
                if cert_no not in existing:
                    existing.add(cert_no)
                    break
            name = drawer.unique(drawer.person)
            inspector_id = roster.add_inspector(name, cert_no, agency, cert_issuer=issuer, phone=drawer.mobile())
            inspector_ids.append(inspector_id)
            by_agency.setdefault(agency, []).append(inspector_id)
        team_ids = []
        bureau_staff = by_agency.get(bureau, [])
        for n, pair in enumerate(zip(bureau_staff[0::2], bureau_staff[1::2], strict=False), 1):
            if n > 2:
                break
            team_ids.append(roster.create_team(f"{bureau}执法{'一二'[n - 1]}组", list(pair), bureau))
        for office in offices[:1]:
            staff = by_agency[office]
            team_ids.append(roster.create_team(f"{office}检查组", staff[:2], office))
    return RosterResult(tuple(inspector_ids), tuple(team_ids))


__all__ = ["BATCH_SIZE", "REFERENCE_DATE", "DemoSummary", "generate_demo", "landlord_weight", "tenant_counts"]
