"""Small hand-built knowledge graphs shared by the query, export and CLI tests.

No spaCy: these graphs are made with :meth:`KnowledgeGraph.add_entity` and
:meth:`KnowledgeGraph.add_relation` only.
"""

from __future__ import annotations

from pathlib import Path

from kg.graph import KnowledgeGraph

D_JSA = "seeds/000_jsa_visit.txt"          # 2024-11-03
D_SEOUL = "seeds/001_hegseth_seoul.txt"   # 2025-11-03
D_SCM = "seeds/002_scm_2023.txt"          # 2023-11-13
D_TOKYO = "seeds/004_nakatani_ahn.txt"    # 2025-09-08
D_SUMMIT = "seeds/005_summit_2024.txt"    # 2024-06-01
D_PYONGYANG = "seeds/006_pyongyang.txt"   # 2024-01-20

NAKATANI = "official:gen-nakatani"
AHN = "official:ahn-gyu-back"
HEGSETH = "official:pete-hegseth"
AUSTIN = "official:lloyd-austin"
LEE_JS = "official:lee-jong-sup"
LEE_JM = "official:lee-jae-myung"
KIM = "official:kim-jong-un"
CHOE = "official:choe-son-hui"
SCM = "forum:security-consultative-meeting"
MND = "agency:ministry-of-national-defense"

OFFICIALS = {
    NAKATANI: ("Gen Nakatani", "Minister of Defense", "JP", ["Gen Nakatani"]),
    AHN: ("Ahn Gyu-back", "Defense Minister", "KR",
          ["Ahn Gyu-back", "Ahn Gyu-baek", "Ahn Gyu-Back", "Minister Ahn"]),
    HEGSETH: ("Pete Hegseth", "Secretary of Defense", "US", ["Pete Hegseth"]),
    AUSTIN: ("Lloyd Austin", "Secretary of Defense (former)", "US", ["Lloyd Austin"]),
    LEE_JS: ("Lee Jong-sup", "Defense Minister (former)", "KR", ["Lee Jong-sup", "Lee"]),
    LEE_JM: ("Lee Jae Myung", "President", "KR", ["Lee Jae Myung", "Lee Jaemyung", "Lee"]),
    KIM: ("Kim Jong-un", "Leader", "KP", ["Kim Jong-un", "Kim Jong Un"]),
    CHOE: ("Choe Son-hui", "Foreign Minister", "KP", ["Choe Son-hui"]),
}


def ev(doc: str, sentence: str, date: str | None, start: int = 0) -> dict:
    """One evidence entry (``date`` omitted when ``None``)."""
    item = {"doc": doc, "sentence": sentence, "start": start, "end": start + len(sentence)}
    if date:
        item["date"] = date
    return item


def diplomacy_graph() -> KnowledgeGraph:
    """Japan's and Korea's defence ministers, two U.S. secretaries, the SCM, some noise.

    Shortest Nakatani -> Hegseth: meeting (1.0) + meeting with two documents
    (0.75) = 1.75, shorter than the direct co_appearance (4.0, dated 2024-06-01).
    Kim Jong-un and Choe Son-hui form a separate component.
    """
    kg = KnowledgeGraph()
    kg.meta["documents"] = [
        {"id": D_JSA, "date": "2024-11-03"}, {"id": D_SEOUL, "date": "2025-11-03"},
        {"id": D_SCM, "date": "2023-11-13"}, {"id": D_TOKYO, "date": "2025-09-08"},
        {"id": D_SUMMIT, "date": "2024-06-01"}, {"id": D_PYONGYANG, "date": "2024-01-20"},
    ]
    for node, (label, role, country, aliases) in OFFICIALS.items():
        kg.add_entity(node, label=label, type="official", role=role, country=country,
                      aliases=aliases, docs=[D_JSA], mentions=2)
    kg.add_entity(SCM, label="Security Consultative Meeting", type="forum",
                  aliases=["Security Consultative Meeting", "SCM"], docs=[D_SCM], mentions=3)
    kg.add_entity(MND, label="Ministry of National Defense", type="agency", country="KR",
                  aliases=["Ministry of National Defense", "Kementerian Pertahanan Nasional"],
                  docs=[D_JSA, D_TOKYO], mentions=4)

    kg.add_relation(NAKATANI, AHN, "meeting", evidence=[
        ev(D_TOKYO, "Ahn Gyu-Back and Japanese Defense Minister Gen Nakatani held official "
               "talks in Seoul on September 8, 2025.", "2025-09-08", 0),
        ev(D_TOKYO, "Ahn and Nakatani agreed to expand defence exchanges.", "2025-09-08", 400),
    ])
    kg.add_relation(AHN, HEGSETH, "meeting", evidence=[
        ev(D_JSA, "South Korean Defense Minister Ahn Gyu-back shakes hands with U.S. Defense "
              "Secretary Pete Hegseth at Panmunjom.", "2024-11-03", 116),
        ev(D_SEOUL, "Secretary Hegseth will visit the JSA together with Defense Minister "
                "Ahn Gyu-baek.", "2025-11-03", 576),
    ])
    kg.add_relation(AHN, HEGSETH, "co_appearance", evidence=[
        ev(D_JSA, "Ahn and Hegseth then received a briefing.", "2024-11-03", 1200),
    ])
    kg.add_relation(NAKATANI, HEGSETH, "co_appearance", evidence=[
        ev(D_SUMMIT, "Nakatani and Hegseth both spoke at the summit.", "2024-06-01", 10),
    ])
    kg.add_relation(AUSTIN, LEE_JS, "meeting", evidence=[
        ev(D_SCM, "Austin and Lee Jong-sup co-chaired the 55th SCM in Seoul.", "2023-11-13", 0),
    ])
    for official in (AUSTIN, LEE_JS, AHN):
        date = "2023-11-13" if official != AHN else None
        kg.add_relation(official, SCM, "attended", evidence=[
            ev(D_SCM, f"{OFFICIALS[official][0]} attended the SCM.", date, 100),
        ])
    kg.add_relation(AHN, MND, "affiliated", evidence=[
        ev(D_JSA, "Ahn Gyu-back, the head of the Ministry of National Defense, said ...",
           "2024-11-03", 900),
    ])
    kg.add_relation(LEE_JM, HEGSETH, "co_appearance", evidence=[
        ev(D_JSA, "Hegseth will pay a courtesy call on President Lee Jae Myung.", "2024-11-03",
           1400),
    ])
    kg.add_relation(KIM, CHOE, "co_appearance", evidence=[
        ev(D_PYONGYANG, "Kim Jong-un and Choe Son-hui received the delegation.", "2024-01-20"),
    ])
    return kg


def write_graph(folder: Path, kg: KnowledgeGraph | None = None, name: str = "graph.json") -> Path:
    """Save ``kg`` (default :func:`diplomacy_graph`) in ``folder`` and return the file."""
    return (kg or diplomacy_graph()).save(folder / name)


def chain_graph(pairs: list[tuple[str, str, str, int]]) -> KnowledgeGraph:
    """Officials named by single letters, edges ``(a, b, kind, n_docs)``.

    Node ids are the letters, labels their upper case.
    """
    kg = KnowledgeGraph()
    for a, b, _, _ in pairs:
        for node in (a, b):
            if node not in kg:
                kg.add_entity(node, label=node.upper(), type="official")
    for a, b, kind, n_docs in pairs:
        kg.add_relation(a, b, kind, evidence=[
            ev(f"doc{i}", f"{a} and {b} ({kind}).", "2023-02-01") for i in range(n_docs)
        ])
    return kg
