"""`python bench/make_zh_sample.py`: write the Chinese built-in samples from hand-written pools.

Writes core/data/samples/reviews_sentiment_zh.csv (short 简体中文 reviews, 正面/负面, with a
split column) and core/data/samples/news_entities_zh.conll (news-style sentences, one character
per token, BIO tags for PER/ORG/LOC). Every clause below was written for this project; nothing is
copied from a dataset. The output depends only on SEED, so running it again gives the same files.

The reviews are built so that counting words or characters is not enough:
- negation of a praising word (不/并不/一点也不/不太/算不上 + 好) and of a blaming one
  (一点也不难吃);
- contrast where the later clause decides (虽然…但是…, …不过…), with the same clauses on both sides;
- expectations turned around (本来以为…结果…, 还以为…没想到…);
- sarcasm (真是"贴心"极了 followed by what happened);
- outcomes told without sentiment words (等了一个小时还没上菜, 第二天一早就送到了);
- "没有想象中那么…" and 不后悔 / 没踩雷 (a negation word in a positive review).
Words such as 好, 差, 不, 没, 但是 appear in both labels.
"""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

SEED = 13
ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "core" / "data" / "samples"
PER_LABEL = 360          # 720 reviews
SPLIT_PER_LABEL = {"train": 216, "validation": 36, "test": 108}   # 60 / 10 / 30
POS, NEG = "正面", "负面"

# domain -> (contexts, aspects, positive outcomes, negative outcomes)
# aspect: (noun, praising adjectives, blaming adjectives); adjectives are bare, so that
# 很/非常/不/一点也不 can be put in front of them.
DOMAINS = {
    "餐厅": (
        ["周末和家人去的。", "第一次来这家店。", "朋友推荐来的。", "中午排队吃的。",
         "公司聚餐选的这家。",
         "晚上十点去的。"],
        [("菜的味道", ["地道", "鲜美", "好", "入味"], ["咸", "油腻", "难吃", "淡"]),
         ("服务员", ["热情", "周到", "耐心", "细心"], ["冷淡", "敷衍", "不耐烦", "马虎"]),
         ("店里的环境", ["干净", "安静", "舒服", "雅致"], ["吵", "脏", "挤", "闷"]),
         ("价格", ["实惠", "公道", "划算", "合理"], ["贵", "离谱", "坑", "虚高"]),
         ("分量", ["足", "实在", "大方", "够"], ["少", "小气", "可怜", "寒酸"])],
        ["十分钟菜就上齐了", "盘子吃得干干净净", "老板还送了一份甜点", "两个人一百块吃得很饱",
         "爸妈吃完说下次还要来", "锅包肉端上来还是滋滋响的", "汤喝完了服务员主动来加",
         "打包的时候还多给了一盒米饭"],
        ["等了一个小时还没上菜", "吃完回去就拉肚子了", "结账时多算了两道菜", "汤里吃出了一根头发",
         "点的鱼端上来是凉的", "催了三次菜才上来", "半盘都是配菜没几块肉",
         "桌子上的油擦了半天还在"],
    ),
    "手机": (
        ["用了一个月了。", "买来送给爸妈的。", "双十一下单的。", "替换旧手机买的。",
         "用了两个星期。",
         "上班路上天天在用。"],
        [("电池", ["耐用", "持久", "给力", "稳"], ["不经用", "掉电快", "虚", "差"]),
         ("屏幕", ["清晰", "细腻", "亮", "好看"], ["暗", "模糊", "偏色", "刺眼"]),
         ("拍照", ["清楚", "出色", "自然", "好"], ["糊", "偏黄", "失真", "差"]),
         ("系统", ["流畅", "稳定", "顺手", "简洁"], ["卡", "臃肿", "难用", "慢"]),
         ("做工", ["精致", "扎实", "讲究", "细致"], ["粗糙", "廉价", "松垮", "毛糙"])],
        ["充一次电能用两天", "用了两年还跟新的一样", "摔了好几次一点事没有",
         "拍的照片直接发朋友圈不用修",
         "打游戏一晚上都不发烫", "我妈自己就学会了怎么用", "开机三秒就能用",
         "跑步时揣兜里一点不硌"],
        ["用了三天就开不了机", "充满电半天就没了", "打电话对方总说听不清", "拍的照片全是噪点",
         "屏幕边上出现了一条绿线", "刚过保修期就坏了", "玩十分钟就烫得拿不住",
         "更新完系统好几个软件闪退"],
    ),
    "酒店": (
        ["出差住了两晚。", "国庆带孩子住的。", "提前一周订的房。", "深夜才办的入住。",
         "住了三个晚上。",
         "在网上看了评价才订的。"],
        [("房间", ["干净", "宽敞", "整洁", "安静"], ["脏", "小", "潮", "吵"]),
         ("前台", ["热情", "专业", "客气", "麻利"], ["冷漠", "傲慢", "拖拉", "敷衍"]),
         ("早餐", ["丰富", "可口", "新鲜", "好"], ["单调", "难吃", "凉", "差"]),
         ("床", ["软硬合适", "舒服", "干净", "大"], ["硬", "塌", "窄", "脏"]),
         ("位置", ["方便", "便利", "好找", "好"], ["偏", "难找", "远", "不方便"])],
        ["下楼走两分钟就是地铁站", "一觉睡到天亮", "前台帮我们免费升级了房型", "晚到了也给留着房",
         "退房时行李可以寄存一下午", "孩子忘在房间的玩具第二天就寄回来了", "洗澡水一开就是热的",
         "窗外就能看到江景"],
        ["半夜隔壁吵到两点", "热水放了十分钟还是凉的", "床单上有别人的头发", "空调开了一晚上还是闷",
         "入住等了四十分钟", "退房时押金拖了一周才退", "卫生间的门关不上", "窗户对着一堵墙"],
    ),
    "软件": (
        ["手机上装了半年。", "为了记账下载的。", "工作需要装的。", "朋友推荐下载的。", "开了会员。",
         "每天通勤都在用。"],
        [("界面", ["简洁", "清爽", "好看", "直观"], ["乱", "花哨", "丑", "复杂"]),
         ("功能", ["齐全", "实用", "强大", "贴心"], ["鸡肋", "单一", "难用", "残缺"]),
         ("更新", ["及时", "稳定", "靠谱", "用心"], ["慢", "频繁", "随意", "糟糕"]),
         ("客服", ["耐心", "专业", "及时", "靠谱"], ["敷衍", "机械", "慢", "冷漠"]),
         ("广告", ["少", "克制", "干净", "适度"], ["多", "烦人", "泛滥", "密集"])],
        ["三秒就能打开", "数据换手机后一条没丢", "找个功能两下就找到了", "提的建议下个版本就加上了",
         "每月账单自动就整理好了", "一年多没闪退过一次", "离线也能照常用", "家里老人也能自己用"],
        ["打开要先看十五秒广告", "闪退了三次数据全没了", "会员到期前一天自动扣了费",
         "登录一直提示网络错误",
         "更新以后原来的记录找不到了", "每次打开都弹出好几个窗口", "注销账号找了半小时入口",
         "后台一直偷偷耗电"],
    ),
    "快递": (
        ["网上下的单。", "给朋友寄的生日礼物。", "急用才选的这家。", "买的是易碎品。",
         "第一次在这家店买。",
         "下单时备注了送货上门。"],
        [("速度", ["快", "及时", "迅速", "准时"], ["慢", "拖拉", "磨蹭", "迟"]),
         ("包装", ["结实", "仔细", "严实", "用心"], ["简陋", "破", "随便", "寒酸"]),
         ("快递员", ["客气", "负责", "耐心", "准时"], ["凶", "不耐烦", "粗鲁", "敷衍"]),
         ("售后", ["爽快", "及时", "负责", "到位"], ["推诿", "拖拉", "敷衍", "难缠"]),
         ("商品", ["完好", "正品", "新", "好"], ["旧", "破损", "假", "差"])],
        ["第二天一早就送到了", "箱子里塞满了泡沫", "快递员打电话确认了才放门口",
         "退货第二天钱就到账了",
         "下雨天还给包了一层塑料袋", "当天下午就发货了", "玻璃杯一个没碎", "比预计早了三天到"],
        ["说好三天到结果等了十天", "箱子被压扁了一个角", "没打电话就放在了楼下",
         "显示签收了但根本没收到",
         "退款申请到现在还没处理", "里面的杯子碎了两个", "客服说查一下就再也没回复",
         "送来的颜色跟下单的不一样"],
    ),
    "电影": (
        ["周五晚上看的首映。", "陪女朋友去看的。", "在家投屏看的。", "冲着导演去看的。",
         "带孩子去电影院看的。",
         "看了预告片才决定去的。"],
        [("剧情", ["紧凑", "精彩", "流畅", "扎实"], ["拖沓", "混乱", "老套", "无聊"]),
         ("演员", ["自然", "投入", "出色", "到位"], ["尴尬", "僵硬", "浮夸", "出戏"]),
         ("画面", ["漂亮", "精致", "震撼", "好"], ["粗糙", "廉价", "暗", "乱"]),
         ("配乐", ["动听", "贴切", "好听", "抓人"], ["吵", "突兀", "难听", "刺耳"]),
         ("结局", ["圆满", "意外", "动人", "好"], ["仓促", "牵强", "敷衍", "烂"])],
        ["两个小时一点没看手机", "散场了大家还坐着听片尾曲", "回家又把原著找出来看了",
         "孩子看完一直在学里面的台词",
         "第二天又去看了一遍", "最后十分钟全场都在抹眼泪", "看完跟朋友讨论了一晚上",
         "片尾彩蛋全场都笑了"],
        ["看到一半旁边的人睡着了", "中途好几个人离场了", "看完完全不记得讲了什么",
         "最后半小时一直在看表",
         "出了影院就忘了主角叫什么", "孩子看了二十分钟就吵着要走", "票价八十只值前十分钟",
         "两个小时的片子像是看了四个小时"],
    ),
}

INTENSIFIERS = ["很{a}", "非常{a}", "特别{a}", "挺{a}的", "真的{a}", "相当{a}", "十分{a}",
                "{a}得很"]
NEGATORS = ["不{a}", "并不{a}", "一点也不{a}", "不太{a}", "没那么{a}", "算不上{a}", "根本不{a}",
            "一点都不{a}"]
CONTRAST = [("虽然{x}，但是{y}", 1), ("虽然{x}，可是{y}", 1), ("{x}，但是{y}", 1), ("{x}，不过{y}",
                                                                       1),
            ("尽管{x}，{y}", 1), ("{x}，只是{y}", 1), ("{x}，然而{y}", 1), ("说实话{x}，但{y}", 1)]
EXPECT = ["本来以为{x}，结果{y}", "还以为{x}，没想到{y}", "原以为{x}，谁知{y}",
          "本以为{x}，实际上{y}"]
# sarcasm: an outwardly praising frame with quotation marks, then what really happened
SARCASM = ["{n}真是“{a}”极了，{f}", "好一个“{a}”的{n}，{f}", "{n}可真够“{a}”的，{f}",
           "不得不夸一句{n}“{a}”，{f}", "{n}“{a}”到让人感动，{f}"]
# the same frame without quotation marks and with a good outcome: praise meant as praise
SINCERE = ["{n}真是{a}极了，{f}", "不得不夸一句{n}{a}，{f}", "{n}可真够{a}的，{f}",
           "{n}{a}到让人感动，{f}"]
THAN_EXPECTED = [("{n}没有想象中那么{a}", "flip"), ("{n}比想象中还要{a}", "keep"),
                 ("{n}远没有宣传的那么{a}", "flip"), ("{n}比我预想的{a}多了", "keep")]
# closing remarks; a negation word sits in positive ones and a praising word in negative ones
TAILS = {
    POS: ["不后悔。", "没踩雷。", "不会失望的。", "以后还选它。", "已经推荐给朋友了。",
          "不吹不黑，值得。",
          "没什么可挑的。", "挑不出毛病。"],
    NEG: ["以后不会再选了。", "好评都是刷的吧。", "劝大家别买。", "后悔了。", "说好的好评如潮呢？",
          "不推荐。",
          "钱花得真冤。", "以后绕着走。"],
}


def praise(rng, noun, good):
    return noun + rng.choice(INTENSIFIERS).format(a=rng.choice(good))


def blame(rng, noun, bad):
    return noun + rng.choice(INTENSIFIERS).format(a=rng.choice(bad))


def negatable(words):
    """Adjectives that can follow 不/并不 (not those that already start with 不)."""
    return [w for w in words if not w.startswith("不")]


def clause(rng, domain, label, plain_ok=True, avoid=None):
    """A clause of `label`, told in one of several ways (never the label word itself), about
    another aspect than `avoid`."""
    _, aspects, good_facts, bad_facts = DOMAINS[domain]
    noun, good, bad = rng.choice([a for a in aspects if a[0] != avoid])
    kind = rng.random()
    if kind < 0.35:  # an outcome without sentiment words
        return rng.choice(good_facts if label == POS else bad_facts)
    if kind < 0.65 or not plain_ok:  # a negated word of the other side
        words = negatable(bad if label == POS else good)
        return noun + rng.choice(NEGATORS).format(a=rng.choice(words))
    return praise(rng, noun, good) if label == POS else blame(rng, noun, bad)


def review(rng, domain, label):
    """One review of `label` about `domain`."""
    contexts, aspects, good_facts, bad_facts = DOMAINS[domain]
    other = NEG if label == POS else POS
    noun, good, bad = rng.choice(aspects)
    # the kinds a bag of words cannot count its way through come most often
    kind = rng.choices(["negation", "contrast", "expectation", "irony", "outcome", "than", "plain"],
                       weights=[2, 4, 3, 1.5, 1, 1, 0.5])[0]
    if kind == "negation":
        words = negatable(bad if label == POS else good)
        body = noun + rng.choice(NEGATORS).format(a=rng.choice(words))
        if rng.random() < 0.5:
            body += "，" + clause(rng, domain, label, avoid=noun)
    elif kind == "contrast":
        frame, _ = rng.choice(CONTRAST)
        first = clause(rng, domain, other)
        second = clause(rng, domain, label)
        body = frame.format(x=first, y=second)
    elif kind == "expectation":
        body = _expectation(rng, domain, label, other, noun, good, bad)
    elif kind == "irony":
        body = _irony(rng, label, noun, good, good_facts, bad_facts)
    elif kind == "than":
        body = _than_expected(rng, label, noun, good, bad)
    elif kind == "outcome":
        facts = good_facts if label == POS else bad_facts
        first, second = rng.sample(facts, 2)
        body = first + "，" + second if rng.random() < 0.4 else first
    else:
        body = praise(rng, noun, good) if label == POS else blame(rng, noun, bad)
        if rng.random() < 0.5:
            body += "，" + clause(rng, domain, label, avoid=noun)
    return _framed(rng, contexts, label, body)


def _expectation(rng, domain, label, other, noun, good, bad):
    # expected the other side, got this one
    if other == NEG:
        expected = noun + "会" + rng.choice(INTENSIFIERS).format(a=rng.choice(bad))
    else:
        expected = noun + "会" + rng.choice(INTENSIFIERS).format(a=rng.choice(good))
    return rng.choice(EXPECT).format(x=expected, y=clause(rng, domain, label))


def _irony(rng, label, noun, good, good_facts, bad_facts):
    if label == NEG:
        return rng.choice(SARCASM).format(n=noun, a=rng.choice(good), f=rng.choice(bad_facts))
    return rng.choice(SINCERE).format(n=noun, a=rng.choice(good), f=rng.choice(good_facts))


def _than_expected(rng, label, noun, good, bad):
    frame, mode = rng.choice(THAN_EXPECTED)
    if mode == "flip":   # 没有想象中那么好 -> negative; 没有想象中那么难吃 -> positive
        words = good if label == NEG else bad
    else:
        words = good if label == POS else bad
    return frame.format(n=noun, a=rng.choice(words))


def _framed(rng, contexts, label, body):
    """The review around `body`: a full stop, sometimes a context before and a remark after."""
    text = body + "。"
    if rng.random() < 0.5:
        text = rng.choice(contexts) + text
    if rng.random() < 0.12:
        text += rng.choice(TAILS[label])
    return text


def _key(text):
    """Texts that differ only in punctuation count as one."""
    return re.sub(r"[，。！？、“”：；\s]", "", text)


def reviews(rng):
    rows, seen = [], set()
    domains = list(DOMAINS)
    for label in (POS, NEG):
        made = 0
        while made < PER_LABEL:
            text = review(rng, domains[made % len(domains)], label)
            if _key(text) in seen:
                continue
            seen.add(_key(text))
            rows.append([text, label])
            made += 1
    by_label = {label: [r for r in rows if r[1] == label] for label in (POS, NEG)}
    out = []
    for label, items in by_label.items():
        rng.shuffle(items)
        start = 0
        for split, size in SPLIT_PER_LABEL.items():
            out += [[text, label, split] for text, label in items[start:start + size]]
            start += size
    rng.shuffle(out)
    return out


# --- entities -------------------------------------------------------------------------------

PEOPLE = ["张伟", "李娜", "王芳", "刘洋", "陈静", "赵磊", "周敏", "孙浩", "吴霞", "郑凯", "黄丽华",
          "林晓东", "何建国", "马文杰", "高雅琴", "罗志强", "欧阳明", "梁思远", "谢婷", "宋志刚",
          "韩雪",
          "唐立新", "许文博", "冯晓梅"]
ORGS = ["清华大学", "北京大学", "复旦大学", "中国科学院", "新华社", "国家统计局", "中国银行",
        "华为公司",
        "星河科技公司", "东方电气集团", "市人民医院", "联合国", "世界卫生组织", "中国足球协会",
        "青禾食品公司",
        "蓝海物流公司", "省教育厅", "长风汽车集团", "南山中学", "明德出版社"]
PLACES = ["北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "西安", "南京", "重庆", "长江",
          "黄河",
          "四川省", "云南省", "西湖", "日本", "法国", "巴西", "香港", "天津", "青岛", "厦门",
          "泰山",
          "内蒙古"]

ENTITY_TEMPLATES = [
    "{PER}在{LOC}出席了{ORG}举办的论坛。",
    "{ORG}宣布将在{LOC}新建一座研发中心。",
    "记者从{ORG}获悉，{PER}已当选新一届负责人。",
    "{PER}昨天抵达{LOC}，开始为期三天的访问。",
    "{LOC}的游客人数比去年同期增长了两成。",
    "{ORG}发布报告称，{LOC}的空气质量明显好转。",
    "{PER}表示，{ORG}明年将继续扩大招生。",
    "来自{LOC}的{PER}获得了本届比赛的冠军。",
    "{ORG}与{ORG2}签署了合作协议。",
    "{PER}和{PER2}在{LOC}共同主持了开幕式。",
    "据{ORG}消息，{LOC}今年的粮食产量创下新高。",
    "{PER}毕业于{ORG}，现在{LOC}工作。",
    "{LOC}至{LOC2}的高铁线路今天正式开通。",
    "{ORG}的专家{PER}提醒市民注意防暑。",
    "{PER}在接受{ORG}采访时谈到了{LOC}的发展。",
    "今年的春季交易会在{LOC}举行，{ORG}派出了代表团。",
    "{PER}带领团队从{LOC}出发，前往{LOC2}考察。",
    "{ORG}向{LOC}的灾区捐赠了一批物资。",
    "{LOC}警方表示，{PER}已被找到，身体无恙。",
    "{PER}的新书由{ORG}出版，首发式在{LOC}举行。",
    "{ORG}今天在{LOC}召开新闻发布会。",
    "{PER}说，{LOC}的冬天比往年冷得多。",
    "{ORG}聘请{PER}担任首席科学家。",
    "{LOC}和{LOC2}将联合举办文化节。",
    "{PER}率领的{ORG}代表队在{LOC}夺冠。",
    "受台风影响，{LOC}多个航班取消。",
    "{ORG}研究员{PER}的论文引起广泛关注。",
    "{PER}向{ORG}提交了辞职信。",
    "{LOC}方面与{ORG}达成了投资意向。",
    "在{LOC}举行的会议上，{PER}介绍了{ORG}的新计划。",
]


def _tag(text, spans):
    """(character, tag) pairs for `text`; spans: (start, end, type)."""
    tags = ["O"] * len(text)
    for start, end, kind in spans:
        tags[start] = "B-" + kind
        for i in range(start + 1, end):
            tags[i] = "I-" + kind
    return list(zip(text, tags, strict=True))


def entity_sentence(rng, template):
    pools = {"PER": PEOPLE, "ORG": ORGS, "LOC": PLACES}
    chosen = {}
    for slot in re.findall(r"\{(\w+)\}", template):
        kind = slot.rstrip("2")
        taken = set(chosen.values())
        chosen[slot] = rng.choice([name for name in pools[kind] if name not in taken])
    text, spans, pos = "", [], 0
    for part in re.split(r"(\{\w+\})", template):
        if part.startswith("{"):
            slot = part[1:-1]
            name = chosen[slot]
            spans.append((pos, pos + len(name), slot.rstrip("2")))
            part = name
        text += part
        pos += len(part)
    return text, _tag(text, spans)


def entities(rng, count=120):
    sentences, seen = [], set()
    while len(sentences) < count:
        template = ENTITY_TEMPLATES[len(sentences) % len(ENTITY_TEMPLATES)]
        text, tagged = entity_sentence(rng, template)
        if text not in seen:
            seen.add(text)
            sentences.append(tagged)
    return sentences


def main() -> None:
    rng = random.Random(SEED)
    rows = reviews(rng)
    with open(SAMPLES / "reviews_sentiment_zh.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label", "split"])
        writer.writerows(rows)
    sentences = entities(rng)
    with open(SAMPLES / "news_entities_zh.conll", "w", encoding="utf-8") as handle:
        for sentence in sentences:
            handle.write("".join(f"{char} {tag}\n" for char, tag in sentence) + "\n")
    print(f"{len(rows)} reviews, {len(sentences)} entity sentences")


if __name__ == "__main__":
    main()
