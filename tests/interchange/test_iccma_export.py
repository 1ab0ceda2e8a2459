"""ICCMA export of judged scenarios, checked by Overture's ICCMA interface and by clingo."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from overture.af import ArgumentationFramework, credulously_accepted, skeptically_accepted
from overture.af.iccma_io import parse_af, read_af
from overture.cli.main import app
from overture.doctrine import Doctrine, load_doctrine, shipped_scenarios
from overture.doctrine.model import Scenario
from overture.errors import InputError
from overture.interchange.asp import ClingoAcceptance
from overture.interchange.iccma import export_iccma, mapping_path_for
from overture.verdict import evaluate

pytest.importorskip("clingo")

DOCTRINE = load_doctrine("iran-us")
SCENARIOS: dict[str, Scenario | Path] = {
    **{f"file:{k}": v for k, v in shipped_scenarios().items()},
    **{f"test:{t.id}": t.scenario for t in DOCTRINE.tests},
}
ASP_NAMES = {"GR": "grounded", "CO": "complete", "PR": "preferred", "ST": "stable"}
runner = CliRunner()


def read_af_text(text: str) -> ArgumentationFramework:
    return parse_af(text.encode(), "i23")


def overture_af(path: Path, problem: str, argument: int) -> bool:
    result = runner.invoke(app, ["af", "-p", problem, "-f", str(path), "-a", str(argument)])
    assert result.exit_code == 0, result.output
    first = result.output.split()[0]
    assert first in ("YES", "NO"), result.output
    return first == "YES"


@pytest.mark.parametrize("semantics", ["GR", "CO", "PR"])
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_exported_framework_gives_the_same_acceptance_in_overture_and_clingo(
    name: str, semantics: str, tmp_path: Path
) -> None:
    ev = evaluate(SCENARIOS[name], DOCTRINE, semantics)
    export = export_iccma(ev)
    af_path = tmp_path / "scenario.af"
    mapping_file = export.write(af_path)
    assert mapping_file == mapping_path_for(af_path) and mapping_file.exists()
    mapping = json.loads(mapping_file.read_text())
    # the file is plain ICCMA 2023: the af reader gets the same attacks back
    back = read_af(af_path)
    assert back.n == ev.aspic.af.n and back.attacks() == ev.aspic.af.attacks()
    assert [a["number"] for a in mapping["arguments"]] == list(range(1, back.n + 1))
    asp = ClingoAcceptance(back, ASP_NAMES[semantics])  # type: ignore[arg-type]
    pro, con = mapping["question_arguments"]["for"], mapping["question_arguments"]["against"]
    if not (pro or con):  # nothing said yet that bears on the question
        assert ev.verdict.value == "undecided"
    # Overture's ICCMA interface answers for the first argument on each side (each call is a
    # process-like CLI run); clingo and the mapping's expectations are checked for all of them.
    via_cli = {numbers[0] for numbers in (pro, con) if numbers}
    answers: dict[tuple[str, int], bool] = {}
    for query in mapping["queries"]:
        number, problem = query["argument"], query["problem"]
        theirs = (
            asp.credulous(number - 1) if problem.startswith("DC") else asp.skeptical(number - 1)
        )
        assert theirs == (query["expected"] == "YES"), (problem, number)
        if number in via_cli:
            assert overture_af(af_path, problem, number) == theirs, (problem, number)
        answers[(problem[:2], number)] = theirs
    # and the verdict reads off those answers
    yes = any(answers[("DS", n)] for n in pro)
    no = any(answers[("DS", n)] for n in con)
    if ev.verdict.value == "permitted":
        assert yes and not no
    elif ev.verdict.value == "forbidden":
        assert no and not yes
    else:
        assert not (yes ^ no)


def test_exported_file_is_read_by_the_overture_binary_in_a_subprocess(tmp_path: Path) -> None:
    ev = evaluate(SCENARIOS["file:us_deal_2016_nuclear_conditions_met"], DOCTRINE, "GR")
    export = export_iccma(ev)
    path = tmp_path / "x.af"
    export.write(path)
    number = (export.question_arguments["against"] or export.question_arguments["for"])[0]
    exe = shutil.which("overture", path=str(Path(sys.executable).parent))
    cmd = [exe] if exe else [sys.executable, "-m", "overture.cli.main"]
    out = subprocess.run(
        [*cmd, "af", "-p", "DC-GR", "-f", str(path), "-a", str(number)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    expected = export.mapping["arguments"][number - 1]["credulous"]
    assert out.stdout.split()[0] == ("YES" if expected else "NO")


def test_iccma_text_has_no_comments_and_one_line_per_attack() -> None:
    ev = evaluate(SCENARIOS["file:us_conveying_2006_iraq"], DOCTRINE, "GR")
    export = export_iccma(ev)
    lines = export.text.splitlines()
    assert lines[0] == f"p af {ev.aspic.af.n}"
    assert len(lines) == 1 + ev.aspic.af.num_attacks
    assert all(not line.startswith("#") for line in lines)
    m = export.mapping
    assert m["format"] == "overture-iccma-mapping" and m["verdict"] == ev.verdict.value
    ids = {a["id"] for a in m["arguments"]}
    assert ids == {a.id for a in ev.arguments}


@settings(max_examples=40)
@given(data=st.data(), semantics=st.sampled_from(["GR", "PR", "ST", "CO"]))
def test_generated_scenarios_agree_between_overture_and_clingo(
    data: st.DataObject,
    semantics: str,
    doctrine_strategy: st.SearchStrategy[Doctrine],
    scenario_strategy: st.SearchStrategy[Scenario],
) -> None:
    doctrine = data.draw(doctrine_strategy)
    scenario = data.draw(scenario_strategy)
    try:
        ev = evaluate(scenario, doctrine, semantics)
    except InputError:
        assume(False)  # e.g. a preference cycle made by the random policies
    export = export_iccma(ev)
    af = read_af_text(export.text)
    asp = ClingoAcceptance(af, ASP_NAMES[semantics])  # type: ignore[arg-type]
    for entry in export.mapping["arguments"]:
        i = entry["number"] - 1
        dc = credulously_accepted(af, i, semantics)[0]
        ds = skeptically_accepted(af, i, semantics)[0]
        assert dc == asp.credulous(i) == entry["credulous"], entry
        assert ds == asp.skeptical(i) == entry["skeptical"], entry


@pytest.mark.peers
@pytest.mark.parametrize("name", sorted(k for k in SCENARIOS if k.startswith("file:")))
def test_python_argumentation_reads_the_export_and_agrees_on_the_question(name: str) -> None:
    """A peer library's own ICCMA 2023 reader (it has no comment handling) and semantics."""
    reader = pytest.importorskip(
        "py_arg.import_export.argumentation_framework_from_iccma23_format_reader"
    )
    grounded = pytest.importorskip("py_arg.algorithms.semantics.get_grounded_extension")
    preferred = pytest.importorskip("py_arg.algorithms.semantics.get_preferred_extensions")
    for sem in ("GR", "PR"):
        export = export_iccma(evaluate(SCENARIOS[name], DOCTRINE, sem))
        if sem == "PR" and export.af.n > 12:
            continue  # the peer enumerates preferred extensions in exponential time
        peer_af = reader.ArgumentationFrameworkFromICCMA23FormatReader.from_iccma23(export.text)
        assert len(peer_af.arguments) == export.af.n
        assert len(peer_af.defeats) == export.af.num_attacks
        if sem == "GR":
            exts = [{a.name for a in grounded.get_grounded_extension(peer_af)}]
        else:
            exts = [{a.name for a in e} for e in preferred.get_preferred_extensions(peer_af)]
        for entry in export.mapping["arguments"]:
            label = f"A{entry['number']}"
            assert entry["credulous"] == any(label in e for e in exts), (sem, entry)
            assert entry["skeptical"] == all(label in e for e in exts), (sem, entry)
