"""Language, date, title and byline detection."""

from __future__ import annotations

import pytest

from kg.meta import detect_language, find_byline, find_date, find_title


@pytest.mark.parametrize(("text", "iso"), [
    ("1 Februari 2023\nSEOUL - Korea Selatan", "2023-02-01"),
    ("Jumat 07 Apr 2023 17:27 WIB\n\nJudul", "2023-04-07"),
    ("Posted Nov. 3, 2025 at 10:00", "2025-11-03"),
    ("Updated 2024-06-01T10:00", "2024-06-01"),
    ("kata dia pada Jumat (7/4/2023).", "2023-04-07"),
    ("The visit on Nov. 3 follows the October 2024 talks.", "2024-11-03"),
    ("No date here.", None),
])
def test_find_date(text, iso):
    assert find_date(text) == iso


def test_detect_language():
    text = ("Menteri Pertahanan Korea Selatan bertemu dengan mitranya dari AS di Seoul "
            "pada hari Selasa untuk membahas ancaman yang meningkat.")
    assert detect_language(text) == "id"
    assert detect_language("The defense chiefs of the two allies met in Seoul on Tuesday "
                           "and agreed to expand their combined exercises.") == "en"
    assert detect_language("Der Verteidigungsminister traf sich mit seinem Amtskollegen.") \
        == "unknown"


def test_byline_and_title():
    text = "Allies expand drills\nPenulis: Dewi Lestari\nMenteri Pertahanan ...\nBY JOHN PARK"
    assert find_byline(text) == ["Dewi Lestari", "JOHN PARK"]
    assert find_title(text) == "Allies expand drills"


def test_a_short_text_in_another_language_is_not_guessed_to_be_english():
    from kg.meta import detect_language

    german = ("Der Minister traf sich am Montag in Berlin mit seinem Amtskollegen. Die Gespräche "
              "waren konstruktiv.")
    assert detect_language(german) == "unknown"
    assert detect_language("Defense Secretary John Miller met Minister Kim in Seoul on "
                           "Monday.") == "en"
