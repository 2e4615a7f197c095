"""Every proof in proofs/ reproduces its published claims and its committed report."""

from pathlib import Path

import pytest

from gametheory_alliances.report import ClaimFailed, Report, load_proof

PROOFS = Path(__file__).resolve().parents[1] / "proofs"
SCRIPTS = sorted(p for p in PROOFS.glob("*.py") if not p.name.startswith("_"))


def test_there_are_proofs():
    assert SCRIPTS


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_proof_reproduces_its_claims_and_its_report(script):
    report = load_proof(script)
    report.verify()
    assert report.claims, f"{script.name} checks no claim"
    committed = PROOFS / f"{report.name}.md"
    assert committed.is_file(), (
        f"run python {script.relative_to(PROOFS.parent)} to write its report"
    )
    assert report.markdown() == committed.read_text(encoding="utf-8"), (
        f"{committed.name} is out of date or the derivation changed"
    )


def test_a_failed_claim_is_reported_and_raises():
    report = Report("toy", "Toy")
    report.claim("one equals two", 1 == 2, "it does not")
    assert "NOT REPRODUCED" in report.markdown()
    with pytest.raises(ClaimFailed, match="one equals two"):
        report.verify()
