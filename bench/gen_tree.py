#!/usr/bin/env python3
"""Write a reproducible Hugo (Mainroad theme) content tree for benchmarking fmlint.

    python3 bench/gen_tree.py OUT_DIR N [--seed S] [--manifest FILE] [--force]

Writes OUT_DIR/hugo.toml and N posts as OUT_DIR/content/post/<nnnn>/<slug>.md, at most
1000 posts per <nnnn> folder. The same arguments always give the same bytes (only the
seeded `random.Random` is used; nothing depends on time, the environment or the
filesystem's order).

Posts look like those of a generated news site on Hugo's Mainroad theme (the kind of site
fmlint was made for): every front-matter field such a post has, with varied values; YAML
(`---`) front matter in about 90% of posts and TOML (`+++`) in the rest; Chinese, English
or mixed bodies of 1-12 KB. About 3% of posts carry exactly one realistic mistake (a
misspelt widget, a quoted boolean, a `zh_CN` language tag, an impossible date, a missing
`lang`); --manifest FILE lists them as `path<TAB>kind` lines (paths relative to OUT_DIR),
so a run of fmlint can be checked against it.

Pure standard library; 100,000 posts take some seconds.
"""

import argparse
import base64
import os
import random
import shutil
import sys

POSTS_PER_DIR = 1000
MISTAKE_RATE = 0.03
MISTAKE_KINDS = ("widget-typo", "quoted-boolean", "underscore-lang", "impossible-date", "missing-lang")

WIDGETS = ("search", "ddg-search", "recent", "categories", "taglist", "social", "languages", "sidemenu")
WIDGET_TYPOS = {
    "search": "serach",
    "ddg-search": "ddgsearch",
    "recent": "recnt",
    "categories": "categroies",
    "taglist": "taglsit",
    "social": "socail",
    "languages": "langauges",
    "sidemenu": "side-menu",
}
SWITCHES = ("comments", "authorbox", "pager", "toc", "mathjax")

# (lang list, translations list, body style); weights below.
LANG_CHOICES = (
    (["zh-CN"], ["zh-CN"], "zh"),
    (["zh-CN"], ["zh-CN", "en"], "zh"),
    (["zh-TW"], ["zh-TW"], "zh"),
    (["en"], ["en"], "en"),
    (["en-US"], ["en-US", "zh-CN"], "en"),
    (["en-GB"], ["en-GB"], "en"),
    (["zh-CN", "en"], ["zh-CN", "en"], "mixed"),
    (["zh-Hans-CN"], ["zh-Hans-CN"], "mixed"),
)
LANG_WEIGHTS = (40, 8, 4, 18, 5, 3, 17, 5)

CATEGORIES = ("qq", "163", "sina", "36kr", "ithome", "sspai", "infoq", "hackernews", "lobsters",
              "科技", "财经", "汽车", "游戏", "数码", "互联网", "engineering", "release-notes")
CAT_WEIGHTS = (30, 8, 8, 6, 6, 4, 4, 6, 2, 5, 4, 2, 2, 3, 4, 4, 2)
TAGS = ("qq", "AI", "DeepSeek", "OpenAI", "芯片", "半导体", "Arm", "英伟达", "苹果", "华为", "小米",
        "特斯拉", "比亚迪", "新能源", "云计算", "开源", "Rust", "Go", "Python", "Linux", "Kubernetes",
        "数据库", "安全", "隐私", "手机", "电动车", "大模型", "机器人", "航天", "5G", "WebAssembly",
        "Hugo", "static-site", "compilers", "performance", "网络安全", "监管", "融资", "财报")
THUMB_HOSTS = ("https://inews.gtimg.com/om_ls/", "https://inews.gtimg.com/om_bt/",
               "https://nimg.ws.126.net/", "https://n.sinaimg.cn/tech/", "https://img.ithome.com/newsuploadfiles/",
               "https://cdn.sspai.com/article/", "https://static001.infoq.cn/resource/image/")
SOURCE_LINKS = ("https://new.qq.com/rain/a/", "https://www.163.com/tech/article/", "https://finance.sina.com.cn/tech/",
                "https://36kr.com/p/", "https://www.ithome.com/0/", "https://sspai.com/post/",
                "https://www.infoq.cn/article/", "https://news.ycombinator.com/item?id=")
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"

# Chinese news-style fragments; sentences are built as SUBJECT + VERB-PHRASE + TAIL.
ZH_SUBJECTS = (
    "据英国《金融时报》报道", "Arm公司CEO Rene Haas", "中国AI新创公司DeepSeek", "微软CEO Satya Nadella",
    "谷歌CEO Sundar Pichai", "Meta CEO扎克伯格", "软银集团CEO孙正义", "OpenAI CEO 奥尔特曼", "英伟达",
    "台积电", "华为", "小米集团", "比亚迪", "特斯拉", "苹果公司", "亚马逊", "阿里巴巴", "腾讯", "字节跳动",
    "百度", "美国商务部", "欧盟委员会", "外交部发言人郭嘉昆", "分析人士", "业内人士", "多位开发者",
    "该公司发言人", "市场研究机构IDC", "风险投资家 Marc Andreessen", "参议员Josh Hawley", "日本软银集团",
    "韩国三星电子", "英特尔", "AMD", "高通", "联发科", "中芯国际", "宁德时代", "蔚来汽车", "理想汽车",
)
ZH_VERBS = (
    "在接受采访时坦言", "近日宣布", "在财报会议上强调", "表示", "认为", "透露", "在一份声明中指出",
    "于本周发布了", "预计", "坚定地对记者说", "周二在官方博客中写道", "补充说", "对此回应称", "警告称",
    "在发布会上展示了", "正在评估", "已经开始支持", "计划在年内推出", "否认了", "确认",
)
ZH_OBJECTS = (
    "训练成本仅560万美元的说法是“谣言”", "2025年资本支出将持续增加", "开源模型已经赶上了一些最好的闭源推理工具",
    "将投入600亿美元至650亿美元资本支出用于AI开发", "新一代旗舰芯片的量产进度", "推理大模型的性能比肩OpenAI o1",
    "API的定价只有竞争对手的约1/28", "将在日本成立一家合资企业", "数据中心的电力需求正在快速上升",
    "禁止在政府设备上使用相关应用", "反对将科技问题政治化", "依法保护数据隐私和安全", "第四季度营收同比增长32%",
    "毛利率下滑至41.2%", "将在未来四年投资5000亿美元建设AI基础设施", "这只是他的个人观点",
    "低成本高性能将推动AI平民化", "HBM内存供不应求的局面将持续到明年", "端侧大模型将成为手机厂商的新战场",
    "自动驾驶功能将在更多城市开放", "固态电池的商业化仍需三到五年", "蒸馏技术可以把大型模型的知识转移到较小模型",
    "开源社区的贡献者数量翻了一番", "新的出口管制规则将于下月生效", "云服务价格下调了约97%",
)
ZH_TAILS = (
    "。", "。", "。", "，并预计这一趋势将持续。", "，但并未透露更多细节。", "，这颠覆了业界此前的看法。",
    "，相当于使用成本降低了约97%。", "，引发了市场的广泛关注。", "，股价当日上涨4.7%。", "，股价盘中一度下跌8%。",
    "，理由包括“潜在安全与伦理问题”。", "，最终实际效果也比较有限。", "……", "！", "？",
)
ZH_CONNECTIVES = ("不过，", "此外，", "值得注意的是，", "与此同时，", "对此，", "随后，", "需要指出的是，",
                  "显然，", "事实上，", "另一方面，", "", "", "", "")

EN_SUBJECTS = (
    "The team", "Our CI pipeline", "The new release", "Rene Haas, Arm's chief executive,", "DeepSeek",
    "The Rust compiler", "Hugo", "The benchmark", "A senior engineer at Microsoft", "The maintainers",
    "The parser", "Nvidia", "TSMC", "The European Commission", "Most users", "The default configuration",
    "This change", "The scheduler", "Our static site", "The front matter", "The profiler", "Google",
)
EN_VERBS = (
    "said on Tuesday that", "now guarantees that", "reported that", "showed that", "made it clear that",
    "argued that", "confirmed that", "noticed that", "announced that", "expects that", "warned that",
)
EN_OBJECTS = (
    "the training run cost far more than the reported $5.6 million", "build times dropped by 40 percent",
    "the cache is invalidated whenever the schema changes", "every date is parsed in the site's time zone",
    "open models have caught up with the best closed ones", "capital spending will keep rising through 2025",
    "quoted booleans are truthy in Go templates", "a misspelt widget silently disappears from the sidebar",
    "the page cache hides most of the I/O cost", "memory use stays flat as the tree grows",
    "a single file should lint in a few milliseconds", "exports to China face new restrictions next month",
    "the sidebar is rendered from the widgets list", "tags should be lower-case and hyphenated",
    "the new data centre will draw 300 megawatts", "the API is now 28 times cheaper than last year",
    "thread pools are sized to the number of cores", "YAML anchors are rarely used in front matter",
)
EN_TAILS = (".", ".", ".", ", which surprised nobody.", ", according to people familiar with the matter.",
            ", at least for now.", " - a claim others dispute.", ", and the numbers back it up.", "!", "?")
EN_CONNECTIVES = ("However, ", "Meanwhile, ", "In practice, ", "Still, ", "Separately, ", "As a result, ",
                  "", "", "", "")

ZH_HEADINGS = ("背景", "市场反应", "业内观点", "技术细节", "监管动态", "后续进展", "总结", "相关阅读", "编者按")
EN_HEADINGS = ("Background", "What changed", "Numbers", "How it works", "Caveats", "What's next",
               "Reactions", "Further reading", "Summary")
ZH_TITLE_A = ("Arm CEO", "DeepSeek", "英伟达", "苹果", "华为", "小米", "特斯拉", "OpenAI", "台积电", "比亚迪",
              "微软", "谷歌", "Meta", "软银", "字节跳动", "腾讯", "阿里云", "三星", "英特尔", "高通")
ZH_TITLE_B = ("最终会被封杀", "发布新一代旗舰芯片", "财报超预期", "股价大跌", "宣布裁员10%", "入局AI手机",
              "开源了大模型", "遭美国调查", "与OpenAI达成合作", "回应“蒸馏”质疑", "年度营收创新高",
              "推出全新操作系统", "在欧洲建厂", "被罚款18亿欧元", "周报：第七周", "发布会全程回顾")
ZH_TITLE_PUNCT = ("：", "！", "？", "，", "——", " | ")
EN_TITLE_A = ("Why", "How", "What", "Notes on", "Benchmarking", "Release notes:", "Lessons from",
              "A look at", "Week 7:", "Postmortem:")
EN_TITLE_B = ("static site front matter", "Hugo's date formats", "the Mainroad sidebar", "DeepSeek's training costs",
              "parallel file walking", "YAML vs TOML", "the new chip export rules", "our build pipeline",
              "JSON Schema validation", "BCP 47 language tags", "\"quoted\" booleans", "Arm's CEO interview")


def zh_sentence(rng):
    return (rng.choice(ZH_CONNECTIVES) + rng.choice(ZH_SUBJECTS) + rng.choice(ZH_VERBS)
            + rng.choice(ZH_OBJECTS) + rng.choice(ZH_TAILS))


def en_sentence(rng):
    lead, subject = rng.choice(EN_CONNECTIVES), rng.choice(EN_SUBJECTS)
    if lead and subject.split(" ")[0] in ("The", "This", "Our", "Most", "A"):
        subject = subject[0].lower() + subject[1:]
    return lead + subject + " " + rng.choice(EN_VERBS) + " " + rng.choice(EN_OBJECTS) + rng.choice(EN_TAILS)


def build_pools(rng):
    """Pools of distinct sentences, built once; posts pick from them."""
    zh = [zh_sentence(rng) for _ in range(4000)]
    en = [en_sentence(rng) for _ in range(4000)]
    # Mixed sentences, like the seed post's "中国AI新创公司DeepSeek ... V3 和 R1 两款开源 AI 模型".
    mixed = [zh_sentence(rng).rstrip("。") + "（" + en_sentence(rng).rstrip(".!?") + "）。" for _ in range(1500)]
    pools = {}
    for name, sents in (("zh", zh), ("en", en), ("mixed", zh + mixed)):
        rng.shuffle(sents)
        avg = len("".join(sents).encode()) / len(sents)
        # Repeated so that any (start, stride) slice of up to a post's length stays inside.
        pools[name] = (sents * 10, len(sents), avg)
    return pools


def rand_token(rng, n_bytes):
    """A URL-safe random token of 4/3 * n_bytes characters (n_bytes a multiple of 3)."""
    return base64.urlsafe_b64encode(rng.getrandbits(8 * n_bytes).to_bytes(n_bytes, "little")).decode()


def rand_id(rng, alphabet, n):
    return "".join(rng.choices(alphabet, k=n))


def image_line(rng, style):
    alt = "图片" if style != "en" else rng.choice(("figure", "chart", "screenshot", "photo"))
    return "![%s](%s%s/%d)" % (alt, rng.choice(THUMB_HOSTS), rand_token(rng, 33), rng.choice((640, 641, 0)))


def body(rng, pools, style, target):
    """A Markdown body of roughly `target` bytes."""
    sents, distinct, avg = pools[style]
    sep = " " if style == "en" else ""
    total = max(3, int(target / avg))
    # A strided run through the shuffled pool: as varied as independent picks for this
    # purpose, and much faster than rng.choices over 100,000 posts.
    start, stride = rng.randrange(distinct), rng.randrange(1, 8)
    picks = sents[start:start + total * stride:stride]
    out = []
    if rng.random() < 0.5:
        out.append(image_line(rng, style) + picks[0])
        picks = picks[1:]
    # Paragraph shape varies: one long paragraph like the seed post, or many short ones.
    long_form = rng.random() < 0.3
    i = 0
    while i < len(picks):
        n = len(picks) if long_form else rng.randint(2, 9)
        para = sep.join(picks[i:i + n])
        i += n
        r = rng.random()
        if r < 0.08:
            out.append("## " + rng.choice(EN_HEADINGS if style == "en" else ZH_HEADINGS))
        elif r < 0.12:
            out.append(image_line(rng, style))
        elif r < 0.15 and style != "zh":
            out.append("```sh\nfmlint --offline content/\nhugo --minify\n```")
        elif r < 0.19:
            j = rng.randrange(distinct)
            items = sents[j:j + rng.randint(2, 5)]
            para = para + "\n\n" + "\n".join("- " + s for s in items)
        out.append(para)
    src = rng.choice(SOURCE_LINKS)
    out.append("[%s](%s%s)" % (rng.choice(("qq", "原文", "source", "via")), src, rand_id(rng, ALNUM, 16)))
    return "\n\n".join(out) + "\n"


def post_date(rng):
    y = rng.choice((2021, 2022, 2023, 2024, 2024, 2025, 2025, 2025))
    mo, d = rng.randint(1, 12), rng.randint(1, 28)
    h, mi, s = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
    r = rng.random()
    if r < 0.6:
        return "%04d-%02d-%02d %02d:%02d:%02d" % (y, mo, d, h, mi, s)
    if r < 0.75:
        return "%04d-%02d-%02d" % (y, mo, d)
    if r < 0.9:
        return "%04d-%02d-%02dT%02d:%02d:%02d+08:00" % (y, mo, d, h, mi, s)
    return "%04d-%02d-%02dT%02d:%02d:%02dZ" % (y, mo, d, h, mi, s)


def title(rng, style):
    if style == "en":
        return rng.choice(EN_TITLE_A) + " " + rng.choice(EN_TITLE_B)
    t = rng.choice(ZH_TITLE_A) + rng.choice(ZH_TITLE_PUNCT) + rng.choice(ZH_TITLE_B)
    return t + rng.choice(("", "！", "", "？", "", "（附全文）"))


def slug(rng, style, i):
    if rng.random() < 0.5:
        # News-feed style id, like the seed post's source 20250211A03R3H00.
        return "%d%02d%02da%s-%d" % (rng.randint(2021, 2025), rng.randint(1, 12), rng.randint(1, 28),
                                    rand_id(rng, B32, 7).lower(), i)
    words = rng.sample(("arm", "ceo", "deepseek", "ai", "chip", "hugo", "front", "matter", "release", "notes",
                        "weekly", "report", "nvidia", "apple", "rust", "yaml", "toml", "schema", "lint",
                        "export", "rules", "review", "benchmark", "cloud"), rng.randint(2, 5))
    return "-".join(words) + "-%d" % i


def front_matter(rng, style_entry, style, text, mistake):
    """The fields of one post, in the seed post's order, as (key, value) pairs."""
    langs, translations, _ = style_entry
    langs, translations = list(langs), list(translations)
    summary = " ".join(text[:600].split())
    summary = summary[summary.find(")") + 1:] if summary.startswith("![") else summary
    summary = summary[:rng.randint(40, 90)].strip() + "..."
    cats = rng.sample(CATEGORIES, 1) if rng.random() < 0.8 else rng.sample(CATEGORIES, 2)
    tags = rng.sample(TAGS, rng.randint(1, 5))
    widgets = [w for w in WIDGETS if rng.random() < 0.4] or ["search", "recent", "taglist"]
    sidebar = rng.choices(("right", "left", False), weights=(70, 20, 10))[0]
    switches = {k: rng.random() < p for k, p in zip(SWITCHES, (0.3, 0.2, 0.8, 0.3, 0.05))}
    fields = [
        ("title", title(rng, style)),
        ("date", post_date(rng)),
        ("summary", summary),
        ("categories", cats),
        ("lang", langs),
        ("translations", translations),
        ("tags", tags),
        ("menu", rng.choice(("", "", "", "main"))),
        ("thumbnail", rng.choice(THUMB_HOSTS) + rand_token(rng, 33) + "_640360/0"),
        ("lead", rng.choice(("", "", "", "Editor's pick", "独家"))),
    ]
    fields += [(k, switches[k]) for k in SWITCHES]
    fields += [("sidebar", sidebar), ("widgets", widgets)]
    if rng.random() < 0.15:
        fields = [f for f in fields if f[0] != "thumbnail"]

    if mistake == "widget-typo":
        i = rng.randrange(len(widgets))
        widgets[i] = WIDGET_TYPOS[widgets[i]]
    elif mistake == "quoted-boolean":
        k = rng.choice(SWITCHES)
        fields = [(f, "false") if f == k else (f, v) for f, v in fields]
    elif mistake == "underscore-lang":
        fields = [(f, ["zh_CN"] + v[1:]) if f == "lang" else (f, v) for f, v in fields]
    elif mistake == "impossible-date":
        fields = [(f, "2025-13-45") if f == "date" else (f, v) for f, v in fields]
    elif mistake == "missing-lang":
        fields = [f for f in fields if f[0] != "lang"]
    return fields


def q(s):
    """A double-quoted string, valid both in YAML and in TOML."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def scalar(v):
    if v is True:
        return "true"
    if v is False:
        return "false"
    return q(v)


def yaml_fm(fields):
    lines = ["---"]
    for k, v in fields:
        if isinstance(v, list):
            lines.append(k + ":")
            lines.extend("  - " + scalar(x) for x in v)
        else:
            lines.append("%s: %s" % (k, scalar(v)))
    lines.append("---")
    return "\n".join(lines) + "\n"


def toml_fm(rng, fields):
    bare_date = rng.random() < 0.5
    lines = ["+++"]
    for k, v in fields:
        if isinstance(v, list):
            lines.append("%s = [%s]" % (k, ", ".join(scalar(x) for x in v)))
        elif k == "date" and bare_date and "T" in v:
            lines.append("date = " + v)  # a TOML offset date-time, as Hugo's archetypes write it
        else:
            lines.append("%s = %s" % (k, scalar(v)))
    lines.append("+++")
    return "\n".join(lines) + "\n"


def generate(out_dir, n, seed):
    """Write the tree; return [(relative path, mistake kind)] for the seeded mistakes."""
    rng = random.Random(seed)
    pools = build_pools(random.Random(seed ^ 0x5EED))
    with open(os.path.join(out_dir, "hugo.toml"), "w", encoding="utf-8", newline="\n") as f:
        f.write('baseURL = "https://example.org/"\nlanguageCode = "zh-CN"\n'
                'title = "fmlint benchmark site"\ntheme = "mainroad"\n')
    post_root = os.path.join(out_dir, "content", "post")
    mistakes = []
    dirname = None
    for i in range(n):
        if i % POSTS_PER_DIR == 0:
            dirname = "%04d" % (i // POSTS_PER_DIR)
            os.makedirs(os.path.join(post_root, dirname), exist_ok=True)
        entry = rng.choices(LANG_CHOICES, weights=LANG_WEIGHTS)[0]
        style = entry[2]
        mistake = rng.choice(MISTAKE_KINDS) if rng.random() < MISTAKE_RATE else None
        if mistake == "underscore-lang" and not entry[0][0].startswith("zh"):
            entry = LANG_CHOICES[0]
        # Body sizes spread over 1-12 KB, most around 3-6 KB (the seed post is 6.9 KB).
        text = body(rng, pools, style, rng.triangular(1100, 10600, 3300))
        fields = front_matter(rng, entry, style, text, mistake)
        fm = toml_fm(rng, fields) if rng.random() < 0.10 else yaml_fm(fields)
        rel = "content/post/%s/%s.md" % (dirname, slug(rng, style, i))
        with open(os.path.join(out_dir, rel), "wb") as f:
            f.write((fm + "\n" + text).encode("utf-8"))
        if mistake:
            mistakes.append((rel, mistake))
    return mistakes


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--manifest", help="write the seeded mistakes here, one `path<TAB>kind` a line")
    ap.add_argument("--force", action="store_true",
                    help="replace OUT_DIR/content and OUT_DIR/hugo.toml if OUT_DIR is not empty")
    args = ap.parse_args(argv)
    if args.n < 0:
        ap.error("N must be >= 0")
    if os.path.isdir(args.out_dir) and os.listdir(args.out_dir):
        if not args.force:
            ap.error("%s is not empty (use --force to replace its content/ and hugo.toml)" % args.out_dir)
        shutil.rmtree(os.path.join(args.out_dir, "content"), ignore_errors=True)
        if os.path.exists(os.path.join(args.out_dir, "hugo.toml")):
            os.remove(os.path.join(args.out_dir, "hugo.toml"))
    os.makedirs(os.path.join(args.out_dir, "content", "post"), exist_ok=True)
    mistakes = generate(args.out_dir, args.n, args.seed)
    if args.manifest:
        with open(args.manifest, "w", encoding="utf-8", newline="\n") as f:
            f.writelines("%s\t%s\n" % m for m in mistakes)
    print("wrote %d posts (%d with a seeded mistake) to %s" % (args.n, len(mistakes), args.out_dir),
          file=sys.stderr)


if __name__ == "__main__":
    main()
