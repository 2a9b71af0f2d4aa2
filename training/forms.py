"""Forms for trainers and learners. Validation that involves the database lives in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.widgets import DateInput

from .models import Course, Language, Lesson, ParticipantStatus, Question, QuestionKind, Sex, TestKind, TrainingEvent


class QuestionChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Questions offered by their whole text: a trainer cannot choose between cut-off sentences."""

    def label_from_instance(self, obj: Question) -> str:  # type: ignore[override]
        return obj.text


class EventForm(forms.ModelForm):  # type: ignore[type-arg]
    test_questions = QuestionChoiceField(
        queryset=Question.objects.filter(course__isnull=True),
        required=False,
        label=_("Pre/post test questions"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Chosen from the question bank; the same test is used before and after."),
    )

    class Meta:
        model = TrainingEvent
        fields = [
            "title",
            "type",
            "activity",
            "status",
            "start_date",
            "end_date",
            "city",
            "venue",
            "language",
            "trainers",
            "organisers",
            "target_group",
            "capacity",
            "agenda",
            "country",
            "host_agencies",
            "programme",
            "hours",
            "certificate_valid_months",
            "test_questions",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "programme": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "activity": _("The project activity it counts toward: the one of its kind, or none."),
            "country": _("Needed for a study visit."),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day cannot be before the first day."))
        if data.get("type") == "study_visit" and not data.get("country"):
            self.add_error("country", _("Enter the country of the study visit."))
        if data.get("type") and data.get("activity") not in (None, "", "none", data.get("type")):
            self.add_error("activity", _("An event counts toward the activity of its own kind, or toward none."))
        return data


class ParticipantForm(forms.Form):
    username = forms.CharField(
        label=_("CTIMS username"),
        required=False,
        max_length=150,
        help_text=_("For staff with an account: name and organisation are taken from it."),
    )
    full_name = forms.CharField(label=pgettext_lazy("of a person", "Name"), required=False, max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    organisation_name = forms.CharField(label=_("Organisation"), required=False, max_length=200)
    position = forms.CharField(label=_("Position"), required=False, max_length=120)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    status = forms.ChoiceField(
        label=_("Status"),
        initial=ParticipantStatus.INVITED,
        choices=[
            (ParticipantStatus.INVITED, ParticipantStatus.INVITED.label),
            (ParticipantStatus.REGISTERED, ParticipantStatus.REGISTERED.label),
        ],
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (ParticipantStatus.INVITED, ParticipantStatus.INVITED.label),
            (ParticipantStatus.REGISTERED, ParticipantStatus.REGISTERED.label),
            (ParticipantStatus.DECLINED, ParticipantStatus.DECLINED.label),
        ],
    )


class TestScoreForm(forms.Form):
    kind = forms.ChoiceField(label=_("Test"), choices=TestKind.choices)
    score = forms.IntegerField(label=_("Score"), min_value=0)
    max_score = forms.IntegerField(label=_("Maximum score"), min_value=1)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("score") is not None and data.get("max_score") and data["score"] > data["max_score"]:
            self.add_error("score", _("The score cannot be more than the maximum score."))
        return data


RATINGS = [(str(i), str(i)) for i in range(1, 6)]


class FeedbackForm(forms.Form):
    overall = forms.TypedChoiceField(
        label=_("Overall, how useful was the event?"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 = not at all, 5 = very"),
    )
    relevance = forms.TypedChoiceField(
        label=_("How relevant is it to your work?"), choices=RATINGS, coerce=int, widget=forms.RadioSelect
    )
    trainers = forms.TypedChoiceField(
        label=_("How clear were the trainers?"), choices=RATINGS, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("What should we change?"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ScormUploadForm(forms.Form):
    package = forms.FileField(
        label=_("SCORM package (.zip)"), help_text=_("The .zip your authoring tool exported, up to 500 MB.")
    )
    title = forms.CharField(
        label=_("Title"), max_length=200, required=False, help_text=_("Leave empty to use the title in the package.")
    )
    family = forms.SlugField(
        label=_("Course family"),
        max_length=60,
        help_text=_("Short code shared by all language versions, e.g. forced-labour-basics."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    pass_mark = forms.IntegerField(label=_("Pass mark (%)"), min_value=1, max_value=100, initial=80)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns: learner, course, completion_date (YYYY-MM-DD), score (0-100, may be empty)."),
    )


class CourseForm(forms.Form):
    family = forms.SlugField(
        label=_("Course family"),
        max_length=60,
        help_text=_("Short code shared by all language versions, e.g. forced-labour-basics."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    pass_mark = forms.IntegerField(label=_("Pass mark (%)"), min_value=1, max_value=100, initial=80)


class LessonForm(forms.Form):
    module_title = forms.CharField(
        label=_("Module"), max_length=200, help_text=_("Lessons with the same module name are grouped together.")
    )
    title = forms.CharField(label=_("Lesson title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Paragraphs separated by a blank line. ## Heading, - list item, **bold**, *italic*, "
            "[link](https://...), ![description](image:NUMBER) for an uploaded image."
        ),
    )
    video_url = forms.URLField(
        label=_("Video link"),
        required=False,
        assume_scheme="https",
        help_text=_("A YouTube or Vimeo address: shown embedded in the lesson."),
    )


MAX_IMAGE_BYTES = 5 * 1024 * 1024


class ImageForm(forms.Form):
    image = forms.ImageField(label=_("Image"), help_text=_("PNG, JPEG or GIF, up to 5 MB."))
    alt = forms.CharField(label=_("Description for people who cannot see it"), max_length=200)

    def clean_image(self) -> Any:
        image = self.cleaned_data["image"]
        if image.size > MAX_IMAGE_BYTES:
            raise forms.ValidationError(_("The image is larger than 5 MB."))
        return image


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices)
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    choices = forms.CharField(
        label=_("Answers"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One answer per line; start each correct answer with *."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lines = [ln.strip() for ln in data.get("choices", "").splitlines() if ln.strip()]
        parsed = [(ln.lstrip("*").strip(), ln.startswith("*")) for ln in lines]
        correct = sum(1 for _t, ok in parsed if ok)
        if len(parsed) < 2:
            self.add_error("choices", _("Give at least two answers."))
        elif correct == 0:
            self.add_error("choices", _("Mark at least one answer as correct with *."))
        elif data.get("kind") in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE) and correct > 1:
            self.add_error("choices", _("A single-choice or true/false question has exactly one correct answer."))
        elif data.get("kind") == QuestionKind.TRUE_FALSE and len(parsed) != 2:
            self.add_error("choices", _("A true/false question has exactly two answers."))
        data["parsed_choices"] = parsed
        return data


class BankQuestionForm(QuestionForm):
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    topic = forms.CharField(label=_("Topic"), max_length=100, required=False)


class ParticipantListForm(forms.Form):
    """Participants pasted from a spreadsheet or uploaded as CSV/XLSX (name, organisation, position, sex, e-mail)."""

    pasted = forms.CharField(
        label=_("Paste the list"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "One person a line, columns separated by tabs (copied from a spreadsheet), commas or semicolons: "
            "name, organisation, position, sex, e-mail. A header row is optional."
        ),
    )
    file = forms.FileField(label=_("Or upload a CSV or XLSX file"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("pasted", "").strip() and not data.get("file"):
            self.add_error("pasted", _("Paste a list or choose a file."))
        return data


class ScoreFileForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file of scores"),
        help_text=_(
            "Columns: participant (the number on this page or the e-mail), pre, post, and optionally max_pre, max_post."
        ),
    )


class CourseSettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    """The quiz rules and what the certificate says, for a native or SCORM course."""

    class Meta:
        model = Course
        fields = ["pass_mark", "quiz_max_attempts", "quiz_wait_hours", "quiz_pool_size", "hours",
                  "certificate_valid_months"]


class CourseQuestionForm(QuestionForm):
    lesson = forms.ModelChoiceField(
        label=_("Lesson to reread"),
        queryset=Lesson.objects.none(),
        required=False,
        help_text=_("Shown to a learner who answers this question wrongly."),
    )

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lesson"].queryset = Lesson.objects.filter(module__course=course)  # type: ignore[attr-defined]
