"""Demo articles for the demo sites, written for this project from public facts
(launch dates, fairs and forums of 2006). Loaded by ``provision_site --demo``.

The articles keep their historical dates; the listings, answers and
matchmaking requests are dated from the day the demo is loaded, and loading it
again on a later day renews listings that have expired since (nothing twice).
"""

import datetime

from django.utils import timezone

from cooperation.demo_links import load_demo_links
from cooperation.models import Article, Enterprise, Opportunity, Question
from languages.columns import set_text
from tenants.models import Site

# slug → (kind, date, {language: (title, summary, body)})
_MATCHMAKING_FAIR = (
    Article.Kind.NEWS,
    datetime.date(2006, 11, 2),
    {
        "en": (
            "Autumn online fair matches farm producers with buyers",
            "Running from 15 September to 31 October, the online matchmaking fair for farm "
            "and sideline products closed deals worth more than 700 million yuan.",
            "Buyers and producers met on line for six weeks instead of travelling to a "
            "trade hall. Listings covered fruit, tea, grain and processed foods, and the "
            "organisers plan to repeat the format every season.",
        ),
        "zh-hans": (
            "秋季网上对接会撮合农产品供需双方",
            "9月15日至10月31日举办的农副产品网上购销对接会，成交金额超过7亿元。",
            "六周时间里，采购商与生产者无需前往展馆，即可在网上洽谈。挂牌产品涵盖水果、茶叶、"
            "粮食和加工食品，主办方计划每季度举办一次。",
        ),
        "vi": (
            "Hội chợ trực tuyến mùa thu kết nối nông dân với người mua",
            "Diễn ra từ ngày 15 tháng 9 đến 31 tháng 10, hội chợ kết nối trực tuyến nông "
            "sản đã đạt giá trị giao dịch hơn 700 triệu nhân dân tệ.",
            "Trong sáu tuần, người mua và nhà sản xuất gặp nhau trên mạng thay vì đến hội "
            "trường. Các mặt hàng gồm trái cây, chè, ngũ cốc và thực phẩm chế biến; ban tổ "
            "chức dự định tổ chức mỗi mùa một lần.",
        ),
        "id": (
            "Pameran daring musim gugur mempertemukan petani dan pembeli",
            "Berlangsung 15 September hingga 31 Oktober, pameran temu bisnis daring produk "
            "pertanian mencatat transaksi lebih dari 700 juta yuan.",
            "Selama enam pekan pembeli dan produsen bertemu secara daring tanpa harus datang "
            "ke gedung pameran. Produk yang ditawarkan meliputi buah, teh, biji-bijian dan "
            "makanan olahan; penyelenggara berencana mengadakannya setiap musim.",
        ),
    },
)

_ASEM_FORUM = (
    Article.Kind.NEWS,
    datetime.date(2006, 11, 4),
    {
        "en": (
            "Fifth ASEM e-commerce forum meets in Jiaxing",
            "About 200 delegates from 16 ASEM members discussed online trade on 2–3 November, "
            "the first time the forum was held in China.",
            "Government agencies, provincial commerce departments, companies and universities "
            "compared rules for electronic transactions and ways to help small exporters "
            "sell across borders.",
        ),
        "zh-hans": (
            "第五届亚欧会议电子商务论坛在嘉兴举行",
            "11月2日至3日，来自亚欧会议16个成员的约200名代表研讨网上贸易，这是该论坛首次在中国举办。",
            "政府机构、省级商务主管部门、企业和高校代表交流了电子交易规则，探讨如何帮助中小出口企业开展跨境销售。",
        ),
        "vi": (
            "Diễn đàn thương mại điện tử ASEM lần thứ năm họp tại Gia Hưng",
            "Khoảng 200 đại biểu từ 16 thành viên ASEM thảo luận về thương mại trực tuyến "
            "ngày 2–3 tháng 11, lần đầu diễn đàn được tổ chức tại Trung Quốc.",
            "Các cơ quan chính phủ, sở thương mại, doanh nghiệp và trường đại học trao đổi về "
            "quy tắc giao dịch điện tử và cách giúp doanh nghiệp xuất khẩu nhỏ bán hàng xuyên biên giới.",
        ),
        "id": (
            "Forum e-commerce ASEM kelima digelar di Jiaxing",
            "Sekitar 200 delegasi dari 16 anggota ASEM membahas perdagangan daring pada "
            "2–3 November, pertama kalinya forum ini diadakan di Tiongkok.",
            "Lembaga pemerintah, dinas perdagangan provinsi, perusahaan dan universitas "
            "membandingkan aturan transaksi elektronik serta cara membantu eksportir kecil "
            "berjualan lintas batas.",
        ),
    },
)

_LAUNCHES = {
    ("CN", "VN"): (
        Article.Kind.ANNOUNCEMENT,
        datetime.date(2006, 11, 16),
        {
            "en": (
                "China–Vietnam economic and trade cooperation website opens",
                "The leaders of both countries switched the site on together on 16 November 2006.",
                "The site gives companies on both sides one place for policy news, supply and "
                "demand listings and contacts with the commerce authorities of both countries.",
            ),
            "zh-hans": (
                "中国越南经贸合作网站正式开通",
                "2006年11月16日，两国领导人共同开通了该网站。",
                "网站为两国企业提供政策资讯、供求信息以及与两国商务主管部门联系的统一窗口。",
            ),
            "vi": (
                "Khai trương trang thông tin hợp tác kinh tế thương mại Trung Quốc – Việt Nam",
                "Lãnh đạo hai nước cùng khai trương trang web ngày 16 tháng 11 năm 2006.",
                "Trang web là nơi doanh nghiệp hai bên tìm tin chính sách, thông tin cung cầu "
                "và liên hệ với cơ quan quản lý thương mại của hai nước.",
            ),
        },
    ),
    ("CN", "ID"): (
        Article.Kind.ANNOUNCEMENT,
        datetime.date(2006, 10, 6),
        {
            "en": (
                "China–Indonesia cooperation website launched at the 8th Joint Commission",
                "The two trade ministers opened the site on 6 October 2006 during the eighth "
                "meeting of the China–Indonesia Joint Commission on economic and trade cooperation.",
                "Companies can follow policy changes, publish what they buy and sell, and reach "
                "the trade authorities of both countries in Chinese, Indonesian or English.",
            ),
            "zh-hans": (
                "中国印尼经贸合作网站在第八次经贸联委会期间开通",
                "2006年10月6日，中国印尼第八次经贸联委会期间，两国贸易部长共同开通了该网站。",
                "企业可以用中文、印尼文或英文了解政策变化、发布供求信息，并联系两国贸易主管部门。",
            ),
            "id": (
                "Situs kerja sama Tiongkok–Indonesia diluncurkan pada Komisi Bersama ke-8",
                "Kedua menteri perdagangan meresmikan situs ini pada 6 Oktober 2006 dalam sidang "
                "kedelapan Komisi Bersama kerja sama ekonomi dan perdagangan Tiongkok–Indonesia.",
                "Perusahaan dapat mengikuti perubahan kebijakan, menawarkan produk yang dijual dan "
                "dicari, serta menghubungi otoritas perdagangan kedua negara dalam bahasa "
                "Tionghoa, Indonesia atau Inggris.",
            ),
        },
    ),
}


def _articles_for(site: Site) -> dict[str, tuple]:
    articles = {
        "matchmaking-fair-2006": _MATCHMAKING_FAIR,
        "asem-ecommerce-forum-2006": _ASEM_FORUM,
    }
    launch = _LAUNCHES.get(site.countries)
    if launch is not None:
        articles["site-launch"] = launch
    return articles


_OPPORTUNITIES = {
    ("CN", "VN"): [
        (
            "supply",
            "A",
            "VN",
            200,
            "t",
            18000000,
            "VND",
            "Binh Thuan Fruit Co.",
            {
                "en": (
                    "Dragon fruit from Binh Thuan, export grade",
                    "Fresh white- and red-fleshed dragon fruit, packed in 10 kg cartons, phytosanitary certificates provided.",
                ),
                "vi": (
                    "Thanh long Bình Thuận đạt chuẩn xuất khẩu",
                    "Thanh long ruột trắng và ruột đỏ tươi, đóng thùng 10 kg, có giấy chứng nhận kiểm dịch thực vật.",
                ),
                "zh-hans": (
                    "平顺省出口级火龙果",
                    "新鲜白肉、红肉火龙果，10公斤纸箱包装，提供植物检疫证书。",
                ),
            },
        ),
        (
            "demand",
            "C",
            "CN",
            50,
            "t",
            None,
            "",
            "Guangxi Nut Trading Ltd.",
            {
                "en": (
                    "Buying cashew kernels W320",
                    "Regular monthly purchase of W320 cashew kernels; samples and origin certificates required.",
                ),
                "zh-hans": ("求购W320腰果仁", "每月定期采购W320腰果仁，需提供样品和原产地证书。"),
            },
        ),
    ],
    ("CN", "ID"): [
        (
            "supply",
            "A",
            "ID",
            20,
            "t",
            65000000,
            "IDR",
            "Koperasi Kopi Gayo",
            {
                "en": (
                    "Arabica coffee beans from Aceh Gayo",
                    "Washed-process green beans, grade 1, new crop; container loads from Belawan port.",
                ),
                "id": (
                    "Biji kopi arabika Gayo, Aceh",
                    "Biji hijau proses basah, grade 1, panen baru; muatan kontainer dari Pelabuhan Belawan.",
                ),
                "zh-hans": (
                    "亚齐加约阿拉比卡咖啡生豆",
                    "水洗处理一级生豆，新产季；可从勿拉湾港整柜发货。",
                ),
            },
        ),
        (
            "tender",
            "H",
            "ID",
            None,
            "",
            None,
            "",
            "Port operator, Bitung",
            {
                "en": (
                    "Tender: container handling equipment",
                    "Supply and installation of two rubber-tyred gantry cranes; bids in English or Indonesian.",
                ),
                "id": (
                    "Tender: peralatan bongkar muat kontainer",
                    "Pengadaan dan pemasangan dua unit rubber-tyred gantry crane; penawaran dalam bahasa Inggris atau Indonesia.",
                ),
            },
        ),
    ],
}


# How long a demo listing stays open from the day it is loaded (or renewed).
LISTING_DAYS = 120


def _load_opportunities(site: Site) -> tuple[int, int]:
    """(created, renewed): a demo listing that expired since an earlier load
    is open again for LISTING_DAYS, so the directory never empties with time."""
    today = timezone.localdate()
    created = renewed = 0
    for number, (
        kind,
        sector,
        country,
        quantity,
        unit,
        price,
        currency,
        company,
        texts,
    ) in enumerate(_OPPORTUNITIES.get(site.countries, [])):
        existing = Opportunity.objects.filter(title_en=texts["en"][0]).first()
        if existing is not None:
            if existing.valid_until < today:
                existing.valid_until = today + datetime.timedelta(days=LISTING_DAYS)
                existing.save(update_fields=["valid_until"])  # the search index follows
                renewed += 1
            continue
        opportunity = Opportunity(
            kind=kind, sector=sector, country=country, quantity=quantity, unit=unit, price=price,
            currency=currency, company=company, contact_name="Demo contact",
            contact_email=f"trade{number}@example.org", language=site.default_language,
            valid_until=today + datetime.timedelta(days=LISTING_DAYS),
            status=Opportunity.Status.APPROVED,
        )  # fmt: skip
        for language, (title, description) in texts.items():
            if language in site.languages:
                set_text(opportunity, "title", language, title)
                set_text(opportunity, "description", language, description)
        opportunity.save()
        created += 1
    return created, renewed


_ENTERPRISES = {
    ("CN", "VN"): [
        (
            "binh-thuan-fruit",
            "VN",
            ["A", "G"],
            True,
            {
                "en": (
                    "Binh Thuan Fruit Company",
                    "Grower and packer of dragon fruit for export.",
                    "Fresh dragon fruit, packing, cold-chain logistics",
                ),
                "vi": (
                    "Công ty Trái cây Bình Thuận",
                    "Trồng và đóng gói thanh long xuất khẩu.",
                    "Thanh long tươi, đóng gói, chuỗi lạnh",
                ),
                "zh-hans": (
                    "平顺水果公司",
                    "出口火龙果种植与包装企业。",
                    "鲜火龙果、包装、冷链物流",
                ),
            },
        ),
        (
            "guangxi-nut-trading",
            "CN",
            ["G"],
            False,
            {
                "en": (
                    "Guangxi Nut Trading",
                    "Importer of cashews and other nuts for the Chinese market.",
                    "Cashew kernels, macadamia, distribution",
                ),
                "zh-hans": (
                    "广西坚果贸易公司",
                    "面向中国市场的腰果等坚果进口商。",
                    "腰果仁、夏威夷果、分销",
                ),
            },
        ),
    ],
    ("CN", "ID"): [
        (
            "gayo-coffee-cooperative",
            "ID",
            ["A"],
            True,
            {
                "en": (
                    "Gayo Coffee Cooperative",
                    "Smallholder cooperative exporting Arabica from the Gayo highlands.",
                    "Green Arabica beans, specialty lots",
                ),
                "id": (
                    "Koperasi Kopi Gayo",
                    "Koperasi petani kecil pengekspor arabika dari dataran tinggi Gayo.",
                    "Biji arabika hijau, lot spesialti",
                ),
                "zh-hans": (
                    "加约咖啡合作社",
                    "出口加约高原阿拉比卡咖啡的小农合作社。",
                    "阿拉比卡生豆、精品批次",
                ),
            },
        ),
        (
            "nanning-logistics",
            "CN",
            ["H"],
            False,
            {
                "en": (
                    "Nanning Cross-border Logistics",
                    "Freight forwarding between southern China and ASEAN ports.",
                    "Sea and rail freight, customs brokerage",
                ),
                "zh-hans": (
                    "南宁跨境物流公司",
                    "中国华南与东盟港口之间的货运代理。",
                    "海运和铁路运输、报关服务",
                ),
            },
        ),
    ],
}


def _load_enterprises(site: Site) -> int:
    created = 0
    for slug, country, sectors, verified, texts in _ENTERPRISES.get(site.countries, []):
        if Enterprise.objects.filter(slug=slug).exists():
            continue
        enterprise = Enterprise(slug=slug, country=country, sectors=sectors, verified=verified)
        for language, (name, description, products) in texts.items():
            if language in site.languages:
                set_text(enterprise, "name", language, name)
                set_text(enterprise, "description", language, description)
                set_text(enterprise, "products", language, products)
        enterprise.save()
        created += 1
    return created


_QUESTIONS = [
    (
        "customs",
        {
            "en": (
                "Which certificates do fresh fruit exports to China need?",
                "A phytosanitary certificate from the exporting country's plant protection authority, a registered orchard and packing house, and a certificate of origin if you claim a preferential tariff.",
            ),
            "zh-hans": (
                "向中国出口鲜果需要哪些证书？",
                "需要出口国植物保护机构出具的植物检疫证书、已注册的果园和包装厂；如申请优惠关税，还需原产地证书。",
            ),
            "vi": (
                "Xuất khẩu trái cây tươi sang Trung Quốc cần những giấy chứng nhận nào?",
                "Cần giấy chứng nhận kiểm dịch thực vật do cơ quan bảo vệ thực vật nước xuất khẩu cấp, vườn trồng và cơ sở đóng gói đã đăng ký, và giấy chứng nhận xuất xứ nếu muốn hưởng thuế suất ưu đãi.",
            ),
            "id": (
                "Sertifikat apa yang diperlukan untuk ekspor buah segar ke Tiongkok?",
                "Sertifikat fitosanitari dari otoritas perlindungan tanaman negara pengekspor, kebun dan rumah kemas yang terdaftar, serta surat keterangan asal bila meminta tarif preferensi.",
            ),
        },
    ),
    (
        "events",
        {
            "en": (
                "How can a small company exhibit at the China–ASEAN Expo?",
                "Apply through your country's trade promotion agency, which books the national pavilion; the application window usually opens in spring.",
            ),
            "zh-hans": (
                "小企业如何参加中国—东盟博览会？",
                "请通过本国贸易促进机构申请，由其统一预订国家馆；报名通常在春季开始。",
            ),
            "vi": (
                "Doanh nghiệp nhỏ có thể tham gia Hội chợ Trung Quốc – ASEAN bằng cách nào?",
                "Hãy đăng ký qua cơ quan xúc tiến thương mại của nước mình, đơn vị đặt gian hàng quốc gia; thời gian đăng ký thường bắt đầu vào mùa xuân.",
            ),
            "id": (
                "Bagaimana perusahaan kecil dapat ikut pameran di China–ASEAN Expo?",
                "Daftar melalui lembaga promosi perdagangan negara Anda yang memesan paviliun nasional; pendaftaran biasanya dibuka pada musim semi.",
            ),
        },
    ),
]


def _load_questions(site: Site) -> int:
    created = 0
    for topic, texts in _QUESTIONS:
        if Question.objects.filter(question_en=texts["en"][0]).exists():
            continue
        question = Question(
            name="Demo visitor", email="visitor@example.org", language=site.languages[-1], topic=topic,
            status=Question.Status.ANSWERED, answered_at=timezone.now(),
        )  # fmt: skip
        for language, (asked, answer) in texts.items():
            if language in site.languages:
                set_text(question, "question", language, asked)
                set_text(question, "answer", language, answer)
        question.save()
        created += 1
    return created


def load_demo_content(site: Site) -> str:
    """Create the demo articles and opportunities this site lacks, in its languages."""
    created = 0
    for slug, (kind, day, texts) in _articles_for(site).items():
        if Article.objects.filter(slug=slug).exists():
            continue
        published_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
        article = Article(
            slug=slug, kind=kind, status=Article.Status.PUBLISHED, published_at=published_at
        )
        for language, (title, summary, body) in texts.items():
            if language not in site.languages:
                continue
            set_text(article, "title", language, title)
            set_text(article, "summary", language, summary)
            set_text(article, "body", language, body)
        article.save()
        created += 1
    opportunities, renewed = _load_opportunities(site)
    enterprises = _load_enterprises(site)
    questions = _load_questions(site)
    links = load_demo_links(site)
    parts = [
        f"{created} articles" if created else "",
        f"{opportunities} opportunities" if opportunities else "",
        f"{renewed} expired opportunities renewed" if renewed else "",
        f"{enterprises} enterprises" if enterprises else "",
        f"{questions} answered questions" if questions else "",
        *links,
    ]
    return ", ".join(part for part in parts if part)
