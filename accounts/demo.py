"""Demo organisations from the seed note and one user per role with the documented usernames."""

from __future__ import annotations

import io

from core.demo import DEMO_PASSWORD, DemoContext

from .models import Organisation, OrganisationType, User
from .roles import Role
from .services import set_organisation_logo

ORGANISATIONS = [
    # code, name, short name, type
    ("POL", "Police Headquarters — Counter-Trafficking Department", "Police HQ", OrganisationType.POLICE),
    ("SG", "Border Guard Headquarters", "Border Guard HQ", OrganisationType.BORDER_GUARD),
    ("IOM", "IOM Poland", "IOM", OrganisationType.IOM),
    ("LS", "La Strada — Foundation Against Trafficking in Persons and Slavery", "La Strada", OrganisationType.NGO),
    ("KCIK", "KCIK — National Consultation and Intervention Centre for Victims of Trafficking", "KCIK",
     OrganisationType.NGO),
    ("PIP", "National Labour Inspectorate", "PIP", OrganisationType.LABOUR_INSPECTORATE),
    ("UMA", "Ukrainian Migrants Association in Poland (demo)", "UMA", OrganisationType.MIGRANT_ASSOCIATION),
]

# The demo names are entered in English; these are their names in the other interface languages
# (code -> language -> (name, short name)), so a Polish page never says "Border Guard HQ".
NAMES = {
    "POL": {"pl": ("Komenda Główna Policji — Wydział do walki z Handlem Ludźmi", "KGP"),
            "uk": ("Головне управління поліції Польщі — відділ протидії торгівлі людьми", "Поліція (KGP)"),
            "ru": ("Главное управление полиции Польши — отдел противодействия торговле людьми", "Полиция (KGP)")},
    "SG": {"pl": ("Komenda Główna Straży Granicznej", "KG SG"),
           "uk": ("Головне управління Прикордонної служби Польщі", "Прикордонна служба"),
           "ru": ("Главное управление Пограничной службы Польши", "Погранслужба")},
    "IOM": {"pl": ("IOM Polska", "IOM"), "uk": ("МОМ Польща", "МОМ"), "ru": ("МОМ Польша", "МОМ")},
    "LS": {"pl": ("La Strada — Fundacja przeciwko Handlowi Ludźmi i Niewolnictwu", "La Strada"),
           "uk": ("La Strada — Фонд протидії торгівлі людьми та рабству", "La Strada"),
           "ru": ("La Strada — Фонд против торговли людьми и рабства", "La Strada")},
    "KCIK": {"pl": ("KCIK — Krajowe Centrum Interwencyjno-Konsultacyjne dla Ofiar Handlu Ludźmi", "KCIK"),
             "uk": ("KCIK — Національний консультаційно-інтервенційний центр для постраждалих від торгівлі людьми",
                    "KCIK"),
             "ru": ("KCIK — Национальный консультационно-интервенционный центр для пострадавших от торговли людьми",
                    "KCIK")},
    "PIP": {"pl": ("Państwowa Inspekcja Pracy", "PIP"), "uk": ("Державна інспекція праці Польщі", "PIP"),
            "ru": ("Государственная инспекция труда Польши", "PIP")},
    "UMA": {"pl": ("Stowarzyszenie Migrantów z Ukrainy w Polsce (demo)", "UMA"),
            "uk": ("Асоціація українських мігрантів у Польщі (демо)", "UMA"),
            "ru": ("Ассоциация украинских мигрантов в Польше (демо)", "UMA")},
}

USERS = [
    # username, organisation code, role, first name, last name, position
    ("admin", "IOM", Role.ADMINISTRATOR, "Anna", "Nowicka", "System administrator"),
    ("police.analyst", "POL", Role.ANALYST, "Marek", "Wiśniewski", "Criminal analyst"),
    ("police.hotline", "POL", Role.HOTLINE_OPERATOR, "Olena", "Kowalczyk", "Hotline operator, Lublin"),
    ("police.field", "POL", Role.FIELD_OFFICER, "Piotr", "Zieliński", "Plain-clothes officer"),
    ("police.investigator", "POL", Role.INVESTIGATOR, "Katarzyna", "Lewandowska", "Investigator"),
    ("police.supervisor", "POL", Role.SUPERVISOR, "Tomasz", "Wójcik", "Duty officer"),
    ("police.admin", "POL", Role.ADMINISTRATOR, "Ewa", "Kamińska", "Unit administrator"),
    ("bg.officer", "SG", Role.CASE_WORKER, "Paweł", "Szymański", "Border Guard officer, Medyka"),
    ("bg.investigator", "SG", Role.INVESTIGATOR, "Agnieszka", "Dąbrowska", "Investigator"),
    ("iom.caseworker", "IOM", Role.CASE_WORKER, "Iryna", "Melnyk", "Case worker"),
    ("iom.supervisor", "IOM", Role.SUPERVISOR, "Jan", "Kozłowski", "Protection supervisor"),
    ("iom.trainer", "IOM", Role.TRAINER, "Paweł", "Barabasz", "Project trainer"),
    ("iom.me", "IOM", Role.ME_OFFICER, "Natalie", "Payne", "M&E officer"),
    ("lastrada.caseworker", "LS", Role.CASE_WORKER, "Joanna", "Mazur", "Case worker"),
    ("lastrada.admin", "LS", Role.ADMINISTRATOR, "Magda", "Krawczyk", "Administrator"),
    ("kcik.caseworker", "KCIK", Role.CASE_WORKER, "Oksana", "Bondarenko", "Consultant"),
    ("pip.inspector", "PIP", Role.LABOUR_INSPECTOR, "Robert", "Jankowski", "Labour inspector"),
    ("learner", "SG", Role.LEARNER, "Michał", "Pawlak", "Border Guard officer"),
]


def load(ctx: DemoContext) -> None:
    for code, name, short, kind in ORGANISATIONS:
        ctx.organisations[code], _ = Organisation.objects.get_or_create(
            code=code, defaults={"name": name, "short_name": short, "type": kind},
        )
        names = {"name_language": "en"}
        for language, (local, local_short) in NAMES.get(code, {}).items():
            names |= {f"name_{language}": local, f"short_name_{language}": local_short}
        Organisation.objects.filter(pk=ctx.organisations[code].pk).update(**names)
        ctx.organisations[code].refresh_from_db()
    for username, org, role, first, last, position in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, organisation=ctx.organisations[org], role=role, first_name=first,
                        last_name=last, position=position, email=f"{username}@demo.ctims.invalid", is_demo=True,
                        is_superuser=username == "admin")
            user.set_password(DEMO_PASSWORD)
            user.save()
        ctx.users[username] = user
    _give_logo(ctx.organisations["IOM"], ctx.users["admin"])
    ctx.say(f"{len(ORGANISATIONS)} organisations, {len(USERS)} users (password {DEMO_PASSWORD})")


def _demo_logo_png(text: str) -> bytes:
    """A small invented logo (white letters on a blue band), drawn here so that no picture file is shipped."""
    from PIL import Image, ImageDraw, ImageFont

    picture = Image.new("RGB", (480, 160), "white")
    draw = ImageDraw.Draw(picture)
    draw.rounded_rectangle((4, 4, 475, 155), radius=28, fill=(0, 51, 160))
    draw.ellipse((28, 34, 120, 126), outline="white", width=10)
    draw.text((150, 80), text, fill="white", anchor="lm", font=ImageFont.load_default(size=72))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def _give_logo(organisation: Organisation, admin: User) -> None:
    """The demo's IOM has a logo, so its certificates show one; the other organisations show their names."""
    if not organisation.logo:
        set_organisation_logo(admin, _demo_logo_png(organisation.code))
        organisation.refresh_from_db()
