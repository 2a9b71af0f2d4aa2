"""Demo trainings that show the targets partly met, a question bank, and the forced-labour course
in English, Polish and Ukrainian with a few enrolments (the `learner` user is half-way through)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from core.demo import DemoContext

from . import course_content
from .models import (
    Activity,
    Attendance,
    Certificate,
    Choice,
    Enrolment,
    EnrolmentStatus,
    EventStatus,
    EventType,
    ExternalCompletion,
    Feedback,
    LessonProgress,
    Participant,
    ParticipantStatus,
    Question,
    TestKind,
    TestResult,
    TrainingEvent,
)
from .services import email_index

FIRST = {
    "female": ["Anna", "Katarzyna", "Magdalena", "Joanna", "Agnieszka", "Olena", "Iryna", "Marta", "Ewa", "Monika"],
    "male": ["Piotr", "Tomasz", "Marcin", "Krzysztof", "Paweł", "Michał", "Andrzej", "Łukasz", "Jakub", "Oleksandr"],
}
LAST = [
    "Nowak",
    "Kowalski",
    "Wiśniewski",
    "Wójcik",
    "Kamiński",
    "Lewandowski",
    "Zieliński",
    "Szymański",
    "Woźniak",
    "Dąbrowski",
    "Kozłowski",
    "Jankowski",
    "Mazur",
    "Krawczyk",
    "Piotrowski",
    "Grabowski",
    "Pawłowski",
    "Michalski",
]
BG_UNITS = [
    "Nadbużański Oddział SG",
    "Bieszczadzki Oddział SG",
    "Podlaski Oddział SG",
    "Warmińsko-Mazurski Oddział SG",
    "Nadodrzański Oddział SG",
    "Śląski Oddział SG",
    "Morski Oddział SG",
    "Karpacki Oddział SG",
]
CITIES = ["Lublin", "Przemyśl", "Chełm", "Białystok", "Rzeszów", "Kraków", "Wrocław", "Gdańsk", "Warszawa"]

BANK = [
    (
        "Forced labour is work exacted under the menace of a penalty and not offered voluntarily.",
        "true_false",
        [("True", True), ("False", False)],
    ),
    (
        "Which is an ILO indicator of forced labour?",
        "single",
        [("Retention of identity documents", True), ("Working night shifts", False), ("Seasonal work", False)],
    ),
    (
        "A debt that grows faster than the worker can repay it is called…",
        "single",
        [("Debt bondage", True), ("A wage advance", False), ("A recruitment fee", False)],
    ),
    (
        "Which of these should you do when you suspect forced labour? Choose all that apply.",
        "multiple",
        [
            ("Interview the worker away from the employer", True),
            ("Use a professional interpreter", True),
            ("Ask the employer to translate", False),
        ],
    ),
    ("Low pay alone proves forced labour.", "true_false", [("True", False), ("False", True)]),
    (
        "Which national centre assists victims of trafficking in Poland?",
        "single",
        [("KCIK", True), ("ZUS", False), ("GUS", False)],
    ),
]


def _bank() -> list[Question]:
    questions = []
    for i, (text, kind, choices) in enumerate(BANK, start=1):
        q = Question.objects.create(text=text, kind=kind, topic="forced labour", language="en", order=i)
        Choice.objects.bulk_create(
            [Choice(question=q, text=t, is_correct=c, order=n) for n, (t, c) in enumerate(choices)]
        )
        questions.append(q)
    return questions


def load(ctx: DemoContext) -> None:
    rng = ctx.rng
    iom = ctx.organisations["IOM"]
    trainer = ctx.users.get("iom.trainer")
    questions = _bank()
    max_score = len(questions)
    today = timezone.localdate()
    plans: list[tuple[str, str, int, int]] = (
        # type, activity, how many held, participants each (about)
        [
            (EventType.ONE_DAY_TRAINING, Activity.ONE_DAY_TRAINING, 9, 20),
            (EventType.SPECIALIST_WORKSHOP, Activity.SPECIALIST_WORKSHOP, 1, 55),
            (EventType.COMMUNITY_TRAINING, Activity.COMMUNITY_TRAINING, 2, 15),
            (EventType.STUDY_VISIT, Activity.STUDY_VISIT, 1, 8),
        ]
    )
    events: list[TrainingEvent] = []
    n = 0
    for etype, activity, count, size in plans:
        for i in range(count):
            n += 1
            start = today - datetime.timedelta(days=300 - n * 21)
            days = 2 if etype == EventType.SPECIALIST_WORKSHOP else (4 if etype == EventType.STUDY_VISIT else 1)
            city = "Oslo" if etype == EventType.STUDY_VISIT else CITIES[(n + i) % len(CITIES)]
            titles: dict[str, str] = {
                EventType.ONE_DAY_TRAINING: "Identifying forced labour during checks of legality of employment",
                EventType.SPECIALIST_WORKSHOP: "Forced labour and inter-institutional cooperation (SG, PIP, experts)",
                EventType.COMMUNITY_TRAINING: "Safe work in Poland: rights and warning signs",
                EventType.STUDY_VISIT: "Study visit: Norwegian police and labour inspection against forced labour",
            }
            events.append(
                TrainingEvent(
                    code=f"TR-{start.year}-{n:03d}",
                    title=titles[etype],
                    type=etype,
                    activity=activity,
                    status=EventStatus.HELD,
                    start_date=start,
                    end_date=start + datetime.timedelta(days=days - 1),
                    city=city,
                    venue="Training centre" if etype != EventType.STUDY_VISIT else "National Police Directorate",
                    language="pl" if etype != EventType.COMMUNITY_TRAINING else "uk",
                    trainers="Paweł Barabasz; Natalie Payne",
                    organisers="IOM Poland; Border Guard HQ",
                    target_group="Border Guard officers verifying legality of stay and employment"
                    if etype == EventType.ONE_DAY_TRAINING
                    else "",
                    capacity=size + 5,
                    country="Norway" if etype == EventType.STUDY_VISIT else "",
                    host_agencies="Politiet; Arbeidstilsynet" if etype == EventType.STUDY_VISIT else "",
                    programme="Day 1 police; day 2 labour inspection; day 3 NGO shelter; day 4 debrief"
                    if etype == EventType.STUDY_VISIT
                    else "",
                    agenda="09:00 Definitions and law\n11:00 The 11 ILO indicators\n13:30 Case studies\n15:30 Referral",
                    organisation=iom,
                    created_by=trainer,
                )
            )
            events[-1].size = size  # type: ignore[attr-defined]
    # A planned one-day training next month, with invitations only.
    start = today + datetime.timedelta(days=30)
    planned = TrainingEvent(
        code=f"TR-{start.year}-{n + 1:03d}",
        title="Identifying forced labour (Medyka)",
        type=EventType.ONE_DAY_TRAINING,
        activity=Activity.ONE_DAY_TRAINING,
        start_date=start,
        end_date=start,
        city="Medyka",
        venue="BCP Medyka",
        capacity=25,
        organisation=iom,
        created_by=trainer,
        trainers="Paweł Barabasz",
    )
    planned.size = 12  # type: ignore[attr-defined]
    events.append(planned)
    for e in events:
        size = e.size  # type: ignore[attr-defined]
        e.save()
        e.test_questions.set(questions)
        _participants(e, size, rng, max_score, planned=e is planned)
    learner = ctx.users.get("learner")
    if learner is not None:
        # the learner took part in the first training and holds its certificate
        p = Participant.objects.create(
            event=events[0],
            user=learner,
            full_name=learner.get_full_name(),
            email=learner.email,
            email_index=email_index(learner.email),
            organisation_name=str(learner.organisation),
            position=learner.position,
            sex="male",
            status=ParticipantStatus.COMPLETED,
        )
        Attendance.objects.create(participant=p, day=events[0].start_date)
        Certificate.objects.create(
            participant=p, holder_name=p.full_name, title=events[0].title, completed_on=events[0].end_date
        )
    _courses(ctx)
    ctx.say(
        f"training: {len(events)} events, {Participant.objects.count()} participants, "
        f"{Certificate.objects.count()} certificates, the forced-labour course in EN, PL and UK (and as SCORM)"
    )


def _surname(surname: str, sex: str) -> str:
    """The surname as Polish writes it for the person's sex: Kowalski for him, Kowalska for her."""
    return surname[:-1] + "a" if sex == "female" and surname.endswith("ski") else surname


def _participants(event: TrainingEvent, size: int, rng: object, max_score: int, planned: bool) -> None:
    import random

    assert isinstance(rng, random.Random)
    community = event.type == EventType.COMMUNITY_TRAINING
    people = []
    for i in range(size + rng.randint(-2, 2)):
        sex = "male" if rng.random() < (0.5 if community else 0.62) else "female"
        name = f"{rng.choice(FIRST[sex])} {_surname(rng.choice(LAST), sex)}"
        if community:
            org = rng.choice(
                [
                    "Ukrainian Migrants Association in Poland (demo)",
                    "Fundacja Nasz Wybór (demo)",
                    "Stowarzyszenie Vostok (demo)",
                ]
            )
        elif event.type == EventType.SPECIALIST_WORKSHOP and i % 3 == 0:
            org = "National Labour Inspectorate"
        else:
            org = rng.choice(BG_UNITS)
        status = (
            ParticipantStatus.INVITED
            if planned
            else (ParticipantStatus.COMPLETED if rng.random() < 0.93 else ParticipantStatus.ATTENDED)
        )
        people.append(
            Participant(
                event=event,
                full_name=name,
                email="",
                organisation_name=org,
                position="Officer" if not community else "Volunteer",
                sex=sex,
                status=status,
            )
        )
    Participant.objects.bulk_create(people)
    if planned:
        return
    saved = list(event.participants.all())
    days = event.days()
    attendance, results, feedback, certificates = [], [], [], []
    for p in saved:
        present_days = days if p.status == ParticipantStatus.COMPLETED else days[:1] if len(days) > 1 else []
        if p.status == ParticipantStatus.ATTENDED and len(days) == 1:
            p.status = ParticipantStatus.REGISTERED
            p.save(update_fields=["status"])
        attendance += [Attendance(participant=p, day=d) for d in present_days]
        pre = rng.randint(1, max_score - 2)
        post = min(max_score, pre + rng.randint(0, max_score - pre))
        results += [
            TestResult(participant=p, kind=TestKind.PRE, score=pre, max_score=max_score),
            TestResult(participant=p, kind=TestKind.POST, score=post, max_score=max_score),
        ]
        if rng.random() < 0.7:
            feedback.append(
                Feedback(
                    participant=p,
                    overall=rng.randint(3, 5),
                    relevance=rng.randint(3, 5),
                    trainers=rng.randint(4, 5),
                    comment="",
                )
            )
        if p.status == ParticipantStatus.COMPLETED and rng.random() < 0.5:
            certificates.append(
                Certificate(participant=p, holder_name=p.full_name, title=event.title, completed_on=event.end_date)
            )
    Attendance.objects.bulk_create(attendance)
    TestResult.objects.bulk_create(results)
    Feedback.objects.bulk_create(feedback)
    Certificate.objects.bulk_create(certificates)


def _courses(ctx: DemoContext) -> None:
    iom = ctx.organisations["IOM"]
    en = course_content.create_course("en", iom)
    pl = course_content.create_course("pl", iom)
    course_content.create_course("uk", iom)
    trainer = ctx.users.get("iom.trainer")
    if trainer is not None:
        # The English course exported as SCORM 1.2 and uploaded back: a SCORM course to try the player with.
        from .export import scorm12_package
        from .services import set_course_published, upload_scorm_package

        scorm_course, _warnings = upload_scorm_package(
            trainer,
            family="forced-labour-indicators-scorm",
            language="en",
            title="Forced labour: recognising the indicators (SCORM package)",
            summary="The same course, played as a SCORM 1.2 package.",
            data=scorm12_package(en),
        )
        set_course_published(trainer, scorm_course, True)
    lessons = pl.lessons()
    learner = ctx.users.get("learner")
    if learner is not None:
        enrolment = Enrolment.objects.create(user=learner, course=pl, last_lesson=lessons[2])
        LessonProgress.objects.bulk_create(
            [LessonProgress(enrolment=enrolment, lesson=lesson) for lesson in lessons[:3]]
        )
    others = [
        u
        for name, u in ctx.users.items()
        if name in ("bg.officer", "police.hotline", "police.field", "iom.caseworker", "kcik.caseworker")
    ]
    now = timezone.now()
    for i, user in enumerate(others):
        course = en if i % 2 else pl
        done = i < 3
        enrolment = Enrolment.objects.create(
            user=user,
            course=course,
            status=EnrolmentStatus.COMPLETED if done else EnrolmentStatus.IN_PROGRESS,
            score=Decimal(80 + i * 5) if done else None,
            passed=True if done else None,
            completed_at=now - datetime.timedelta(days=10 * (i + 1)) if done else None,
        )
        if done:
            Certificate.objects.create(
                enrolment=enrolment,
                holder_name=user.get_full_name(),
                title=course.title,
                completed_on=(now - datetime.timedelta(days=10 * (i + 1))).date(),
            )
    # Completions imported from the Border Guard's own platform (demo identifiers, not people).
    from core import crypto

    rng = ctx.rng
    rows = []
    for i in range(420):
        ref = f"sg-platform-{i + 1:05d}"
        rows.append(
            ExternalCompletion(
                learner=ref,
                learner_index=crypto.blind_index("learner", ref),
                course=pl,
                completed_on=timezone.localdate() - datetime.timedelta(days=rng.randint(5, 200)),
                score=Decimal(rng.randint(70, 100)),
                batch="demo",
            )
        )
    ExternalCompletion.objects.bulk_create(rows)
