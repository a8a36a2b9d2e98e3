"""terms.yml is loaded through the same pydantic + line-map machinery as every data file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.model.problems import UserError
from kb.model.terms import TERMS_FILE, load_terms

ROOT = Path(__file__).resolve().parent.parent
GOOD = '# Terms\n- vi: "Báo cáo"\n  en: "Report"\n- vi: "tình trạng"\n  en: "state"\n'


def test_project_terms_load() -> None:
    terms = load_terms(ROOT / "docs")
    assert terms[0].vi == "Báo cáo"
    assert terms[0].en == "Report"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '  en: "Report"',
            '  en: ["Report"',
            "4: invalid YAML: expected ',' or ']', but got '-'",
        ),
        (
            '  en: "Report"',
            "  en: 5",
            "3: term 1 'Báo cáo': field 'en': Input should be a valid string",
        ),
        ('  en: "Report"', '  en: ""', "3: term 1 'Báo cáo': field 'en' is empty"),
        (
            '  en: "Report"\n',
            '  en: "Report"\n  colour: red\n',
            "4: term 1 'Báo cáo': unknown field 'colour'",
        ),
        ('  en: "Report"\n', "", "2: term 1 'Báo cáo': field 'en' is missing"),
        ('"tình trạng"', '"Báo cáo"', "4: term 2 'Báo cáo': duplicate term (first at line 2)"),
        (GOOD, "terms:\n  Báo cáo: Report\n", "1: the file must be a list of '- vi: ... en: ...'"),
    ],
)
def test_bad_terms_are_named_at_their_line(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    (tmp_path / "_data").mkdir()
    assert old in GOOD
    (tmp_path / TERMS_FILE).write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(UserError) as raised:
        load_terms(tmp_path)
    assert [str(p) for p in raised.value.problems] == [f"docs/{TERMS_FILE}:{expected}"]
