"""Real inputs (issue 15, items 1-4): saved news pages, dates, short briefs, document ids."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from conftest import SEEDS

from kg.documents import extract_article, read_inputs
from kg.meta import detect_language, find_date, find_date_source

PAGE = Path(__file__).parent / "data" / "news_page.html"
#: What the page's navigation, "most read" box, related headlines and footer name.
NOT_THE_ARTICLE = ["Home", "Most read", "Nakatani", "Teodoro", "Kim Jong-un", "Lee Jae-myung",
                   "Marles", "Rutte", "Dong Jun", "Xi Jinping", "APEC", "All rights reserved",
                   "Updated March 3, 2026", "Sejong-daero"]
TODAY = dt.date(2026, 12, 4)
BRIEF_ID = ("Menteri Pertahanan Sjafrie Sjamsoeddin bertemu Menteri Pertahanan Jepang Gen "
            "Nakatani di Jakarta. Keduanya sepakat memperkuat kerja sama pertahanan.")


# ---------------------------------------------------------------------- (1) saved pages
def test_saved_news_page_gives_the_article_and_its_metadata():
    (doc,) = read_inputs([PAGE]).documents
    assert "South Korean Defense Minister Ahn Gyu-back met U.S. Defense Secretary" in doc.text
    for words in NOT_THE_ARTICLE:
        assert words not in doc.text, words
    assert doc.title == "Defense chiefs of Seoul and Washington agree to deepen deterrence"
    # article:published_time, not the "Updated March 3, 2026" line
    assert (doc.date, doc.date_source) == ("2025-10-29", "metadata")
    assert doc.url == "https://news.example.com/defense/2025/10/29/alliance-talks"
    assert doc.text.startswith("By Jane Park\n")  # the author is the byline


def test_page_without_an_article_falls_back_to_the_visible_text(tmp_path, monkeypatch):
    import kg.documents

    page = tmp_path / "p.html"
    page.write_text("<title>T</title><p>Minister Ahn met Hegseth on 3 November 2025.</p>")
    monkeypatch.setattr(kg.documents, "extract_article", lambda markup: None)
    (doc,) = read_inputs([page]).documents
    assert (doc.text, doc.title) == ("Minister Ahn met Hegseth on 3 November 2025.", "T")
    assert (doc.date, doc.date_source) == ("2025-11-03", "dateline")


def test_extract_article_returns_none_for_a_page_without_text():
    assert extract_article("<html><body><script>x()</script></body></html>") is None


@pytest.mark.slow
def test_saved_news_page_graph_holds_only_the_article():
    import kg

    graph = kg.build([PAGE])
    assert sorted((e.type, e.label) for e in graph.entities()) == [
        ("agency", "Ministry of National Defense"),
        ("official", "Ahn Gyu-back"),
        ("official", "Pete Hegseth"),
    ]
    (entry,) = graph.meta["documents"]
    assert (entry["id"], entry["date"], entry["date_source"]) == (
        "news_page.html", "2025-10-29", "metadata")
    assert entry["byline"] == ["Jane Park"]


# ---------------------------------------------------------------------- (2) dates
def test_a_future_year_does_not_date_a_month_and_day():
    assert find_date("Officials met on Nov. 3. The plan runs until 2030.", today=TODAY) is None
    assert find_date("On Nov. 3 they met. Talks began in 2024.", today=TODAY) == "2024-11-03"


def test_a_dateline_month_and_day_wins_over_a_historic_date_in_the_body():
    text = ("SEOUL, Nov. 4 (Yonhap) -- The defense chiefs met on Tuesday.\n"
            "They marked the June 12, 2018 summit. Drills resume in 2025.")
    assert find_date_source(text, today=TODAY) == ("2025-11-04", "dateline")


def test_a_body_date_years_away_from_the_others_is_not_the_publication_date():
    text = ("Defense chiefs met\n\n\n\n\n\nThe 2025 talks and the 2025 drills recalled the "
            "summit of June 12, 2018. On Nov. 4 they met again in 2025.")
    assert find_date_source(text, today=TODAY) == ("2025-11-04", "text")


def test_dates_after_the_build_are_never_publication_dates():
    assert find_date("Jakarta, 4 November 2027 - Menhan bertemu.", today=TODAY) is None
    assert find_date("Jakarta, 4 November 2027 - Menhan bertemu.",
                     today=dt.date(2028, 1, 1)) == "2027-11-04"


def test_dotted_day_month_year():
    assert find_date_source("Jakarta, 04.11.2025 - Menhan bertemu.") == (
        "2025-11-04", "dateline")


def test_a_weekday_decides_the_year_of_a_month_and_day():
    # the seed article "on Nov. 3 ... on Monday" whose latest year is 2024: Nov. 3, 2025 is a Monday
    assert read_inputs([SEEDS / "000_e3b3ce5373a5f8cc.txt"]).documents[0].date == "2025-11-03"


def test_a_date_the_input_states_wins_and_is_normalised(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": "On 1 May 2020 they met.",
                                "date": "2025-11-04T09:00:00+09:00"}) + "\n"
                    + json.dumps({"id": "b", "text": "On 1 May 2020 they met.",
                                  "date": "unknown"}) + "\n")
    a, b = read_inputs([feed]).documents
    assert (a.date, a.date_source) == ("2025-11-04", "input")
    assert (b.date, b.date_source) == ("2020-05-01", "dateline")


@pytest.mark.slow
def test_the_graph_says_where_each_date_came_from(tmp_path):
    import kg

    (tmp_path / "a.txt").write_text("Seoul, 04.11.2025\nDefense Minister Ahn Gyu-back met "
                                    "Defense Secretary Pete Hegseth.")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "x", "date": "2025-11-05", "text":
                                                  "Defense Minister Ahn Gyu-back spoke."}) + "\n")
    (tmp_path / "c.txt").write_text("Defense Minister Ahn Gyu-back spoke.")
    graph = kg.build([tmp_path])
    sources = {d["id"]: (d["date"], d["date_source"]) for d in graph.meta["documents"]}
    assert sources == {"a.txt": ("2025-11-04", "dateline"), "b.jsonl#x": ("2025-11-05", "input"),
                       "c.txt": (None, None)}


# ---------------------------------------------------------------------- (3) short briefs
def test_a_short_indonesian_brief_is_indonesian():
    assert detect_language(BRIEF_ID) == "id"
    assert detect_language("Defense Minister Ahn met Hegseth in Seoul.") == "en"
    assert detect_language("Bonjour tout le monde") == "unknown"


@pytest.mark.slow
def test_a_short_brief_yields_its_officials_and_lang_forces_a_language(tmp_path):
    import kg

    (tmp_path / "brief.txt").write_text(BRIEF_ID)
    graph = kg.build([tmp_path])
    assert graph.meta["documents"][0]["lang"] == "id"
    assert {e.label for e in graph.entities(type="official")} >= {
        "Sjafrie Sjamsoeddin", "Gen Nakatani"}
    assert graph.stats()["edges"].get("meeting") == 1
    forced = kg.build([tmp_path], lang="en")
    assert forced.meta["documents"][0]["lang"] == "en"


def test_build_rejects_an_unsupported_forced_language():
    from kg.errors import InputError
    from kg.pipeline import build

    with pytest.raises(InputError, match="unsupported language"):
        build([SEEDS], lang="fr")


def test_cli_build_takes_lang():
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["build", "--lang", "fr", str(SEEDS)])
    assert result.exit_code == 2 and "--lang" in result.output


# ---------------------------------------------------------------------- (4) document ids
def test_document_ids_do_not_depend_on_how_the_path_was_typed(tmp_path, monkeypatch):
    monkeypatch.chdir(SEEDS.parent)
    typed = [d.id for d in read_inputs(["seeds"]).documents]
    absolute = [d.id for d in read_inputs([str(SEEDS.resolve())]).documents]
    dotted = [d.id for d in read_inputs([f"./seeds/../{SEEDS.name}/"]).documents]
    assert typed == absolute == dotted == sorted(p.name for p in SEEDS.glob("*.txt"))
    one = read_inputs([os.path.abspath(SEEDS / typed[0])]).documents[0]
    assert one.id == typed[0]


def test_same_relative_name_in_two_folders_stays_two_documents(tmp_path):
    for folder in ("en", "id"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(f"Text {folder}.")
    ids = [d.id for d in read_inputs([tmp_path / "en", tmp_path / "id"]).documents]
    assert ids == ["a.txt", "id/a.txt"]


@pytest.mark.slow
def test_seed_visit_of_november_2025_is_not_dated_2024(seed_graph):
    from kg.errors import NoPathError

    graph, _ = seed_graph
    dates = {d["id"]: d["date"] for d in graph.meta["documents"]}
    assert dates["000_e3b3ce5373a5f8cc.txt"] == "2025-11-03"  # "on Nov. 3 ... on Monday"
    try:
        early = graph.path("ahn", "hegseth", until="2024-12-31")
    except NoPathError:
        return
    assert all("2024-11-03" not in hop.dates for hop in early.hops)
