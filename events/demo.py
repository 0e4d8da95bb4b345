"""Demo calendar for the demo sites: joint commissions, the China–ASEAN Expo,
online matchmaking fairs and investment forums. Texts written for this project;
dates of past events follow public records, future ones are illustrative."""

import datetime
from zoneinfo import ZoneInfo

from events.models import Event, Speaker
from languages.columns import set_text
from tenants.models import Site

NANNING_VENUE = {
    "en": "Nanning International Convention and Exhibition Center",
    "zh-hans": "南宁国际会展中心",
    "vi": "Trung tâm Hội chợ Triển lãm Quốc tế Nam Ninh",
    "id": "Pusat Konvensi dan Pameran Internasional Nanning",
}


def _at(year, month, day, hour, minute, zone) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


def _common() -> list[dict]:
    return [
        {
            "slug": "china-asean-expo-2027",
            "kind": Event.Kind.TRADE_FAIR,
            "starts_at": _at(2027, 9, 17, 0, 0, "Asia/Shanghai"),
            "ends_at": _at(2027, 9, 20, 23, 59, "Asia/Shanghai"),
            "time_zone": "Asia/Shanghai",
            "all_day": True,
            "recurrence": Event.Recurrence.YEARLY,
            "organisers": ["China–ASEAN Expo Secretariat"],
            "venue": NANNING_VENUE,
            "title": {
                "en": "China–ASEAN Expo",
                "zh-hans": "中国—东盟博览会",
                "vi": "Hội chợ Trung Quốc – ASEAN",
                "id": "China–ASEAN Expo",
            },
            "summary": {
                "en": "The yearly trade fair in Nanning where companies from China and the ten ASEAN members exhibit and meet buyers.",
                "zh-hans": "每年在南宁举办的博览会，中国与东盟十国企业参展并与采购商洽谈。",
                "vi": "Hội chợ thường niên tại Nam Ninh, nơi doanh nghiệp Trung Quốc và mười nước ASEAN trưng bày và gặp gỡ người mua.",
                "id": "Pameran dagang tahunan di Nanning tempat perusahaan Tiongkok dan sepuluh anggota ASEAN berpameran dan bertemu pembeli.",
            },
        },
        {
            "slug": "online-farm-products-fair-2027",
            "kind": Event.Kind.ONLINE_FAIR,
            "starts_at": _at(2027, 9, 15, 0, 0, "Asia/Shanghai"),
            "ends_at": _at(2027, 10, 31, 23, 59, "Asia/Shanghai"),
            "time_zone": "Asia/Shanghai",
            "all_day": True,
            "online_url": "https://example.org/online-fair",
            "organisers": ["Ministry of Commerce information centre"],
            "title": {
                "en": "Online matchmaking fair for agricultural products",
                "zh-hans": "农副产品网上购销对接会",
                "vi": "Hội chợ kết nối trực tuyến nông sản",
                "id": "Pameran temu bisnis daring produk pertanian",
            },
            "summary": {
                "en": "Six weeks of online listings and buyer meetings for fruit, tea, grain and processed food.",
                "zh-hans": "为期六周的网上挂牌与采购洽谈，涵盖水果、茶叶、粮食和加工食品。",
                "vi": "Sáu tuần đăng bán và gặp gỡ người mua trực tuyến cho trái cây, chè, ngũ cốc và thực phẩm chế biến.",
                "id": "Enam pekan penawaran dan pertemuan pembeli secara daring untuk buah, teh, biji-bijian dan makanan olahan.",
            },
        },
        {
            "slug": "customs-rules-webinar",
            "kind": Event.Kind.WEBINAR,
            "starts_at": _at(2026, 12, 3, 15, 0, "Asia/Shanghai"),
            "ends_at": _at(2026, 12, 3, 16, 30, "Asia/Shanghai"),
            "time_zone": "Asia/Shanghai",
            "online_url": "https://example.org/webinar",
            "capacity": 2,
            "organisers": ["Ministry of Commerce information centre"],
            "title": {
                "en": "Webinar: customs rules for cross-border e-commerce",
                "zh-hans": "网络研讨会：跨境电商海关规则",
                "vi": "Hội thảo trực tuyến: quy định hải quan cho thương mại điện tử xuyên biên giới",
                "id": "Webinar: aturan kepabeanan untuk e-commerce lintas batas",
            },
        },
    ]


def _per_site(site: Site) -> list[dict]:
    if site.countries == ("CN", "VN"):
        # The region-wide events are run once, from China–Vietnam, and
        # co-hosted by China–Indonesia.
        return [{**event, "cohost_codes": ["cn-id"]} for event in _common()] + [
            {
                "slug": "vietnam-china-investment-forum-2026",
                "kind": Event.Kind.FORUM,
                "starts_at": _at(2026, 12, 10, 9, 0, "Asia/Ho_Chi_Minh"),
                "ends_at": _at(2026, 12, 10, 17, 0, "Asia/Ho_Chi_Minh"),
                "time_zone": "Asia/Ho_Chi_Minh",
                "capacity": 300,
                "organisers": ["Vietnam Chamber of Commerce and Industry"],
                "venue": {
                    "en": "National Convention Center, Hanoi",
                    "zh-hans": "河内国家会议中心",
                    "vi": "Trung tâm Hội nghị Quốc gia, Hà Nội",
                },
                "title": {
                    "en": "Vietnam–China investment forum",
                    "zh-hans": "越中投资论坛",
                    "vi": "Diễn đàn đầu tư Việt Nam – Trung Quốc",
                },
                "summary": {
                    "en": "Investors and provincial officials from both countries discuss industrial parks, logistics and border trade.",
                    "zh-hans": "两国投资者和省级官员探讨工业园区、物流和边境贸易。",
                    "vi": "Nhà đầu tư và lãnh đạo các tỉnh hai nước thảo luận về khu công nghiệp, logistics và thương mại biên giới.",
                },
                "speakers": [
                    ("Nguyen Van An", "Ministry of Industry and Trade"),
                    ("Li Wei", "Guangxi Department of Commerce"),
                ],
            },
            {
                "slug": "joint-committee-2027",
                "kind": Event.Kind.JOINT_COMMISSION,
                "starts_at": _at(2027, 4, 14, 9, 0, "Asia/Ho_Chi_Minh"),
                "ends_at": _at(2027, 4, 15, 17, 0, "Asia/Ho_Chi_Minh"),
                "time_zone": "Asia/Ho_Chi_Minh",
                "organisers": [
                    "Ministry of Commerce of China",
                    "Ministry of Industry and Trade of Vietnam",
                ],
                "title": {
                    "en": "China–Vietnam Joint Committee on Economic and Trade Cooperation",
                    "zh-hans": "中越经贸合作委员会会议",
                    "vi": "Phiên họp Ủy ban Hợp tác Kinh tế Thương mại Việt Nam – Trung Quốc",
                },
            },
            {
                "slug": "asean-china-investment-forum-2027",
                "kind": Event.Kind.FORUM,
                "starts_at": _at(2027, 9, 18, 9, 0, "Asia/Shanghai"),
                "ends_at": _at(2027, 9, 18, 18, 0, "Asia/Shanghai"),
                "time_zone": "Asia/Shanghai",
                "cohost_codes": ["cn-id"],
                "venue": {
                    "en": "Nanning (venue to be announced)",
                    "zh-hans": "南宁（具体地点待定）",
                    "vi": "Nam Ninh (địa điểm sẽ thông báo sau)",
                    "id": "Nanning (tempat akan diumumkan)",
                },
                "organisers": ["China–ASEAN Business Council"],
                "title": {
                    "en": "ASEAN–China investment cooperation forum",
                    "zh-hans": "中国—东盟投资合作论坛",
                    "vi": "Diễn đàn hợp tác đầu tư ASEAN – Trung Quốc",
                    "id": "Forum kerja sama investasi ASEAN–Tiongkok",
                },
                "summary": {
                    "en": "Held alongside the Expo and co-hosted by the China–Vietnam and China–Indonesia sites.",
                    "zh-hans": "与博览会同期举办，由中越、中印尼两个合作网站共同主办。",
                    "vi": "Tổ chức cùng dịp Hội chợ, do hai trang hợp tác Trung Quốc – Việt Nam và Trung Quốc – Indonesia đồng chủ trì.",
                    "id": "Diadakan bersamaan dengan Expo dan diselenggarakan bersama oleh situs Tiongkok–Vietnam dan Tiongkok–Indonesia.",
                },
            },
        ]
    if site.countries == ("CN", "ID"):
        return [
            {
                "slug": "joint-commission-2006",
                "kind": Event.Kind.JOINT_COMMISSION,
                "starts_at": _at(2006, 10, 6, 9, 0, "Asia/Jakarta"),
                "ends_at": _at(2006, 10, 6, 17, 0, "Asia/Jakarta"),
                "time_zone": "Asia/Jakarta",
                "organisers": ["Ministry of Commerce of China", "Ministry of Trade of Indonesia"],
                "title": {
                    "en": "8th China–Indonesia Joint Commission on Economic and Trade Cooperation",
                    "zh-hans": "中国印尼第八次经贸联委会",
                    "id": "Sidang ke-8 Komisi Bersama Kerja Sama Ekonomi dan Perdagangan Tiongkok–Indonesia",
                },
                "summary": {
                    "en": "The session at which the China–Indonesia cooperation website was launched.",
                    "zh-hans": "中国印尼经贸合作网站在本次会议期间开通。",
                    "id": "Sidang tempat situs kerja sama Tiongkok–Indonesia diluncurkan.",
                },
            },
            {
                "slug": "indonesia-trade-expo-nanning-2027",
                "kind": Event.Kind.EXHIBITION,
                "starts_at": _at(2027, 9, 19, 0, 0, "Asia/Shanghai"),
                "ends_at": _at(2027, 9, 21, 23, 59, "Asia/Shanghai"),
                "time_zone": "Asia/Shanghai",
                "all_day": True,
                "venue": NANNING_VENUE,
                "organisers": ["Indonesian Trade Promotion Center"],
                "title": {
                    "en": "Indonesia pavilion and trade exhibition, Nanning",
                    "zh-hans": "印度尼西亚国家馆暨贸易展（南宁）",
                    "id": "Paviliun dan pameran dagang Indonesia, Nanning",
                },
            },
            {
                "slug": "jakarta-investment-forum-2027",
                "kind": Event.Kind.FORUM,
                "starts_at": _at(2027, 3, 9, 9, 0, "Asia/Jakarta"),
                "ends_at": _at(2027, 3, 9, 16, 0, "Asia/Jakarta"),
                "time_zone": "Asia/Jakarta",
                "capacity": 200,
                "venue": {
                    "en": "Jakarta Convention Center",
                    "zh-hans": "雅加达会议中心",
                    "id": "Jakarta Convention Center",
                },
                "organisers": ["Indonesian Chamber of Commerce and Industry"],
                "title": {
                    "en": "Indonesia–China investment forum",
                    "zh-hans": "印尼—中国投资论坛",
                    "id": "Forum investasi Indonesia–Tiongkok",
                },
            },
        ]
    return _common()  # any other pair gets the region-wide events as its own


TRANSLATED = ("title", "summary", "venue")


def load_demo_events(site: Site) -> str:
    from events.services.cohosting import languages_for

    created = 0
    for spec in _per_site(site):
        spec = dict(spec)
        if Event.objects.filter(slug=spec["slug"]).exists():
            continue
        texts = {name: spec.pop(name, {}) for name in TRANSLATED}
        speakers = spec.pop("speakers", [])
        event = Event(**spec)
        languages = languages_for(site, event.cohost_codes)
        for name, by_language in texts.items():
            for language, text in by_language.items():
                if language in languages:
                    set_text(event, name, language, text)
        event.save()
        for name, organisation in speakers:
            speaker, _ = Speaker.objects.get_or_create(name=name, organisation=organisation)
            speaker.events.add(event)
        created += 1
    return f"{created} events" if created else ""
