"""Capacity building: training events with their participants, attendance, tests, feedback and
certificates, and e-learning (native courses and SCORM packages) with enrolments and completions.

External participants' names and e-mails are personal data: encrypted, with a blind index on
the e-mail so the same person is recognised across events without decrypting.
"""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.fields import BlindIndexField, EncryptedTextField


class Activity(models.TextChoices):
    """The project activities that results are reported against (see programme targets)."""

    ONE_DAY_TRAINING = "one_day_training", _("One-day specialised training")
    SPECIALIST_WORKSHOP = "specialist_workshop", _("Two-day specialist workshop")
    STUDY_VISIT = "study_visit", _("Study visit")
    COMMUNITY_TRAINING = "community_training", _("Training for migrant associations")
    ELEARNING = "elearning", _("E-learning")
    NONE = "none", _("Not counted toward a project activity")


class EventType(models.TextChoices):
    ONE_DAY_TRAINING = "one_day_training", _("One-day training")
    SPECIALIST_WORKSHOP = "specialist_workshop", _("Two-day specialist workshop")
    STUDY_VISIT = "study_visit", _("Study visit")
    COMMUNITY_TRAINING = "community_training", _("Community training for migrant associations")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Not recorded")


class ParticipantStatus(models.TextChoices):
    # a person's status: the context keeps it apart from "Completed" for things, and the translations use
    # forms that do not presume the person's sex ("Odmowa udziału", not "Odmówił")
    INVITED = "invited", pgettext_lazy("participant status", "Invited")
    REGISTERED = "registered", pgettext_lazy("participant status", "Registered")
    ATTENDED = "attended", pgettext_lazy("participant status", "Attended")
    COMPLETED = "completed", pgettext_lazy("participant status", "Completed")
    DECLINED = "declined", pgettext_lazy("participant status", "Declined")


class Language(models.TextChoices):
    EN = "en", "English"
    PL = "pl", "Polski"
    UK = "uk", "Українська"
    RU = "ru", "Русский"


class TrainingEvent(models.Model):
    """One training, workshop, study visit or community training, owned by the organising organisation."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    type = models.CharField(_("type"), max_length=32, choices=EventType.choices)
    activity = models.CharField(
        _("project activity"),
        max_length=32,
        choices=Activity.choices,
        help_text=_("The project target this event counts toward."),
    )
    status = models.CharField(_("status"), max_length=16, choices=EventStatus.choices, default=EventStatus.PLANNED)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    city = models.CharField(_("city"), max_length=100)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, default=Language.PL)
    trainers = models.CharField(
        _("trainers"), max_length=300, blank=True, help_text=_("Names of the trainers, as they appear on certificates.")
    )
    organisers = models.CharField(_("organisers"), max_length=300, blank=True)
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), default=20)
    agenda = models.TextField(_("agenda and materials"), blank=True)
    country = models.CharField(_("country visited"), max_length=100, blank=True)
    host_agencies = models.CharField(_("host agencies"), max_length=300, blank=True)
    programme = models.TextField(_("visit programme"), blank=True)
    hours = models.DecimalField(
        _("hours of training"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Printed on the certificates."),
    )
    certificate_valid_months = models.PositiveSmallIntegerField(
        _("certificates valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty when certificates do not expire."),
    )
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="training_events")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    test_questions: models.ManyToManyField[Question, Any] = models.ManyToManyField(
        "Question", blank=True, related_name="events", verbose_name=_("pre/post test questions")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [
            # the results framework counts held events per activity over time
            models.Index(fields=["activity", "status", "start_date"], name="training_event_activity"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def days(self) -> list[datetime.date]:
        """Every calendar day of the event: attendance is taken on each."""
        n = (self.end_date - self.start_date).days + 1
        return [self.start_date + datetime.timedelta(days=i) for i in range(max(n, 1))]

    @property
    def max_test_score(self) -> int:
        return self.test_questions.count()


class Participant(models.Model):
    """A person invited to an event: a signed-in user, or an external person (encrypted identity)."""

    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_participations",
    )
    full_name = EncryptedTextField(_("name"))
    email = EncryptedTextField(_("e-mail"), blank=True)
    email_index = BlindIndexField()
    organisation_name = models.CharField(_("organisation"), max_length=200)
    position = EncryptedTextField(_("position"), max_length=120, blank=True)  # a named person's job
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, default=Sex.UNKNOWN)
    status = models.CharField(
        _("status"), max_length=16, choices=ParticipantStatus.choices, default=ParticipantStatus.INVITED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            # results by status per event (completed participants count toward targets)
            models.Index(fields=["event", "status"], name="training_participant_status"),
        ]

    def __str__(self) -> str:
        return f"participant {self.pk}"


class Attendance(models.Model):
    """Presence of one participant on one day of the event."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="attendance")
    day = models.DateField()
    present = models.BooleanField(default=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now=True)
    by_qr = models.BooleanField(default=False, help_text="The participant checked in by scanning the trainer's code.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["participant", "day"], name="training_attendance_once_a_day")]

    def __str__(self) -> str:
        return f"attendance {self.participant_id} {self.day}"


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")


class Question(models.Model):
    """A question in the bank (used in event pre/post tests) or in a course's quiz (`course` set)."""

    text = models.TextField(_("question"))
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionKind.choices, default=QuestionKind.SINGLE)
    topic = models.CharField(_("topic"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, default=Language.EN)
    course = models.ForeignKey("Course", null=True, blank=True, on_delete=models.CASCADE, related_name="questions")
    lesson = models.ForeignKey(
        "Lesson",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lesson to reread"),
        help_text=_("Shown to a learner who answers this question wrongly."),
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text[:60]

    def correct_ids(self) -> set[int]:
        return {c.pk for c in self.choices.all() if c.is_correct}

    def is_answered_correctly(self, chosen: set[int]) -> bool:
        """All-or-nothing: a multiple-choice answer is right only if exactly the correct options are chosen."""
        return bool(chosen) and chosen == self.correct_ids()


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("answer"), max_length=300)
    is_correct = models.BooleanField(_("correct"), default=False)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class TestKind(models.TextChoices):
    PRE = "pre", _("Pre-test")
    POST = "post", _("Post-test")


class TestResult(models.Model):
    """A participant's pre- or post-test score (taken online or entered from paper)."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="test_results")
    kind = models.CharField(max_length=4, choices=TestKind.choices)
    score = models.PositiveIntegerField()
    max_score = models.PositiveIntegerField()
    answers = models.JSONField(default=dict, blank=True)
    taken_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["participant", "kind"], name="training_one_test_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind} test of participant {self.participant_id}"


class Feedback(models.Model):
    """The short survey after an event: three ratings from 1 to 5 and an optional comment."""

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="feedback")
    overall = models.PositiveSmallIntegerField(_("overall, how useful was the event?"))
    relevance = models.PositiveSmallIntegerField(_("how relevant is it to your work?"))
    trainers = models.PositiveSmallIntegerField(_("how clear were the trainers?"))
    comment = EncryptedTextField(_("what should we change?"), blank=True)  # a named participant's words
    submitted_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"feedback of participant {self.participant_id}"


def new_certificate_code() -> str:
    # No ambiguous characters (0/O, 1/I/L): people type the code from paper.
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(12))


class Certificate(models.Model):
    """A certificate of completion (an event or a course) with a public verification code."""

    code = models.CharField(max_length=16, unique=True, default=new_certificate_code)
    holder_name = EncryptedTextField()
    title = models.CharField(max_length=300, help_text="Event or course title as printed.")
    completed_on = models.DateField()
    participant = models.OneToOneField(
        Participant, null=True, blank=True, on_delete=models.CASCADE, related_name="certificate"
    )
    enrolment = models.OneToOneField(
        "Enrolment", null=True, blank=True, on_delete=models.CASCADE, related_name="certificate"
    )
    expires_on = models.DateField(null=True, blank=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.code

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


# --- e-learning -------------------------------------------------------------------------------


class CourseKind(models.TextChoices):
    NATIVE = "native", _("Course written here")
    SCORM = "scorm", _("SCORM package")


class Course(models.Model):
    """One language version of a course. Versions of the same course share a `family`."""

    family = models.SlugField(
        _("course family"), max_length=60, help_text=_("The same for every language version of one course.")
    )
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, default=Language.EN)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    kind = models.CharField(_("kind"), max_length=8, choices=CourseKind.choices, default=CourseKind.NATIVE)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"), default=80)
    is_published = models.BooleanField(_("published"), default=False)
    quiz_max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=0, help_text=_("How many times a learner may take the quiz; 0 for no limit.")
    )
    quiz_wait_hours = models.PositiveSmallIntegerField(
        _("hours between attempts"), default=0, help_text=_("How long a learner waits before trying again.")
    )
    quiz_pool_size = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        default=0,
        help_text=_("Drawn at random from the course's questions for each attempt; 0 to ask all of them."),
    )
    hours = models.DecimalField(
        _("hours of training"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Printed on the certificates."),
    )
    certificate_valid_months = models.PositiveSmallIntegerField(
        _("certificates valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty when certificates do not expire."),
    )
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="courses")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["family", "language"]
        constraints = [models.UniqueConstraint(fields=["family", "language"], name="training_course_family_language")]

    def __str__(self) -> str:
        return self.title

    def lessons(self) -> list[Lesson]:
        return list(Lesson.objects.filter(module__course=self).order_by("module__order", "order", "id"))


class CourseModule(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    """A lesson: limited Markdown-like text (rendered safely), optional images and a video link."""

    module = models.ForeignKey(CourseModule, on_delete=models.CASCADE, related_name="lessons")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Paragraphs separated by a blank line. ## Heading, - list item, **bold**, *italic*, "
            "[link](https://...), ![description](image:NUMBER) for an uploaded image."
        ),
    )
    video_url = models.URLField(
        _("video link"), blank=True, help_text=_("A YouTube or Vimeo address: shown embedded in the lesson.")
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class CourseImage(models.Model):
    """An image used in lessons, referenced as image:<id> in the lesson text."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(upload_to="training/images/")
    alt = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return self.alt or str(self.file.name)


class EnrolmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


class Enrolment(models.Model):
    """A learner on one language version of a course: progress, best quiz score, completion."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    status = models.CharField(max_length=16, choices=EnrolmentStatus.choices, default=EnrolmentStatus.IN_PROGRESS)
    score = models.DecimalField(
        max_digits=5, decimal_places=1, null=True, blank=True, help_text="Best quiz score or SCORM score, in percent."
    )
    passed = models.BooleanField(null=True)
    started_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    last_lesson = models.ForeignKey(Lesson, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="training_enrol_once")]
        indexes = [
            # the e-learning target counts completions over time
            models.Index(fields=["status", "completed_at"], name="training_enrol_completed"),
        ]

    def __str__(self) -> str:
        return f"enrolment {self.pk}"


class LessonProgress(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="lesson_progress")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrolment", "lesson"], name="training_lesson_done_once")]

    def __str__(self) -> str:
        return f"lesson {self.lesson_id} of enrolment {self.enrolment_id}"


class QuizAttempt(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="quiz_attempts")
    correct = models.PositiveIntegerField()
    total = models.PositiveIntegerField()
    percent = models.DecimalField(max_digits=5, decimal_places=1)
    passed = models.BooleanField()
    answers = models.JSONField(default=dict)
    question_ids = models.JSONField(default=list, help_text="The questions drawn for this attempt, in order.")
    submitted_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"quiz attempt {self.pk}"


class ScormVersion(models.TextChoices):
    SCORM12 = "1.2", "SCORM 1.2"
    SCORM2004 = "2004", "SCORM 2004"


class ScormPackage(models.Model):
    """The uploaded package of a SCORM course: files unpacked under MEDIA_ROOT/scorm/<id>/."""

    course = models.OneToOneField(Course, on_delete=models.CASCADE, related_name="scorm_package")
    version = models.CharField(max_length=8, choices=ScormVersion.choices)
    launch_path = models.CharField(max_length=500)
    sco_count = models.PositiveIntegerField(default=1)
    scos = models.JSONField(
        default=list, help_text="Launchable items in the organisation's order: identifier, title, href (package path)."
    )
    unsupported = models.JSONField(default=list, help_text="Features of the manifest CTIMS does not apply.")
    file_count = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"SCORM {self.version} package of course {self.course_id}"

    @property
    def storage_dir(self) -> str:
        return f"scorm/{self.pk}"


class ScormRuntime(models.Model):
    """Every cmi value a learner's SCO has set, plus the fields read from them per the standard."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="scorm")
    cmi = models.JSONField(default=dict, help_text="Flattened cmi.* element -> value, as last committed.")
    completion_status = models.CharField(max_length=20, blank=True)
    success_status = models.CharField(max_length=20, blank=True)
    score_percent = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    suspend_data = models.TextField(blank=True)
    location = models.CharField(max_length=1000, blank=True)
    commit_count = models.PositiveIntegerField(default=0)
    sco_cmi = models.JSONField(default=dict, help_text="Per SCO (item identifier): its flattened cmi values.")
    current_sco = models.CharField(max_length=200, blank=True)
    sessions = models.JSONField(
        default=dict, help_text="Seconds of each learning session (player visit), summed into cmi total_time."
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"SCORM data of enrolment {self.enrolment_id}"


class ExternalCompletion(models.Model):
    """A completion taken on another platform, imported from CSV so it counts toward the target."""

    learner = EncryptedTextField()
    learner_index = BlindIndexField()
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="external_completions")
    completed_on = models.DateField()
    score = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)
    batch = models.CharField(max_length=32)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["learner_index", "course"], name="training_external_once")]

    def __str__(self) -> str:
        return f"external completion {self.pk}"
