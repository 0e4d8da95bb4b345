"""Demo calendar for the demo sites: joint commissions, the China–ASEAN Expo,
online matchmaking fairs and investment forums. Texts written for this project.

Past events of public record keep their real dates (the 2006 joint
commission). Every other date is placed relative to the day the demo is
loaded, so a demo loaded on any day has a running online fair, a webinar,
forums and the coming Expo ahead of it, and a few events just behind it.
Loading again on a later day adds nothing twice; a demo event that has ended
by then moves to the dates it would get that day (see ``load_demo_events``).
"""

import datetime
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone

from events.models import Event, Speaker
from languages.columns import set_text
from tenants.models import Site

NANNING_VENUE = {
    "en": "Nanning International Convention and Exhibition Center",
    "zh-hans": "南宁国际会展中心",
    "vi": "Trung tâm Hội chợ Triển lãm Quốc tế Nam Ninh",
    "id": "Pusat Konvensi dan Pameran Internasional Nanning",
}
# The Expo opens in Nanning in the third week of September every year.
EXPO_MONTH, EXPO_DAY, EXPO_DAYS = 9, 17, 4


def _at(day: datetime.date, hour: int, minute: int, zone: str) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ZoneInfo(zone))


def _all_day(first: datetime.date, last: datetime.date, zone: str) -> dict:
    return {
        "starts_at": _at(first, 0, 0, zone),
        "ends_at": _at(last, 23, 59, zone),
        "time_zone": zone,
        "all_day": True,
    }


def next_expo_opening(today: datetime.date) -> datetime.date:
    """The opening day of the China–ASEAN Expo that is on or still to come."""
    opening = datetime.date(today.year, EXPO_MONTH, EXPO_DAY)
    if today >= opening + datetime.timedelta(days=EXPO_DAYS):
        opening = opening.replace(year=today.year + 1)
    return opening


def _joint_committee_day(today: datetime.date, expo: datetime.date) -> datetime.date:
    # About four months ahead, and never in the Expo's week: two major events
    # of one site on the same days would show as a clash in the coordination
    # calendar, and whether they did would depend on the day the demo is loaded.
    day = today + datetime.timedelta(days=130)
    if abs((day - expo).days) < 14:
        day += datetime.timedelta(days=28)
    return day


def _common(today: datetime.date) -> list[dict]:
    expo = next_expo_opening(today)
    days = datetime.timedelta
    return [
        {
            "slug": "china-asean-expo",
            "kind": Event.Kind.TRADE_FAIR,
            **_all_day(expo, expo + days(EXPO_DAYS - 1), "Asia/Shanghai"),
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
            # Six weeks, two of them behind: it is on whichever day the demo is.
            "slug": "online-farm-products-fair",
            "kind": Event.Kind.ONLINE_FAIR,
            **_all_day(today - days(14), today + days(27), "Asia/Shanghai"),
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
            "starts_at": _at(today + days(5), 15, 0, "Asia/Shanghai"),
            "ends_at": _at(today + days(5), 16, 30, "Asia/Shanghai"),
            "time_zone": "Asia/Shanghai",
            "online_url": "https://example.org/webinar",
            "capacity": 2,
            "organisers": ["General Administration of Customs of China"],
            "title": {
                "en": "Webinar: customs rules for cross-border e-commerce",
                "zh-hans": "网络研讨会：跨境电商海关规则",
                "vi": "Hội thảo trực tuyến: quy định hải quan cho thương mại điện tử xuyên biên giới",
                "id": "Webinar: aturan kepabeanan untuk e-commerce lintas batas",
            },
        },
    ]


def event_specs(site: Site, today: datetime.date) -> list[dict]:
    """The demo events of ``site`` as they are placed when loaded on ``today``."""
    expo = next_expo_opening(today)
    days = datetime.timedelta
    if site.countries == ("CN", "VN"):
        committee = _joint_committee_day(today, expo)
        # The region-wide events are run once, from China–Vietnam, and
        # co-hosted by China–Indonesia.
        return [{**event, "cohost_codes": ["cn-id"]} for event in _common(today)] + [
            {
                "slug": "vietnam-china-investment-forum",
                "kind": Event.Kind.FORUM,
                "starts_at": _at(today + days(19), 9, 0, "Asia/Ho_Chi_Minh"),
                "ends_at": _at(today + days(19), 17, 0, "Asia/Ho_Chi_Minh"),
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
                "slug": "china-vietnam-joint-committee",
                "kind": Event.Kind.JOINT_COMMISSION,
                "starts_at": _at(committee, 9, 0, "Asia/Ho_Chi_Minh"),
                "ends_at": _at(committee + days(1), 17, 0, "Asia/Ho_Chi_Minh"),
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
                "slug": "asean-china-investment-forum",
                "kind": Event.Kind.FORUM,
                "starts_at": _at(expo + days(1), 9, 0, "Asia/Shanghai"),
                "ends_at": _at(expo + days(1), 18, 0, "Asia/Shanghai"),
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
            {
                # A month behind: the archive has something recent.
                "slug": "guangxi-delegation-lang-son",
                "kind": Event.Kind.DELEGATION,
                "starts_at": _at(today - days(30), 8, 30, "Asia/Ho_Chi_Minh"),
                "ends_at": _at(today - days(30), 16, 0, "Asia/Ho_Chi_Minh"),
                "time_zone": "Asia/Ho_Chi_Minh",
                "organisers": [
                    "Guangxi Department of Commerce",
                    "Lang Son Department of Industry and Trade",
                ],
                "venue": {
                    "en": "Huu Nghi border gate, Lang Son",
                    "zh-hans": "谅山友谊口岸",
                    "vi": "Cửa khẩu Hữu Nghị, Lạng Sơn",
                },
                "title": {
                    "en": "Guangxi business delegation visits the Lang Son border gate",
                    "zh-hans": "广西企业代表团考察谅山边境口岸",
                    "vi": "Đoàn doanh nghiệp Quảng Tây khảo sát cửa khẩu Lạng Sơn",
                },
                "summary": {
                    "en": "Importers and logistics firms from Guangxi met provincial officials and fruit exporters at the Huu Nghi border gate.",
                    "zh-hans": "广西进口商和物流企业在友谊关口岸与谅山省官员及水果出口商座谈。",
                    "vi": "Các nhà nhập khẩu và doanh nghiệp logistics Quảng Tây gặp lãnh đạo tỉnh và doanh nghiệp xuất khẩu trái cây tại cửa khẩu Hữu Nghị.",
                },
            },
        ]
    if site.countries == ("CN", "ID"):
        return [
            {
                # History: the session of 6 October 2006 that launched the site.
                "slug": "joint-commission-2006",
                "kind": Event.Kind.JOINT_COMMISSION,
                "starts_at": _at(datetime.date(2006, 10, 6), 9, 0, "Asia/Jakarta"),
                "ends_at": _at(datetime.date(2006, 10, 6), 17, 0, "Asia/Jakarta"),
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
                # During the Expo, and on some of its days: a clash to coordinate.
                "slug": "indonesia-trade-expo-nanning",
                "kind": Event.Kind.EXHIBITION,
                **_all_day(expo + days(2), expo + days(4), "Asia/Shanghai"),
                "venue": NANNING_VENUE,
                "organisers": ["Indonesian Trade Promotion Center"],
                "title": {
                    "en": "Indonesia pavilion and trade exhibition, Nanning",
                    "zh-hans": "印度尼西亚国家馆暨贸易展（南宁）",
                    "id": "Paviliun dan pameran dagang Indonesia, Nanning",
                },
            },
            {
                "slug": "jakarta-investment-forum",
                "kind": Event.Kind.FORUM,
                "starts_at": _at(today + days(45), 9, 0, "Asia/Jakarta"),
                "ends_at": _at(today + days(45), 16, 0, "Asia/Jakarta"),
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
            {
                "slug": "surabaya-business-matching",
                "kind": Event.Kind.FORUM,
                "starts_at": _at(today - days(24), 10, 0, "Asia/Jakarta"),
                "ends_at": _at(today - days(24), 15, 0, "Asia/Jakarta"),
                "time_zone": "Asia/Jakarta",
                "organisers": ["Indonesian Trade Promotion Center"],
                "venue": {
                    "en": "Grand City Convention Center, Surabaya",
                    "zh-hans": "泗水大城会议中心",
                    "id": "Grand City Convention Center, Surabaya",
                },
                "title": {
                    "en": "Indonesia–China business matching, Surabaya",
                    "zh-hans": "印尼—中国企业对接会（泗水）",
                    "id": "Temu bisnis Indonesia–Tiongkok, Surabaya",
                },
                "summary": {
                    "en": "Exporters of palm oil, rubber and furniture met buyers from Guangdong and Guangxi.",
                    "zh-hans": "棕榈油、橡胶和家具出口商与来自广东、广西的采购商洽谈。",
                    "id": "Eksportir minyak sawit, karet dan mebel bertemu pembeli dari Guangdong dan Guangxi.",
                },
            },
        ]
    return _common(today)  # any other pair gets the region-wide events as its own


TRANSLATED = ("title", "summary", "venue")


def load_demo_events(site: Site) -> str:
    """Create the demo events this site lacks, dated from the site's today.

    A demo event that exists is left alone, unless it has ended while its
    date for today is still ahead (a demo loaded last year, loaded again):
    then it moves to that date, keeping its identity, so calendars that
    subscribed see it rescheduled. Past and historical events never move.
    """
    from events.services.cohosting import languages_for

    now = timezone.now()
    today = now.astimezone(ZoneInfo(site.time_zone)).date()
    created = moved = 0
    for spec in event_specs(site, today):
        spec = dict(spec)
        texts = {name: spec.pop(name, {}) for name in TRANSLATED}
        speakers = spec.pop("speakers", [])
        existing = _existing(spec["slug"], texts["title"]["en"])
        if existing is not None:
            if existing.ends_at < now < spec["ends_at"]:
                existing.starts_at, existing.ends_at = spec["starts_at"], spec["ends_at"]
                existing.save(update_fields=["starts_at", "ends_at"])
                moved += 1
            continue
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
    parts = [f"{created} events" if created else "", f"{moved} events moved ahead" if moved else ""]
    return ", ".join(part for part in parts if part)


def _existing(slug: str, english_title: str) -> Event | None:
    # This site's own event (not a co-host's copy), by slug, or by its English
    # title for demos loaded when the slugs still carried a year.
    return (
        Event.objects.filter(origin_code="")
        .filter(Q(slug=slug) | Q(title_en=english_title))
        .order_by("pk")
        .first()
    )
