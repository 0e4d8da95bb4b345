"""A role names the people who hold it, in every language.

Last session's German walk found the translator role called "Übersetzung"
("translation": the work, not the people) beside "Redaktion" (the editorial
team): on the people page, "hat nun die Rolle Übersetzung" read as a thing
given. Each role reads as people in each catalog, and the sentences that
speak of the same people call them the same.
"""

import re

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

from cooperation.roles import ROLES

# Site administrator, Editor, Translator, Enterprise member: as a role's
# holders, each reviewed by reading its catalog's other uses of the word.
ROLE_NAMES = {
    "ar": ("مدير الموقع", "محرّر", "مترجم", "عضو مؤسسة"),
    "de": ("Website-Administration", "Redaktion", "Übersetzungsteam", "Unternehmensmitglied"),
    "es": ("Administrador del sitio", "Editor", "Traductor", "Miembro de empresa"),
    "fr": ("Administrateur du site", "Rédacteur", "Traducteur", "Membre d’entreprise"),
    "hi": ("साइट प्रशासक", "संपादक", "अनुवादक", "उद्यम सदस्य"),
    "id": ("Administrator situs", "Penyunting", "Penerjemah", "Anggota perusahaan"),
    "ja": ("サイト管理者", "編集者", "翻訳者", "企業メンバー"),
    "ko": ("사이트 관리자", "편집자", "번역자", "기업 회원"),
    "ms": ("Pentadbir laman", "Penyunting", "Penterjemah", "Ahli syarikat"),
    "pt": ("Administrador do site", "Editor", "Tradutor", "Membro de empresa"),
    "ru": ("Администратор сайта", "Редактор", "Переводчик", "Сотрудник предприятия"),
    "th": ("ผู้ดูแลเว็บไซต์", "บรรณาธิการ", "ผู้แปล", "สมาชิกวิสาหกิจ"),
    "vi": ("Quản trị viên trang", "Biên tập viên", "Biên dịch viên", "Thành viên doanh nghiệp"),
    "zh-hans": ("站点管理员", "编辑", "译员", "企业成员"),
}


@pytest.mark.parametrize("language", sorted(ROLE_NAMES))
def test_each_role_is_named_as_people(language):
    with translation.override(language):
        names = tuple(
            str(ROLES[code].label) for code in ("admin", "editor", "translator", "enterprise")
        )
    assert names == ROLE_NAMES[language]


def catalog(language: str):
    path = settings.BASE_DIR / "locale" / translation.to_locale(language) / "LC_MESSAGES/django.po"
    with path.open("rb") as po:
        return read_po(po)


# The people who translate, as each sentence about them calls them.
TRANSLATORS = {"de": r"Übersetzungsteam|übersetzende Person", "zh-hans": "译员"}


@pytest.mark.parametrize("language", sorted(TRANSLATORS))
def test_sentences_about_translators_call_them_as_the_role_does(language):
    about = [
        message
        for message in catalog(language)
        if message.id and re.search(r"\btranslators?\b", str(message.id), re.IGNORECASE)
    ]
    assert len(about) >= 4
    for message in about:
        assert re.search(TRANSLATORS[language], message.string), (message.id, message.string)


def test_the_new_sites_administrator_is_told_as_a_person_in_german():
    text = (
        catalog("de")
        .get("A new site has been created and you are its administrator: %(name)s.")
        .string
    )
    assert "Sie sind ihre Administration" not in text  # "you are its administration"
    assert "verwalten" in text
