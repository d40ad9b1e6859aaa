"""Demo: an open call in both languages, applications from clearly fictional people across the
pipeline, and one road-map meeting held with Xi'an's facilitators."""

import datetime
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Site

from applications.models import (
    Application,
    ApplicationEvent,
    ApplicationPage,
    ItemStatus,
    OutgoingEmail,
    RoadmapItem,
    RoadmapMeeting,
)
from applications.pipeline import Status, transition
from core import demo
from partners.models import FieldOfCooperation, PartnerCityPage

# A stable namespace, so each demo applicant is found again on the next run.
DEMO_NAMESPACE = uuid.UUID("6f1c2a3e-0d4b-4c55-9a1e-2b7f0c8d9e10")

# The way to each status from "submitted", along the pipeline's table.
PATHS = {
    Status.SUBMITTED: [],
    Status.SCREENING: [Status.SCREENING],
    Status.MORE_INFORMATION: [Status.SCREENING, Status.MORE_INFORMATION],
    Status.SHORTLISTED: [Status.SCREENING, Status.SHORTLISTED],
    Status.ACCEPTED: [Status.SCREENING, Status.SHORTLISTED, Status.ACCEPTED],
    Status.DECLINED: [Status.SCREENING, Status.DECLINED],
    Status.WITHDRAWN: [Status.WITHDRAWN],
}

# Fictional applicants ("نمونه" and "Example" mark them as such); addresses on example.org.
APPLICANTS = [
    {
        "key": "lecturer-xian",
        "language": "fa",
        "full_name": "مهسا نمونه‌زاده",
        "email": "mahsa.demo@example.org",
        "phone": "+989120000101",
        "city": "اصفهان",
        "country": "IR",
        "category": "professor",
        "organisation": "دانشکدهٔ معماری (نمونه)",
        "role": "دانشیار مرمت بناهای تاریخی",
        "languages": "فارسی، انگلیسی، چینی",
        "cities": ["xian"],
        "fields": ["universities", "culture"],
        "contacts": "با دو گروه پژوهشی در دانشگاه‌های شیان در زمینهٔ حفاظت از بافت تاریخی کار مشترک داشته‌ام.",
        "proposal": "یک کارگاه مشترک دانشجویی دربارهٔ مرمت کاروانسراهای جادهٔ ابریشم، یک سال در اصفهان و یک سال در شیان.",
        "status": Status.ACCEPTED,
        "public": True,
        "share": True,
        "submitted": datetime.datetime(2021, 1, 26, 9, 40),
    },
    {
        "key": "trader-xian",
        "language": "fa",
        "full_name": "رضا نمونه‌پور",
        "email": "reza.demo@example.org",
        "phone": "+989130000102",
        "city": "اصفهان",
        "country": "IR",
        "category": "business",
        "organisation": "بازرگانی صنایع‌دستی (نمونه)",
        "role": "مدیر صادرات",
        "languages": "فارسی، انگلیسی",
        "cities": ["xian", "kuala-lumpur"],
        "fields": ["chambers-of-commerce", "exhibitions"],
        "contacts": "ده سال است با نمایشگاه‌داران و واردکنندگان صنایع‌دستی در شیان و کوالالامپور داد و ستد دارم.",
        "proposal": "غرفهٔ مشترک صنایع‌دستی اصفهان در نمایشگاه سالانهٔ شیان و معرفی قلمزنان به خریداران آن‌جا.",
        "status": Status.ACCEPTED,
        "public": False,
        "share": True,
        "submitted": datetime.datetime(2021, 2, 3, 14, 5),
    },
    {
        "key": "student-florence",
        "language": "en",
        "full_name": "Sara Example",
        "email": "sara.demo@example.org",
        "phone": "+393200000103",
        "city": "Florence",
        "country": "IT",
        "category": "student",
        "organisation": "Academy of Fine Arts (example)",
        "role": "Master's student in restoration",
        "languages": "Persian, Italian, English",
        "cities": ["florence"],
        "fields": ["culture", "academic-exchange"],
        "contacts": "I study in Florence and volunteer with a students' association that runs exchange weeks.",
        "proposal": "A summer school where students from both cities restore tiles and frescoes side by side.",
        "status": Status.ACCEPTED,
        "public": True,
        "share": False,
        "submitted": datetime.datetime(2021, 2, 8, 19, 30),
    },
    {
        "key": "athlete-barcelona",
        "language": "fa",
        "full_name": "امید نمونه‌فر",
        "email": "omid.demo@example.org",
        "phone": "+989120000104",
        "city": "اصفهان",
        "country": "IR",
        "category": "athlete",
        "organisation": "باشگاه دوچرخه‌سواری (نمونه)",
        "role": "مربی",
        "languages": "فارسی، اسپانیایی",
        "cities": ["barcelona"],
        "fields": ["tourism"],
        "contacts": "با باشگاه‌های دوچرخه‌سواری شهری بارسلون در مسابقه‌های دوستانه آشنا شده‌ام.",
        "proposal": "یک رویداد دوچرخه‌سواری شهری هم‌زمان در دو شهر برای معرفی مسیرهای گردشگری.",
        "status": Status.ACCEPTED,
        "public": True,
        "share": True,
        "submitted": datetime.datetime(2021, 2, 10, 8, 15),
    },
    {
        "key": "journalist-yerevan",
        "language": "fa",
        "full_name": "نرگس نمونه‌وند",
        "email": "narges.demo@example.org",
        "phone": "+989120000105",
        "city": "اصفهان",
        "country": "IR",
        "category": "media-activist",
        "organisation": "ماهنامهٔ شهری (نمونه)",
        "role": "دبیر بخش فرهنگ",
        "languages": "فارسی، ارمنی، انگلیسی",
        "cities": ["yerevan"],
        "fields": ["media"],
        "contacts": "با خبرنگاران فرهنگی ایروان در پوشش جشنواره‌های فیلم همکاری کرده‌ام.",
        "proposal": "تبادل گزارشگر میان رسانه‌های شهری دو شهر برای معرفی زندگی روزمرهٔ شهروندان.",
        "status": Status.SHORTLISTED,
        "public": False,
        "share": True,
        "submitted": datetime.datetime(2021, 2, 12, 11, 0),
    },
    {
        "key": "engineer-freiburg",
        "language": "en",
        "full_name": "Daniel Example",
        "email": "daniel.demo@example.org",
        "phone": "+491510000106",
        "city": "Freiburg im Breisgau",
        "country": "DE",
        "category": "diaspora",
        "organisation": "Solar engineering firm (example)",
        "role": "Project engineer",
        "languages": "Persian, German, English",
        "cities": ["freiburg"],
        "fields": ["urban-planning", "urban-governance"],
        "contacts": "I have worked with Freiburg's energy agency on neighbourhood solar projects for six years.",
        "proposal": "A study visit for Isfahan's municipal engineers to Freiburg's low-energy districts.",
        "status": Status.SHORTLISTED,
        "public": True,
        "share": True,
        "submitted": datetime.datetime(2021, 2, 14, 21, 45),
    },
    {
        "key": "researcher-petersburg",
        "language": "fa",
        "full_name": "کاوه نمونه‌نژاد",
        "email": "kaveh.demo@example.org",
        "phone": "+989120000107",
        "city": "اصفهان",
        "country": "IR",
        "category": "academic-staff",
        "organisation": "پژوهشکدهٔ نمونه",
        "role": "کارشناس همکاری‌های بین‌المللی",
        "languages": "فارسی، روسی",
        "cities": ["saint-petersburg"],
        "fields": ["universities"],
        "contacts": "هماهنگ‌کنندهٔ دو طرح پژوهشی مشترک با دانشگاه‌های سن‌پترزبورگ بوده‌ام.",
        "proposal": "",
        "status": Status.MORE_INFORMATION,
        "note": "لطفاً بنویسید چه پیشنهاد مشخصی برای همکاری دارید.",
        "public": False,
        "share": False,
        "submitted": datetime.datetime(2021, 2, 15, 10, 20),
    },
    {
        "key": "artist-lahore",
        "language": "fa",
        "full_name": "لیلا نمونه‌فرد",
        "email": "leila.demo@example.org",
        "phone": "+989120000108",
        "city": "اصفهان",
        "country": "IR",
        "category": "cultural-activist",
        "organisation": "خانهٔ خوشنویسان (نمونه)",
        "role": "خوشنویس",
        "languages": "فارسی، اردو",
        "cities": ["lahore"],
        "fields": ["culture", "exhibitions"],
        "contacts": "با دو نگارخانهٔ هنرهای اسلامی در لاهور نمایشگاه مشترک برگزار کرده‌ام.",
        "proposal": "نمایشگاه دوسالانهٔ خوشنویسی و نگارگری اصفهان و لاهور.",
        "status": Status.SCREENING,
        "public": False,
        "share": True,
        "submitted": datetime.datetime(2021, 2, 18, 16, 10),
    },
    {
        "key": "doctor-havana",
        "language": "en",
        "full_name": "Parisa Example",
        "email": "parisa.demo@example.org",
        "phone": "+989120000109",
        "city": "Isfahan",
        "country": "IR",
        "category": "other",
        "organisation": "Children's hospital (example)",
        "role": "Paediatrician",
        "languages": "Persian, Spanish, English",
        "cities": ["havana"],
        "fields": ["urban-governance"],
        "contacts": "I trained for a year at a Havana hospital and still work with colleagues there.",
        "proposal": "Exchange of public-health practice between the two cities' neighbourhood clinics.",
        "status": Status.SCREENING,
        "public": False,
        "share": False,
        "submitted": datetime.datetime(2021, 2, 19, 12, 0),
    },
    {
        "key": "student-iasi",
        "language": "fa",
        "full_name": "آرش نمونه‌دوست",
        "email": "arash.demo@example.org",
        "phone": "+989120000110",
        "city": "یاش",
        "country": "RO",
        "category": "student",
        "organisation": "دانشگاه نمونه",
        "role": "دانشجوی دکتری",
        "languages": "فارسی، رومانیایی، انگلیسی",
        "cities": ["iasi"],
        "fields": ["academic-exchange"],
        "contacts": "در یاش درس می‌خوانم و با انجمن دانشجویان بین‌المللی آن‌جا آشنایم.",
        "proposal": "معرفی بورسیه‌های دو شهر به دانشجویان و برگزاری یک هفتهٔ فرهنگی دانشجویی.",
        "status": Status.SUBMITTED,
        "public": False,
        "share": True,
        "submitted": datetime.datetime(2021, 2, 21, 9, 5),
    },
    {
        "key": "trader-kuwait",
        "language": "fa",
        "full_name": "حسین نمونه‌کار",
        "email": "hossein.demo@example.org",
        "phone": "+989120000111",
        "city": "اصفهان",
        "country": "IR",
        "category": "business",
        "organisation": "شرکت فرش (نمونه)",
        "role": "مدیرعامل",
        "languages": "فارسی، عربی",
        "cities": ["kuwait-city"],
        "fields": ["chambers-of-commerce"],
        "contacts": "مشتریان ثابت فرش دستباف در کویت دارم.",
        "proposal": "هیئت تجاری فرش و صنایع‌دستی به کویت.",
        "status": Status.SUBMITTED,
        "public": False,
        "share": False,
        "submitted": datetime.datetime(2021, 2, 22, 13, 40),
    },
    {
        "key": "teacher-dakar",
        "language": "en",
        "full_name": "Amadou Example",
        "email": "amadou.demo@example.org",
        "phone": "+221700000112",
        "city": "Dakar",
        "country": "SN",
        "category": "cultural-activist",
        "organisation": "Community music school (example)",
        "role": "Teacher",
        "languages": "French, Wolof, English",
        "cities": ["dakar"],
        "fields": ["culture"],
        "contacts": "I run a music school in Dakar and met Isfahani musicians at a festival.",
        "proposal": "A joint concert of traditional music, streamed in both cities.",
        "status": Status.SUBMITTED,
        "public": False,
        "share": True,
        "submitted": datetime.datetime(2021, 2, 23, 18, 25),
    },
    {
        "key": "duplicate-xian",
        "language": "fa",
        "full_name": "رضا نمونه‌پور",
        "email": "reza.demo@example.org",
        "phone": "+989130000102",
        "city": "اصفهان",
        "country": "IR",
        "category": "business",
        "organisation": "بازرگانی صنایع‌دستی (نمونه)",
        "role": "مدیر صادرات",
        "languages": "فارسی، انگلیسی",
        "cities": ["xian"],
        "fields": ["exhibitions"],
        "contacts": "همان درخواست پیشین، با یک پیشنهاد تازه.",
        "proposal": "نمایشگاه عکس از بازارهای دو شهر.",
        "status": Status.DECLINED,
        "note": "این درخواست تکرار درخواست پیشین شماست و همان بررسی می‌شود.",
        "public": False,
        "share": False,
        "submitted": datetime.datetime(2021, 2, 24, 10, 0),
    },
    {
        "key": "withdrawn-baalbek",
        "language": "fa",
        "full_name": "زهرا نمونه‌آرا",
        "email": "zahra.demo@example.org",
        "phone": "+989120000114",
        "city": "اصفهان",
        "country": "IR",
        "category": "cultural-activist",
        "organisation": "",
        "role": "",
        "languages": "فارسی، عربی",
        "cities": ["baalbek"],
        "fields": ["tourism"],
        "contacts": "با راهنمایان گردشگری بعلبک آشنا هستم.",
        "proposal": "تور مشترک آثار تاریخی.",
        "status": Status.WITHDRAWN,
        "public": False,
        "share": False,
        "submitted": datetime.datetime(2021, 2, 25, 15, 30),
    },
]

CALL = {
    "fa": {
        "title": "فراخوان شهروند دیپلمات",
        "intro": "<p>شهرداری اصفهان از شهروندانی که با همتایانی در شهرهای خواهرخوانده در ارتباط‌اند دعوت می‌کند تا تسهیلگر پیوند دو شهر شوند. درخواست‌ها را ادارهٔ روابط بین‌الملل بررسی می‌کند و برای هر شهر نشستی برای تدوین نقشهٔ راه برگزار می‌شود.</p>",
        "eligibility": "<ul><li>استادان، دانشجویان و کارکنان دانشگاه‌ها</li><li>فعالان اقتصادی، ورزشی، فرهنگی و رسانه‌ای</li><li>ایرانیان مقیم خارج از کشور</li></ul><p>به شرط آن‌که با نهادها یا افرادی در یکی از شهرهای خواهرخوانده ارتباط داشته باشید.</p>",
    },
    "en": {
        "title": "Call for citizen diplomats",
        "intro": "<p>Isfahan Municipality invites residents who know people in its sister cities to help bring the two cities closer as facilitators. The international office reviews every application and holds a road-map meeting for each city.</p>",
        "eligibility": "<ul><li>University professors, students and staff</li><li>People active in business, sport, culture or the media</li><li>Iranians living abroad</li></ul><p>You should be in touch with institutions or people in one of the sister cities.</p>",
    },
}

XIAN_ITEMS = [
    (
        "کارگاه مشترک دانشجویی مرمت کاروانسراها",
        "universities",
        "شبکهٔ دانشگاه‌های اصفهان برای همکاری بین‌المللی",
        datetime.date(2021, 10, 15),
        ItemStatus.DONE,
        True,
    ),
    (
        "غرفهٔ صنایع‌دستی اصفهان در نمایشگاه سالانهٔ شیان",
        "exhibitions",
        "اتاق بازرگانی اصفهان",
        datetime.date(2022, 5, 1),
        ItemStatus.IN_PROGRESS,
        True,
    ),
    (
        "هفتهٔ فیلم اصفهان در شیان",
        "culture",
        "ادارهٔ روابط بین‌الملل شهرداری اصفهان",
        datetime.date(2022, 9, 20),
        ItemStatus.PLANNED,
        True,
    ),
    (
        "برآورد هزینهٔ سفر هیئت بازرگانی",
        "chambers-of-commerce",
        "اتاق بازرگانی اصفهان",
        datetime.date(2021, 7, 1),
        ItemStatus.STALLED,
        False,
    ),
]


def _aware(value):
    return timezone.make_aware(value, timezone.get_default_timezone())


def _demo_reviewer():
    user, created = get_user_model().objects.get_or_create(
        username="demo-reviewer",
        defaults={"first_name": "Demo", "last_name": "Reviewer", "email": "reviewer@example.org"},
    )
    if created:
        user.set_unusable_password()  # an actor for the demo history; nobody logs in as it
        user.save()
    user.groups.add(Group.objects.get(name="Reviewers"))
    return user


def _seed_call(log):
    fa_home = Site.objects.get(is_default_site=True).root_page
    privacy = fa_home.get_children().filter(slug="privacy").first()
    call = demo.publish_child(
        fa_home,
        ApplicationPage(
            slug="citizen-diplomats",
            show_in_menus=True,
            privacy_page=privacy,
            privacy_notice_version="1400-1",
            opens_at=_aware(datetime.datetime(2021, 1, 20, 8, 0)),
            **CALL["fa"],
        ),
    )
    demo.publish_translation(call, "en", **CALL["en"])
    log("  the call for citizen diplomats in Persian and English")
    return call


def _seed_applications(call, reviewer, log):
    cities = {c.slug: c for c in PartnerCityPage.objects.filter(locale__language_code="fa")}
    fields = {f.slug: f for f in FieldOfCooperation.objects.filter(locale__language_code="fa")}
    created = []
    for spec in APPLICANTS:
        token = uuid.uuid5(DEMO_NAMESPACE, spec["key"])
        if Application.objects.filter(submission_token=token).exists():
            continue
        submitted = _aware(spec["submitted"])
        application = Application.objects.create(
            submission_token=token,
            submitted_at=submitted,
            status_changed_at=submitted,
            language=spec["language"],
            call=call,
            full_name=spec["full_name"],
            email=spec["email"],
            phone=spec["phone"],
            city_of_residence=spec["city"],
            country_of_residence=spec["country"],
            category=spec["category"],
            organisation=spec["organisation"],
            role=spec["role"],
            languages_spoken=spec["languages"],
            contacts_description=spec["contacts"],
            proposal=spec["proposal"] or "—",
            privacy_notice_version=call.privacy_notice_version,
            privacy_accepted_at=submitted,
            consent_share_with_partner=spec["share"],
            consent_public_listing=spec["public"],
        )
        application.partner_cities.set([cities[slug] for slug in spec["cities"] if slug in cities])
        application.fields_of_cooperation.set([fields[s] for s in spec["fields"] if s in fields])
        ApplicationEvent.objects.create(
            application=application, kind=ApplicationEvent.Kind.SUBMITTED, at=submitted
        )
        for target in PATHS[spec["status"]]:
            actor = None if target == Status.WITHDRAWN else reviewer
            note = (
                spec.get("note", "") if target in (Status.MORE_INFORMATION, Status.DECLINED) else ""
            )
            transition(application, target, by=actor, note=note)
        created.append(application)
    # Fictional people are never written to.
    OutgoingEmail.objects.filter(application__in=created).update(sent_at=timezone.now())
    log(f"  {len(created)} new demo applications ({len(APPLICANTS)} in the demo)")


def _seed_roadmap(log):
    xian = PartnerCityPage.objects.filter(slug="xian", locale__language_code="fa").first()
    if xian is None or RoadmapMeeting.objects.filter(partner_city=xian, round=1).exists():
        return
    fields = {f.slug: f for f in FieldOfCooperation.objects.filter(locale__language_code="fa")}
    meeting = RoadmapMeeting(
        partner_city=xian,
        round=1,
        date=datetime.date(2021, 4, 20),
        venue="تالار شهر اصفهان",
        partner_institutions="\n".join(
            [
                "دفتر نمایندگی وزارت امور خارجه در اصفهان",
                "شبکهٔ دانشگاه‌های اصفهان برای همکاری بین‌المللی",
                "اتاق بازرگانی اصفهان",
            ]
        ),
        agenda="۱. مرور تفاهم‌نامهٔ خواهرخواندگی\n۲. پیشنهادهای تسهیلگران\n۳. تقسیم کار و زمان‌بندی",
        minutes="نقشهٔ راه با چهار اقدام تصویب شد؛ برآورد هزینهٔ سفر هیئت بازرگانی در جلسهٔ بعد بررسی می‌شود.",
    )
    meeting.items = [
        RoadmapItem(
            sort_order=n,
            action=action,
            language="fa",
            field=fields.get(field),
            owner_institution=owner,
            target_date=target,
            status=status,
            is_public=public,
        )
        for n, (action, field, owner, target, status, public) in enumerate(XIAN_ITEMS)
    ]
    meeting.save()
    pool = Application.objects.filter(
        status=Status.ACCEPTED, partner_cities=xian, anonymised_at__isnull=True
    )
    meeting.invited_facilitators.set(pool)
    meeting.save()
    log("  one road-map meeting held with Xi'an's facilitators")


@demo.register(order=40)
def seed_citizen_diplomats(log):
    call = _seed_call(log)
    reviewer = _demo_reviewer()
    _seed_applications(call, reviewer, log)
    _seed_roadmap(log)
